//! Feelings: check-ins and their visibility, answers, the reciprocity invitation, insights on a
//! fixed data set, the needs profile, together mode with a little one, the toolbox and the
//! guides (hers, and his own). The helpers here serve every file of the module.

mod catalogue;
mod checkins;
mod guides;
mod insights;
mod invitations;
mod safety;
mod son_guide;
mod words;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use tandem::mail::MailKind;

use crate::both_backends;
use crate::family::{born_years_ago, member_id};
use crate::harness::{Response, TestApp, User, en, en_with};

/// Posts a check-in and returns its id, read off the redirect to the saved page.
pub(crate) async fn check_in(
    app: &TestApp,
    who: &User,
    bond: &str,
    form: &[(&str, &str)],
) -> String {
    let response = app
        .post(who, &format!("/bonds/{bond}/feelings"), form)
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let prefix = format!("/bonds/{bond}/feelings/");
    let id = response
        .location()
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("?saved=1"))
        .unwrap_or_else(|| panic!("unexpected redirect {:?}", response.location()));
    id.to_owned()
}

/// A check-in row as stored: author, made together, word id, own word, quadrant, visibility.
type Row = (String, bool, Option<String>, Option<String>, String, String);

async fn stored(app: &TestApp, id: &str) -> Row {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_as::<_, Row>(
        "SELECT author_id, made_together, feeling_id, custom_word, quadrant, visibility
         FROM checkins WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap()
}

/// A member's time zone as stored (the one given at sign-up or acceptance).
async fn tz_of(app: &TestApp, name: &str) -> Tz {
    let mut conn = app.db().conn().await.unwrap();
    let tz: String = tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT time_zone FROM members WHERE display_name = $1"
    )
    .bind(name)
    .fetch_one(c)
    .await)
    .unwrap();
    tz.parse().unwrap()
}

fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// "2026-W47": the ISO week label of a day.
fn week_label(day: NaiveDate) -> String {
    day.format("%G-W%V").to_string()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// The rows of the insights tables, read by their header cell.
trait TableRows {
    /// A row headed `label` has exactly these cells (the reader's first, then the partner's).
    fn assert_row(&self, label: &str, cells: &[&str]) -> &Self;
}

impl TableRows for Response {
    #[track_caller]
    fn assert_row(&self, label: &str, cells: &[&str]) -> &Self {
        let html = self.html();
        let (row, head, cell) = (
            scraper::Selector::parse("tr").unwrap(),
            scraper::Selector::parse("th[scope=row]").unwrap(),
            scraper::Selector::parse("td").unwrap(),
        );
        let text = |e: scraper::ElementRef| e.text().collect::<String>();
        let found: Vec<Vec<String>> = html
            .select(&row)
            .filter(|tr| tr.select(&head).next().map(text).as_deref() == Some(label))
            .map(|tr| tr.select(&cell).map(text).collect())
            .collect();
        assert!(
            found.iter().any(|c| c == cells),
            "expected a row {label:?} reading {cells:?}; the rows {label:?} read {found:?}"
        );
        self
    }
}

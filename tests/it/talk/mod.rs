//! Talk: the question of the day (answers revealed only once both answered, bad input, skip and
//! another, time-zone day boundaries, a simulated year without repeats, decks, history search,
//! Today), talk requests, repairs and replies. The helpers here serve every file of the module.

mod bad_input;
pub(crate) mod catalogue;
mod coach;
mod drawing;
mod history;
mod repairs;
mod replies;
mod requests;
mod reveal;
mod skip_and_another;
mod time_zones;

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use tandem::{
    family::{FamilyId, member_in_family},
    privacy::BondAccess,
    talk::{
        daily::{self, Day},
        questions::{self, Question},
    },
};

use crate::both_backends;
use crate::family::member_id;
use crate::harness::{Response, TestApp, User, en};

fn talk(bond: &str) -> String {
    format!("/bonds/{bond}/talk")
}

pub(crate) fn day_path(bond: &str, day: NaiveDate) -> String {
    format!("/bonds/{bond}/talk/{day}")
}

fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// Gives a member (by name) another home time zone.
pub(crate) async fn move_to(app: &TestApp, name: &str, tz: &str) {
    app.exec(
        "UPDATE members SET time_zone = $1 WHERE display_name = $2",
        &[tz, name],
    )
    .await;
}

/// Rosa and Iker (15) in one time zone, so that "today" is the same day for both.
pub(crate) async fn same_day_pair(app: &TestApp) -> (User, User, String, NaiveDate) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    move_to(app, "Rosa", "America/Toronto").await;
    // Signing up, Rosa was in Lisbon, and the pair's question was drawn for Lisbon's day:
    // from midnight there until midnight in Toronto, that is tomorrow in Toronto. Nothing was
    // answered yet: the pair's question is drawn again for the day they now share.
    for table in ["question_offers", "daily_questions"] {
        app.exec(&format!("DELETE FROM {table} WHERE bond_id = $1"), &[&bond])
            .await;
    }
    let day = today_in(chrono_tz::America::Toronto);
    draw(app, &access_as(app, "Rosa", &bond).await, day).await;
    (mum, son, bond, day)
}

/// Text as the templates print it (HTML-escaped).
fn html(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// A question as Rosa reads it: her side, naming Iker where it says `{name}`.
fn her_words(q: &Question) -> String {
    q.for_mother().replace(questions::OTHER_NAME, "Iker")
}

/// A question as Iker reads it: his side, naming Rosa where it says `{name}`.
fn his_words(q: &Question) -> String {
    q.for_son().replace(questions::OTHER_NAME, "Rosa")
}

/// The day a question page is about, read off its forms (`/talk/YYYY-MM-DD/...`).
#[track_caller]
fn day_on_page(page: &Response) -> NaiveDate {
    page.select_attr("form", "action")
        .iter()
        .filter_map(|action| action.split("/talk/").nth(1))
        .filter_map(|rest| rest.get(..10))
        .find_map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| panic!("no day on the page:\n{}", page.body))
}

/// A row of `daily_questions` as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
struct Stored {
    day: NaiveDate,
    question_id: String,
    topic: String,
    mother_state: Option<String>,
    son_state: Option<String>,
    revealed: bool,
}

impl Stored {
    fn question(&self) -> &'static Question {
        questions::by_id(&self.question_id).expect("a question of the library")
    }
}

/// Every day the bond had, oldest first.
async fn stored_days(app: &TestApp, bond: &str) -> Vec<Stored> {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_as::<_, Stored>(
        "SELECT day, question_id, topic, mother_state, son_state, revealed_at IS NOT NULL AS revealed
         FROM daily_questions WHERE bond_id = $1 ORDER BY day"
    )
    .bind(bond)
    .fetch_all(c)
    .await)
    .unwrap()
}

async fn stored_day(app: &TestApp, bond: &str, day: NaiveDate) -> Stored {
    stored_days(app, bond)
        .await
        .into_iter()
        .find(|d| d.day == day)
        .unwrap_or_else(|| panic!("no question stored for {day}"))
}

/// Every answer as stored: author's name, day, visibility, body (by day, then author).
async fn stored_answers(app: &TestApp) -> Vec<(String, NaiveDate, String, String)> {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_as::<
        _,
        (String, NaiveDate, String, String),
    >(
        "SELECT m.display_name, a.day, a.visibility, a.body FROM answers a
         JOIN members m ON m.id = a.author_id ORDER BY a.day, m.display_name"
    )
    .fetch_all(c)
    .await)
    .unwrap()
}

/// The questions offered to the bond on a day, by id.
async fn offers(app: &TestApp, bond: &str, day: NaiveDate) -> Vec<String> {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT question_id FROM question_offers WHERE bond_id = $1 AND day = $2 ORDER BY question_id"
    )
    .bind(bond)
    .bind(day)
    .fetch_all(c)
    .await)
    .unwrap()
}

/// The bond opened as one of its members (by name), as the app's own code opens it.
pub(crate) async fn access_as(app: &TestApp, name: &str, bond: &str) -> BondAccess {
    let id = member_id(app, name).await;
    let mut conn = app.db().conn().await.unwrap();
    let family: String = tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT family_id FROM members WHERE id = $1"
    )
    .bind(&id)
    .fetch_one(c)
    .await)
    .unwrap();
    let member = member_in_family(&mut conn, &FamilyId(family), &id)
        .await
        .unwrap();
    BondAccess::open_as_system(&mut conn, &member, bond)
        .await
        .unwrap()
}

/// Draws (or finds) the bond's question of a day through the app's own function.
async fn draw(app: &TestApp, access: &BondAccess, day: NaiveDate) -> Day {
    daily::of_day(app.db(), access, day).await.unwrap()
}

/// Posts an answer and expects the redirect back to the day.
pub(crate) async fn answer(app: &TestApp, who: &User, bond: &str, day: NaiveDate, body: &str) {
    let response = app
        .post(
            who,
            &format!("{}/answer", day_path(bond, day)),
            &[("body", body)],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(response.location(), day_path(bond, day));
}

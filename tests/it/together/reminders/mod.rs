//! Plan reminders: due the evening before on each member's own clock, batched into one mail,
//! sent exactly once across restarts and workers, within the weekly cap, quiet hours and the
//! member's channels; never for a cancelled occurrence, and for a moved one only at its new
//! time; never to a son without a login. The helpers here serve both files.

mod delivery;
mod reflect;
mod timing;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, DurationRound, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::{America::Toronto, Europe::Lisbon, Tz};
use tandem::{
    db_run,
    plans::{self, NewChange, NewPlan, Recurrence, schedule},
    reminders::plans as reminders,
};

use crate::both_backends;
use crate::family::{born_years_ago, member_id};
use crate::harness::{TestApp, User, en};
use crate::talk::access_as;

/// A one-hour plan made by `author` (by name) in `tz`, starting at `start`. It was made days
/// ago, as most plans are, so both members are reminded of it.
pub(crate) async fn plan_at(
    app: &TestApp,
    author: &str,
    bond: &str,
    title: &str,
    start: DateTime<Utc>,
    tz: Tz,
) -> String {
    let access = access_as(app, author, bond).await;
    let plan = NewPlan {
        activity_id: None,
        title: title.into(),
        place: String::new(),
        tz,
        starts_local: start.with_timezone(&tz).naive_local(),
        minutes: 60,
        recurrence: Recurrence::Once,
        until_day: None,
    };
    // Made three days ago by the app's clock, which then comes back to today.
    let clock = app.clock();
    clock.advance(-Duration::days(3));
    let mut conn = app.db().conn().await.unwrap();
    let made = clock
        .scope(plans::insert(&mut conn, &access, false, &plan))
        .await;
    drop(conn);
    clock.advance(Duration::days(3));
    made.unwrap()
}

/// A start `hours` from now, on a whole minute.
pub(crate) fn in_hours(hours: i64) -> DateTime<Utc> {
    (Utc::now() + Duration::hours(hours))
        .duration_trunc(TimeDelta::minutes(1))
        .unwrap()
}

/// Saves a member's reminder settings through the page.
async fn set_reminders(app: &TestApp, who: &User, in_app: bool, email: bool, quiet: (&str, &str)) {
    let mut form = vec![
        ("quiet_start", quiet.0),
        ("quiet_end", quiet.1),
        ("weekly_cap", "3"),
    ];
    if in_app {
        form.push(("in_app", "on"));
    }
    if email {
        form.push(("email", "on"));
    }
    app.post(who, "/settings/reminders", &form)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

/// Both members reminded by mail and in the app, without quiet hours, so that the time of
/// day the tests run at does not matter.
/// Rosa and her son Iker (15), after the notice that he joined went out: the reminders
/// tests count nudges, deliveries and mails of plans only.
pub(crate) async fn settled_family(app: &TestApp) -> (User, User, String) {
    let family = app.mother_and_son(15).await;
    app.run_jobs().await;
    app.exec("DELETE FROM nudges WHERE kind IN ('joined', 'left')", &[])
        .await;
    app.exec("DELETE FROM nudge_deliveries", &[]).await;
    app.exec("DELETE FROM outbox WHERE kind = 'reminder'", &[])
        .await;
    family
}

async fn no_quiet_hours(app: &TestApp, people: &[&User]) {
    for who in people {
        set_reminders(app, who, true, true, ("00:00", "00:00")).await;
    }
}

/// The hourly sweep as its job runs, followed by every delivery it made due.
pub(crate) async fn sweep_and_deliver(app: &TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    // A sweep for this very instant: its key (the time, to the nanosecond) is new each call.
    let now = Utc::now();
    tandem::jobs::enqueue(&mut conn, &reminders::Sweep { at: now }, now)
        .await
        .unwrap();
    drop(conn);
    app.run_jobs().await;
    assert_no_failed_jobs(app).await;
}

pub(crate) async fn assert_no_failed_jobs(app: &TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    let errors: Vec<String> = db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT last_error FROM jobs WHERE last_error IS NOT NULL"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert!(errors.is_empty(), "jobs failed: {errors:?}");
}

/// Time passes: nudges waiting for delivery become due now, and a delivery runs for each of
/// their members (as the job scheduled for their time would).
pub(crate) async fn make_due_now(app: &TestApp) {
    let now = Utc::now() - Duration::seconds(1);
    app.exec_at(
        "UPDATE nudges SET due_at = $1 WHERE delivery_id IS NULL AND void_at IS NULL",
        now,
        &[],
    )
    .await;
    let mut conn = app.db().conn().await.unwrap();
    let waiting: Vec<(String, String)> = db_run!(&mut conn, |c| sqlx::query_as(
        "SELECT DISTINCT m.family_id, m.id FROM nudges n JOIN members m ON m.id = n.member_id
         WHERE n.delivery_id IS NULL AND n.void_at IS NULL"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    for (family_id, member_id) in waiting {
        let job = tandem::reminders::DeliverNudges {
            family_id: tandem::family::FamilyId(family_id),
            member_id: tandem::family::MemberId(member_id),
            at: now,
        };
        tandem::jobs::enqueue(&mut conn, &job, now).await.unwrap();
    }
}

/// A member's nudges: subject, due time, delivered or not, why void (oldest first).
async fn nudges_of(
    app: &TestApp,
    name: &str,
) -> Vec<(String, DateTime<Utc>, bool, Option<String>)> {
    let id = member_id(app, name).await;
    let mut conn = app.db().conn().await.unwrap();
    db_run!(&mut conn, |c| sqlx::query_as::<
        _,
        (String, DateTime<Utc>, Option<DateTime<Utc>>, Option<String>),
    >(
        "SELECT subject, due_at, delivered_at, void_reason FROM nudges
         WHERE member_id = $1 ORDER BY created_at, subject"
    )
    .bind(&id)
    .fetch_all(c)
    .await)
    .unwrap()
    .into_iter()
    .map(|(s, d, delivered, void)| (s, d, delivered.is_some(), void))
    .collect()
}

/// Reminder mails to a member.
async fn reminder_mails(app: &TestApp, who: &User) -> Vec<tandem::mail::OutboxMail> {
    app.mail_to(&who.email)
        .await
        .into_iter()
        .filter(|m| m.kind == tandem::mail::MailKind::Reminder)
        .collect()
}

fn second_sunday_of_march(year: i32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Sun, 2).unwrap()
}

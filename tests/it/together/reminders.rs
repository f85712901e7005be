//! Plan reminders: due the evening before on each member's own clock, batched into one mail,
//! sent exactly once across restarts and workers, within the weekly cap, quiet hours and the
//! member's channels; never for a cancelled occurrence, and for a moved one only at its new
//! time; never to a son without a login.

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, DurationRound, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::{America::Toronto, Europe::Lisbon, Tz};
use serde_json::json;
use tandem::{
    db_run,
    together::{
        plans::{self, NewChange, NewPlan, Recurrence, schedule},
        reminders,
    },
};

use crate::family::{born_years_ago, member_id};
use crate::harness::{TestApp, User};
use crate::on_both_backends;
use crate::talk::access_as;

/// A one-hour plan made by `author` (by name) in `tz`, starting at `start`. It was made days
/// ago, as most plans are, so both members are reminded of it.
async fn plan_at(
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
    let mut conn = app.db().conn().await.unwrap();
    let id = plans::insert(&mut conn, &access, false, &plan)
        .await
        .unwrap();
    drop(conn);
    app.exec_at(
        "UPDATE plans SET created_at = $1 WHERE id = $2",
        Utc::now() - Duration::days(3),
        &[&id],
    )
    .await;
    id
}

/// A start `hours` from now, on a whole minute.
fn in_hours(hours: i64) -> DateTime<Utc> {
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
async fn no_quiet_hours(app: &TestApp, people: &[&User]) {
    for who in people {
        set_reminders(app, who, true, true, ("00:00", "00:00")).await;
    }
}

/// The hourly sweep as its job runs, followed by every delivery it made due.
async fn sweep_and_deliver(app: &TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    let key = format!("test-{}", tandem::db::new_id());
    tandem::jobs::enqueue(
        &mut conn,
        reminders::SWEEP_JOB,
        &key,
        &json!({}),
        Utc::now(),
    )
    .await
    .unwrap();
    drop(conn);
    app.run_jobs().await;
    assert_no_failed_jobs(app).await;
}

async fn assert_no_failed_jobs(app: &TestApp) {
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
async fn make_due_now(app: &TestApp) {
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
        let key = format!("test-{}", tandem::db::new_id());
        let payload = json!({ "family_id": family_id, "member_id": member_id });
        tandem::jobs::enqueue(&mut conn, tandem::nudges::DELIVER_JOB, &key, &payload, now)
            .await
            .unwrap();
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

on_both_backends! {
    async fn the_reminder_is_due_at_six_the_evening_before_on_each_members_own_clock_across_daylight_saving(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        // Toronto moves its clocks forward in the night before this Sunday; Lisbon two weeks
        // later. The plan is at 15:00 in Lisbon (UTC+0 in early March): 11:00 in Toronto.
        let sunday = second_sunday_of_march(Utc::now().year() + 1);
        let start = sunday.and_hms_opt(15, 0, 0).unwrap().and_utc();
        plan_at(&app, "Rosa", &bond, "Kite flying", start, Lisbon).await;
        let saturday_noon = start - Duration::hours(27);
        reminders::sweep(app.db(), saturday_noon).await.unwrap();

        let for_rosa = nudges_of(&app, "Rosa").await;
        let for_iker = nudges_of(&app, "Iker").await;
        assert_eq!(for_rosa.len(), 1);
        assert_eq!(for_iker.len(), 1);
        let saturday = sunday.pred_opt().unwrap();
        assert_eq!(for_rosa[0].1, saturday.and_hms_opt(18, 0, 0).unwrap().and_utc(), "18:00 in Lisbon is 18:00 UTC");
        assert_eq!(for_iker[0].1, saturday.and_hms_opt(23, 0, 0).unwrap().and_utc(), "18:00 in Toronto is still standard time, UTC-5");
        assert_eq!(for_iker[0].1.with_timezone(&Toronto).format("%H:%M").to_string(), "18:00");
        assert_eq!(for_rosa[0].1.with_timezone(&Lisbon).format("%H:%M").to_string(), "18:00");
        assert_eq!(for_rosa[0].0, for_iker[0].0, "one subject: the occurrence and its start");

        // A second sweep an hour later proposes nothing new.
        reminders::sweep(app.db(), saturday_noon + Duration::hours(1)).await.unwrap();
        assert_eq!(app.count("nudges").await, 2);

        // When it goes out, each reads the start on their own clock.
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        make_due_now(&app).await;
        app.run_jobs().await;
        assert_no_failed_jobs(&app).await;
        let to_iker = reminder_mails(&app, &iker).await;
        let to_rosa = reminder_mails(&app, &rosa).await;
        assert_eq!((to_iker.len(), to_rosa.len()), (1, 1));
        let day = sunday.format("%-d March").to_string();
        assert!(to_iker[0].body.contains(&format!("Kite flying with Rosa: Sunday {day}, 11:00, your time.")), "{}", to_iker[0].body);
        assert!(to_rosa[0].body.contains(&format!("Kite flying with Iker: Sunday {day}, 15:00, your time.")), "{}", to_rosa[0].body);
        assert_eq!(to_iker[0].subject, format!("Reminder: Kite flying, Sunday {day}, 11:00"));
        assert!(to_iker[0].body.contains(&format!("/bonds/{bond}/together/plans")));
    }
}

on_both_backends! {
    async fn a_reminder_is_sent_exactly_once_across_reruns_and_a_restart(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        plan_at(&app, "Iker", &bond, "Pancakes", in_hours(3), Lisbon).await;
        sweep_and_deliver(&app).await;
        assert_eq!(reminder_mails(&app, &rosa).await.len(), 1);
        assert_eq!(reminder_mails(&app, &iker).await.len(), 1);

        // Another sweep, and every delivery job run again as after a crash of its worker.
        sweep_and_deliver(&app).await;
        app.exec_at(
            "UPDATE jobs SET done_at = NULL, locked_until = NULL, run_at = $1 WHERE kind = 'nudges.deliver'",
            Utc::now() - Duration::seconds(1),
            &[],
        )
        .await;
        assert!(app.run_jobs().await >= 2);
        let app = app.restart().await;
        sweep_and_deliver(&app).await;
        app.run_jobs().await;

        assert_eq!(reminder_mails(&app, &rosa).await.len(), 1);
        assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
        assert_eq!(app.count("nudge_deliveries").await, 2);
        assert_eq!(app.count("nudges WHERE delivered_at IS NOT NULL").await, 2);
    }
}

on_both_backends! {
    async fn two_workers_delivering_the_same_reminders_send_one_mail(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        plan_at(&app, "Iker", &bond, "Chess", in_hours(3), Lisbon).await;
        reminders::sweep(app.db(), Utc::now()).await.unwrap();
        // A second delivery job for the same member and moment, as a second instance might
        // have scheduled.
        let rosa_id = member_id(&app, "Rosa").await;
        app.exec(
            "INSERT INTO jobs (id, kind, job_key, payload, run_at, attempts, created_at)
             SELECT id || 'b', kind, job_key || 'b', payload, run_at, 0, created_at FROM jobs
             WHERE kind = 'nudges.deliver' AND payload LIKE '%' || $1 || '%'",
            &[&rosa_id],
        )
        .await;
        let other = tandem::AppState::start((*app.state.config).clone()).await.unwrap();
        let (worker_a, worker_b) = (app.state.worker("instance-a"), other.worker("instance-b"));
        let (a, b) = tokio::join!(
            tandem::jobs::run_due(&worker_a),
            tandem::jobs::run_due(&worker_b)
        );
        a.unwrap();
        b.unwrap();
        app.run_jobs().await;
        assert_no_failed_jobs(&app).await;
        assert_eq!(reminder_mails(&app, &rosa).await.len(), 1);
        assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
    }
}

on_both_backends! {
    async fn reminders_due_together_go_out_in_one_mail(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        plan_at(&app, "Iker", &bond, "Bike ride", in_hours(3), Lisbon).await;
        plan_at(&app, "Iker", &bond, "Cinema", in_hours(5), Lisbon).await;
        sweep_and_deliver(&app).await;
        let mails = reminder_mails(&app, &rosa).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].subject, "2 reminders from Tandem");
        let (ride, cinema) = (mails[0].body.find("Bike ride with Iker"), mails[0].body.find("Cinema with Iker"));
        assert!(ride.unwrap() < cinema.unwrap(), "soonest first: {}", mails[0].body);
        assert_eq!(app.count("nudge_deliveries").await, 2, "one batch each");
    }
}

on_both_backends! {
    async fn a_fourth_delivery_in_a_week_is_not_mailed_but_shows_on_today(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        for (n, title) in ["Walk", "Baking", "Museum", "Stargazing"].iter().enumerate() {
            plan_at(&app, "Iker", &bond, title, in_hours(3 + n as i64), Lisbon).await;
            sweep_and_deliver(&app).await;
        }
        let mails = reminder_mails(&app, &rosa).await;
        assert_eq!(mails.len(), 3, "the default cap is 3 a week");
        assert!(mails.iter().all(|m| !m.body.contains("Stargazing")));
        let rosa_id = member_id(&app, "Rosa").await;
        assert_eq!(app.count(&format!("nudge_deliveries WHERE member_id = '{rosa_id}' AND counts")).await, 3);
        assert_eq!(app.count(&format!("nudge_deliveries WHERE member_id = '{rosa_id}' AND NOT counts AND in_app")).await, 1);
        let today = app.get(&rosa, "/").await;
        today.assert_contains("Reminders").assert_contains("Stargazing").assert_contains("Walk");
    }
}

on_both_backends! {
    async fn quiet_hours_hold_a_reminder_until_they_end(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&iker]).await;
        // Quiet from an hour ago until two hours from now, on Rosa's clock.
        let local = Utc::now().with_timezone(&Lisbon).naive_local();
        let from = (local - Duration::hours(1)).format("%H:%M").to_string();
        let until = local + Duration::hours(2);
        set_reminders(&app, &rosa, true, true, (&from, &until.format("%H:%M").to_string())).await;
        let end = schedule::instant(Lisbon, until.duration_trunc(TimeDelta::minutes(1)).unwrap());
        plan_at(&app, "Iker", &bond, "Swimming", in_hours(5), Lisbon).await;
        sweep_and_deliver(&app).await;
        assert!(reminder_mails(&app, &rosa).await.is_empty());
        assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
        let waiting = nudges_of(&app, "Rosa").await;
        assert_eq!((waiting[0].1, waiting[0].2), (end, false), "due when her quiet hours end");

        // Quiet hours chosen after the reminder was scheduled hold it back at delivery too.
        plan_at(&app, "Iker", &bond, "Climbing", in_hours(6), Lisbon).await;
        set_reminders(&app, &rosa, true, true, ("00:00", "00:00")).await;
        reminders::sweep(app.db(), Utc::now()).await.unwrap();
        set_reminders(&app, &rosa, true, true, (&from, &until.format("%H:%M").to_string())).await;
        make_due_now(&app).await;
        app.run_jobs().await;
        assert!(reminder_mails(&app, &rosa).await.is_empty());
        assert!(nudges_of(&app, "Rosa").await.iter().all(|n| n.1 == end && !n.2));

        // When they are over, both go out together.
        set_reminders(&app, &rosa, true, true, ("00:00", "00:00")).await;
        make_due_now(&app).await;
        app.run_jobs().await;
        assert_no_failed_jobs(&app).await;
        let mails = reminder_mails(&app, &rosa).await;
        assert_eq!(mails.len(), 1);
        assert!(mails[0].body.contains("Swimming") && mails[0].body.contains("Climbing"));
    }
}

on_both_backends! {
    async fn with_mail_off_a_reminder_only_shows_on_today(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&iker]).await;
        set_reminders(&app, &rosa, true, false, ("00:00", "00:00")).await;
        plan_at(&app, "Iker", &bond, "Football", in_hours(3), Lisbon).await;
        sweep_and_deliver(&app).await;
        assert!(reminder_mails(&app, &rosa).await.is_empty());
        assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
        app.get(&rosa, "/").await.assert_contains("Football").assert_contains("with Iker");
        // Without mail nothing counts against the weekly cap.
        assert_eq!(app.count("nudge_deliveries WHERE counts").await, 1);
    }
}

on_both_backends! {
    async fn a_cancelled_occurrence_gets_no_reminder(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        let start = in_hours(3);
        let early = plan_at(&app, "Iker", &bond, "Zoo", start, Lisbon).await;
        let later = plan_at(&app, "Iker", &bond, "Picnic", in_hours(4), Lisbon).await;
        let cancel = |plan: String, at: DateTime<Utc>| {
            let app = &app;
            let bond = bond.clone();
            async move {
                let access = access_as(app, "Iker", &bond).await;
                let key = schedule::key_of(&plan, at.with_timezone(&Lisbon).naive_local());
                let mut conn = app.db().conn().await.unwrap();
                plans::change(&mut conn, &access, &plan, &NewChange::Cancel { occurrence: key }, "Rain").await.unwrap();
            }
        };
        // Cancelled before any sweep saw it: never proposed.
        cancel(early, start).await;
        // Cancelled after its reminder was made, before it went out: void.
        reminders::sweep(app.db(), Utc::now()).await.unwrap();
        cancel(later, in_hours(4)).await;
        app.run_jobs().await;
        assert_no_failed_jobs(&app).await;
        assert!(reminder_mails(&app, &rosa).await.is_empty());
        assert!(reminder_mails(&app, &iker).await.is_empty());
        let for_rosa = nudges_of(&app, "Rosa").await;
        assert_eq!(for_rosa.len(), 1, "only the picnic was ever proposed");
        assert_eq!(for_rosa[0].3.as_deref(), Some("changed"));
        app.get(&rosa, "/").await.assert_lacks("Picnic");
    }
}

on_both_backends! {
    async fn a_moved_occurrence_is_reminded_at_its_new_time_only(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        let start = in_hours(3);
        let plan = plan_at(&app, "Rosa", &bond, "Museum", start, Lisbon).await;
        reminders::sweep(app.db(), Utc::now()).await.unwrap();
        // Rosa moves it two hours later before the reminders go out.
        let moved = start + Duration::hours(2);
        let access = access_as(&app, "Rosa", &bond).await;
        let change = NewChange::Move {
            occurrence: schedule::key_of(&plan, start.with_timezone(&Lisbon).naive_local()),
            starts_local: moved.with_timezone(&Lisbon).naive_local(),
            minutes: 60,
        };
        let mut conn = app.db().conn().await.unwrap();
        plans::change(&mut conn, &access, &plan, &change, "Later suits us").await.unwrap();
        drop(conn);
        app.run_jobs().await;
        assert!(reminder_mails(&app, &iker).await.is_empty(), "the old time is void");
        sweep_and_deliver(&app).await;

        let to_iker = reminder_mails(&app, &iker).await;
        assert_eq!(to_iker.len(), 1);
        let new_time = moved.with_timezone(&Toronto).format("%H:%M").to_string();
        assert!(to_iker[0].body.contains(&format!("{new_time}, your time")), "{}", to_iker[0].body);
        // Rosa moved it herself, after the usual reminder time: she knows.
        assert!(reminder_mails(&app, &rosa).await.is_empty());
        let subjects: Vec<_> = nudges_of(&app, "Iker").await.into_iter().map(|n| (n.2, n.3)).collect();
        assert_eq!(subjects, vec![(false, Some("changed".to_owned())), (true, None)]);
    }
}

on_both_backends! {
    async fn who_makes_a_plan_late_is_not_reminded_of_it(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        let access = access_as(&app, "Rosa", &bond).await;
        let start = in_hours(3);
        let plan = NewPlan {
            activity_id: None,
            title: "Ice cream".into(),
            place: String::new(),
            tz: Lisbon,
            starts_local: start.with_timezone(&Lisbon).naive_local(),
            minutes: 30,
            recurrence: Recurrence::Once,
            until_day: None,
        };
        let mut conn = app.db().conn().await.unwrap();
        plans::insert(&mut conn, &access, false, &plan).await.unwrap();
        drop(conn);
        sweep_and_deliver(&app).await;
        assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
        assert!(reminder_mails(&app, &rosa).await.is_empty());
    }
}

on_both_backends! {
    async fn a_managed_son_without_a_login_gets_no_reminder(app: TestApp) {
        let rosa = app.sign_up_mother("Rosa").await;
        app.add_son(&rosa, "Tomás", &born_years_ago(4)).await;
        no_quiet_hours(&app, &[&rosa]).await;
        let bond = app.bond_ids(&rosa).await.remove(0);
        plan_at(&app, "Rosa", &bond, "Playground", in_hours(3), Lisbon).await;
        sweep_and_deliver(&app).await;
        let mails = reminder_mails(&app, &rosa).await;
        assert_eq!(mails.len(), 1);
        assert!(mails[0].body.contains("Playground with Tomás"));
        assert_eq!(nudges_of(&app, "Tomás").await.len(), 0);
        assert_eq!(app.count("nudges").await, 1);
    }
}

on_both_backends! {
    async fn a_reminder_is_dismissed_from_today_by_its_member_only(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        plan_at(&app, "Iker", &bond, "Board games", in_hours(3), Lisbon).await;
        sweep_and_deliver(&app).await;
        let rosa_id = member_id(&app, "Rosa").await;
        let mut conn = app.db().conn().await.unwrap();
        let id: String = db_run!(&mut conn, |c| sqlx::query_scalar(
            "SELECT id FROM nudges WHERE member_id = $1"
        )
        .bind(&rosa_id)
        .fetch_one(c)
        .await)
        .unwrap();
        drop(conn);
        let today = app.get(&rosa, "/").await;
        today.assert_contains("Board games").assert_contains(&format!("/reminders/{id}/dismiss"));
        let path = format!("/reminders/{id}/dismiss");
        app.post(&iker, &path, &[]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&rosa, "/reminders/nosuchreminder/dismiss", &[]).await.assert_status(StatusCode::NOT_FOUND);
        let done = app.post(&rosa, &path, &[]).await;
        done.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(done.location(), "/");
        app.get(&rosa, "/").await.assert_lacks("Board games");
        app.get(&iker, "/").await.assert_contains("Board games");
    }
}

on_both_backends! {
    async fn housekeeping_forgets_reminders_a_month_after_they_expired(app: TestApp) {
        let (rosa, iker, bond) = app.mother_and_son(15).await;
        no_quiet_hours(&app, &[&rosa, &iker]).await;
        plan_at(&app, "Iker", &bond, "Kayak", in_hours(3), Lisbon).await;
        sweep_and_deliver(&app).await;
        let rosa_id = member_id(&app, "Rosa").await;
        app.exec_at("UPDATE nudges SET expires_at = $1 WHERE member_id = $2", Utc::now() - Duration::days(31), &[&rosa_id]).await;
        app.exec_at("UPDATE nudge_deliveries SET created_at = $1 WHERE member_id = $2", Utc::now() - Duration::days(31), &[&rosa_id]).await;
        let mut conn = app.db().conn().await.unwrap();
        tandem::jobs::enqueue(&mut conn, tandem::jobs::HOUSEKEEPING, "now", &json!({}), Utc::now()).await.unwrap();
        drop(conn);
        app.run_jobs().await;
        assert_no_failed_jobs(&app).await;
        assert_eq!(app.count("nudges").await, 1, "Iker's is still ahead");
        assert_eq!(app.count("nudge_deliveries").await, 1);
    }
}

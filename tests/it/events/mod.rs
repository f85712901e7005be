//! Tell the other: what one member does that waits for or concerns the other shows on the
//! other's Today at once and goes out in their next batch of reminders — never for something
//! private, never to the mother about what she just did with her son in together mode.

mod kinds;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use tandem::{db_run, mail::MailKind};

use crate::both_backends;
use crate::harness::{TestApp, User, en, en_with};

/// The lines of the news card on `who`'s Today.
pub async fn news(app: &TestApp, who: &User) -> Vec<String> {
    app.get(who, "/").await.select(".news li a strong")
}

/// A news line as Today words it, from `name` (a mother's, unless said otherwise).
pub fn line(kind: &str, name: &str, title: &str, count: i64) -> String {
    line_as(kind, name, "mother", title, count)
}

pub fn line_as(kind: &str, name: &str, role: &str, title: &str, count: i64) -> String {
    en_with(
        &format!("events-today-{kind}"),
        &[
            ("name", name.into()),
            ("role", role.into()),
            ("title", title.into()),
            ("count", count.into()),
        ],
    )
}

/// When the next delivery of reminders is due, if one is.
async fn next_delivery(app: &TestApp) -> Option<DateTime<Utc>> {
    let mut conn = app.db().conn().await.unwrap();
    db_run!(&mut conn, |c| {
        sqlx::query_scalar::<_, Option<DateTime<Utc>>>(
            "SELECT MIN(run_at) FROM jobs WHERE kind = 'nudges.deliver' AND done_at IS NULL",
        )
        .fetch_one(c)
        .await
    })
    .unwrap()
}

/// Runs every batch of reminders due within the next day, each at its own time (so none
/// falls into quiet hours by being run late).
pub async fn run_next_batch(app: &TestApp) {
    let until = app.clock().now() + chrono::Duration::days(1);
    let mut ran = 0;
    while let Some(at) = next_delivery(app).await.filter(|at| *at <= until) {
        if at > app.clock().now() {
            app.clock().set(at);
        }
        app.run_jobs().await;
        ran += 1;
        assert!(ran < 20, "deliveries keep coming");
    }
    assert!(ran > 0, "a batch was due");
}

/// The batches of news `who` was mailed from `from` (not the notice that someone joined).
pub(crate) async fn news_mail(
    app: &TestApp,
    who: &User,
    from: &str,
) -> Vec<tandem::mail::OutboxMail> {
    let subject = en_with("events-mail-subject", &[("name", from.into())]);
    app.mail_to(&who.email)
        .await
        .into_iter()
        .filter(|m| m.kind == MailKind::Reminder && m.subject == subject)
        .collect()
}

async fn a_repair_she_starts_reaches_his_today_and_his_next_mail_batch(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(16).await;
    let about = "zqx the row about the phone at dinner";
    app.post(
        &mum,
        &format!("/bonds/{bond}/talk/repairs"),
        &[("about", about)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let told = line("repair-started", "Rosa", about, 1);
    assert_eq!(news(&app, &son).await, vec![told.clone()]);
    // Nothing for her about what she did herself, and no mail before the batch.
    assert!(news(&app, &mum).await.is_empty());
    app.run_jobs().await;
    assert!(news_mail(&app, &son, "Rosa").await.is_empty());

    run_next_batch(&app).await;
    let mails = news_mail(&app, &son, "Rosa").await;
    assert_eq!(mails.len(), 1, "one batch mail");
    let mailed = en_with(
        "events-mail-repair-started",
        &[("name", "Rosa".into()), ("role", "mother".into())],
    );
    assert!(mails[0].body.contains(&mailed), "{}", mails[0].body);
    assert!(
        mails[0]
            .body
            .contains(&format!("/bonds/{bond}/talk/repairs/"))
    );
    // What the row was about stays behind the login.
    assert!(!mails[0].body.contains("zqx"), "{}", mails[0].body);
    assert!(news_mail(&app, &mum, "Iker").await.is_empty());

    // Opening the repair deals with it: off his Today.
    let id = app.select_one("SELECT id FROM repairs").await;
    app.get(&son, &format!("/bonds/{bond}/talk/repairs/{id}"))
        .await
        .assert_status(StatusCode::OK);
    assert!(news(&app, &son).await.is_empty());
}
both_backends!(a_repair_she_starts_reaches_his_today_and_his_next_mail_batch);

async fn a_private_side_tells_nothing_and_unsharing_takes_the_news_back(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(16).await;
    let list = format!("/bonds/{bond}/talk/repairs");
    app.post(&son, &list, &[("about", "The car keys")]).await;
    let id = app.select_one("SELECT id FROM repairs").await;
    let own = format!("{list}/{id}/own");
    let mut fields = vec![
        ("happened", "zqx I took them without asking"),
        ("felt", "zqx annoyed"),
        ("needed", ""),
        ("wish", ""),
    ];
    app.post(&son, &own, &fields).await;
    let shared = line_as("repair-shared", "Iker", "son", "The car keys", 1);
    let started = line_as("repair-started", "Iker", "son", "The car keys", 1);
    assert_eq!(news(&app, &mum).await, vec![started.clone()]);
    assert_eq!(app.count("events WHERE kind = 'repair-shared'").await, 0);

    fields.push(("share_felt", "on"));
    app.post(&son, &own, &fields).await;
    assert_eq!(
        news(&app, &mum).await,
        vec![shared.clone(), started.clone()]
    );

    // He makes it private again: the news goes, and is not mailed.
    fields.pop();
    app.post(&son, &own, &fields).await;
    assert_eq!(news(&app, &mum).await, vec![started]);
    run_next_batch(&app).await;
    let mails = news_mail(&app, &mum, "Iker").await;
    assert_eq!(mails.len(), 1, "the start of the repair is mailed");
    assert!(!mails[0].body.contains(&en_with(
        "events-mail-repair-shared",
        &[("name", "Iker".into()), ("role", "son".into())]
    )));
    assert!(!mails[0].body.contains("zqx"));
}
both_backends!(a_private_side_tells_nothing_and_unsharing_takes_the_news_back);

async fn only_shared_notes_are_news_grouped_and_dismissed_together(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let notes = format!("/bonds/{bond}/notes");
    app.post(
        &son,
        &notes,
        &[("body", "zqx just for me"), ("visibility", "private")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let next_week = (Utc::now() + chrono::Duration::days(8))
        .date_naive()
        .to_string();
    app.post(
        &son,
        &notes,
        &[
            ("body", "zqx open later"),
            ("visibility", "sealed"),
            ("unseal_on", &next_week),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("events").await,
        0,
        "private and sealed tell nothing"
    );
    assert_eq!(app.count("nudges WHERE kind = 'news'").await, 0);
    assert!(news(&app, &mum).await.is_empty());
    app.get(&mum, "/").await.assert_none(".news");

    for body in ["Thanks for the lift", "Good luck today", "See you at six"] {
        app.post(&son, &notes, &[("body", body), ("visibility", "shared")])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    let three = line_as("note", "Iker", "son", "", 3);
    assert_eq!(news(&app, &mum).await, vec![three]);

    // "Got it" on the line takes all three; another member cannot dismiss hers.
    let page = app.get(&mum, "/").await;
    let action = page.select_attr(".news form", "action").remove(0);
    app.post(&son, &action, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&mum, &action, &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert!(news(&app, &mum).await.is_empty());
    // Dismissed news is not mailed either.
    run_next_batch(&app).await;
    assert!(news_mail(&app, &mum, "Iker").await.is_empty());
}
both_backends!(only_shared_notes_are_news_grouped_and_dismissed_together);

async fn in_together_mode_she_is_told_nothing_of_what_they_did(app: TestApp) {
    let mum = app.sign_up_mother("Rosa").await;
    app.add_son(&mum, "Nico", &crate::family::born_years_ago(4))
        .await;
    let nico = crate::family::member_id(&app, "Nico").await;
    let bond = app.bond_ids(&mum).await.remove(0);
    app.post(&mum, &format!("/family/acting/{nico}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &mum,
        &format!("/bonds/{bond}/notes"),
        &[("body", "We fed the ducks"), ("visibility", "shared")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &mum,
        &format!("/bonds/{bond}/talk/repairs"),
        &[("about", "The toy we both wanted")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(&mum, "/family/acting/stop", &[]).await;
    assert_eq!(app.count("events").await, 0);
    assert!(news(&app, &mum).await.is_empty());
    run_batches_for_a_day(&app).await;
    assert!(news_mail(&app, &mum, "Nico").await.is_empty());
}
both_backends!(in_together_mode_she_is_told_nothing_of_what_they_did);

/// Lets a day pass, running every job on the way.
async fn run_batches_for_a_day(app: &TestApp) {
    app.clock().advance(chrono::Duration::days(1));
    app.run_jobs().await;
}

async fn news_over_the_weekly_cap_waits_on_today_without_mail(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    app.post(
        &son,
        "/settings/reminders",
        &[
            ("in_app", "on"),
            ("email", "on"),
            ("quiet_start", "21:00"),
            ("quiet_end", "08:00"),
            ("weekly_cap", "0"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &mum,
        &format!("/bonds/{bond}/notes"),
        &[("body", "Proud of you"), ("visibility", "shared")],
    )
    .await;
    run_next_batch(&app).await;
    assert!(news_mail(&app, &son, "Rosa").await.is_empty());
    assert_eq!(news(&app, &son).await, vec![line("note", "Rosa", "", 1)]);
    // The page of notes is where a note is read: it leaves Today.
    app.get(&son, &format!("/bonds/{bond}/notes")).await;
    assert!(news(&app, &son).await.is_empty());
    let heading = en("events-card-heading");
    app.get(&son, "/").await.assert_lacks(&heading);
}
both_backends!(news_over_the_weekly_cap_waits_on_today_without_mail);

async fn a_repair_she_starts_reaches_his_phone_by_push_with_no_words_of_hers(app: TestApp) {
    use crate::push::{Browser, reminders_by_push, server_key, service::PushService, subscribe};
    let app = crate::push::with_loopback_push(app).await;
    let service = PushService::start().await;
    let (mum, son, bond) = app.mother_and_son(16).await;
    app.run_jobs().await;
    let phone = Browser::new(&service, "phone");
    subscribe(&app, &son, &phone).await;
    reminders_by_push(&app, &son, true, ("00:00", "00:00"), "3").await;
    let key = server_key(&app, &son).await;
    app.post(
        &mum,
        &format!("/bonds/{bond}/talk/repairs"),
        &[("about", "Zqx the row about the phone")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert!(service.received().is_empty(), "news waits for the batch");
    run_next_batch(&app).await;
    let received = service.received_by("phone");
    assert_eq!(received.len(), 1);
    // Sent at the batch time the test moved the app's clock to.
    let sent_at = app.clock().now();
    let message = received[0].read_sent_at(
        &phone,
        &key,
        &service.origin(),
        "http://127.0.0.1:8080",
        sent_at,
    );
    assert_eq!(
        message,
        serde_json::json!({
            "title": en("push-title"),
            "body": en("push-reminders-news"),
            "link": "/",
        })
    );
    let text = message.to_string();
    assert!(!text.contains("Zqx") && !text.contains("Rosa"), "{text}");
}
both_backends!(a_repair_she_starts_reaches_his_phone_by_push_with_no_words_of_hers);

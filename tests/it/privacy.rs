//! The privacy core, proven on notes: private stays with its author, shared reaches both,
//! sealed waits for its date, and another family finds nothing at all.

use axum::http::StatusCode;
use chrono::{Duration, Utc};

use crate::both_backends;
use crate::family::born_years_ago;
use crate::harness::{TestApp, User, en};

async fn write(
    app: &TestApp,
    who: &User,
    bond: &str,
    body: &str,
    visibility: &str,
    unseal_on: &str,
) {
    app.post(
        who,
        &format!("/bonds/{bond}/notes"),
        &[
            ("body", body),
            ("visibility", visibility),
            ("unseal_on", unseal_on),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

async fn a_sons_private_note_never_reaches_his_mother(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    write(
        &app,
        &son,
        &bond,
        "SECRET-worried about the exam",
        "private",
        "",
    )
    .await;
    write(&app, &son, &bond, "Thanks for the lift", "shared", "").await;

    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_contains("SECRET-worried about the exam");
    for page in [
        "/",
        "/family",
        "/outbox",
        "/settings",
        &format!("/bonds/{bond}/notes"),
    ] {
        app.get(&mother, page)
            .await
            .assert_status(StatusCode::OK)
            .assert_lacks("SECRET");
    }
    app.get(&mother, "/")
        .await
        .assert_contains("Thanks for the lift");

    // Not by guessing ids either: the note's id answers "not found" to her.
    let id = note_id(&app, "SECRET-worried about the exam").await;
    app.post(&mother, &format!("/bonds/{bond}/notes/{id}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("notes").await, 2);
}
both_backends!(a_sons_private_note_never_reaches_his_mother);

async fn a_mothers_private_note_stays_hers_too(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    write(
        &app,
        &mother,
        &bond,
        "MINE-only a reminder to myself",
        "private",
        "",
    )
    .await;
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_lacks("MINE-only");
    app.get(&son, "/").await.assert_lacks("MINE-only");
    app.get(&mother, &format!("/bonds/{bond}/notes"))
        .await
        .assert_contains("MINE-only");
}
both_backends!(a_mothers_private_note_stays_hers_too);

async fn sealed_notes_open_on_their_date(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let next_year = (Utc::now() + Duration::days(400))
        .format("%Y-%m-%d")
        .to_string();
    write(
        &app,
        &mother,
        &bond,
        "LETTER-for your eighteenth",
        "sealed",
        &next_year,
    )
    .await;
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_lacks("LETTER-for");
    app.get(&son, "/").await.assert_lacks("LETTER-for");
    app.get(&mother, &format!("/bonds/{bond}/notes"))
        .await
        .assert_contains("LETTER-for")
        .assert_has(".badge.sealed");

    // The day comes, more than a year later: he logs in again.
    app.clock().advance(Duration::days(401));
    let son = app.log_in_as(&son).await;
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_contains("LETTER-for your eighteenth");
    app.get(&son, "/")
        .await
        .assert_contains("LETTER-for your eighteenth");
}
both_backends!(sealed_notes_open_on_their_date);

async fn a_sealed_note_needs_a_future_date(app: TestApp) {
    let (mother, _son, bond) = app.mother_and_son(15).await;
    app.post(
        &mother,
        &format!("/bonds/{bond}/notes"),
        &[
            ("body", "x"),
            ("visibility", "sealed"),
            ("unseal_on", "2001-01-01"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text("#unseal_on-error", &en("notes-sealed-note-opens-day"));
    app.post(
        &mother,
        &format!("/bonds/{bond}/notes"),
        &[("body", "x"), ("visibility", "public")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text("#visibility-error", &en("notes-please-choose-who-may"));
    let long = "y".repeat(20_001);
    app.post(
        &mother,
        &format!("/bonds/{bond}/notes"),
        &[("body", &long), ("visibility", "shared")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("at most 20000");
    assert_eq!(app.count("notes").await, 0);
}
both_backends!(a_sealed_note_needs_a_future_date);

async fn another_family_gets_not_found_for_everything_in_a_bond(app: TestApp) {
    let (_mother, son, bond) = app.mother_and_son(15).await;
    write(&app, &son, &bond, "SHARED-between us", "shared", "").await;
    let id = note_id(&app, "SHARED-between us").await;
    let stranger = app.sign_up_mother("Eve").await;
    app.get(&stranger, &format!("/bonds/{bond}/notes"))
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_lacks("SHARED");
    app.post(
        &stranger,
        &format!("/bonds/{bond}/notes"),
        &[("body", "hi"), ("visibility", "shared")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("/bonds/{bond}/notes/{id}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&stranger, "/").await.assert_lacks("SHARED");
    assert_eq!(app.count("notes").await, 1);
}
both_backends!(another_family_gets_not_found_for_everything_in_a_bond);

async fn a_second_son_cannot_read_his_brothers_bond(app: TestApp) {
    let (mother, _son, bond) = app.mother_and_son(15).await;
    write(&app, &mother, &bond, "SHARED-with Iker only", "shared", "").await;
    let link = app
        .invite(&mother, &[("name", "Pablo"), ("role", "son")])
        .await;
    let brother = app.accept(&link, "Pablo", &born_years_ago(17)).await;
    app.get(&brother, &format!("/bonds/{bond}/notes"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&brother, "/")
        .await
        .assert_lacks("SHARED-with Iker");
}
both_backends!(a_second_son_cannot_read_his_brothers_bond);

async fn authors_delete_their_own_notes_only(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    write(&app, &son, &bond, "SHARED-from son", "shared", "").await;
    let id = note_id(&app, "SHARED-from son").await;
    app.post(&mother, &format!("/bonds/{bond}/notes/{id}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&son, &format!("/bonds/{bond}/notes/{id}/delete"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("notes").await, 0);
}
both_backends!(authors_delete_their_own_notes_only);

async fn note_id(app: &TestApp, body: &str) -> String {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM notes WHERE body = $1"
    )
    .bind(body)
    .fetch_one(c)
    .await)
    .unwrap()
}

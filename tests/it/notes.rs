//! Replies under notes: either of the two answers a note both can read, the other is told on
//! Today and in the next batch of mail; a private note, a sealed one before its day and
//! another family's note have nothing to answer ("not found", nothing stored).

use axum::http::StatusCode;
use chrono::Duration;

use crate::both_backends;
use crate::events::{line_as, news, news_mail, run_next_batch};
use crate::harness::{TestApp, User, en, en_with};

/// Writes a note as `who` and returns its id (the newest note).
async fn write_note(app: &TestApp, who: &User, bond: &str, fields: &[(&str, &str)]) -> String {
    app.post(who, &format!("/bonds/{bond}/notes"), fields)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.select_one("SELECT id FROM notes ORDER BY created_at DESC, id DESC LIMIT 1")
        .await
}

/// A day far enough ahead that a sealed note is still closed on every clock.
fn next_week(app: &TestApp) -> String {
    (app.clock().now() + Duration::days(8))
        .date_naive()
        .to_string()
}

async fn she_replies_to_his_shared_note_and_he_is_told_on_today_and_by_mail(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let id = write_note(
        &app,
        &son,
        &bond,
        &[("body", "Thanks for the lift"), ("visibility", "shared")],
    )
    .await;
    let page = format!("/bonds/{bond}/notes/{id}");

    // His note is news for her, leading to the note itself; the notes page offers a reply.
    let today = app.get(&mum, "/").await;
    assert_eq!(today.select_attr(".news li a", "href"), vec![page.clone()]);
    let notes = app.get(&mum, &format!("/bonds/{bond}/notes")).await;
    notes.assert_text_starts_with(&format!("a[href=\"{page}#replies\"]"), &en("notes-reply"));
    // Reading the note deals with its news.
    app.get(&mum, &page)
        .await
        .assert_status(StatusCode::OK)
        .assert_text(".note-body", "Thanks for the lift")
        .assert_text("h1", &en_with("notes-one-from", &[("name", "Iker".into())]));
    assert!(news(&app, &mum).await.is_empty());

    let sent = app
        .post(
            &mum,
            &format!("{page}/replies"),
            &[("body", "zqx Any time, love")],
        )
        .await;
    sent.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), format!("{page}#replies"));
    assert_eq!(app.count("note_replies").await, 1);

    // He is told on Today, the line leading to the note's replies; she is told nothing.
    let told = line_as("reply", "Rosa", "mother", "", 1);
    assert_eq!(news(&app, &son).await, vec![told]);
    let today = app.get(&son, "/").await;
    assert_eq!(
        today.select_attr(".news li a", "href"),
        vec![format!("{page}#replies")]
    );
    assert!(news(&app, &mum).await.is_empty());

    // His next batch of mail says she replied, without her words.
    run_next_batch(&app).await;
    let mails = news_mail(&app, &son, "Rosa").await;
    assert_eq!(mails.len(), 1, "one batch mail");
    let mailed = en_with(
        "events-mail-reply",
        &[("name", "Rosa".into()), ("role", "mother".into())],
    );
    assert!(mails[0].body.contains(&mailed), "{}", mails[0].body);
    assert!(mails[0].body.contains(&page), "{}", mails[0].body);
    assert!(!mails[0].body.contains("zqx"), "{}", mails[0].body);

    // He reads her reply under his note, with the form to add something; reading it ends
    // the news.
    let his = app.get(&son, &page).await;
    his.assert_status(StatusCode::OK)
        .assert_text_contains("#replies .note-body", "zqx Any time, love")
        .assert_text("#replies h3", &en("notes-reply-add"));
    assert!(news(&app, &son).await.is_empty());
    // His own note offers its replies on the notes page.
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_text_starts_with(
            &format!("a[href=\"{page}#replies\"]"),
            &en("notes-see-replies"),
        );
}
both_backends!(she_replies_to_his_shared_note_and_he_is_told_on_today_and_by_mail);

async fn a_private_or_unopened_note_or_another_familys_has_nothing_to_answer(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let private = write_note(
        &app,
        &son,
        &bond,
        &[("body", "zqx just for me"), ("visibility", "private")],
    )
    .await;
    let opens = next_week(&app);
    let sealed = write_note(
        &app,
        &son,
        &bond,
        &[
            ("body", "zqx open later"),
            ("visibility", "sealed"),
            ("unseal_on", &opens),
        ],
    )
    .await;
    let shared = write_note(
        &app,
        &son,
        &bond,
        &[("body", "See you at six"), ("visibility", "shared")],
    )
    .await;
    let eve = app.sign_up_mother("Eve").await;
    app.add_son(&eve, "Noa", &crate::family::born_years_ago(9))
        .await;
    let eves_bond = app.bond_ids(&eve).await.remove(0);

    let reply = [("body", "zqy hello")];
    let closed = [
        (&mum, &bond, &private),
        (&son, &bond, &private),
        (&mum, &bond, &sealed),
        (&son, &bond, &sealed),
        (&eve, &bond, &shared),
        (&eve, &eves_bond, &shared),
        (&mum, &bond, &"no-such-note".to_owned()),
    ];
    for (who, in_bond, note) in closed {
        let page = format!("/bonds/{in_bond}/notes/{note}");
        app.get(who, &page)
            .await
            .assert_status(StatusCode::NOT_FOUND)
            .assert_lacks("zqx");
        app.post(who, &format!("{page}/replies"), &reply)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count("note_replies").await, 0, "nothing stored");
    assert_eq!(app.count("events WHERE kind = 'reply'").await, 0);
    // Only the shared note offers replies on the notes page.
    let notes = app.get(&son, &format!("/bonds/{bond}/notes")).await;
    assert_eq!(
        notes.select_attr(".note a", "href"),
        vec![format!("/bonds/{bond}/notes/{shared}#replies")]
    );

    // Once the sealed note has opened, both can read it and either may answer it.
    app.clock().set(app.clock().now() + Duration::days(9));
    let page = format!("/bonds/{bond}/notes/{sealed}");
    app.get(&mum, &page)
        .await
        .assert_status(StatusCode::OK)
        .assert_text(".note-body", "zqx open later");
    app.post(&mum, &format!("{page}/replies"), &reply)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("note_replies").await, 1);
    assert_eq!(
        news(&app, &son).await,
        vec![line_as("reply", "Rosa", "mother", "", 1)]
    );
    app.run_jobs().await;
}
both_backends!(a_private_or_unopened_note_or_another_familys_has_nothing_to_answer);

async fn an_empty_or_overlong_reply_is_refused_with_a_message(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let id = write_note(
        &app,
        &son,
        &bond,
        &[("body", "Good luck today"), ("visibility", "shared")],
    )
    .await;
    let replies = format!("/bonds/{bond}/notes/{id}/replies");
    app.post(&mum, &replies, &[("body", "   ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text("#reply-body-error", &en("talk-write-few-words-tap"))
        .assert_text(".note-body", "Good luck today");
    let over = "a".repeat(1001);
    app.post(&mum, &replies, &[("body", &over)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_has("#reply-body-error");
    app.post(&mum, &replies, &[("reaction", "no-such-reaction")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text("#reaction-error", &en("talk-please-pick-one-reactions"));
    assert_eq!(app.count("note_replies").await, 0, "nothing half-stored");
    assert_eq!(app.count("events WHERE kind = 'reply'").await, 0);
}
both_backends!(an_empty_or_overlong_reply_is_refused_with_a_message);

async fn deleting_a_note_deletes_its_replies_and_their_news(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let id = write_note(
        &app,
        &son,
        &bond,
        &[("body", "Thanks for the lift"), ("visibility", "shared")],
    )
    .await;
    let page = format!("/bonds/{bond}/notes/{id}");
    app.post(&mum, &format!("{page}/replies"), &[("body", "Any time")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &son,
        &format!("{page}/replies"),
        &[("body", "You're the best")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("note_replies").await, 2);
    // Only its author deletes a note.
    app.post(&mum, &format!("{page}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&son, &format!("{page}/delete"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("note_replies").await, 0);
    // No news is left leading to a note that is gone, on either side.
    assert!(news(&app, &son).await.is_empty());
    assert!(news(&app, &mum).await.is_empty());
    app.get(&mum, &page)
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
both_backends!(deleting_a_note_deletes_its_replies_and_their_news);

async fn a_son_who_leaves_and_deletes_his_history_takes_the_replies_under_his_notes(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(17).await;
    let his = write_note(
        &app,
        &son,
        &bond,
        &[("body", "Thanks for the lift"), ("visibility", "shared")],
    )
    .await;
    let hers = write_note(
        &app,
        &mum,
        &bond,
        &[("body", "Proud of you"), ("visibility", "shared")],
    )
    .await;
    let reply = |note: &str| format!("/bonds/{bond}/notes/{note}/replies");
    app.post(&mum, &reply(&his), &[("body", "zqx under his")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(&mum, &reply(&hers), &[("body", "zqx hers under hers")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(&son, &reply(&hers), &[("body", "zqx his under hers")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("note_replies").await, 3);

    app.post(&son, "/family/leave", &[("history", "delete")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // His note took her reply under it; his reply under her note went with his history; her
    // note and her own reply under it stay.
    assert_eq!(app.count("notes").await, 1);
    assert_eq!(
        app.select_one("SELECT body FROM note_replies").await,
        "zqx hers under hers"
    );
    app.get(&mum, &format!("/bonds/{bond}/notes/{hers}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("zqx his under hers");
    app.run_jobs().await;
}
both_backends!(a_son_who_leaves_and_deletes_his_history_takes_the_replies_under_his_notes);

//! Mail: real SMTP when configured (against a small SMTP sink), the outbox otherwise, and
//! nobody reads another person's reset link.

use std::time::Duration;

use axum::http::StatusCode;

use crate::family::born_years_ago;
use crate::harness::{Backend, TestApp, User, en, en_with};
use crate::smtp_sink::{Behaviour, SmtpSink, message_id};
use crate::{both_backends, both_backends_with_sink};

const WITHIN: Duration = Duration::from_secs(10);

async fn without_smtp_mail_waits_in_the_outbox_for_its_addressee_only(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let link = app
        .invite(&mother, &[("name", "Iker"), ("role", "son")])
        .await;
    let son = app.accept(&link, "Iker", &born_years_ago(15)).await;
    app.post(
        &User::anonymous(),
        "/password/forgot",
        &[("email", &son.email)],
    )
    .await;
    app.run_jobs().await;
    let mail = app.mail_to(&son.email).await.remove(0);
    assert!(mail.sent_at.is_none(), "no SMTP: it stays in the outbox");
    app.get(&son, "/outbox")
        .await
        .assert_text("h2", &en("auth-mail-reset-subject"))
        .assert_contains("/password/reset/");
    // His mother must never be able to take over his account.
    app.get(&mother, "/outbox")
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("/password/reset/");
}
both_backends!(without_smtp_mail_waits_in_the_outbox_for_its_addressee_only);

async fn the_inviter_sees_the_invitation_mail_in_the_outbox(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.invite(
        &mother,
        &[
            ("name", "Iker"),
            ("role", "son"),
            ("email", "iker@example.org"),
        ],
    )
    .await;
    app.get(&mother, "/outbox")
        .await
        .assert_text(
            "h2",
            &en_with("family-mail-subject", &[("inviter", "Rosa".into())]),
        )
        .assert_contains("/invite/");
    let stranger = app.sign_up_mother("Eve").await;
    app.get(&stranger, "/outbox").await.assert_lacks("/invite/");
}
both_backends!(the_inviter_sees_the_invitation_mail_in_the_outbox);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_smtp_mail_is_sent_once_and_stamped() {
    let sink = SmtpSink::start(Behaviour::Accept).await;
    let app = TestApp::with_config(Backend::Sqlite, |c| sink.configure(c))
        .await
        .unwrap();
    let mother = app.sign_up_mother("Rosa").await;
    // The link that confirmed her address at sign-up goes out first.
    assert_eq!(app.run_jobs().await, 1);
    sink.wait_for_messages(1, WITHIN).await;
    app.post(
        &User::anonymous(),
        "/password/forgot",
        &[("email", &mother.email)],
    )
    .await;
    assert_eq!(app.run_jobs().await, 1);
    let message = sink.wait_for_messages(2, WITHIN).await.remove(1);
    assert!(
        message.contains("Subject: Choose a new Tandem password"),
        "{message}"
    );
    assert!(message.contains("/password/reset/"));
    let stored = app.mail_to(&mother.email).await.remove(0);
    assert!(stored.sent_at.is_some());
    assert_eq!(
        message_id(&message),
        Some(format!("<{}@localhost>", stored.id).as_str()),
        "the Message-ID names the outbox row, at the sender's domain:\n{message}"
    );
    assert!(message.contains("\nDate: "), "{message}");
    // A retried job finds the stamp and does not send again.
    app.exec("UPDATE jobs SET done_at = NULL, locked_until = NULL", &[])
        .await;
    app.run_jobs().await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sink.messages().len(), 2, "sent exactly once");
}

/// The server took the whole message but the line dropped before its `250`: Tandem cannot know
/// it was taken, so it sends again, and the copy carries the same Message-ID, which mail
/// clients fold into one.
async fn a_message_resent_after_an_unconfirmed_acceptance_keeps_its_message_id(
    sink: SmtpSink,
    app: TestApp,
) {
    let mother = app.sign_up_mother("Rosa").await;
    assert_eq!(app.run_jobs().await, 1, "the first try fails");
    let mail = app.mail_to(&mother.email).await.remove(0);
    assert!(mail.sent_at.is_none(), "no 250, so not stamped as sent");
    // The retry is due after its backoff.
    app.clock().advance(chrono::Duration::minutes(2));
    assert_eq!(app.run_jobs().await, 1);
    let copies = sink.wait_for_messages(2, WITHIN).await;
    let ids: Vec<_> = copies.iter().map(|m| message_id(m)).collect();
    let expected = format!("<{}@localhost>", mail.id);
    assert_eq!(
        ids,
        [Some(expected.as_str()); 2],
        "two copies, one Message-ID"
    );
    assert!(app.mail_to(&mother.email).await[0].sent_at.is_some());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sink.messages().len(), 2, "at most two copies");
}

both_backends_with_sink!(
    Behaviour::DropAfterData(1),
    a_message_resent_after_an_unconfirmed_acceptance_keeps_its_message_id
);

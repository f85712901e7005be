//! Mail: real SMTP when configured (against a small SMTP sink), the outbox otherwise, and
//! nobody reads another person's reset link.

use axum::http::StatusCode;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::mpsc,
};

use crate::both_backends;
use crate::family::born_years_ago;
use crate::harness::{Backend, TestApp, User, en, en_with};

/// A minimal SMTP server on 127.0.0.1: accepts every message and hands its DATA to the test.
async fn smtp_sink() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            tx.send(data.take().unwrap()).unwrap();
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 sink\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

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
    let (port, mut received) = smtp_sink().await;
    let app = TestApp::with_config(Backend::Sqlite, |c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = tandem::config::SmtpSecurity::None;
    })
    .await
    .unwrap();
    let mother = app.sign_up_mother("Rosa").await;
    // The link that confirmed her address at sign-up goes out first.
    assert_eq!(app.run_jobs().await, 1);
    received.recv().await.unwrap();
    app.post(
        &User::anonymous(),
        "/password/forgot",
        &[("email", &mother.email)],
    )
    .await;
    assert_eq!(app.run_jobs().await, 1);
    let message = received.recv().await.unwrap();
    assert!(
        message.contains("Subject: Choose a new Tandem password"),
        "{message}"
    );
    assert!(message.contains("/password/reset/"));
    assert!(app.mail_to(&mother.email).await[0].sent_at.is_some());
    // A retried job finds the stamp and does not send again.
    app.exec("UPDATE jobs SET done_at = NULL, locked_until = NULL", &[])
        .await;
    app.run_jobs().await;
    assert!(received.try_recv().is_err(), "sent exactly once");
}

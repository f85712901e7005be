//! Mail: every message is first written to the `outbox` table and a [`SendMail`] job, in the
//! same transaction as the change that caused it. The job sends it over SMTP when a server is
//! configured; without one the message stays in the outbox, where its addressee reads it in
//! the app (see docs/adr/0003-outbox-visibility.md).

mod outbox_page;
mod transport;

pub use outbox_page::page as outbox_page;
pub use transport::Mailer;

use askama::Template;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::{FamilyId, MemberId},
    jobs::{self, Job, Worker},
    text_enum,
};

text_enum! {
    /// What a message is for; decides who may read it in the outbox.
    pub enum MailKind {
        Invitation => "invitation",
        PasswordReset => "password_reset",
        FeelingsInvitation => "feelings_invitation",
        TalkRequest => "talk_request",
        Reminder => "reminder",
        // About one's own account: confirming an address, a sign-up on a taken address.
        Account => "account",
    }
}

/// A message about to be queued.
pub struct Mail {
    pub kind: MailKind,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub family: Option<FamilyId>,
    pub sender: Option<MemberId>,
}

impl Mail {
    /// Renders a text template whose first line is `Subject: …`, followed by a blank line
    /// and the body. Wording stays in templates, none in Rust.
    pub fn compose(kind: MailKind, to: &str, template: &impl Template) -> AppResult<Mail> {
        let text = template
            .render()
            .map_err(|e| AppError::Internal(e.into()))?;
        let (first, body) = text.split_once('\n').unwrap_or((&text, ""));
        let subject = first
            .strip_prefix("Subject:")
            .ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("mail template lacks a Subject line"))
            })?
            .trim()
            .to_owned();
        Ok(Mail {
            kind,
            to: to.to_owned(),
            subject,
            body: body.trim_start_matches('\n').to_owned(),
            family: None,
            sender: None,
        })
    }

    pub fn in_family(mut self, family: Option<FamilyId>) -> Mail {
        self.family = family;
        self
    }

    pub fn from_member(mut self, sender: &MemberId) -> Mail {
        self.sender = Some(sender.clone());
        self
    }
}

/// Writes the message to the outbox and schedules its sending, inside the caller's transaction.
pub async fn queue(h: &mut impl Handle, mail: Mail) -> AppResult<String> {
    let id = new_id();
    let now = now();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO outbox (id, family_id, sender_member_id, to_email, kind, subject, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(&id)
    .bind(&mail.family)
    .bind(&mail.sender)
    .bind(&mail.to)
    .bind(mail.kind)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(now)
    .execute(c)
    .await
    })?;
    jobs::enqueue(
        h,
        &SendMail {
            outbox_id: id.clone(),
        },
        now,
    )
    .await?;
    Ok(id)
}

/// The job that sends one outbox message (see [`deliver`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendMail {
    pub outbox_id: String,
}

impl Job for SendMail {
    const KIND: &'static str = "mail.send";

    fn key(&self) -> String {
        self.outbox_id.clone()
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        let mut conn = worker.db.conn().await?;
        deliver(&mut conn, &worker.mailer, &self.outbox_id).await
    }
}

/// A message as stored in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxMail {
    pub id: String,
    pub to_email: String,
    pub kind: MailKind,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Messages not sent by SMTP, newest first (for `tandem outbox`, run by whoever runs the server).
pub async fn waiting(db: &crate::db::Db, last: i64) -> AppResult<Vec<OutboxMail>> {
    let mut conn = db.conn().await?;
    Ok(db_run!(&mut conn, |c| sqlx::query_as::<_, OutboxMail>(
        "SELECT id, to_email, kind, subject, body, created_at, sent_at FROM outbox
         WHERE sent_at IS NULL ORDER BY created_at DESC LIMIT $1"
    )
    .bind(last)
    .fetch_all(c)
    .await)?)
}

/// The [`SendMail`] job: sends one outbox message over SMTP once. A message already stamped
/// as sent is skipped, so a retried job never sends twice.
pub async fn deliver(h: &mut impl Handle, mailer: &Mailer, outbox_id: &str) -> anyhow::Result<()> {
    let Some(transport) = mailer.smtp() else {
        return Ok(()); // no SMTP server: the message stays readable in the outbox
    };
    let mail: Option<OutboxMail> = db_run!(h, |c| {
        sqlx::query_as::<_, OutboxMail>(
        "SELECT id, to_email, kind, subject, body, created_at, sent_at FROM outbox WHERE id = $1"
    )
    .bind(outbox_id)
    .fetch_optional(c)
    .await
    })?;
    let Some(mail) = mail.filter(|m| m.sent_at.is_none()) else {
        return Ok(());
    };
    transport.send(&mail).await?;
    db_exec!(h, |c| sqlx::query(
        "UPDATE outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL"
    )
    .bind(now())
    .bind(outbox_id)
    .execute(c)
    .await)?;
    Ok(())
}

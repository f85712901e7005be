//! The delivery job: everything of one member that is due goes out as one batch, exactly once.
//!
//! In one transaction the job takes the member's due nudges (stamping them with the batch's
//! id, so a second run or a second worker finds nothing left), re-checks each one, decides
//! (`timing::decide`), and records the batch, the delivery stamps, the mail in the outbox and
//! the push jobs (one per device) together. A crash before the commit leaves nothing behind; a retry starts over.

use askama::Template;
use chrono::{DateTime, Utc};

use super::{
    NUDGE_COLUMNS, Nudge, NudgeKind, Shown, schedule_delivery, settings, still_stands,
    timing::{Channels, Decision, decide},
};
use crate::{
    auth::account,
    config::Config,
    db::{Db, Handle, new_id, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    events,
    family::{FamilyId, Member, MemberId, member_in_family, members},
    feelings::reciprocity::week_of,
    i18n::Tr,
    mail::{self, Mail, MailKind},
    push::{self, PushMessage},
};

#[derive(Template)]
#[template(path = "mail/reminders.txt")]
struct RemindersMail<'a> {
    tr: Tr,
    name: &'a str,
    lines: &'a [Shown],
    settings_link: String,
}

impl RemindersMail<'_> {
    /// Only news of the family (someone joined or left), no reminder among them.
    fn only_notices(&self) -> bool {
        self.lines.iter().all(|l| l.nudge.kind.is_notice())
    }

    /// Who it is all from, when every line is news from the same member.
    fn only_news_from(&self) -> Option<&str> {
        let first = self.lines.first()?;
        self.lines
            .iter()
            .all(|l| l.nudge.kind == NudgeKind::News && l.with == first.with)
            .then_some(first.with.as_str())
    }
}

/// Runs one [`super::DeliverNudges`] job: the member's due nudges, as one batch.
pub async fn run(
    db: &Db,
    config: &Config,
    family: &FamilyId,
    member_id: &MemberId,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let member = match member_in_family(&mut tx, family, member_id.as_str()).await {
        Ok(m) => m,
        // The member left: their nudges went with them.
        Err(AppError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let now = now();
    let batch = new_id();
    let taken = take_due(&mut tx, &member, &batch, now).await?;
    if taken.is_empty() {
        return Ok(());
    }
    let chosen = settings::load(&mut tx, &member.id).await?;
    let address = match &member.account_id {
        Some(account) => account::email_of(&mut tx, account).await?,
        None => None,
    };
    let (week, _) = week_of(&member, now);
    let counted = counted_in(&mut tx, &member, &week).await?;
    let devices = push::device_count(&mut tx, &member.id).await?;
    let mut sending: Vec<Nudge> = Vec::new();
    let mut channels: Option<Channels> = None;
    for nudge in taken {
        if !still_stands(&mut tx, &member, &nudge).await? {
            set_void(&mut tx, &nudge, "changed", now).await?;
            continue;
        }
        let tz = member.tz();
        let decision = decide(
            &chosen,
            tz,
            nudge.expires_at,
            now,
            counted,
            address.is_some(),
            devices > 0,
        );
        // A notice about the family does not wait for quiet hours to end.
        let decision = match decision {
            Decision::Wait(_) if nudge.kind.is_notice() => Decision::Send(Channels {
                mail: false,
                in_app: true,
                push: false,
                counts: false,
            }),
            other => other,
        };
        match decision {
            Decision::Expired => set_void(&mut tx, &nudge, "expired", now).await?,
            Decision::Wait(until) => {
                put_back(&mut tx, &nudge, until).await?;
                schedule_delivery(&mut tx, &member, until).await?;
            }
            // Every nudge sent in one run gets the same channels: they depend on the moment,
            // the member's settings and the week's count, not on the nudge.
            Decision::Send(c) => {
                channels = Some(c);
                sending.push(nudge);
            }
        }
    }
    // A notice about the family goes out by every channel there is; a batch of notices only
    // does not count against the weekly cap of reminders.
    let channels = channels.map(|c| match sending.iter().any(|n| n.kind.is_notice()) {
        true => Channels {
            mail: address.is_some(),
            in_app: true,
            push: c.push,
            counts: c.counts && sending.iter().any(|n| !n.kind.is_notice()),
        },
        false => c,
    });
    if let (Some(channels), false) = (channels, sending.is_empty()) {
        let outbox_id = match (&address, channels.mail) {
            (Some(to), true) => Some(queue_mail(&mut tx, config, &member, to, &sending).await?),
            _ => None,
        };
        // Push: one job per device, queued with the batch, so a device gets it exactly when
        // the batch is recorded.
        let pushed = channels.push
            && push::queue_for_member(
                &mut tx,
                &member.id,
                &batch,
                &push_message(&member, &sending),
            )
            .await?
                > 0;
        let sent = Sent { outbox_id, pushed };
        record(&mut tx, &member, &batch, &week, channels, sent, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes every due, untaken nudge of the member for this batch. On PostgreSQL a concurrent
/// batch waits for the row locks and then finds them taken; SQLite has one writer.
async fn take_due(
    h: &mut impl Handle,
    member: &Member,
    batch: &str,
    now: DateTime<Utc>,
) -> AppResult<Vec<Nudge>> {
    let sql = format!(
        "UPDATE nudges SET delivery_id = $1
         WHERE member_id = $2 AND due_at <= $3 AND delivery_id IS NULL AND void_at IS NULL
         RETURNING {NUDGE_COLUMNS}"
    );
    let mut taken = db_run!(h, |c| sqlx::query_as::<_, Nudge>(&sql)
        .bind(batch)
        .bind(&member.id)
        .bind(now)
        .fetch_all(c)
        .await)?;
    taken.sort_by(|a, b| (a.event_at, &a.id).cmp(&(b.event_at, &b.id)));
    Ok(taken)
}

/// Batches of this ISO week that counted against the cap.
async fn counted_in(h: &mut impl Handle, member: &Member, week: &str) -> AppResult<i64> {
    Ok(db_run!(h, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM nudge_deliveries WHERE member_id = $1 AND week = $2 AND counts"
    )
    .bind(&member.id)
    .bind(week)
    .fetch_one(c)
    .await)?)
}

async fn set_void(
    h: &mut impl Handle,
    nudge: &Nudge,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE nudges SET void_at = $1, void_reason = $2 WHERE id = $3"
    )
    .bind(now)
    .bind(reason)
    .bind(&nudge.id)
    .execute(c)
    .await)?;
    Ok(())
}

/// Back in the queue, for when quiet hours end.
async fn put_back(h: &mut impl Handle, nudge: &Nudge, until: DateTime<Utc>) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE nudges SET delivery_id = NULL, due_at = $1 WHERE id = $2"
    )
    .bind(until)
    .bind(&nudge.id)
    .execute(c)
    .await)?;
    Ok(())
}

async fn queue_mail(
    h: &mut impl Handle,
    config: &Config,
    member: &Member,
    to: &str,
    sending: &[Nudge],
) -> AppResult<String> {
    let family = members(h, &member.family_id).await?;
    // In the recipient's language, whoever caused the reminder.
    let tr = Tr::for_member(member);
    let told = events::told_in(h, sending).await?;
    let lines = Shown::all(&tr, sending.to_vec(), member, &family, &told, |path| {
        config.link(path)
    });
    let letter = Mail::compose(
        MailKind::Reminder,
        to,
        &RemindersMail {
            tr,
            name: &member.display_name,
            lines: &lines,
            settings_link: config.link("/settings/reminders"),
        },
    )?
    .in_family(Some(member.family_id.clone()));
    mail::queue(h, letter).await
}

/// What a device shows of a batch: *that* something waits on Today, never what: a locked
/// phone's screen is seen by anyone near it. In the recipient's language.
fn push_message(member: &Member, sending: &[Nudge]) -> PushMessage {
    let tr = Tr::for_member(member);
    // News of the family: someone joined or left, or the other did something (events).
    let news = |n: &Nudge| n.kind.is_notice() || n.kind == NudgeKind::News;
    let body = match sending.iter().all(news) {
        true => tr.t("push-reminders-news"),
        false => tr.t_with("push-reminders-waiting", &[("count", sending.len().into())]),
    };
    PushMessage {
        title: tr.t("push-title"),
        body,
        link: "/".into(),
    }
}

/// What went out of a batch besides the card on Today.
struct Sent {
    outbox_id: Option<String>,
    /// Push jobs were queued for at least one device.
    pushed: bool,
}

/// The batch, and the stamps on its nudges. It counts against the weekly cap once if it
/// interrupted at all (mail, push or both).
async fn record(
    h: &mut impl Handle,
    member: &Member,
    batch: &str,
    week: &str,
    channels: Channels,
    sent: Sent,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let interrupted = sent.outbox_id.is_some() || sent.pushed;
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO nudge_deliveries (id, member_id, week, mailed, in_app, counts, outbox_id,
             created_at, pushed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(batch)
    .bind(&member.id)
    .bind(week)
    .bind(sent.outbox_id.is_some())
    .bind(channels.in_app)
    .bind(channels.counts && interrupted)
    .bind(&sent.outbox_id)
    .bind(now)
    .bind(sent.pushed)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "UPDATE nudges SET delivered_at = $1, in_app = $2
         WHERE delivery_id = $3 AND void_at IS NULL"
    )
    .bind(now)
    .bind(channels.in_app)
    .bind(batch)
    .execute(c)
    .await)?;
    Ok(())
}

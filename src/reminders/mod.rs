//! Reminders, in one place: everything Tandem brings to a member's attention on its own
//! initiative. Each is a *nudge*: one row per member, kind and subject, so proposing it again
//! changes nothing. A feature proposes a nudge with [`propose`]; a delivery job per member and
//! time collects every nudge of that member that is due into one batch: one mail listing them
//! and one card on Today, within the member's channels, quiet hours and weekly cap (see
//! `timing`, `settings` and docs/adr/0012-reminders.md). What proposes the reminders of plans
//! (the evening before, and the invitation to reflect after) is [`plans`].
//!
//! News from the other member (an event of [`crate::events`]) travels as one kind, `news`:
//! adding a kind of news is done there, not here.
//!
//! Adding a kind: a variant of [`NudgeKind`] (and whether it is a notice), its re-check at
//! delivery in [`still_stands`], its line in `templates/mail/reminders.txt` and
//! `templates/reminders/_today.html`, and whatever proposes it (a file here when it is a
//! sweep, like [`plans`]).

mod delivery;
pub mod plans;
pub mod settings;
pub mod timing;
mod today;

pub use today::{Shown, for_today};

use axum::{Router, routing::get, routing::post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    app::AppState,
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::AppResult,
    family::{BondId, FamilyId, Member, MemberId},
    jobs::{self, Job, Worker},
    text_enum,
};

text_enum! {
    /// What a nudge is about. `plan`: an occurrence of a plan is coming up (its subject is
    /// the occurrence's key and start).
    pub enum NudgeKind {
        Plan => "plan",
        Reflect => "reflect",
        Joined => "joined",
        Left => "left",
        News => "news",
    }
}

impl NudgeKind {
    /// Notices about the family itself (someone joined or left): each member must learn of
    /// them, so they are mailed whatever the reminder settings and the weekly cap say, and
    /// shown on Today.
    pub fn is_notice(self) -> bool {
        matches!(self, NudgeKind::Joined | NudgeKind::Left)
    }
}

/// The job that delivers one member's due nudges as one batch (see `delivery`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliverNudges {
    pub family_id: FamilyId,
    pub member_id: MemberId,
    /// When the delivery is scheduled for. With the member it names the row, so nudges due
    /// at the same time share one delivery; it is not stored, since the run takes whatever is
    /// due by its own now.
    #[serde(skip)]
    pub at: DateTime<Utc>,
}

impl Job for DeliverNudges {
    const KIND: &'static str = "nudges.deliver";

    fn key(&self) -> String {
        format!("{}@{}", self.member_id, self.at.to_rfc3339())
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        delivery::run(&worker.db, &worker.config, &self.family_id, &self.member_id).await
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/settings/reminders",
            get(settings::page::page).post(settings::page::save),
        )
        .route("/reminders/{id}/dismiss", post(today::dismiss))
}

/// A nudge as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Nudge {
    pub id: String,
    pub member_id: MemberId,
    pub bond_id: Option<BondId>,
    pub kind: NudgeKind,
    /// What it is about, unique per member and kind.
    pub subject: String,
    /// Words of the member's own or their bond's, e.g. the plan's title.
    pub title: String,
    /// When the thing it is about happens, if it has a time.
    pub event_at: Option<DateTime<Utc>>,
    /// A path in the app.
    pub link: String,
    pub due_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// For `news`: the event it carries (see [`crate::events`]).
    pub event_id: Option<String>,
}

const NUDGE_COLUMNS: &str = "id, member_id, bond_id, kind, subject, title, event_at, link, \
     due_at, expires_at, delivered_at, event_id";

/// A nudge a feature would like to send.
pub struct NewNudge<'a> {
    pub member: &'a Member,
    pub bond: Option<&'a BondId>,
    pub kind: NudgeKind,
    pub subject: String,
    pub title: String,
    pub event_at: Option<DateTime<Utc>>,
    pub link: String,
    /// When it should go out, in an ideal world (quiet hours are applied here).
    pub due_at: DateTime<Utc>,
    /// After this it is pointless and never sent.
    pub expires_at: DateTime<Utc>,
}

/// Voids a bond's nudges of one kind whose subject starts with `subject_prefix`, delivered or
/// not: what they are about has changed (a plan's time was moved or cancelled), so a waiting
/// one is not sent and a delivered one leaves Today. Run it in the caller's transaction.
pub async fn void_about(
    h: &mut impl Handle,
    bond: &crate::family::BondId,
    kind: NudgeKind,
    subject_prefix: &str,
    reason: &str,
) -> AppResult<()> {
    // The prefix is one of our keys (letters, digits, '-'), so it holds no LIKE wildcard.
    let pattern = format!("{subject_prefix}%");
    db_exec!(h, |c| sqlx::query(
        "UPDATE nudges SET void_at = $1, void_reason = $2
         WHERE bond_id = $3 AND kind = $4 AND subject LIKE $5 AND void_at IS NULL"
    )
    .bind(now())
    .bind(reason)
    .bind(bond)
    .bind(kind)
    .bind(&pattern)
    .execute(c)
    .await)?;
    Ok(())
}

/// Whose nudges [`void_all`] voids.
pub enum VoidAll<'a> {
    /// Every nudge about a bond (it ended).
    OfBond(&'a BondId),
    /// Every nudge of a member (they left).
    OfMember(&'a MemberId),
}

/// Voids every nudge of a bond or a member, delivered or not: they leave Today and are never
/// sent. Run it in the caller's transaction.
pub async fn void_all(h: &mut impl Handle, which: VoidAll<'_>, reason: &str) -> AppResult<()> {
    let (column, id) = match which {
        VoidAll::OfBond(bond) => ("bond_id", bond.as_str()),
        VoidAll::OfMember(member) => ("member_id", member.as_str()),
    };
    let sql = format!(
        "UPDATE nudges SET void_at = $1, void_reason = $2 WHERE {column} = $3 AND void_at IS NULL"
    );
    db_exec!(h, |c| sqlx::query(&sql)
        .bind(now())
        .bind(reason)
        .bind(id)
        .execute(c)
        .await)?;
    Ok(())
}

/// Records a nudge and schedules its delivery, unless the member already has one of this kind
/// and subject (delivered, waiting or void): proposing twice, from a retried or a second
/// sweep, changes nothing. Returns whether it is new. Run it in the caller's transaction.
pub async fn propose(
    h: &mut impl Handle,
    nudge: &NewNudge<'_>,
    at: DateTime<Utc>,
) -> AppResult<bool> {
    propose_about(h, nudge, None, at).await
}

/// [`propose`] for a `news` nudge, which carries one event of [`crate::events`] to the
/// member's next batch.
pub async fn propose_news(
    h: &mut impl Handle,
    nudge: &NewNudge<'_>,
    event_id: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    propose_about(h, nudge, Some(event_id), at).await?;
    Ok(())
}

async fn propose_about(
    h: &mut impl Handle,
    nudge: &NewNudge<'_>,
    event_id: Option<&str>,
    at: DateTime<Utc>,
) -> AppResult<bool> {
    let member = nudge.member;
    let known: i64 = db_run!(h, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM nudges WHERE member_id = $1 AND kind = $2 AND subject = $3"
    )
    .bind(&member.id)
    .bind(nudge.kind)
    .bind(&nudge.subject)
    .fetch_one(c)
    .await)?;
    if known > 0 {
        return Ok(false);
    }
    let chosen = settings::load(h, &member.id).await?;
    // A notice about the family goes out when it happens, quiet hours or not.
    let slot = match nudge.kind.is_notice() {
        true => nudge.due_at,
        false => timing::slot(
            chosen.quiet(),
            member.tz(),
            nudge.due_at,
            nudge.expires_at,
            at,
        ),
    };
    let inserted = db_exec!(h, |c| sqlx::query(
        "INSERT INTO nudges (id, member_id, bond_id, kind, subject, title, event_at, link,
             due_at, expires_at, created_at, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (member_id, kind, subject) DO NOTHING"
    )
    .bind(new_id())
    .bind(&member.id)
    .bind(nudge.bond)
    .bind(nudge.kind)
    .bind(&nudge.subject)
    .bind(&nudge.title)
    .bind(nudge.event_at)
    .bind(&nudge.link)
    .bind(slot)
    .bind(nudge.expires_at)
    .bind(now())
    .bind(event_id)
    .execute(c)
    .await)?;
    if inserted == 1 {
        schedule_delivery(h, member, slot).await?;
    }
    Ok(inserted == 1)
}

/// Makes sure a delivery for the member runs at `at`. Nudges due at the same time share it,
/// and each run takes whatever of the member's is due by then, so a batch is one message.
pub async fn schedule_delivery(
    h: &mut impl Handle,
    member: &Member,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let job = DeliverNudges {
        family_id: member.family_id.clone(),
        member_id: member.id.clone(),
        at,
    };
    jobs::enqueue(h, &job, at).await
}

/// A safety net run by the hourly sweeps: a delivery for every member with a nudge overdue and
/// untaken (should its job have been lost), so nothing waits for ever.
pub async fn deliver_overdue(h: &mut impl Handle, at: DateTime<Utc>) -> AppResult<()> {
    let overdue: Vec<Member> = db_run!(h, |c| sqlx::query_as::<_, Member>(&format!(
        "SELECT {} FROM members WHERE id IN (
             SELECT member_id FROM nudges
             WHERE due_at <= $1 AND delivery_id IS NULL AND void_at IS NULL)",
        crate::family::MEMBER_COLUMNS
    ))
    .bind(at - chrono::Duration::minutes(30))
    .fetch_all(c)
    .await)?;
    for member in overdue {
        schedule_delivery(h, &member, at).await?;
    }
    Ok(())
}

/// How long nudges and batches are kept after they stopped mattering: long enough to see what
/// went out lately, and past any week the cap still counts.
const KEPT_FOR: chrono::Duration = chrono::Duration::days(30);

/// Part of the hourly housekeeping: forgets nudges past their expiry and old batches. A
/// forgotten nudge is never proposed again, since features propose only what is still ahead.
pub async fn forget_old(h: &mut impl Handle, at: DateTime<Utc>) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM nudges WHERE expires_at <= $1"
    )
    .bind(at - KEPT_FOR)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM nudge_deliveries WHERE created_at <= $1"
    )
    .bind(at - KEPT_FOR)
    .execute(c)
    .await)?;
    Ok(())
}

/// Whether a nudge still stands when it is about to go out, by its kind's own rules (a plan
/// moved or cancelled since makes its reminder void).
async fn still_stands(h: &mut impl Handle, member: &Member, nudge: &Nudge) -> AppResult<bool> {
    match nudge.kind {
        NudgeKind::Plan => crate::reminders::plans::still_stands(h, member, nudge).await,
        NudgeKind::Reflect => {
            crate::reminders::plans::reflection_still_wanted(h, member, nudge).await
        }
        NudgeKind::Joined | NudgeKind::Left => Ok(true),
        NudgeKind::News => crate::events::still_news(h, nudge).await,
    }
}

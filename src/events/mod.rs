//! Tell the other: when one member of a bond does something that waits for or concerns the
//! other (starts making up after a row, makes or moves a plan, writes a note, answers the
//! question of the day, replies, asks to talk…), the other learns of it without having to open
//! the right page. Each such thing is an *event* for the other member: it shows on their Today
//! at once (newest first, grouped, dismissable) and goes out through the reminders' delivery —
//! a few batches a day, within their channels, quiet hours and weekly cap (see
//! docs/adr/0029-tell-the-other.md).
//!
//! Rules every kind follows, enforced here rather than by each feature:
//! - nothing private is ever an event: features call [`tell`] only for what the other can
//!   read, and `title` holds only words both can read (mail and push carry no words of a
//!   member's at all, except a plan's title — see [`EventKind::title_in_mail`]);
//! - in together mode the mother is right there with her son, so what "he" does tells her
//!   nothing ([`tell`] does nothing);
//! - the same thing happening again freshens the one event instead of adding another;
//! - an event ends when its recipient dismisses it or does what it asked ([`seen`]), or when
//!   what it was about is undone ([`withdraw`]).
//!
//! # Adding a kind
//! 1. A variant of [`EventKind`] below, and whether it [`groups`](EventKind::groups) on Today.
//! 2. Its words in `locales/en/events.ftl`: `events-today-<kind>` (Today) and
//!    `events-mail-<kind>` (the mail line), named in [`EventKind::today_key`] and
//!    [`EventKind::mail_key`].
//! 3. A call to [`tell`] where it happens, in the same transaction as the change, with a
//!    subject that names what it is about and a link the other can open.
//! 4. Where the other deals with it, a call to [`seen`]; where it is undone, [`withdraw`].
//! 5. A test in `tests/it/events/` that the other's Today and next mail tell of it — and that
//!    its private counterpart (if any) tells nothing.

mod delivery;
pub mod today;

pub use delivery::{Told, still_news, told_in};
pub use today::{NewsLine, for_today};

use axum::{Router, routing::post};
use chrono::{DateTime, Utc};

use crate::{
    app::AppState,
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::AppResult,
    family::{BondId, MemberId},
    privacy::BondAccess,
    text_enum,
};

text_enum! {
    /// What happened, as the other is told of it.
    pub enum EventKind {
        RepairStarted => "repair-started",
        RepairShared => "repair-shared",
        RepairAgreed => "repair-agreed",
        PlanMade => "plan-made",
        PlanMoved => "plan-moved",
        PlanCancelled => "plan-cancelled",
        PlanStopped => "plan-stopped",
        Note => "note",
        AnswerWaiting => "answer-waiting",
        AnswersOpen => "answers-open",
        Reply => "reply",
        TalkAsked => "talk-asked",
        TalkHelpNow => "talk-help-now",
        TalkTimeSuggested => "talk-time-suggested",
        TalkWithdrawn => "talk-withdrawn",
    }
}

impl EventKind {
    /// Kinds that come in numbers (notes, replies) show as one line on Today: "3 notes from
    /// Sam". The others are one line each.
    pub fn groups(self) -> bool {
        matches!(self, EventKind::Note | EventKind::Reply)
    }

    /// Whether the mail may carry the event's title. Only a plan's title, which reminder
    /// mails carry already; everything else a member wrote stays behind the login.
    pub fn title_in_mail(self) -> bool {
        matches!(
            self,
            EventKind::PlanMade
                | EventKind::PlanMoved
                | EventKind::PlanCancelled
                | EventKind::PlanStopped
        )
    }

    /// A request for help now is mailed at once by the talk requests themselves (whatever
    /// the quiet hours and the cap say), so the batches leave it out rather than say it twice.
    pub fn mailed_in_batches(self) -> bool {
        self != EventKind::TalkHelpNow
    }

    /// The catalogue key of its line on Today (with `$name`, `$role`, `$title`, `$count`).
    pub fn today_key(self) -> &'static str {
        match self {
            EventKind::RepairStarted => "events-today-repair-started",
            EventKind::RepairShared => "events-today-repair-shared",
            EventKind::RepairAgreed => "events-today-repair-agreed",
            EventKind::PlanMade => "events-today-plan-made",
            EventKind::PlanMoved => "events-today-plan-moved",
            EventKind::PlanCancelled => "events-today-plan-cancelled",
            EventKind::PlanStopped => "events-today-plan-stopped",
            EventKind::Note => "events-today-note",
            EventKind::AnswerWaiting => "events-today-answer-waiting",
            EventKind::AnswersOpen => "events-today-answers-open",
            EventKind::Reply => "events-today-reply",
            EventKind::TalkAsked => "events-today-talk-asked",
            EventKind::TalkHelpNow => "events-today-talk-help-now",
            EventKind::TalkTimeSuggested => "events-today-talk-time-suggested",
            EventKind::TalkWithdrawn => "events-today-talk-withdrawn",
        }
    }

    /// The catalogue key of its line in a mail (with `$name`, `$role`, and `$title` where
    /// [`EventKind::title_in_mail`]).
    pub fn mail_key(self) -> &'static str {
        match self {
            EventKind::RepairStarted => "events-mail-repair-started",
            EventKind::RepairShared => "events-mail-repair-shared",
            EventKind::RepairAgreed => "events-mail-repair-agreed",
            EventKind::PlanMade => "events-mail-plan-made",
            EventKind::PlanMoved => "events-mail-plan-moved",
            EventKind::PlanCancelled => "events-mail-plan-cancelled",
            EventKind::PlanStopped => "events-mail-plan-stopped",
            EventKind::Note => "events-mail-note",
            EventKind::AnswerWaiting => "events-mail-answer-waiting",
            EventKind::AnswersOpen => "events-mail-answers-open",
            EventKind::Reply => "events-mail-reply",
            EventKind::TalkAsked => "events-mail-talk-asked",
            EventKind::TalkHelpNow => "events-mail-talk-help-now",
            EventKind::TalkTimeSuggested => "events-mail-talk-time-suggested",
            EventKind::TalkWithdrawn => "events-mail-talk-withdrawn",
        }
    }
}

/// Something to tell the other member of the bond.
pub struct NewEvent {
    pub kind: EventKind,
    /// What it is about, unique per kind for the recipient: a repair's id, a plan time's key,
    /// a day. The same subject again freshens the event.
    pub subject: String,
    /// Words both members can read (a plan's title, what a repair is about), or "".
    pub title: String,
    /// Where the other deals with it: a path in the app.
    pub link: String,
}

/// An event as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub id: String,
    pub member_id: MemberId,
    pub bond_id: BondId,
    pub actor_id: MemberId,
    pub kind: EventKind,
    pub subject: String,
    pub title: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
}

const EVENT_COLUMNS: &str =
    "id, member_id, bond_id, actor_id, kind, subject, title, link, created_at";

pub fn router() -> Router<AppState> {
    Router::new().route("/events/{id}/dismiss", post(today::dismiss))
}

/// Tells the other member of the bond that the acting member did something: an event on
/// their Today now, and a line in their next batch of reminders. Nothing in together mode
/// (she was there) or in an ended bond. Run it in the transaction of the change itself.
pub async fn tell(h: &mut impl Handle, access: &BondAccess, event: NewEvent) -> AppResult<()> {
    if access.together() || access.ended() {
        return Ok(());
    }
    let recipient = access.partner();
    let at = now();
    let sql = format!(
        "INSERT INTO events (id, member_id, bond_id, actor_id, kind, subject, title, link,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (member_id, kind, subject) DO UPDATE SET
             actor_id = excluded.actor_id, title = excluded.title, link = excluded.link,
             created_at = excluded.created_at, seen_at = NULL, void_at = NULL
         RETURNING {EVENT_COLUMNS}"
    );
    let stored = db_run!(h, |c| sqlx::query_as::<_, Event>(&sql)
        .bind(new_id())
        .bind(&recipient.id)
        .bind(access.id())
        .bind(access.me())
        .bind(event.kind)
        .bind(&event.subject)
        .bind(&event.title)
        .bind(&event.link)
        .bind(at)
        .fetch_one(c)
        .await)?;
    if event.kind.mailed_in_batches() {
        delivery::propose(h, recipient, &stored, at).await?;
    }
    Ok(())
}

/// Which subjects [`seen`] marks.
#[derive(Debug, Clone, Copy)]
pub enum About<'a> {
    /// Every subject.
    Any,
    /// This one.
    Is(&'a str),
    /// Those starting with this (replies are `<what they answer>/<reply>`).
    Under(&'a str),
}

impl About<'_> {
    /// The value to bind (if any) and the SQL condition that matches it, with the value as `$n`.
    fn condition(self, n: usize) -> (Option<String>, String) {
        match self {
            About::Any => (None, String::new()),
            About::Is(subject) => (Some(subject.to_owned()), format!(" AND subject = ${n}")),
            // Subjects are our own ids and dates, so they hold no LIKE wildcard.
            About::Under(prefix) => (
                Some(format!("{prefix}%")),
                format!(" AND subject LIKE ${n}"),
            ),
        }
    }
}

/// The acting member has dealt with what these kinds of events told them (about these
/// subjects): they leave Today and are not mailed. Looking first keeps a page that calls it
/// from writing when there is nothing to mark.
pub async fn seen(
    h: &mut impl Handle,
    access: &BondAccess,
    kinds: &[EventKind],
    about: About<'_>,
) -> AppResult<()> {
    // $1 member, $2 bond, then the subject if any, then the kinds.
    let (subject, condition) = about.condition(3);
    let first_kind = if subject.is_some() { 4 } else { 3 };
    let kinds_in = (0..kinds.len())
        .map(|i| format!("${}", first_kind + i))
        .collect::<Vec<_>>()
        .join(", ");
    let matching = format!(
        "member_id = $1 AND bond_id = $2 AND seen_at IS NULL AND void_at IS NULL
         AND kind IN ({kinds_in}){condition}"
    );
    macro_rules! bound {
        ($query:expr) => {{
            let mut q = $query.bind(access.me()).bind(access.id());
            if let Some(subject) = &subject {
                q = q.bind(subject);
            }
            for kind in kinds {
                q = q.bind(*kind);
            }
            q
        }};
    }
    let select = format!("SELECT COUNT(*) FROM events WHERE {matching}");
    let waiting: i64 = db_run!(h, |c| bound!(sqlx::query_scalar(&select))
        .fetch_one(c)
        .await)?;
    if waiting == 0 {
        return Ok(());
    }
    let update = format!(
        "UPDATE events SET seen_at = ${} WHERE {matching}",
        first_kind + kinds.len()
    );
    db_exec!(h, |c| bound!(sqlx::query(&update))
        .bind(now())
        .execute(c)
        .await)?;
    Ok(())
}

/// What the acting member told the other of is undone (a shared part made private again, a
/// note deleted with the replies under it): the other's events of `kind` about it leave
/// Today and are not mailed.
pub async fn withdraw(
    h: &mut impl Handle,
    access: &BondAccess,
    kind: EventKind,
    about: About<'_>,
) -> AppResult<()> {
    let (subject, condition) = about.condition(5);
    let sql = format!(
        "UPDATE events SET void_at = $1
         WHERE member_id = $2 AND bond_id = $3 AND kind = $4 AND void_at IS NULL{condition}"
    );
    db_exec!(h, |c| {
        let mut q = sqlx::query(&sql)
            .bind(now())
            .bind(&access.partner().id)
            .bind(access.id())
            .bind(kind);
        if let Some(subject) = &subject {
            q = q.bind(subject);
        }
        q.execute(c).await
    })?;
    Ok(())
}

/// What was replied to (a note, a check-in) was deleted, and its replies with it: the news of
/// them would lead nowhere, for the other (what the acting member said under it) and for the
/// acting member (what the other said).
pub async fn replies_gone(h: &mut impl Handle, access: &BondAccess, parent: &str) -> AppResult<()> {
    let replies = format!("{parent}/");
    withdraw(h, access, EventKind::Reply, About::Under(&replies)).await?;
    seen(h, access, &[EventKind::Reply], About::Under(&replies)).await
}

/// Whose events [`forget`] deletes.
pub enum Forget<'a> {
    /// Every event of a bond (it ended).
    OfBond(&'a BondId),
    /// Every event told to or by a member (they left).
    OfMember(&'a MemberId),
}

/// Deletes events that no longer mean anything: a bond ended, a member left. Their nudges go
/// with them. Run it in the caller's transaction.
pub async fn forget(h: &mut impl Handle, which: Forget<'_>) -> AppResult<()> {
    let (sql, id) = match which {
        Forget::OfBond(bond) => ("DELETE FROM events WHERE bond_id = $1", bond.as_str()),
        Forget::OfMember(member) => (
            "DELETE FROM events WHERE member_id = $1 OR actor_id = $1",
            member.as_str(),
        ),
    };
    db_exec!(h, |c| sqlx::query(sql).bind(id).execute(c).await)?;
    Ok(())
}

/// Part of the hourly housekeeping: events older than this are no longer news.
pub const KEPT_FOR: chrono::Duration = chrono::Duration::days(30);

/// Forgets events past [`KEPT_FOR`].
pub async fn forget_old(h: &mut impl Handle, at: DateTime<Utc>) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM events WHERE created_at <= $1"
    )
    .bind(at - KEPT_FOR)
    .execute(c)
    .await)?;
    Ok(())
}

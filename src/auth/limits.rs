//! Limits on actions a stranger could repeat against someone: guessing a signed-in member's
//! current password, and mail Tandem sends to an address (reset links, invitations, notes on
//! a sign-up). Stored in the database, so they hold across instances and restarts.
//!
//! Every action is recorded *before* it is judged, and judged by a count that includes it.
//! Run [`admit`] on a connection outside a transaction: its insert is then visible to every
//! count that starts after it, so of any number of simultaneous requests at most `max` see a
//! count within the limit (the k-th recorded sees at least k).

use chrono::Duration;

use crate::{
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::AppResult,
};

/// A number of actions allowed within a window of time.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i64,
    pub window: Duration,
}

/// What is counted; each kind has its own limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A current password typed in Settings. Subject: the account; source: the client address.
    CurrentPassword,
    /// A reset link mailed. Subject: the recipient address; source: the client address.
    ResetMail,
    /// An invitation mailed. Subject: the recipient address; source: the inviting member.
    InvitationMail,
    /// A mail about a sign-up or an acceptance (a confirmation link, or "you already have an
    /// account"). Subject: the recipient address; source: the client address.
    AccountMail,
}

impl Action {
    fn key(self) -> &'static str {
        match self {
            Action::CurrentPassword => "current_password",
            Action::ResetMail => "reset_mail",
            Action::InvitationMail => "invitation_mail",
            Action::AccountMail => "account_mail",
        }
    }

    /// Per subject (the account or the recipient address), then per source.
    pub fn limits(self) -> (Limit, Limit) {
        let quarter = Duration::minutes(15);
        let day = Duration::days(1);
        let hour = Duration::hours(1);
        match self {
            Action::CurrentPassword => (lim(5, quarter), lim(20, quarter)),
            Action::ResetMail => (lim(3, hour), lim(10, hour)),
            Action::InvitationMail => (lim(3, day), lim(10, day)),
            Action::AccountMail => (lim(3, hour), lim(10, hour)),
        }
    }
}

const fn lim(max: i64, window: Duration) -> Limit {
    Limit { max, window }
}

/// Which limit an action ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Subject,
    Source,
}

/// Records one `action` towards `subject` from `source` and judges it: `Ok(None)` when it is
/// within both limits, else which limit it ran into. A refused action is removed again, so
/// trying on does not prolong the wait.
pub async fn admit(
    h: &mut impl Handle,
    action: Action,
    subject: &str,
    source: &str,
) -> AppResult<Option<Refusal>> {
    let (per_subject, per_source) = action.limits();
    let id = new_id();
    let now = now();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO limited_actions (id, action, subject, source, at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(&id)
    .bind(action.key())
    .bind(subject)
    .bind(source)
    .bind(now)
    .execute(c)
    .await)?;
    let (by_subject, by_source): (i64, i64) = db_run!(h, |c| sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM limited_actions WHERE action = $1 AND subject = $2 AND at > $4),
            (SELECT COUNT(*) FROM limited_actions WHERE action = $1 AND source = $3 AND at > $5)"
    )
    .bind(action.key())
    .bind(subject)
    .bind(source)
    .bind(now - per_subject.window)
    .bind(now - per_source.window)
    .fetch_one(c)
    .await)?;
    let refusal = if by_subject > per_subject.max {
        Some(Refusal::Subject)
    } else if by_source > per_source.max {
        Some(Refusal::Source)
    } else {
        None
    };
    if refusal.is_some() {
        db_exec!(h, |c| sqlx::query(
            "DELETE FROM limited_actions WHERE id = $1"
        )
        .bind(&id)
        .execute(c)
        .await)?;
    }
    prune(h, action).await?;
    Ok(refusal)
}

/// Forgets the counted `action`s towards `subject` (e.g. after the right current password).
pub async fn forget(h: &mut impl Handle, action: Action, subject: &str) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM limited_actions WHERE action = $1 AND subject = $2"
    )
    .bind(action.key())
    .bind(subject)
    .execute(c)
    .await)?;
    Ok(())
}

/// Drops rows older than every window of the action, so the table stays small.
async fn prune(h: &mut impl Handle, action: Action) -> AppResult<()> {
    let (a, b) = action.limits();
    let longest = if a.window > b.window {
        a.window
    } else {
        b.window
    };
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM limited_actions WHERE action = $1 AND at <= $2"
    )
    .bind(action.key())
    .bind(now() - longest)
    .execute(c)
    .await)?;
    Ok(())
}

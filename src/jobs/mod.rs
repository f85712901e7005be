//! Durable jobs: rows in the `jobs` table, claimed atomically with a lease and run by a worker
//! inside `serve`. A job whose worker died is retried when its lease runs out, so every handler
//! is idempotent and stamps what it did (e.g. `outbox.sent_at`).

mod worker;

pub use worker::{Worker, run_due};

use chrono::{DateTime, Duration, Utc};

use crate::{
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
};

/// Send one outbox message (payload `{"outbox_id": …}`).
pub const SEND_MAIL: &str = "mail.send";
/// Hourly clean-up of expired sessions, invitations, resets and login failures; it schedules
/// its own next run.
pub const HOUSEKEEPING: &str = "housekeeping";

/// How long a claimed job is reserved for its worker before another may retry it.
pub const LEASE: Duration = Duration::minutes(5);
/// Attempts before a job is marked failed for good.
pub const MAX_ATTEMPTS: i64 = 8;

/// Schedules a job. `(kind, key)` is unique: enqueuing the same job twice (from two instances,
/// or a retried request) keeps the first.
pub async fn enqueue(
    h: &mut impl Handle,
    kind: &str,
    key: &str,
    payload: &serde_json::Value,
    run_at: DateTime<Utc>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO jobs (id, kind, job_key, payload, run_at, attempts, created_at)
         VALUES ($1, $2, $3, $4, $5, 0, $6)
         ON CONFLICT (kind, job_key) DO NOTHING"
    )
    .bind(new_id())
    .bind(kind)
    .bind(key)
    .bind(payload.to_string())
    .bind(run_at)
    .bind(now())
    .execute(c)
    .await)?;
    Ok(())
}

/// Makes sure the next housekeeping run exists (called at start-up and by each run).
pub async fn schedule_housekeeping(h: &mut impl Handle, after: DateTime<Utc>) -> AppResult<()> {
    use chrono::{DurationRound, TimeDelta};
    let next = after.duration_trunc(TimeDelta::hours(1)).unwrap_or(after) + Duration::hours(1);
    enqueue(
        h,
        HOUSEKEEPING,
        &next.to_rfc3339(),
        &serde_json::json!({}),
        next,
    )
    .await
}

/// The clean-up itself; every statement is safe to repeat.
pub async fn housekeeping(h: &mut impl Handle) -> AppResult<()> {
    let now = now();
    let old = now - Duration::days(30);
    let failures_before = now - Duration::days(1);
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1"
    )
    .bind(now)
    .execute(&mut *c)
    .await)?;
    db_exec!(h, |c| {
        sqlx::query("DELETE FROM invitations WHERE (expires_at <= $1 OR used_at IS NOT NULL OR revoked_at IS NOT NULL) AND created_at <= $1")
        .bind(old)
        .execute(&mut *c)
        .await
    })?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM password_resets WHERE expires_at <= $1"
    )
    .bind(now)
    .execute(&mut *c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM login_failures WHERE failed_at <= $1"
    )
    .bind(failures_before)
    .execute(&mut *c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at <= $1"
    )
    .bind(old)
    .execute(&mut *c)
    .await)?;
    crate::reminders::forget_old(h, now).await?;
    Ok(())
}

//! The hourly clean-up of expired sessions, invitations, resets, login failures, old jobs and
//! old nudges, and the sweep of media files no row refers to ([`crate::media::sweep`]). Each
//! run schedules the next, so one row always waits.

use chrono::{DateTime, Duration, DurationRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Job, Worker, enqueue};
use crate::{
    db::{Handle, now},
    db_exec,
    error::AppResult,
};

/// One hourly run (payload `{}`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Housekeeping {
    /// The hour this run is for. It names the row, so that instances scheduling the same hour
    /// make one; it is not stored, since the run cleans up to its own now.
    #[serde(skip)]
    pub at: DateTime<Utc>,
}

impl Job for Housekeeping {
    const KIND: &'static str = "housekeeping";

    fn key(&self) -> String {
        self.at.to_rfc3339()
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        let mut conn = worker.db.conn().await?;
        housekeeping(&mut conn).await?;
        schedule_housekeeping(&mut conn, now()).await?;
        drop(conn);
        crate::media::sweep(&worker.media, &worker.db, crate::clock::file_system_now()).await?;
        Ok(())
    }
}

/// Makes sure the next housekeeping run exists (called at start-up and by each run).
pub async fn schedule_housekeeping(h: &mut impl Handle, after: DateTime<Utc>) -> AppResult<()> {
    let next = after.duration_trunc(TimeDelta::hours(1)).unwrap_or(after) + Duration::hours(1);
    enqueue(h, &Housekeeping { at: next }, next).await
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
    crate::events::forget_old(h, now).await?;
    Ok(())
}

//! Claiming and running due jobs.

use std::{sync::Arc, time::Duration as StdDuration};

use chrono::Duration;
use tokio::sync::watch;

use crate::{
    clock::Clock,
    config::Config,
    db::{Backend, Db, now},
    db_exec, db_run,
    mail::Mailer,
    media::MediaStore,
};

use super::{LEASE, MAX_ATTEMPTS, registry};

/// A row this worker claimed.
#[derive(Debug, sqlx::FromRow)]
struct Claimed {
    id: String,
    kind: String,
    payload: String,
    attempts: i64,
}

/// What jobs need to run.
#[derive(Clone)]
pub struct Worker {
    pub db: Db,
    pub mailer: Mailer,
    /// Uploaded files, for housekeeping's sweep of files no row refers to.
    pub media: MediaStore,
    /// For links in mail written by jobs.
    pub config: Arc<Config>,
    /// Names this worker in `jobs.locked_by`.
    pub name: String,
    /// The app's clock, current while jobs run.
    pub clock: Clock,
}

/// Runs every job that is due now, in batches, and returns how many ran.
pub async fn run_due(worker: &Worker) -> anyhow::Result<usize> {
    worker
        .clock
        .scope(async {
            let mut total = 0;
            loop {
                let jobs = claim(worker, 16).await?;
                if jobs.is_empty() {
                    return Ok(total);
                }
                total += jobs.len();
                for job in jobs {
                    run(worker, job).await?;
                }
            }
        })
        .await
}

impl Worker {
    /// Polls for due jobs until `shutdown` flips; finishes the job in hand before stopping.
    pub async fn run_until(self, mut shutdown: watch::Receiver<bool>) {
        if let Ok(mut conn) = self.db.conn().await {
            // From the hour that began: a run missed while no worker was up happens now.
            let from = self.clock.now() - Duration::hours(1);
            if let Err(e) = super::schedule_housekeeping(&mut conn, from).await {
                tracing::warn!(error = %e, "could not schedule housekeeping");
            }
            if let Err(e) = crate::reminders::plans::schedule_sweep(&mut conn, from).await {
                tracing::warn!(error = %e, "could not schedule the reminder sweep");
            }
        }
        loop {
            if let Err(e) = run_due(&self).await {
                tracing::warn!(error = %e, "job worker could not claim jobs; retrying");
            }
            tokio::select! {
                _ = tokio::time::sleep(StdDuration::from_secs(1)) => {}
                _ = shutdown.changed() => break,
            }
            if *shutdown.borrow() {
                break;
            }
        }
        tracing::info!("job worker stopped");
    }
}

/// Atomically reserves up to `limit` due jobs for this worker. On PostgreSQL, `SKIP LOCKED`
/// lets several instances claim side by side without ever taking the same row; SQLite has a
/// single writer, so its UPDATE is atomic as it is.
async fn claim(worker: &Worker, limit: i64) -> anyhow::Result<Vec<Claimed>> {
    let skip_locked = match worker.db.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET locked_until = $1, locked_by = $2, attempts = attempts + 1
         WHERE id IN (
             SELECT id FROM jobs
             WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3
               AND (locked_until IS NULL OR locked_until <= $3)
             ORDER BY run_at LIMIT $4 {skip_locked})
         RETURNING id, kind, payload, attempts"
    );
    let now = now();
    let mut conn = worker.db.conn().await?;
    Ok(db_run!(&mut conn, |c| sqlx::query_as::<_, Claimed>(&sql)
        .bind(now + LEASE)
        .bind(&worker.name)
        .bind(now)
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

async fn run(worker: &Worker, job: Claimed) -> anyhow::Result<()> {
    let result = registry::run(worker, &job.kind, &job.payload).await;
    let mut conn = worker.db.conn().await?;
    let now = now();
    match result {
        Ok(()) => {
            metrics::counter!("tandem_jobs_run_total", "kind" => job.kind.clone()).increment(1);
            db_exec!(&mut conn, |c| {
                sqlx::query(
                "UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2 AND locked_by = $3"
            )
            .bind(now)
            .bind(&job.id)
            .bind(&worker.name)
            .execute(c)
            .await
            })?;
        }
        Err(e) => {
            metrics::counter!("tandem_jobs_failed_total", "kind" => job.kind.clone()).increment(1);
            tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempts, error = %e, "job failed");
            let gave_up = job.attempts >= MAX_ATTEMPTS;
            // Back off 30 s, 1 min, 2 min, … up to about an hour.
            let retry_at = now + Duration::seconds(30 * (1 << job.attempts.clamp(0, 7)));
            db_exec!(&mut conn, |c| sqlx::query(
                "UPDATE jobs SET locked_until = NULL, last_error = $1, run_at = $2,
                        failed_at = CASE WHEN $3 THEN $4 ELSE NULL END
                 WHERE id = $5 AND locked_by = $6"
            )
            .bind(e.to_string())
            .bind(retry_at)
            .bind(gave_up)
            .bind(now)
            .bind(&job.id)
            .bind(&worker.name)
            .execute(c)
            .await)?;
        }
    }
    Ok(())
}

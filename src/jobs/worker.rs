//! Claiming and running due jobs, one at a time, each under a lease it renews while it runs.

use std::{future::Future, sync::Arc, time::Duration as StdDuration};

use chrono::Duration;
use tokio::{sync::watch, time::Instant};

use crate::{
    clock::Clock,
    config::Config,
    db::{Backend, Db, now},
    db_exec, db_run,
    mail::Mailer,
    media::MediaStore,
};

use super::{
    MAX_ATTEMPTS,
    identity::IdentityLock,
    lease::{self, Claimed},
    registry,
};

/// How long the job in hand may still run once the worker is told to stop. Past it the job is
/// dropped, as if the process had died there (every job tolerates that), and its lease is
/// released so another instance runs it at once. The process must be gone within ten seconds
/// of SIGTERM; this, plus one bounded statement, is the worker's share.
pub const SHUTDOWN_GRACE: StdDuration = StdDuration::from_secs(3);

/// How long a statement of the shutdown itself may wait on the database.
const RELEASE_TIMEOUT: StdDuration = StdDuration::from_secs(1);

/// What jobs need to run.
#[derive(Clone)]
pub struct Worker {
    pub db: Db,
    pub mailer: Mailer,
    /// Uploaded files, for housekeeping's sweep of files no row refers to.
    pub media: MediaStore,
    /// For links in mail written by jobs.
    pub config: Arc<Config>,
    /// Names this worker in `jobs.locked_by`; the same across restarts of one instance
    /// (see [`worker_name`](super::worker_name)).
    pub name: String,
    /// The app's clock, current while jobs run.
    pub clock: Clock,
    /// How long a claim reserves a job ([`LEASE`](super::LEASE)); renewed every third of it
    /// while the job runs. Tests shorten it.
    pub lease: Duration,
}

/// Runs every job that is due now, one after another, and returns how many ran.
pub async fn run_due(worker: &Worker) -> anyhow::Result<usize> {
    worker
        .clock
        .scope(async {
            let mut total = 0;
            while let Some(job) = claim(worker).await? {
                total += 1;
                run(worker, job, std::future::pending()).await?;
            }
            Ok(total)
        })
        .await
}

impl Worker {
    /// Polls for due jobs until `shutdown` flips. Then it claims nothing more, gives the job in
    /// hand [`SHUTDOWN_GRACE`] to finish, releases what it still holds, and returns: within
    /// about four seconds of the signal, whatever the SMTP server or the job does.
    pub async fn run_until(self, mut shutdown: watch::Receiver<bool>) {
        let identity = IdentityLock::take(&self).await;
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
        let stopping = {
            let mut shutdown = shutdown.clone();
            async move {
                let _ = shutdown.wait_for(|stop| *stop).await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            }
        };
        tokio::pin!(stopping);
        while !*shutdown.borrow() {
            let claimed = tokio::select! {
                claimed = self.clock.scope(claim(&self)) => claimed,
                _ = shutdown.changed() => break,
            };
            match claimed {
                Ok(Some(job)) => {
                    let ran = self.clock.scope(run(&self, job, stopping.as_mut()));
                    if let Err(e) = ran.await {
                        tracing::warn!(error = %e, "job worker could not record a job's end");
                    }
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "job worker could not claim jobs; retrying"),
            }
            tokio::select! {
                _ = tokio::time::sleep(StdDuration::from_secs(1)) => {}
                _ = shutdown.changed() => {}
            }
        }
        if let Some(identity) = identity {
            // A claim cut short by the signal may have reserved a row all the same.
            identity.release_own_leases(&self, RELEASE_TIMEOUT).await;
        }
        tracing::info!("job worker stopped");
    }
}

/// Atomically reserves the next due job for this worker. One at a time, so no job waits
/// reserved behind a slow one, and a stopping worker holds nothing it has not started. On
/// PostgreSQL, `SKIP LOCKED` lets several instances claim side by side without ever taking the
/// same row; SQLite has a single writer, so its UPDATE is atomic as it is. The claim counts an
/// attempt, and `(locked_by, attempts)` names this claim alone: a later claim of the row, even
/// by a worker of the same name, changes it.
async fn claim(worker: &Worker) -> anyhow::Result<Option<Claimed>> {
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
             ORDER BY run_at LIMIT 1 {skip_locked})
         RETURNING id, kind, payload, attempts"
    );
    // Taken before the statement, so the worker's own count of the lease ends no later than
    // the one stored.
    let leased_at = Instant::now();
    let now = now();
    let mut conn = worker.db.conn().await?;
    let row = db_run!(&mut conn, |c| sqlx::query_as::<_, lease::ClaimedRow>(&sql)
        .bind(now + worker.lease)
        .bind(&worker.name)
        .bind(now)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|row| Claimed { row, leased_at }))
}

/// How a claimed job's run ended.
enum Outcome {
    Finished(anyhow::Result<()>),
    /// Another worker holds the row now: the job was dropped at its next await.
    LeaseLost,
    /// The worker is stopping and the job outlived its grace.
    Stopped,
}

/// Runs a claimed job while renewing its lease, and records how it ended. The job is dropped
/// (at an await point, as a crash would stop it) if its lease is lost or `stop` completes.
async fn run(worker: &Worker, job: Claimed, stop: impl Future<Output = ()>) -> anyhow::Result<()> {
    let outcome = tokio::select! {
        biased;
        result = registry::run(worker, &job.row.kind, &job.row.payload) => Outcome::Finished(result),
        () = lease::hold(worker, &job) => Outcome::LeaseLost,
        () = stop => Outcome::Stopped,
    };
    let row = &job.row;
    match outcome {
        Outcome::Finished(Ok(())) => {
            metrics::counter!("tandem_jobs_run_total", "kind" => row.kind.clone()).increment(1);
            let mut conn = worker.db.conn().await?;
            db_exec!(&mut conn, |c| sqlx::query(
                "UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = NULL
                 WHERE id = $2 AND locked_by = $3 AND attempts = $4"
            )
            .bind(now())
            .bind(&row.id)
            .bind(&worker.name)
            .bind(row.attempts)
            .execute(c)
            .await)?;
        }
        Outcome::Finished(Err(e)) => {
            metrics::counter!("tandem_jobs_failed_total", "kind" => row.kind.clone()).increment(1);
            tracing::warn!(job = %row.id, kind = %row.kind, attempt = row.attempts, error = %e, "job failed");
            let now = now();
            let gave_up = row.attempts >= MAX_ATTEMPTS;
            // Back off 30 s, 1 min, 2 min, … up to about an hour.
            let retry_at = now + Duration::seconds(30 * (1 << row.attempts.clamp(0, 7)));
            let mut conn = worker.db.conn().await?;
            db_exec!(&mut conn, |c| sqlx::query(
                "UPDATE jobs SET locked_until = NULL, last_error = $1, run_at = $2,
                        failed_at = CASE WHEN $3 THEN $4 ELSE NULL END
                 WHERE id = $5 AND locked_by = $6 AND attempts = $7"
            )
            .bind(e.to_string())
            .bind(retry_at)
            .bind(gave_up)
            .bind(now)
            .bind(&row.id)
            .bind(&worker.name)
            .bind(row.attempts)
            .execute(c)
            .await)?;
        }
        Outcome::LeaseLost => {
            metrics::counter!("tandem_jobs_lease_lost_total", "kind" => row.kind.clone())
                .increment(1);
            tracing::warn!(job = %row.id, kind = %row.kind, "job's lease was lost; left to the worker that holds it");
        }
        Outcome::Stopped => {
            tracing::info!(job = %row.id, kind = %row.kind, "job cut short by shutdown; released for another worker");
            lease::release(worker, row, RELEASE_TIMEOUT).await;
        }
    }
    Ok(())
}

//! A claimed job's lease: renewed while the job runs, given back when the worker stops.
//!
//! A claim sets `locked_until` and counts an attempt; `(locked_by, attempts)` then names that
//! claim alone, and every later write of the worker about the row (renewing, stamping done or
//! failed, releasing) matches both. A worker that lost the row (its lease ran out and another
//! claimed it, whatever the other's name) so changes nothing, and stops the job.

use std::time::Duration as StdDuration;

use tokio::time::Instant;

use crate::{db::now, db_exec};

use super::Worker;

/// The row a claim returned.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct ClaimedRow {
    pub id: String,
    pub kind: String,
    pub payload: String,
    /// Counts claims, so it tells this claim from any later one.
    pub attempts: i64,
}

/// A claimed job and when, on this worker's own clock, its lease began.
pub(super) struct Claimed {
    pub row: ClaimedRow,
    pub leased_at: Instant,
}

/// Keeps the job's lease while it runs: renews it every third of its length, and returns only
/// when the lease is lost, because another claim took the row or because it could not be
/// renewed before it ran out (the database unreachable). The caller then drops the job: two
/// workers must never run one job at once, and after its lease another worker may.
pub(super) async fn hold(worker: &Worker, job: &Claimed) {
    let Ok(lease) = worker.lease.to_std() else {
        return;
    };
    let every = lease / 3;
    let mut expires = job.leased_at + lease;
    loop {
        tokio::time::sleep_until((Instant::now() + every).min(expires)).await;
        let attempt = Instant::now();
        match tokio::time::timeout_at(expires, renew(worker, &job.row)).await {
            Ok(Ok(true)) => expires = attempt + lease,
            Ok(Ok(false)) => return,
            Ok(Err(e)) => {
                tracing::warn!(job = %job.row.id, error = %e, "could not renew a job's lease");
                if Instant::now() >= expires {
                    return;
                }
            }
            Err(_ran_out) => return,
        }
    }
}

/// Moves the lease's end to a full lease from now, if the row is still this claim's.
async fn renew(worker: &Worker, row: &ClaimedRow) -> anyhow::Result<bool> {
    let mut conn = worker.db.conn().await?;
    let renewed = db_exec!(&mut conn, |c| sqlx::query(
        "UPDATE jobs SET locked_until = $1
         WHERE id = $2 AND locked_by = $3 AND attempts = $4
           AND done_at IS NULL AND failed_at IS NULL"
    )
    .bind(now() + worker.lease)
    .bind(&row.id)
    .bind(&worker.name)
    .bind(row.attempts)
    .execute(c)
    .await)?;
    Ok(renewed == 1)
}

/// Gives back the lease of a job this worker will not finish, so that another worker runs it
/// at once rather than when the lease would have run out. Waits at most `timeout`: a stopping
/// process must not hang on an unreachable database (the lease then runs out as after a crash).
pub(super) async fn release(worker: &Worker, row: &ClaimedRow, timeout: StdDuration) {
    let released = tokio::time::timeout(timeout, async {
        let mut conn = worker.db.conn().await?;
        db_exec!(&mut conn, |c| sqlx::query(
            "UPDATE jobs SET locked_until = NULL
             WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND done_at IS NULL"
        )
        .bind(&row.id)
        .bind(&worker.name)
        .bind(row.attempts)
        .execute(c)
        .await)
    })
    .await;
    if !matches!(released, Ok(Ok(_))) {
        tracing::warn!(job = %row.id, "could not release a job's lease; it runs out as after a crash");
    }
}

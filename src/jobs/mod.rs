//! Durable jobs: rows in the `jobs` table, claimed atomically with a lease and run by a worker
//! inside `serve`. A job whose worker died is retried when its lease runs out (at once, if the
//! same instance restarts), so every job is idempotent and stamps what it did (e.g.
//! `outbox.sent_at`). While a job runs its worker renews the lease; a worker that loses it
//! drops the job, and a stopping worker gives the job in hand a few seconds, then drops it and
//! gives its lease back (docs/adr/0026-jobs-past-their-lease.md). So a job may be dropped at
//! any await point, as a crash would stop it, and run again from the start.
//!
//! A job is a type implementing [`Job`]: its fields are the payload (stored as JSON), its
//! `KIND` names it in the table, its `key` makes it unique among its kind, and its `run` does
//! the work. The worker finds the kind of a claimed row in `registry.rs` and runs it there.
//!
//! Adding a job:
//! 1. a type in the feature that owns the work, deriving `Serialize` and `Deserialize`, with
//!    an `impl Job`: a `KIND` no other job uses, and a `key` that names the work, so that
//!    enqueuing it again (a retried request, a second instance) keeps the first row. What only
//!    names the row (an hour, a week) and the run does not need is a `#[serde(skip)]` field;
//! 2. its line in `REGISTERED` in `src/jobs/registry.rs`, and its payload and key in the tests
//!    there, which pin what stored rows hold;
//! 3. a call to [`enqueue`] where the work arises, inside the caller's transaction, so the job
//!    exists exactly when what it is about was committed.
//!
//! Once rows of a kind may exist in a deployed database, its `KIND` and the names of its fields
//! are fixed: a new field needs `#[serde(default)]`, and a retired kind stays registered until
//! its rows are gone (docs/adr/0020-typed-jobs.md).

mod housekeeping;
mod identity;
mod lease;
mod registry;
mod worker;

pub use housekeeping::{Housekeeping, housekeeping, schedule_housekeeping};
pub use identity::worker_name;
pub use worker::{SHUTDOWN_GRACE, Worker, run_due};

use std::future::Future;

use chrono::{DateTime, Duration, Utc};
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
};

/// How long a claim reserves a job for its worker before another may retry it; the worker
/// renews it every third of this while the job runs.
pub const LEASE: Duration = Duration::minutes(5);
/// Attempts before a job is marked failed for good.
pub const MAX_ATTEMPTS: i64 = 8;

/// A kind of durable job. The value is the payload: it is stored as JSON when enqueued and read
/// back, by name, when the job runs (perhaps on another instance, perhaps after an upgrade).
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// Names the kind in `jobs.kind` and in the metrics.
    const KIND: &'static str;

    /// Names this job among those of its kind: `(kind, key)` is unique, and enqueuing a job
    /// whose key exists keeps the first.
    fn key(&self) -> String;

    /// Does the work. It may run more than once (a lease ran out, a retry), so it checks and
    /// stamps what it did. It takes a connection or a transaction from the worker's pool itself
    /// and holds none while it waits on anything else.
    fn run(self, worker: &Worker) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// Schedules a job to run at `run_at`, unless a job of its kind with its key exists.
pub async fn enqueue<J: Job>(h: &mut impl Handle, job: &J, run_at: DateTime<Utc>) -> AppResult<()> {
    let payload = serde_json::to_string(job).map_err(anyhow::Error::from)?;
    insert(h, J::KIND, &job.key(), &payload, run_at).await
}

/// Schedules a row of any kind with any payload, bypassing the types. Only for tests of what
/// the worker does with rows it cannot read (an unknown kind, a payload of an older shape).
#[doc(hidden)]
pub async fn enqueue_raw(
    h: &mut impl Handle,
    kind: &str,
    key: &str,
    payload: &serde_json::Value,
    run_at: DateTime<Utc>,
) -> AppResult<()> {
    insert(h, kind, key, &payload.to_string(), run_at).await
}

async fn insert(
    h: &mut impl Handle,
    kind: &str,
    key: &str,
    payload: &str,
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
    .bind(payload)
    .bind(run_at)
    .bind(now())
    .execute(c)
    .await)?;
    Ok(())
}

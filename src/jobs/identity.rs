//! Who a worker is: a name that stays the same across restarts of one instance, and the lock
//! that proves no other live worker bears it (docs/adr/0026-jobs-past-their-lease.md).
//!
//! The name lets a restarted instance recognise the leases its previous run left behind when
//! it died, and give them back at once instead of waiting out a five-minute lease. Giving back
//! leases under a name is safe only while no other live worker has that name (two instances
//! misconfigured onto one data dir would), so the worker first takes a lock on its name: a
//! PostgreSQL advisory lock, held by a connection of its own, or on SQLite (one host) a file
//! lock in the data dir. Both end with the process. Without the lock the worker runs all the
//! same, and leaves leases to run out as before.

use std::{fs::File, path::Path, time::Duration as StdDuration};

use sha2::{Digest, Sha256};
use sqlx::{Connection, PgConnection};

use crate::{config::Config, db::Db, db_exec};

use super::Worker;

/// The worker name of this instance: the host's name and a short hash of the data dir, so two
/// instances on one host (each with its own data dir) differ, and a restart keeps its name.
/// The database URL, which may carry a password, has no part in it.
pub fn worker_name(hostname: &str, config: &Config) -> String {
    let dir = std::path::absolute(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    let dir = dir.canonicalize().unwrap_or(dir);
    let hash = Sha256::digest(dir.as_os_str().as_encoded_bytes());
    let short: String = hash[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hostname}-{short}")
}

/// Held for as long as the worker runs: no other live worker has its name. The lock lasts as
/// long as its connection or open file, which are kept for that alone.
pub(super) enum IdentityLock {
    Postgres { _session: PgConnection },
    Sqlite { _file: File },
}

/// How long a starting worker tries for the lock: a crashed predecessor's session may take a
/// moment to end on the server.
const TRIES: u32 = 5;
const BETWEEN_TRIES: StdDuration = StdDuration::from_millis(300);

impl IdentityLock {
    /// Takes the lock on the worker's name and gives back the leases a dead worker of that name
    /// left. `None` (said in the log) when another live worker has the name, or the lock could
    /// not be taken.
    pub(super) async fn take(worker: &Worker) -> Option<IdentityLock> {
        for _ in 0..TRIES {
            match Self::try_take(worker).await {
                Ok(Some(lock)) => {
                    lock.release_own_leases(worker, StdDuration::from_secs(10))
                        .await;
                    return Some(lock);
                }
                Ok(None) => tokio::time::sleep(BETWEEN_TRIES).await,
                Err(e) => {
                    tracing::warn!(error = %e, "could not lock the worker's name; its dead leases run out instead");
                    return None;
                }
            }
        }
        tracing::warn!(
            worker = %worker.name,
            "another live worker has this name (two instances on one data dir?); \
             leases left by a dead one run out instead of being released"
        );
        None
    }

    async fn try_take(worker: &Worker) -> anyhow::Result<Option<IdentityLock>> {
        match &worker.db {
            Db::Postgres(pool) => {
                let mut conn = pool.acquire().await?.detach();
                let taken: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(advisory_key(&worker.name))
                    .fetch_one(&mut conn)
                    .await?;
                if taken {
                    Ok(Some(IdentityLock::Postgres { _session: conn }))
                } else {
                    conn.close().await?;
                    Ok(None)
                }
            }
            Db::Sqlite(_) => {
                let file = File::create(lock_file(&worker.config.data_dir, &worker.name)?)?;
                match file.try_lock() {
                    Ok(()) => Ok(Some(IdentityLock::Sqlite { _file: file })),
                    Err(std::fs::TryLockError::WouldBlock) => Ok(None),
                    Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
                }
            }
        }
    }

    /// Gives back every lease under this worker's name, so those jobs run at once: at start,
    /// what a dead run left; at stop, what a claim cut short by the signal may have taken.
    /// Safe only under the lock, which is why it is a method of it.
    pub(super) async fn release_own_leases(&self, worker: &Worker, timeout: StdDuration) {
        let released = tokio::time::timeout(timeout, async {
            let mut conn = worker.db.conn().await?;
            db_exec!(&mut conn, |c| sqlx::query(
                "UPDATE jobs SET locked_until = NULL
                 WHERE locked_by = $1 AND locked_until IS NOT NULL
                   AND done_at IS NULL AND failed_at IS NULL"
            )
            .bind(&worker.name)
            .execute(c)
            .await)
        })
        .await;
        match released {
            Ok(Ok(0)) => {}
            Ok(Ok(n)) => tracing::info!(jobs = n, "released this worker's leases"),
            _ => tracing::warn!("could not release this worker's leases; they run out instead"),
        }
    }
}

/// The advisory lock's key: the name's hash, in a space of keys no other part of Tandem uses.
fn advisory_key(name: &str) -> i64 {
    let hash = Sha256::digest(format!("tandem worker {name}").as_bytes());
    i64::from_be_bytes(hash[..8].try_into().expect("eight bytes"))
}

/// `<data dir>/worker-<name>.lock`, the name kept to characters every file system takes.
fn lock_file(data_dir: &Path, name: &str) -> std::io::Result<std::path::PathBuf> {
    std::fs::create_dir_all(data_dir)?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(data_dir.join(format!("worker-{safe}.lock")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_same_for_one_data_dir_and_differs_between_two() {
        let config = |dir: &str| Config::for_database(dir.into(), "postgres://u:secret@db/t");
        let a = worker_name("host", &config("/srv/tandem-a"));
        assert_eq!(a, worker_name("host", &config("/srv/tandem-a")));
        assert_ne!(a, worker_name("host", &config("/srv/tandem-b")));
        assert!(
            a.starts_with("host-") && a.len() == "host-".len() + 8,
            "{a}"
        );
        assert!(!a.contains("secret"));
    }
}

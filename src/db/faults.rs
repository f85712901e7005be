//! What Tandem does when its storage fails: which errors are faults of the storage (a full or
//! read-only disk, a database server that went away) rather than bugs, and how a connection
//! that a fault left in a broken state is kept out of the pool (docs/adr/0027-storage-faults.md).

use std::{future::Future, pin::Pin};

use sqlx::{Connection, pool::PoolConnectionMetadata};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Whether `error` says the storage could not do its work just now — the disk is full or
/// read-only, an I/O call failed, the server is unreachable or was shut down — as opposed to
/// a query Tandem got wrong. Such a request answers "try again in a moment" (503).
pub fn is_storage_fault(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => true,
        sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => {
            let code = e.code().unwrap_or_default();
            match code.parse::<i32>() {
                // SQLite's result codes (the low byte of an extended code): BUSY, LOCKED,
                // READONLY, IOERR, CORRUPT (a torn page on a failing disk), FULL, CANTOPEN.
                Ok(number) => matches!(number & 0xff, 5 | 6 | 8 | 10 | 11 | 13 | 14),
                // PostgreSQL's SQLSTATE classes: 08 connection exception, 53 insufficient
                // resources (disk full, out of memory), 57 operator intervention (the server
                // shutting down), 58 system error (an I/O error on the server).
                Err(_) => ["08", "53", "57", "58"].iter().any(|c| code.starts_with(c)),
            }
        }
        _ => false,
    }
}

/// The pool's `after_release` check: a connection still inside a transaction when it comes
/// back is closed, not reused.
///
/// Every transaction ends in COMMIT or ROLLBACK before its connection returns. When the disk
/// fails under a COMMIT, SQLite rolls the transaction back itself; the ROLLBACK that follows
/// then fails too ("no transaction is active") and the driver still counts one transaction open
/// on that connection. Returned to the pool, it would refuse every later `BEGIN` ("non-zero
/// transaction depth") until a restart. Closing it lets the pool open a fresh one.
pub fn release_only_if_idle<C: Connection>(
    conn: &mut C,
    _: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if !conn.is_in_transaction() {
            return Ok(true);
        }
        // A dropped transaction's ROLLBACK is queued, not yet run: let it run, then look again.
        if conn.ping().await.is_err() {
            return Ok(false);
        }
        let idle = !conn.is_in_transaction();
        if !idle {
            tracing::warn!("closing a database connection left inside a failed transaction");
        }
        Ok(idle)
    })
}

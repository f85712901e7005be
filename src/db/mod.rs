//! Storage: one code path over SQLite and PostgreSQL.
//!
//! Every query is written once, with `$1..$n` bind markers that both dialects accept, and run
//! through [`db_run!`], which expands the same text for whichever backend is in use. Branch on
//! the backend only where the dialects truly differ (see `jobs::claim`).

mod existing;
mod faults;
mod ids;
mod startup;
mod text_enum;
mod time;

pub use existing::NotTandem;
pub use faults::is_storage_fault;
pub use ids::new_id;
pub use startup::explain_folder_error;
pub use time::now;

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction,
    pool::PoolConnection,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

/// Which database server a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("the database URL must start with sqlite: or postgres://")
        }
    }
}

/// A connection pool to one of the two supported backends.
#[derive(Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// One connection (pooled) or one open transaction, on either backend.
/// Query functions take `&mut impl Handle` so they run inside or outside a transaction alike.
pub trait Handle: Send {
    fn conn(&mut self) -> Conn<'_>;
}

/// A borrowed connection of the backend in use; what [`db_run!`] matches on.
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// A pooled connection used outside a transaction.
pub enum Pooled {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// An open transaction; dropped without [`Tx::commit`] it rolls back, so a failing request
/// never leaves half its rows behind.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Handle for Pooled {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(c),
            Pooled::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl Handle for Tx {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// Runs one block of query code against whichever backend `$handle` is on.
/// The block is compiled once per backend, so the same SQL text and row types serve both.
#[macro_export]
macro_rules! db_run {
    ($handle:expr, |$c:ident| $body:expr) => {
        match $crate::db::Handle::conn($handle) {
            $crate::db::Conn::Sqlite($c) => $body,
            $crate::db::Conn::Postgres($c) => $body,
        }
    };
}

/// Like [`db_run!`] for statements run with `.execute(…)`: yields the number of rows affected,
/// since the two backends' result types differ.
#[macro_export]
macro_rules! db_exec {
    ($handle:expr, |$c:ident| $body:expr) => {
        match $crate::db::Handle::conn($handle) {
            $crate::db::Conn::Sqlite($c) => $body.map(|r| r.rows_affected()),
            $crate::db::Conn::Postgres($c) => $body.map(|r| r.rows_affected()),
        }
    };
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens the database Tandem is configured for, waiting up to `--database-wait` for a
    /// PostgreSQL server that is not reachable yet; what fails is said in plain words.
    pub async fn open(config: &crate::config::Config) -> anyhow::Result<Db> {
        Db::connect_waiting(&config.database_url(), config.database_wait()).await
    }

    /// Opens a pool for `url` without waiting for a server (tools and tests).
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        Db::connect_waiting(url, Duration::ZERO).await
    }

    /// Opens a pool for `url`. SQLite files are created when missing, in WAL mode with foreign
    /// keys on; a busy timeout makes concurrent writers wait instead of failing. Every commit
    /// is synced to disk (`synchronous = FULL`): what Tandem acknowledged survives a power cut
    /// (docs/adr/0006-durable-sqlite-commits.md). On both, a connection that a storage fault
    /// left inside a transaction is closed instead of reused (docs/adr/0027-storage-faults.md).
    pub async fn connect_waiting(url: &str, patience: Duration) -> anyhow::Result<Db> {
        match Backend::from_url(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    .pragma("cache_size", "-16000")
                    .pragma("temp_store", "memory")
                    // Reads through read(2), never a memory map of the file: a mapped page the
                    // disk cannot supply is a SIGBUS that kills the process, where a failed
                    // read is an error one request answers.
                    .pragma("mmap_size", "0");
                let file = options.get_filename().to_path_buf();
                let folder = file.parent().filter(|p| !p.as_os_str().is_empty());
                startup::check_data_folder(folder.unwrap_or(Path::new(".")))?;
                // A local file does not go stale: skip the ping before each checkout, which on
                // SQLite costs a hand-off to the connection's thread.
                let pool = SqlitePoolOptions::new()
                    .test_before_acquire(false)
                    .after_release(faults::release_only_if_idle)
                    .max_connections(8)
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .map_err(|e| startup::explain_sqlite_error(&file, e))?;
                Ok(Db::Sqlite(pool))
            }
            Backend::Postgres => {
                startup::wait_for_postgres(url, patience).await?;
                let pool = PgPoolOptions::new()
                    .after_release(faults::release_only_if_idle)
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    pub async fn conn(&self) -> Result<Pooled, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Pooled::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Pooled::Postgres(p.acquire().await?),
        })
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a deferred transaction that reads first and writes later fails outright when another
    /// writer commits in between, where an immediate one simply waits its turn.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Cheap liveness check used by `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let mut c = self.conn().await?;
        db_exec!(&mut c, |c| sqlx::query("SELECT 1").execute(c).await)?;
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }

    /// Writes a consistent copy of a SQLite database to `dest` while the server may be running
    /// (`VACUUM INTO` reads one snapshot). PostgreSQL has `pg_dump` for this.
    pub async fn backup_to(&self, dest: &Path) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(p) => {
                if dest.exists() {
                    anyhow::bail!("{} already exists; choose a new file name", dest.display());
                }
                let dest = dest
                    .to_str()
                    .ok_or_else(|| anyhow::anyhow!("the backup path must be valid UTF-8"))?;
                sqlx::query("VACUUM INTO $1").bind(dest).execute(p).await?;
                Ok(())
            }
            Db::Postgres(_) => anyhow::bail!(
                "this Tandem runs on PostgreSQL: back it up with pg_dump, e.g. \
                 `pg_dump --format=custom --file=tandem.dump DATABASE_URL`"
            ),
        }
    }
}

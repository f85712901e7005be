//! Opening the database at start-up so that a failure says what is wrong and what to do:
//! a data folder that is full, read-only or not Tandem's to write; a PostgreSQL server that is
//! not reachable yet (waited for, with back-off) or not at all.

use std::{
    io::{self, Write},
    path::Path,
    time::{Duration, Instant},
};

use sqlx::{Connection, PgConnection, postgres::PgConnectOptions};

/// How much a data folder must take at start: enough for the schema and a first write.
const PROBE_BYTES: usize = 256 * 1024;

/// Checks that `dir` exists (creating it) and takes a real write of [`PROBE_BYTES`], synced to
/// disk, so that a full or read-only disk is named now rather than as "disk I/O error" later.
pub fn check_data_folder(dir: &Path) -> anyhow::Result<()> {
    let probe = dir.join(".tandem-write-check");
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        let mut file = std::fs::File::create(&probe)?;
        file.write_all(&vec![0; PROBE_BYTES])?;
        file.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| explain_folder_error(dir, &e))
}

/// Plain words for an I/O error on the data folder.
pub fn explain_folder_error(dir: &Path, error: &io::Error) -> anyhow::Error {
    let dir = dir.display();
    let why = match error.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => format!(
            "the disk that holds the data folder {dir} is full. Free some space on it (or \
             choose another folder with --data-dir / TANDEM_DATA_DIR) and start Tandem again"
        ),
        io::ErrorKind::ReadOnlyFilesystem => format!(
            "the data folder {dir} is on a read-only file system. Mount it writable (or choose \
             another folder with --data-dir / TANDEM_DATA_DIR) and start Tandem again"
        ),
        io::ErrorKind::PermissionDenied => format!(
            "Tandem may not write in the data folder {dir}. Give the user Tandem runs as write \
             access to it (or choose another folder with --data-dir / TANDEM_DATA_DIR)"
        ),
        _ => format!("Tandem cannot write in the data folder {dir}"),
    };
    anyhow::anyhow!("{why} ({error})")
}

/// Plain words for a SQLite error met while opening the database file at `file`.
pub fn explain_sqlite_error(file: &Path, error: sqlx::Error) -> anyhow::Error {
    let folder = file.parent().unwrap_or(Path::new("."));
    let code = match &error {
        sqlx::Error::Database(e) => e.code().and_then(|c| c.parse::<i32>().ok()),
        _ => None,
    };
    let kind = match code.map(|c| c & 0xff) {
        Some(13) => Some(io::ErrorKind::StorageFull),
        Some(8) => Some(io::ErrorKind::ReadOnlyFilesystem),
        Some(14) => Some(io::ErrorKind::PermissionDenied),
        _ => None,
    };
    match kind {
        Some(kind) => explain_folder_error(folder, &io::Error::new(kind, error.to_string())),
        None => anyhow::anyhow!("could not open the database {}: {error}", file.display()),
    }
}

/// Waits up to `patience` for the PostgreSQL server of `url` to take a connection, trying
/// again with back-off while it is not reachable yet (a server starting beside Tandem). A
/// refusal that waiting cannot cure (a wrong password, a missing database) is explained at once.
pub async fn wait_for_postgres(url: &str, patience: Duration) -> anyhow::Result<()> {
    let options: PgConnectOptions = url.parse()?;
    let address = format!("{}:{}", options.get_host(), options.get_port());
    let started = Instant::now();
    let mut pause = Duration::from_millis(250);
    loop {
        let error = match PgConnection::connect_with(&options).await {
            Ok(connection) => {
                let _ = connection.close().await;
                return Ok(());
            }
            Err(error) => error,
        };
        let waited = started.elapsed();
        if !not_reachable_yet(&error) {
            return Err(anyhow::anyhow!(
                "PostgreSQL at {address} refused Tandem's connection: {error}. Check the user, \
                 password and database name in TANDEM_DATABASE_URL"
            ));
        }
        if waited >= patience {
            return Err(anyhow::anyhow!(
                "could not reach PostgreSQL at {address} (waited {} s): {error}. Is the server \
                 running and listening on that address? Check TANDEM_DATABASE_URL, or give a \
                 slow server longer with --database-wait / TANDEM_DATABASE_WAIT",
                waited.as_secs()
            ));
        }
        tracing::warn!(%address, error = %error, "PostgreSQL is not reachable yet; trying again");
        tokio::time::sleep(pause.min(patience.saturating_sub(waited))).await;
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

/// Errors that waiting may cure: nothing listens yet, the network is not up, the server is
/// still starting (SQLSTATE 57P03) or shutting down.
fn not_reachable_yet(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(e) => e.code().is_some_and(|c| c.starts_with("57P")),
        _ => false,
    }
}

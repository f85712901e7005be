//! Opening a database that must already exist and be Tandem's, for tools that read one
//! (`tandem backup`, `tandem restore`'s check of what it unpacked): a mistyped folder must be
//! refused, not given a new empty database that is then faithfully backed up.

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqlitePoolOptions},
};

use super::{Backend, Db, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

/// Why an existing database could not be opened, said for the person at the command line.
#[derive(Debug, thiserror::Error)]
pub enum NotTandem {
    #[error("there is no Tandem database at {0}")]
    Missing(String),
    #[error("{0} is not a Tandem database (it has none of Tandem's migrations)")]
    OtherSchema(String),
}

impl Db {
    /// Opens the database at `url` without creating anything, and checks that Tandem's first
    /// migration was applied to it (same version and checksum). `shown` names the database in
    /// messages: a file's path, never a URL that may carry a password.
    pub async fn open_existing(url: &str, shown: &str) -> anyhow::Result<Db> {
        let db = match Backend::from_url(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(false)
                    .busy_timeout(Duration::from_secs(5));
                if !Path::new(options.get_filename()).is_file() {
                    return Err(NotTandem::Missing(shown.to_owned()).into());
                }
                let pool = SqlitePoolOptions::new()
                    .max_connections(2)
                    .connect_with(options)
                    .await
                    .with_context(|| format!("could not open {shown}"))?;
                Db::Sqlite(pool)
            }
            Backend::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(2)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await
                    .with_context(|| format!("could not connect to {shown}"))?;
                Db::Postgres(pool)
            }
        };
        if !db.has_tandem_schema().await {
            db.close().await;
            return Err(NotTandem::OtherSchema(shown.to_owned()).into());
        }
        Ok(db)
    }

    /// Whether Tandem's first migration is recorded as applied, with its checksum. Any failure
    /// to read (no migrations table, not a database at all) means no.
    async fn has_tandem_schema(&self) -> bool {
        let first = match self {
            Db::Sqlite(_) => SQLITE_MIGRATIONS.iter().next(),
            Db::Postgres(_) => POSTGRES_MIGRATIONS.iter().next(),
        };
        let Some(first) = first else {
            return false;
        };
        let Ok(mut conn) = self.conn().await else {
            return false;
        };
        let checksum: Result<Option<Vec<u8>>, sqlx::Error> = crate::db_run!(&mut conn, |c| {
            sqlx::query_scalar(
                "SELECT checksum FROM _sqlx_migrations WHERE version = $1 AND success = TRUE",
            )
            .bind(first.version)
            .fetch_optional(c)
            .await
        });
        matches!(checksum, Ok(Some(stored)) if stored == *first.checksum)
    }
}

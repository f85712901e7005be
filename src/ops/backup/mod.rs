//! `tandem backup` and `tandem restore`: one archive holds everything a Tandem needs to come
//! back, the database (on SQLite) and every media file (docs/adr/0025-backups-and-sweeps.md).
//!
//! A backup runs while Tandem serves. On SQLite it takes a consistent snapshot of the database
//! first (`VACUUM INTO` a temporary file beside the archive), then copies the media folder.
//! Files are only ever added and removed, never changed, so every file a row of the snapshot
//! names is either copied or was removed after the snapshot. A file is removed only after its
//! row's deletion committed (or by the sweep, when no row names it), so a named file that is
//! gone means the row was deleted meanwhile: the backup starts again from a new snapshot
//! (up to [`ATTEMPTS`] times). A named file that the live database still names, and that is
//! not in the folder, was lost before the backup; it is listed in the manifest and reported.
//! Files added after the snapshot may be in the archive; the sweep removes them after restore.
//!
//! On PostgreSQL the archive holds the media only, and the database is backed up with
//! `pg_dump` ([`PG_DUMP`]), run first: files added after the dump are harmless extras.

mod archive;
mod report;
mod restore;

pub use archive::{FileEntry, Manifest};
pub use report::{print_backed_up, print_restored};
pub use restore::{Restored, restore};

use std::{
    collections::{BTreeSet, HashSet},
    fs::File,
    io,
    path::{Path, PathBuf},
};

use anyhow::Context;

use crate::{
    config::Config,
    db::{Backend, Db, NotTandem, new_id, now},
    media::MediaStore,
    privacy::media_keys::keys_in_use,
};

use archive::{ArchiveWriter, DATABASE, Leftover, folder_of, media_path};

/// How many snapshots a backup takes at most when rows are deleted while it copies.
pub const ATTEMPTS: usize = 3;

/// The database half of a backup on PostgreSQL, printed for the person running it.
pub const PG_DUMP: &str =
    "pg_dump --format=custom --no-owner --file=tandem.dump \"$TANDEM_DATABASE_URL\"";
/// How that half comes back, into a new empty database.
pub const PG_RESTORE: &str = "pg_restore --no-owner --dbname=\"$TANDEM_DATABASE_URL\" tandem.dump";

/// What a backup wrote.
#[derive(Debug)]
pub struct BackedUp {
    pub file: PathBuf,
    pub backend: Backend,
    pub manifest: Manifest,
    /// How many snapshots were taken (more than one when rows were deleted meanwhile).
    pub attempts: usize,
}

impl BackedUp {
    pub fn bytes(&self) -> u64 {
        self.manifest.files.iter().map(|f| f.size).sum()
    }
}

/// Writes the archive `file` of the Tandem `config` points at. Refuses a data folder (or
/// database) that holds no Tandem database, before anything is created.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<BackedUp> {
    let url = config.database_url();
    let backend = Backend::from_url(&url)?;
    if file.exists() {
        anyhow::bail!("{} already exists; choose a new file name", file.display());
    }
    let db = open_tandem(config, &url, backend).await?;
    let store = MediaStore::local(config.data_dir.join("media"));
    let result = backup_with(&db, backend, &store, file).await;
    db.close().await;
    result
}

/// Opens the database of `config`, with a hint about the data folder when it is not Tandem's.
async fn open_tandem(config: &Config, url: &str, backend: Backend) -> anyhow::Result<Db> {
    let shown = match backend {
        Backend::Sqlite => sqlite_file(url)?.display().to_string(),
        Backend::Postgres => "the PostgreSQL database of TANDEM_DATABASE_URL".into(),
    };
    Db::open_existing(url, &shown)
        .await
        .map_err(|e| match e.downcast_ref::<NotTandem>() {
            Some(not_tandem) => anyhow::anyhow!(
                "{not_tandem}. Is the data folder right? It is {} now; set it with --data-dir or \
             TANDEM_DATA_DIR (or the database with --database-url or TANDEM_DATABASE_URL)",
                config.data_dir.display()
            ),
            None => e,
        })
}

/// The file of a `sqlite:` URL.
fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    use std::str::FromStr;
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    Ok(options.get_filename().to_owned())
}

async fn backup_with(
    db: &Db,
    backend: Backend,
    store: &MediaStore,
    file: &Path,
) -> anyhow::Result<BackedUp> {
    for attempt in 1..=ATTEMPTS {
        let (writer, named) = match backend {
            Backend::Sqlite => snapshot_then_copy(db, store, file).await?,
            Backend::Postgres => {
                let named = keys_in_use(&mut db.conn().await?).await?;
                let writer = copy_media(ArchiveWriter::create(file, now())?, store).await?;
                (writer, named)
            }
        };
        let copied: HashSet<&str> = writer
            .files()
            .iter()
            .filter_map(|f| f.path.strip_prefix("media/"))
            .collect();
        let missing: BTreeSet<String> = named
            .iter()
            .filter(|key| !copied.contains(key.as_str()))
            .cloned()
            .collect();
        let still_named = if missing.is_empty() {
            HashSet::new()
        } else {
            keys_in_use(&mut db.conn().await?).await?
        };
        let deleted_meanwhile = missing.iter().any(|key| !still_named.contains(key));
        if backend == Backend::Sqlite && deleted_meanwhile && attempt < ATTEMPTS {
            tracing::info!(
                attempt,
                "rows were deleted while the media was copied; again"
            );
            continue;
        }
        // On PostgreSQL the dump was taken apart: only files named throughout count as lost.
        let missing: Vec<String> = match backend {
            Backend::Sqlite => missing.into_iter().collect(),
            Backend::Postgres => missing
                .into_iter()
                .filter(|key| still_named.contains(key))
                .collect(),
        };
        let backend_name = match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        let manifest = blocking(move || writer.finish(backend_name, missing)).await?;
        return Ok(BackedUp {
            file: file.to_owned(),
            backend,
            manifest,
            attempts: attempt,
        });
    }
    unreachable!("the last attempt always finishes")
}

/// Snapshots the SQLite database beside the archive, reads which keys it names, and copies
/// the snapshot and then the media into a new archive (not yet finished).
async fn snapshot_then_copy(
    db: &Db,
    store: &MediaStore,
    file: &Path,
) -> anyhow::Result<(ArchiveWriter, HashSet<String>)> {
    let created_at = now();
    let snapshot = Leftover::new(folder_of(file).join(format!(".tandem-snapshot-{}.db", new_id())));
    db.backup_to(snapshot.path())
        .await
        .context("could not take a snapshot of the database")?;
    let snapshot_url = format!("sqlite:{}", snapshot.path().display());
    let snapshot_db = Db::open_existing(&snapshot_url, "the snapshot").await?;
    let named = keys_in_use(&mut snapshot_db.conn().await?).await;
    snapshot_db.close().await;
    let named = named?;
    let file = file.to_owned();
    let writer = blocking(move || {
        let mut writer = ArchiveWriter::create(&file, created_at)?;
        writer.append(DATABASE, File::open(snapshot.path())?)?;
        // The snapshot is in the archive: its temporary file goes now.
        drop(snapshot);
        Ok(writer)
    });
    let writer = copy_media(writer.await?, store).await?;
    Ok((writer, named))
}

/// Adds every media file to the archive. A file removed since it was listed is skipped: what
/// that means for the rows that named it is decided by the caller.
async fn copy_media(writer: ArchiveWriter, store: &MediaStore) -> anyhow::Result<ArchiveWriter> {
    let files = store.list().await?;
    let MediaStore::Local(local) = store.clone();
    blocking(move || {
        let mut writer = writer;
        for stored in files {
            match File::open(local.path(&stored.key)) {
                Ok(file) => writer.append(&media_path(&stored.key), file)?,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(writer)
    })
    .await
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(work).await?
}

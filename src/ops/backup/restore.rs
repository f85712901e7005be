//! `tandem restore FILE`: puts an archive's database (SQLite) and media in place, into an empty
//! data folder, or with `--force` after moving what is there aside. Nothing is put in place
//! before every file of the archive was unpacked beside it and matched its checksum, so a
//! damaged or truncated archive leaves the folder as it was.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{
    archive::{DATABASE, Leftover, MEDIA, Manifest, sync_folder, unpack_verified},
    blocking, sqlite_file,
};
use crate::{
    config::Config,
    db::{Backend, Db, new_id, now},
};

/// What a restore put in place.
#[derive(Debug)]
pub struct Restored {
    pub backend: Backend,
    pub manifest: Manifest,
    /// What was there before, moved aside by `--force` (nothing is ever deleted).
    pub moved_aside: Vec<PathBuf>,
}

/// Restores `archive` into the data folder of `config` (Tandem must not be running there).
pub async fn restore(config: &Config, archive: &Path, force: bool) -> anyhow::Result<Restored> {
    let url = config.database_url();
    let backend = Backend::from_url(&url)?;
    let data_dir = config.data_dir.clone();
    let database = match backend {
        Backend::Sqlite => Some(sqlite_file(&url)?),
        Backend::Postgres => None,
    };
    // What a restore replaces: the database with its write-ahead log (a stale log beside a new
    // database would be replayed into it), and the media folder.
    let replaced: Vec<PathBuf> = database
        .iter()
        .flat_map(|db| {
            ["", "-wal", "-shm"].map(|suffix| {
                let mut name = db.clone().into_os_string();
                name.push(suffix);
                PathBuf::from(name)
            })
        })
        .chain([data_dir.join(MEDIA)])
        .collect();
    if !force && !is_empty_folder(&data_dir)? {
        bail!(
            "{} is not empty: restore into an empty data folder (choose it with --data-dir or \
             TANDEM_DATA_DIR), or add --force to move the database and media there aside first",
            data_dir.display()
        );
    }
    if let Some(db) = database.as_ref().filter(|db| !force && db.exists()) {
        bail!(
            "{} exists: add --force to move it aside first",
            db.display()
        );
    }

    let created_data_dir = !data_dir.exists();
    std::fs::create_dir_all(&data_dir)
        .with_context(|| format!("could not create {}", data_dir.display()))?;
    // Removed again if the restore fails, so a refused archive leaves no trace.
    let created = created_data_dir.then(|| Leftover::new(data_dir.clone()));
    let staging = Leftover::new(data_dir.join(format!(".restore-{}", new_id())));
    std::fs::create_dir(staging.path())?;

    let staged = staging.path().to_owned();
    let archive = archive.to_owned();
    let manifest = blocking(move || unpack_verified(&archive, &staged)).await?;
    check_backend(&manifest, backend)?;
    let staged_db = staging.path().join(DATABASE);
    if backend == Backend::Sqlite {
        Db::open_existing(
            &format!("sqlite:{}", staged_db.display()),
            "the archived database",
        )
        .await?
        .close()
        .await;
    }

    let mut moved_aside = Vec::new();
    let stamp = now().format("%Y%m%dT%H%M%SZ");
    for path in replaced.iter().filter(|p| p.exists()) {
        let mut aside = path.clone().into_os_string();
        aside.push(format!(".before-restore-{stamp}"));
        std::fs::rename(path, &aside)
            .with_context(|| format!("could not move {} aside", path.display()))?;
        moved_aside.push(PathBuf::from(aside));
    }
    if let Some(db) = &database {
        std::fs::rename(&staged_db, db)
            .with_context(|| format!("could not put the database at {}", db.display()))?;
    }
    let staged_media = staging.path().join(MEDIA);
    if staged_media.exists() {
        std::fs::rename(&staged_media, data_dir.join(MEDIA))?;
    }
    sync_folder(&data_dir)?;
    if let Some(folder) = database.as_deref().and_then(Path::parent) {
        sync_folder(folder)?;
    }
    drop(staging);
    if let Some(created) = created {
        created.keep();
    }
    Ok(Restored {
        backend,
        manifest,
        moved_aside,
    })
}

/// An archive restores into a Tandem of the backend it was made on.
fn check_backend(manifest: &Manifest, backend: Backend) -> anyhow::Result<()> {
    match (manifest.backend.as_str(), backend) {
        ("sqlite", Backend::Sqlite) | ("postgres", Backend::Postgres) => Ok(()),
        ("postgres", Backend::Sqlite) => bail!(
            "this archive holds the media of a Tandem on PostgreSQL, without its database: \
             restore the database with pg_restore, then run `tandem restore` with \
             TANDEM_DATABASE_URL set to it"
        ),
        ("sqlite", Backend::Postgres) => bail!(
            "this archive holds a SQLite database, but TANDEM_DATABASE_URL points at \
             PostgreSQL: unset it to restore onto SQLite"
        ),
        (other, _) => bail!("this archive was made on an unknown backend, {other:?}"),
    }
}

/// Missing, or a folder with nothing in it.
fn is_empty_folder(folder: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(folder) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e).with_context(|| format!("could not read {}", folder.display())),
    }
}

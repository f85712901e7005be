//! The backup archive: a plain tar that `tar -xf` opens, laid out as a data folder.
//!
//! ```text
//! tandem.db                      the SQLite database (absent for a Tandem on PostgreSQL)
//! media/photos/k3/<id>-large.jpg every media file, under its key
//! manifest.json                  written last: what is in the archive, with checksums
//! ```
//!
//! The manifest ([`Manifest`]) lists each file's path, size and SHA-256. It comes last because
//! the checksums are taken while the files are copied; an archive cut short therefore has no
//! manifest, and is refused whole. Files are private: every entry is mode 0600.

use std::{
    collections::BTreeMap,
    fs::File,
    io::{self, BufReader, BufWriter, Read, Write},
    path::{Path, PathBuf},
};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{db::new_id, media::MediaKey};

/// Names the format in the manifest, and the version of its layout this Tandem writes and reads.
pub const FORMAT: &str = "tandem-backup";
pub const FORMAT_VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const DATABASE: &str = "tandem.db";
pub const MEDIA: &str = "media";
/// A manifest larger than this is not one Tandem wrote (a million files take about 150 MB).
const MANIFEST_LIMIT: u64 = 512 * 1024 * 1024;

/// What an archive holds, as `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub tandem_version: String,
    pub created_at: DateTime<Utc>,
    /// `sqlite` (the database is in the archive) or `postgres` (media only; see pg_dump).
    pub backend: String,
    pub files: Vec<FileEntry>,
    /// Media keys the database names whose files were not in the media folder when the backup
    /// was made (lost before it; restored, those photos show as missing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

impl Manifest {
    /// How many media files the archive holds (every file but the database).
    pub fn media_files(&self) -> usize {
        self.files.iter().filter(|f| f.path != DATABASE).count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    /// Lowercase hex, as `sha256sum` prints it.
    pub sha256: String,
}

/// The archive's path of a media file.
pub fn media_path(key: &MediaKey) -> String {
    format!("{MEDIA}/{}", key.as_str())
}

/// A reader or writer that takes the SHA-256 and the length of what passes through it.
struct Hashing<T> {
    inner: T,
    hash: Sha256,
    len: u64,
}

impl<T> Hashing<T> {
    fn new(inner: T) -> Self {
        Hashing {
            inner,
            hash: Sha256::new(),
            len: 0,
        }
    }

    fn finish(self) -> (T, u64, String) {
        let digest = self.hash.finalize();
        let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
        (self.inner, self.len, hex)
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A file or folder removed when this is dropped, unless [`Leftover::keep`] was called: what a
/// failed backup or restore wrote never stays behind.
pub struct Leftover {
    path: Option<PathBuf>,
}

impl Leftover {
    pub fn new(path: PathBuf) -> Leftover {
        Leftover { path: Some(path) }
    }

    pub fn path(&self) -> &Path {
        self.path.as_deref().expect("a leftover is kept only once")
    }

    pub fn keep(mut self) -> PathBuf {
        self.path.take().expect("a leftover is kept only once")
    }
}

impl Drop for Leftover {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        }
    }
}

/// Creates a file only this user may read (it holds a family's private words and photos).
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Makes a rename or a new file in `folder` survive a power cut.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// An archive being written under a temporary name beside its destination.
pub struct ArchiveWriter {
    builder: tar::Builder<BufWriter<File>>,
    temporary: Leftover,
    destination: PathBuf,
    files: Vec<FileEntry>,
    created_at: DateTime<Utc>,
}

impl ArchiveWriter {
    /// Starts `.<name>.<id>.part` in the destination's folder; refuses a destination that exists.
    pub fn create(destination: &Path, created_at: DateTime<Utc>) -> anyhow::Result<Self> {
        refuse_existing(destination)?;
        let name = destination
            .file_name()
            .and_then(|n| n.to_str())
            .context("the backup file needs a name")?;
        let temporary = folder_of(destination).join(format!(".{name}.{}.part", new_id()));
        let file = create_private(&temporary)
            .with_context(|| format!("could not write in {}", folder_of(destination).display()))?;
        Ok(ArchiveWriter {
            builder: tar::Builder::new(BufWriter::new(file)),
            temporary: Leftover::new(temporary),
            destination: destination.to_owned(),
            files: Vec::new(),
            created_at,
        })
    }

    /// Adds `file` under `path`, taking its checksum as it is copied. Files are never changed
    /// in place, so the length read when it was opened is the length copied (checked).
    pub fn append(&mut self, path: &str, file: File) -> io::Result<()> {
        let size = file.metadata()?.len();
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(size);
        header.set_mode(0o600);
        header.set_mtime(self.created_at.timestamp().max(0) as u64);
        let mut reader = Hashing::new(file.take(size));
        self.builder.append_data(&mut header, path, &mut reader)?;
        let (_, copied, sha256) = reader.finish();
        if copied != size {
            return Err(io::Error::other(format!(
                "{path} changed while it was copied"
            )));
        }
        self.files.push(FileEntry {
            path: path.to_owned(),
            size,
            sha256,
        });
        Ok(())
    }

    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }

    /// Writes the manifest, syncs the archive to disk and only then gives it its name.
    pub fn finish(mut self, backend: &str, missing: Vec<String>) -> anyhow::Result<Manifest> {
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            tandem_version: env!("CARGO_PKG_VERSION").into(),
            created_at: self.created_at,
            backend: backend.into(),
            files: std::mem::take(&mut self.files),
            missing,
        };
        let json = serde_json::to_vec_pretty(&manifest)?;
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(json.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(self.created_at.timestamp().max(0) as u64);
        self.builder
            .append_data(&mut header, MANIFEST, json.as_slice())?;
        let file = self
            .builder
            .into_inner()?
            .into_inner()
            .map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        // Checked again: another backup may have taken the name meanwhile.
        refuse_existing(&self.destination)?;
        std::fs::rename(self.temporary.path(), &self.destination)?;
        self.temporary.keep();
        sync_folder(folder_of(&self.destination))?;
        Ok(manifest)
    }
}

fn refuse_existing(destination: &Path) -> anyhow::Result<()> {
    if destination.exists() {
        bail!(
            "{} already exists; choose a new file name",
            destination.display()
        );
    }
    Ok(())
}

/// The folder a path is in ("." for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Unpacks `archive` into the empty folder `staging`, checking every file against the
/// manifest: each listed file present with its size and SHA-256, nothing unlisted, no path
/// but the database and media keys. Any difference refuses the archive (the caller removes
/// `staging`). Returns the manifest.
pub fn unpack_verified(archive: &Path, staging: &Path) -> anyhow::Result<Manifest> {
    let file =
        File::open(archive).with_context(|| format!("could not open {}", archive.display()))?;
    let mut tar = tar::Archive::new(BufReader::new(file));
    let mut unpacked: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut manifest = None;
    let damaged = || format!("{} is damaged or not a Tandem backup", archive.display());
    for entry in tar.entries().with_context(damaged)? {
        let mut entry = entry.with_context(damaged)?;
        let path = entry.path().with_context(damaged)?;
        let path = path
            .to_str()
            .with_context(|| format!("{}: a file name is not UTF-8", damaged()))?
            .to_owned();
        if entry.header().entry_type() != tar::EntryType::Regular {
            bail!("{}: it holds {path}, which is not a plain file", damaged());
        }
        if path == MANIFEST {
            let mut json = Vec::new();
            (&mut entry)
                .take(MANIFEST_LIMIT)
                .read_to_end(&mut json)
                .with_context(damaged)?;
            manifest = Some(serde_json::from_slice::<Manifest>(&json).with_context(damaged)?);
            continue;
        }
        let allowed = path == DATABASE
            || path
                .strip_prefix(&format!("{MEDIA}/"))
                .is_some_and(|key| MediaKey::parse(key).is_some());
        if !allowed || unpacked.contains_key(&path) {
            bail!("{}: unexpected file {path}", damaged());
        }
        let target = staging.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut writer = Hashing::new(create_private(&target)?);
        io::copy(&mut entry, &mut writer).with_context(damaged)?;
        let (file, size, sha256) = writer.finish();
        file.sync_all()?;
        unpacked.insert(path, (size, sha256));
    }
    let manifest = manifest.with_context(|| {
        format!(
            "{} has no manifest: it is incomplete (cut short?) or not a Tandem backup",
            archive.display()
        )
    })?;
    if manifest.format != FORMAT || manifest.format_version != FORMAT_VERSION {
        bail!(
            "{} is a {} archive of version {}; this Tandem reads {FORMAT} version {FORMAT_VERSION}",
            archive.display(),
            manifest.format,
            manifest.format_version
        );
    }
    let listed: BTreeMap<String, (u64, String)> = manifest
        .files
        .iter()
        .map(|f| (f.path.clone(), (f.size, f.sha256.clone())))
        .collect();
    for (path, found) in &unpacked {
        match listed.get(path) {
            Some(expected) if expected == found => {}
            Some(_) => bail!("{}: {path} does not match its checksum", damaged()),
            None => bail!("{}: {path} is not in its manifest", damaged()),
        }
    }
    if let Some(path) = listed.keys().find(|p| !unpacked.contains_key(*p)) {
        bail!("{}: {path} is listed but missing", damaged());
    }
    Ok(manifest)
}

//! Where uploaded files live. Today a folder under the data directory; the enum leaves room for
//! an object store later without touching the features that store photos.
//!
//! Keys are made by Tandem from random ids ([`MediaKey::new`]), never from anything a user
//! sent, and writes are atomic (a temporary file renamed into place), so a reader never sees
//! half a file and a crash leaves at most a stray temporary file. Files are never changed in
//! place: they are added under fresh keys and removed, nothing else. Housekeeping sweeps what
//! a crash left behind ([`sweep`]); a backup copies every file ([`crate::ops::backup`]).
//!
//! # Adding a kind of file
//! 1. Make its keys with [`MediaKey::new`] under a folder (`kind`) of its own.
//! 2. Keep each key in a column declared in the table's `media` list in
//!    [`privacy::inventory`](crate::privacy::inventory). That list is the one place that says
//!    which files are in use ([`privacy::media_keys`](crate::privacy::media_keys)): the sweep
//!    removes any file older than an hour that no declared column names, the backup checks
//!    every named file is in the archive, and a departing member's files are found through it.
//! 3. Write the file with [`MediaStore::put`] before the transaction that stores its key, and
//!    remove it if that transaction fails (see `memories::photos::store_then`); remove it after
//!    the transaction that deletes its row commits.

mod sweep;

pub use sweep::{ORPHAN_AGE, Swept, sweep};

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    time::SystemTime,
};

use crate::db::new_id;

/// The name of one stored file, e.g. `photos/k3/k3v9x0d2m8q4t7w1s5bz-large.jpg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaKey(String);

impl MediaKey {
    /// A key for a file of `kind` (a folder), the record `id` and a `variant` with extension.
    /// All three come from Tandem's own code and ids.
    pub fn new(kind: &str, id: &str, variant: &str) -> MediaKey {
        let shard: String = id.chars().take(2).collect();
        MediaKey(format!("{kind}/{shard}/{id}-{variant}"))
    }

    /// A key read back from the database. Anything that could step outside the media folder
    /// is refused, so even an edited database cannot make Tandem read other files.
    pub fn parse(stored: &str) -> Option<MediaKey> {
        let safe = !stored.is_empty()
            && stored.split('/').all(|part| {
                !part.is_empty()
                    && !part.starts_with('.')
                    && part.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b)
                    })
            });
        safe.then(|| MediaKey(stored.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A file found in the store, with the time it was written (files are never changed after).
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub key: MediaKey,
    pub modified: SystemTime,
}

/// Where media files are kept.
#[derive(Debug, Clone)]
pub enum MediaStore {
    /// A folder on this machine (`<data dir>/media`).
    Local(LocalStore),
}

impl MediaStore {
    pub fn local(root: PathBuf) -> MediaStore {
        MediaStore::Local(LocalStore { root })
    }

    /// Stores `bytes` under `key`, replacing nothing: keys are fresh ids.
    pub async fn put(&self, key: &MediaKey, bytes: Vec<u8>) -> io::Result<()> {
        match self {
            MediaStore::Local(s) => {
                let s = s.clone();
                let key = key.clone();
                blocking(move || s.put(&key, &bytes)).await
            }
        }
    }

    /// The bytes under `key`, or `None` when there is no such file.
    pub async fn get(&self, key: &MediaKey) -> io::Result<Option<Vec<u8>>> {
        match self {
            MediaStore::Local(s) => {
                let path = s.path(key);
                match tokio::fs::read(path).await {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Removes the file under `key`; a file already gone is fine.
    pub async fn delete(&self, key: &MediaKey) -> io::Result<()> {
        match self {
            MediaStore::Local(s) => match tokio::fs::remove_file(s.path(key)).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }

    /// Every file stored under a key, with the time it was written (see [`LocalStore::list`]).
    pub async fn list(&self) -> io::Result<Vec<StoredFile>> {
        match self {
            MediaStore::Local(s) => {
                let s = s.clone();
                blocking(move || s.list()).await
            }
        }
    }

    /// Removes temporary files written before `before` (see [`LocalStore::remove_parts_before`]).
    pub async fn remove_parts_before(&self, before: SystemTime) -> io::Result<usize> {
        match self {
            MediaStore::Local(s) => {
                let s = s.clone();
                blocking(move || s.remove_parts_before(before)).await
            }
        }
    }

    /// Removes every key, logging (not failing on) the ones that could not be removed: used
    /// to clean up after a request that did not commit.
    pub async fn delete_all(&self, keys: &[MediaKey]) {
        for key in keys {
            if let Err(e) = self.delete(key).await {
                tracing::warn!(key = key.as_str(), error = %e, "could not remove a media file");
            }
        }
    }
}

/// The key a path inside the store spells, if it is one (`photos/k3/<id>-large.jpg`).
fn key_of_relative_path(relative: &Path) -> Option<MediaKey> {
    let parts: Option<Vec<&str>> = relative.iter().map(|part| part.to_str()).collect();
    MediaKey::parse(&parts?.join("/"))
}

/// Removes a file; `false` when it was already gone.
fn remove_if_there(path: &Path) -> io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(io::Error::other)?
}

/// The folder of temporary files under a local store's root, named apart from every key
/// (keys have a kind, a shard and a file name: three parts).
const TMP_DIR: &str = "tmp";

/// Media in a folder: `<root>/<key>`, written through `<root>/tmp/<id>.part`.
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    /// The folder itself (`<data dir>/media`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file of `key` lives.
    pub fn path(&self, key: &MediaKey) -> PathBuf {
        self.root.join(Path::new(key.as_str()))
    }

    /// Every file stored under a key, with its modification time. Temporary files and files
    /// whose path is not a key Tandem makes (something a person put there) are not listed, so
    /// nothing Tandem did not name is ever swept or archived. No folder yet: no files.
    pub fn list(&self) -> io::Result<Vec<StoredFile>> {
        let mut found = Vec::new();
        let mut folders = vec![self.root.clone()];
        while let Some(folder) = folders.pop() {
            let entries = match std::fs::read_dir(&folder) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let entry = entry?;
                let path = entry.path();
                let kind = entry.file_type()?;
                if kind.is_dir() {
                    if path != self.root.join(TMP_DIR) {
                        folders.push(path);
                    }
                    continue;
                }
                let Some(key) = path
                    .strip_prefix(&self.root)
                    .ok()
                    .and_then(key_of_relative_path)
                else {
                    continue;
                };
                // Removed since the folder was read: it is simply not there any more.
                match entry.metadata().and_then(|m| m.modified()) {
                    Ok(modified) => found.push(StoredFile { key, modified }),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
        found.sort_by(|a, b| a.key.as_str().cmp(b.key.as_str()));
        Ok(found)
    }

    /// Removes the temporary files written before `before`: a write in progress renames its
    /// file within moments, so one that old was left by a crash. Returns how many went.
    pub fn remove_parts_before(&self, before: SystemTime) -> io::Result<usize> {
        let entries = match std::fs::read_dir(self.root.join(TMP_DIR)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut removed = 0;
        for entry in entries {
            let entry = entry?;
            let is_part = entry.path().extension().is_some_and(|e| e == "part");
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified < before);
            if is_part && stale && remove_if_there(&entry.path())? {
                removed += 1;
            }
        }
        Ok(removed)
    }

    fn put(&self, key: &MediaKey, bytes: &[u8]) -> io::Result<()> {
        let target = self.path(key);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp_dir = self.root.join(TMP_DIR);
        std::fs::create_dir_all(&tmp_dir)?;
        let tmp = tmp_dir.join(format!("{}.part", new_id()));
        let written = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            // On disk before it has a name: a crash never leaves a short file under a key.
            file.sync_all()?;
            std::fs::rename(&tmp, &target)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_ids_are_accepted_and_paths_outside_are_not() {
        let key = MediaKey::new("photos", "k3v9x0d2m8q4t7w1s5bz", "large.jpg");
        assert_eq!(key.as_str(), "photos/k3/k3v9x0d2m8q4t7w1s5bz-large.jpg");
        assert_eq!(MediaKey::parse(key.as_str()), Some(key));
        for bad in [
            "",
            "../etc/passwd",
            "photos/../../x",
            "/abs/path",
            "photos//x",
            "photos/.hidden",
            "Photos/X.jpg",
            "photos/a b.jpg",
        ] {
            assert_eq!(MediaKey::parse(bad), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn a_file_put_can_be_read_and_deleted_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::local(dir.path().to_path_buf());
        let key = MediaKey::new("photos", "abcdefghjkmnpqrstvwx", "thumb.jpg");
        store.put(&key, b"bytes".to_vec()).await.unwrap();
        assert_eq!(
            store.get(&key).await.unwrap().as_deref(),
            Some(&b"bytes"[..])
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
            0
        );
        store.delete(&key).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), None);
        // Deleting twice is fine.
        store.delete(&key).await.unwrap();
    }
}

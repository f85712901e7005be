//! The sweep of files nothing refers to, run by housekeeping. A crash between writing a
//! photo's files and committing its row leaves files no row names, and a crash mid-write leaves
//! a `.part` file; nothing else would ever remove them (docs/adr/0025-backups-and-sweeps.md).
//!
//! A file is removed only when it is older than [`ORPHAN_AGE`] *and* no row names it. The age
//! is what keeps a photo being stored right now safe: its files are written moments before its
//! row commits, so during that window they are young. Ages are measured against the system's
//! clock, not the app's ([`crate::clock`]): they are compared with the file system's own
//! modification times, which a test's moved clock does not move
//! ([`crate::clock::file_system_now`]).

use std::time::SystemTime;

use crate::{db::Db, media::MediaStore, privacy::media_keys::keys_in_use};

/// How old a file without a row, or a temporary file, must be before the sweep removes it.
pub const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// What one sweep removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Files under a key that no row names.
    pub orphans: usize,
    /// Temporary files of writes that never finished.
    pub parts: usize,
}

/// Removes the files older than [`ORPHAN_AGE`] at `now` that no row names, and the temporary
/// files as old. The files are listed before the rows are read, so a row committed in between
/// still protects its files. A file that cannot be removed is logged and left for next time.
pub async fn sweep(store: &MediaStore, db: &Db, now: SystemTime) -> anyhow::Result<Swept> {
    let before = now
        .checked_sub(ORPHAN_AGE)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let candidates: Vec<_> = store
        .list()
        .await?
        .into_iter()
        .filter(|file| file.modified < before)
        .collect();
    let mut swept = Swept::default();
    if !candidates.is_empty() {
        // The connection goes back to the pool before any file is touched.
        let in_use = keys_in_use(&mut db.conn().await?).await?;
        for file in candidates {
            if in_use.contains(file.key.as_str()) {
                continue;
            }
            match store.delete(&file.key).await {
                Ok(()) => swept.orphans += 1,
                Err(e) => {
                    tracing::warn!(key = file.key.as_str(), error = %e, "could not sweep a media file")
                }
            }
        }
    }
    swept.parts = store.remove_parts_before(before).await?;
    if swept != Swept::default() {
        tracing::info!(
            orphans = swept.orphans,
            temporary = swept.parts,
            "swept media files no row refers to"
        );
    }
    Ok(swept)
}

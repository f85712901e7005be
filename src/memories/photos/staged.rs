//! Photo files written before their rows commit, and removed again when the rows do not.
//! [`store_then`] runs the write, the transaction and the clean-up as one task that finishes
//! even when the browser goes away half-way, so files and rows never part.

use std::{
    future::Future,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
};

use super::{MAX_PER_PERSPECTIVE, PhotoOwner, count_on, process::Processed};
use crate::{
    clock::Clock,
    db::{Handle, new_id, now},
    db_exec,
    error::{AppError, AppResult},
    i18n::Msg,
    media::{MediaKey, MediaStore},
    privacy::BondAccess,
};

/// Writes the files of `processed`, then runs `save` (which inserts their rows with
/// [`Staged::insert`] and commits), and keeps the files only if `save` succeeded. It runs as
/// its own task: a request dropped while its transaction commits would otherwise leave either
/// files without rows or rows without files.
pub async fn store_then<T, Fut>(
    store: &MediaStore,
    processed: Vec<Processed>,
    save: impl FnOnce(Arc<Staged>) -> Fut + Send + 'static,
) -> AppResult<T>
where
    T: Send + 'static,
    Fut: Future<Output = AppResult<T>> + Send + 'static,
{
    let store = store.clone();
    // The spawned task keeps the request's clock (crate::clock).
    tokio::spawn(Clock::current().scope(async move {
        let staged = Arc::new(Staged::write(&store, processed).await?);
        let result = save(staged.clone()).await;
        staged.settle(result).await
    }))
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// Processed photos whose files are in the store but whose rows may not be committed yet.
/// Dropped without [`Staged::settle`] (a panic), it removes its files.
pub struct Staged {
    store: MediaStore,
    photos: Vec<StagedPhoto>,
    settled: AtomicBool,
}

struct StagedPhoto {
    id: String,
    large: (MediaKey, u32, u32, usize),
    thumb: (MediaKey, u32, u32, usize),
}

impl Staged {
    /// Writes the files of every processed photo; on a failure, removes those already written.
    async fn write(store: &MediaStore, processed: Vec<Processed>) -> AppResult<Staged> {
        let mut staged = Staged {
            store: store.clone(),
            photos: Vec::new(),
            settled: AtomicBool::new(false),
        };
        for p in processed {
            let id = new_id();
            let large = MediaKey::new("photos", &id, "large.jpg");
            let thumb = MediaKey::new("photos", &id, "thumb.jpg");
            let (lw, lh, lb) = (p.large.width, p.large.height, p.large.bytes.len());
            let (tw, th, tb) = (p.thumb.width, p.thumb.height, p.thumb.bytes.len());
            // Recorded before writing, so a half-written pair is removed too.
            staged.photos.push(StagedPhoto {
                id,
                large: (large.clone(), lw, lh, lb),
                thumb: (thumb.clone(), tw, th, tb),
            });
            let written = async {
                store.put(&large, p.large.bytes).await?;
                store.put(&thumb, p.thumb.bytes).await
            }
            .await;
            if let Err(e) = written {
                return staged.settle(Err(AppError::Internal(e.into()))).await;
            }
        }
        Ok(staged)
    }

    fn keys(&self) -> Vec<MediaKey> {
        self.photos
            .iter()
            .flat_map(|p| [p.large.0.clone(), p.thumb.0.clone()])
            .collect()
    }

    /// Inserts a row for every staged photo, on a reflection of the acting member.
    pub async fn insert(
        &self,
        h: &mut impl Handle,
        access: &BondAccess,
        owner: &PhotoOwner<'_>,
    ) -> AppResult<()> {
        let first = count_on(h, access, owner.reflection_id).await?;
        if first + self.photos.len() as i64 > MAX_PER_PERSPECTIVE {
            return Err(AppError::Conflict(Msg::with(
                "memories-photos-at-most",
                [("max", MAX_PER_PERSPECTIVE.into())],
            )));
        }
        let created_at = now();
        for (i, p) in self.photos.iter().enumerate() {
            db_exec!(h, |c| {
                sqlx::query(
                "INSERT INTO photos (id, bond_id, author_id, visibility, made_together,
                     reflection_id, moment_key, position, large_key, large_width, large_height,
                     large_bytes, thumb_key, thumb_width, thumb_height, thumb_bytes, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
            )
            .bind(&p.id)
            .bind(access.id())
            .bind(access.me())
            .bind(owner.visibility)
            .bind(owner.made_together)
            .bind(owner.reflection_id)
            .bind(owner.moment_key)
            .bind(first + i as i64)
            .bind(p.large.0.as_str())
            .bind(p.large.1 as i64)
            .bind(p.large.2 as i64)
            .bind(p.large.3 as i64)
            .bind(p.thumb.0.as_str())
            .bind(p.thumb.1 as i64)
            .bind(p.thumb.2 as i64)
            .bind(p.thumb.3 as i64)
            .bind(created_at)
            .execute(c)
            .await
            })?;
        }
        Ok(())
    }

    /// Keeps the files when `result` (the transaction that inserted their rows) succeeded,
    /// removes them otherwise, and passes the result on.
    async fn settle<T>(&self, result: AppResult<T>) -> AppResult<T> {
        self.settled.store(true, Ordering::SeqCst);
        if result.is_err() {
            self.store.delete_all(&self.keys()).await;
        }
        result
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.settled.load(Ordering::SeqCst) || self.photos.is_empty() {
            return;
        }
        let keys = self.keys();
        let store = self.store.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { store.delete_all(&keys).await });
        }
    }
}

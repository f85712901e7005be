//! Photos of a memory: each belongs to one member's perspective (a reflection) and has its
//! visibility, so a photo of a reflection not yet revealed is as invisible to the partner as
//! the words. Uploads are checked and re-encoded by [`process`]; the files live in the
//! [`MediaStore`](crate::media::MediaStore), written before the rows commit and removed again
//! when anything fails ([`store_then`]), so no file is ever left without its row.

pub mod budget;
mod decode;
pub mod process;
pub mod serve;
mod staged;
pub mod upload;
mod worker;

pub use staged::{Staged, store_then};

use chrono::{DateTime, Utc};

use crate::{
    col,
    db::Handle,
    error::AppResult,
    family::MemberId,
    i18n::{Arg, Key, Msg},
    media::{MediaKey, MediaStore},
    privacy::{Bind, BondAccess, BondRecord, Visibility, delete_own, update_own, visible},
    text_enum,
    web::form::line,
};

use process::{Processed, Refusal};

/// Photos one form may carry.
pub const MAX_PER_FORM: usize = 6;
/// Photos one member may keep on one memory.
pub const MAX_PER_PERSPECTIVE: i64 = 12;
pub const ALT_TEXT_MAX: usize = 300;

text_enum! {
    /// The two renditions kept of every photo.
    pub enum Size { Large => "large", Thumb => "thumb" }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Photo {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub reflection_id: String,
    pub moment_key: String,
    pub position: i64,
    pub large_key: String,
    pub large_width: i64,
    pub large_height: i64,
    pub thumb_key: String,
    pub thumb_width: i64,
    pub thumb_height: i64,
    pub alt_text: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Photo {
    const TABLE: &'static str = "photos";
    const COLUMNS: &'static str = "id, author_id, visibility, reflection_id, moment_key, position, \
         large_key, large_width, large_height, thumb_key, thumb_width, thumb_height, alt_text, \
         created_at";
}

impl Photo {
    pub fn key(&self, size: Size) -> Option<MediaKey> {
        MediaKey::parse(match size {
            Size::Large => &self.large_key,
            Size::Thumb => &self.thumb_key,
        })
    }

    /// The address of a rendition. It never changes, but browsers ask again each time they
    /// show it (`serve`), so a photo is not kept for whoever uses the device next.
    pub fn src(&self, access: &BondAccess, size: &Size) -> String {
        access.href(&format!("photos/{}/{}", self.id, size))
    }
}

/// The photos of a moment the acting member may see, by perspective and upload order.
pub async fn of_moments(
    h: &mut impl Handle,
    access: &BondAccess,
    moment_keys: &[&str],
) -> AppResult<Vec<Photo>> {
    visible::<Photo>(access)
        .any_text_of(col!("moment_key"), moment_keys)
        .order_by("created_at ASC, position ASC")
        .limit(2000)
        .list(h)
        .await
}

/// A file picked in a form: its name (only ever shown back to its sender) and bytes.
#[derive(Debug)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Checks and re-encodes every upload of a form, one photo at a time on the photo thread
/// ([`worker`]), each once the memory it is expected to take is free in [`budget::DECODING`]. All or nothing: the messages say
/// what is wrong with each refused file, and then none is kept.
pub async fn process_all(uploads: Vec<Upload>) -> AppResult<Result<Vec<Processed>, Msg>> {
    let mut done = Vec::new();
    let mut refused = Vec::new();
    for upload in uploads {
        match process_one(upload.bytes).await? {
            Ok(p) => done.push(p),
            Err(r) => refused.push(refusal_message(&upload.file_name, &r)),
        }
    }
    Ok(match Msg::sentences(refused) {
        None => Ok(done),
        Some(refused) => Err(refused),
    })
}

async fn process_one(bytes: Vec<u8>) -> AppResult<Result<Processed, Refusal>> {
    let (bytes, inspection) = worker::run(move || {
        let inspection = process::inspect(&bytes);
        (bytes, inspection)
    })
    .await?;
    let inspection = match inspection {
        Ok(i) => i,
        Err(r) => return Ok(Err(r)),
    };
    let _reserved = budget::DECODING.reserve(inspection.working_set()).await?;
    worker::run(move || process::process_inspected(&bytes, &inspection)).await
}

/// "“beach.heic” is a HEIC photo, …"
pub fn refusal_message(file_name: &str, refusal: &Refusal) -> Msg {
    let name: String = file_name.chars().take(80).collect();
    let name = if name.trim().is_empty() {
        Arg::Key("memories-photo-unnamed")
    } else {
        Arg::Text(format!("“{name}”"))
    };
    refusal.message(name)
}

/// What photos are attached to: a reflection of the acting member, with its visibility.
pub struct PhotoOwner<'a> {
    pub reflection_id: &'a str,
    pub moment_key: &'a str,
    pub visibility: Visibility,
    pub made_together: bool,
}

pub(super) async fn count_on(
    h: &mut impl Handle,
    access: &BondAccess,
    reflection: &str,
) -> AppResult<i64> {
    visible::<Photo>(access)
        .mine()
        .filter(col!("reflection_id").eq(Bind::Text(reflection.into())))
        .count(h)
        .await
}

/// The author deletes one of their photos: the row first, then (once that committed) the files.
pub async fn delete(
    db: &crate::db::Db,
    store: &MediaStore,
    access: &BondAccess,
    id: &str,
) -> AppResult<Photo> {
    let mut tx = db.begin().await?;
    let photo = visible::<Photo>(access).mine().get(&mut tx, id).await?;
    delete_own::<Photo>(&mut tx, access, id).await?;
    tx.commit().await?;
    let keys: Vec<MediaKey> = [Size::Large, Size::Thumb]
        .into_iter()
        .filter_map(|s| photo.key(s))
        .collect();
    store.delete_all(&keys).await;
    Ok(photo)
}

/// The author describes a photo for people who cannot see it (`alt_text` already checked).
pub async fn describe(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
    alt_text: String,
) -> AppResult<()> {
    update_own::<Photo>(
        h,
        access,
        id,
        vec![(col!("alt_text"), Bind::Text(alt_text))],
    )
    .await
}

/// Checks a photo description.
pub fn check_alt_text(raw: &str) -> Result<String, Msg> {
    line(raw, Key("field-the-description"), 0, ALT_TEXT_MAX)
}

/// How many more photos the acting member may add to a reflection of theirs.
pub async fn room_left(
    h: &mut impl Handle,
    access: &BondAccess,
    reflection_id: &str,
) -> AppResult<i64> {
    Ok(MAX_PER_PERSPECTIVE - count_on(h, access, reflection_id).await?)
}

//! Reading a form that carries photos (`multipart/form-data`): its text fields, and the files
//! of its `photos` input, each checked for size while it arrives. Forms with photos are the
//! only routes with a body limit above the app's 64 KB ([`body_limit`]). A form's body is read
//! only once its size is free in [`FORM_BODIES`], so many forms at once queue rather than all
//! sit in memory together.

use std::collections::HashMap;

use axum::{
    extract::{DefaultBodyLimit, FromRequest, Multipart, Request, multipart::Field},
    http::{StatusCode, header},
};
use tokio::sync::SemaphorePermit;

use super::{
    MAX_PER_FORM, Upload,
    budget::FORM_BODIES,
    process::{MAX_FILE_BYTES, Refusal},
    refusal_message,
};
use crate::{error::AppError, i18n::Msg};

/// The name of the file input.
pub const PHOTOS_FIELD: &str = "photos";
/// A text field longer than this is not something our forms send.
const TEXT_FIELD_MAX: usize = 16 * 1024;

/// The largest body of a route that takes photos: a full form of full-size photos plus text.
const BODY_MAX_BYTES: usize = MAX_PER_FORM * MAX_FILE_BYTES + 256 * 1024;

/// The body limit of a route that takes photos.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(BODY_MAX_BYTES)
}

/// A form with photos, read whole.
#[derive(Debug, Default)]
pub struct PhotoForm {
    fields: HashMap<String, String>,
    pub photos: Vec<Upload>,
    /// Files refused while reading (too large, too many), with their names.
    pub refused: Vec<Msg>,
    /// The share of [`FORM_BODIES`] this form's bytes hold until it is dropped.
    _reserved: Option<SemaphorePermit<'static>>,
}

impl PhotoForm {
    /// A text field, or "" when the form did not have it.
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }

    /// What is wrong with the files as read, if anything, in one message.
    pub fn refusal(&self) -> Option<Msg> {
        Msg::sentences(self.refused.iter().cloned())
    }
}

impl<S: Send + Sync> FromRequest<S> for PhotoForm {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // A body without a declared length may be as large as the limit.
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
            .unwrap_or(BODY_MAX_BYTES as u64);
        let reserved = FORM_BODIES.reserve(declared).await?;
        let multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest(Msg::new("memories-form-without-files")))?;
        let mut form = read(multipart).await?;
        form._reserved = Some(reserved);
        Ok(form)
    }
}

fn unreadable(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest(Msg::with(
            "form-unreadable",
            [("detail", e.body_text().into())],
        ))
    }
}

async fn read(mut multipart: Multipart) -> Result<PhotoForm, AppError> {
    let mut form = PhotoForm::default();
    let mut files_seen = 0;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == PHOTOS_FIELD {
            let file_name = field.file_name().unwrap_or("").to_owned();
            let Some(bytes) = read_file(field).await? else {
                form.refused
                    .push(refusal_message(&file_name, &Refusal::TooLarge));
                files_seen += 1;
                continue;
            };
            // A file input left empty still sends one part, without name or bytes.
            if bytes.is_empty() && file_name.is_empty() {
                continue;
            }
            files_seen += 1;
            if files_seen > MAX_PER_FORM {
                continue;
            }
            form.photos.push(Upload { file_name, bytes });
        } else {
            // `text()` would put U+FFFD in place of bytes that are not UTF-8: refuse them.
            let bytes = field.bytes().await.map_err(unreadable)?;
            let value =
                String::from_utf8(bytes.to_vec()).map_err(|_| crate::web::form::not_utf8(&name))?;
            if value.len() > TEXT_FIELD_MAX {
                return Err(AppError::BadRequest(Msg::new(
                    "memories-field-form-far-longer",
                )));
            }
            form.fields.insert(name, value);
        }
    }
    if files_seen > MAX_PER_FORM {
        form.refused.push(Msg::with(
            "memories-photos-too-many-at-once",
            [("chosen", files_seen.into()), ("max", MAX_PER_FORM.into())],
        ));
    }
    Ok(form)
}

/// The bytes of a file, or `None` once it grows past the size limit (the rest is skipped).
async fn read_file(mut field: Field<'_>) -> Result<Option<Vec<u8>>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        if bytes.len() + chunk.len() > MAX_FILE_BYTES {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

//! A member's side of a moment sent with photos — a reflection after a plan, a memory added
//! directly, or a perspective added to a memory later — checked the one way all three forms
//! need: the words, the photo refusals, the decoding of every photo, and what to say when the
//! form comes back.

use super::{
    photos::{process::Processed, process_all, upload::PhotoForm},
    reflections::{Perspective, PerspectiveForm},
};
use crate::{error::AppResult, family::AgeBand, i18n::Msg, web::form::FieldErrors};

/// A side ready to store: the page's own fields, the perspective and the decoded photos.
pub struct Accepted<T> {
    pub fields: T,
    pub perspective: Perspective,
    pub photos: Vec<Processed>,
}

/// A form to show again (422), with what was typed and why it was refused.
pub struct Refused {
    pub form: PerspectiveForm,
    pub errors: FieldErrors,
    /// Files are never kept across a re-shown form: true when photos were sent and were
    /// otherwise fine, so the page asks for them again.
    pub photos_dropped: bool,
}

/// Checks a side sent with photos. `fields` validates the page's own fields into the same
/// errors (`|_| Some(())` when it has none); `room` is how many photos may still be added.
/// Photos are decoded only once everything else is valid.
pub async fn check<T>(
    mut upload: PhotoForm,
    band: AgeBand,
    room: Option<i64>,
    fields: impl FnOnce(&mut FieldErrors) -> Option<T>,
) -> AppResult<Result<Accepted<T>, Refused>> {
    let form = PerspectiveForm::read(&upload);
    let mut errors = FieldErrors::default();
    let own = fields(&mut errors);
    let perspective = form.validate(band, &mut errors);
    if let Some(message) = upload.refusal() {
        errors.add("photos", message);
    } else if let Some(room) = room.filter(|room| upload.photos.len() as i64 > *room) {
        errors.add(
            "photos",
            Msg::with(
                "memories-photos-room",
                [
                    ("max", super::photos::MAX_PER_PERSPECTIVE.into()),
                    ("room", room.max(0).into()),
                ],
            ),
        );
    }
    let photos_dropped = !upload.photos.is_empty() && errors.get("photos").is_none();
    let (Some(fields), Some(perspective), true) = (own, perspective, errors.is_empty()) else {
        return Ok(Err(Refused {
            form,
            errors,
            photos_dropped,
        }));
    };
    match process_all(std::mem::take(&mut upload.photos)).await? {
        Ok(photos) => Ok(Ok(Accepted {
            fields,
            perspective,
            photos,
        })),
        Err(message) => {
            errors.add("photos", message);
            Ok(Err(Refused {
                form,
                errors,
                photos_dropped: false,
            }))
        }
    }
}

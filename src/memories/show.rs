//! One memory: both perspectives side by side with their photos. A member adds their own
//! perspective (and photos) or changes it; an author deletes or describes their own photos.

use crate::web::bond::InBondWith;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::Memory;
use crate::{
    app::AppState,
    auth::Viewer,
    db::Db,
    error::{AppError, AppResult},
    feelings::checkin::band_of,
    i18n::Msg,
    memories::{
        photos::{
            self, Photo, PhotoOwner, Size, Staged, check_alt_text, store_then, upload::PhotoForm,
        },
        reflections::{self, Perspective, PerspectiveForm, PerspectiveView, Reflection, on_plans},
        submission,
    },
    privacy::{BondAccess, Visibility},
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

/// A perspective as shown: the words and the photos.
pub struct Shown {
    pub reflection: Reflection,
    pub photos: Vec<Photo>,
}

#[derive(Template)]
#[template(path = "memories/show.html")]
struct MemoryPage {
    layout: Layout,
    access: BondAccess,
    memory: Memory,
    perspectives: Vec<Shown>,
    pv: PerspectiveView,
    errors: FieldErrors,
    /// A photo whose description was refused, with the message.
    photo_error: Option<(String, Msg)>,
}

impl MemoryPage {
    fn is_mine(&self, r: &Reflection) -> bool {
        &r.author_id == self.access.me()
    }

    fn has_mine(&self) -> bool {
        self.perspectives
            .iter()
            .any(|p| self.is_mine(&p.reflection))
    }

    fn form_open(&self) -> bool {
        !self.errors.is_empty() || self.pv.photos_dropped
    }

    fn thumb(&self, p: &Photo) -> String {
        p.src(&self.access, &Size::Thumb)
    }

    fn large(&self, p: &Photo) -> String {
        p.src(&self.access, &Size::Large)
    }

    fn photo_error_for(&self, p: &Photo) -> Option<String> {
        self.photo_error
            .as_ref()
            .filter(|(id, _)| *id == p.id)
            .map(|(_, m)| m.render(&self.layout.tr))
    }

    fn action(&self) -> String {
        format!("{}/perspective", self.memory.path(&self.access))
    }

    /// "14 March 2027", in the page's language.
    fn happened_on(&self) -> String {
        crate::i18n::dates::date_long(&self.layout.tr, &self.memory.happened_on)
    }
}

/// What a page shown again after a refused form carries back.
#[derive(Default)]
struct Feedback {
    /// The perspective as typed (else the member's stored one).
    form: Option<PerspectiveForm>,
    errors: FieldErrors,
    photos_dropped: bool,
    photo_error: Option<(String, Msg)>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    id: &str,
    feedback: Feedback,
) -> AppResult<MemoryPage> {
    let Feedback {
        form,
        errors,
        photos_dropped,
        photo_error,
    } = feedback;
    let mut conn = state.db.conn().await?;
    let memory = super::get(&mut conn, &access, id).await?;
    let keys = [memory.moment_key.as_str()];
    let reflections = reflections::of_moments(&mut conn, &access, &keys).await?;
    let mut photos = photos::of_moments(&mut conn, &access, &keys).await?;
    drop(conn);
    let perspectives: Vec<Shown> = reflections
        .into_iter()
        .map(|reflection| {
            let (own, rest) = photos
                .drain(..)
                .partition(|p| p.reflection_id == reflection.id);
            photos = rest;
            Shown {
                reflection,
                photos: own,
            }
        })
        .collect();
    let form = form.unwrap_or_else(|| {
        perspectives
            .iter()
            .find(|p| &p.reflection.author_id == access.me())
            .map(|p| PerspectiveForm::from_reflection(&p.reflection))
            .unwrap_or_default()
    });
    Ok(MemoryPage {
        layout: Layout::member(memory.title.clone(), Section::Together, viewer),
        pv: PerspectiveView::new(&access, form, photos_dropped),
        access,
        memory,
        perspectives,
        errors,
        photo_error,
    })
}

/// GET `/bonds/{bond}/together/memories/{id}`
pub async fn show(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let page = page(&state, &viewer, access, &id, Feedback::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

/// POST `/bonds/{bond}/together/memories/{id}/perspective`: adds the acting member's
/// perspective (shared at once: the memory is) or changes it, with any new photos.
pub async fn save_perspective(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    upload: PhotoForm,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let memory = super::get(&mut conn, &access, &id).await?;
    let existing = reflections::mine(&mut conn, &access, &memory.moment_key).await?;
    let room = match &existing {
        Some(r) => photos::room_left(&mut conn, &access, &r.id).await?,
        None => photos::MAX_PER_PERSPECTIVE,
    };
    drop(conn);
    let (checked, processed) =
        match submission::check(upload, band_of(&access), Some(room), |_| Some(())).await? {
            Ok(accepted) => (accepted.perspective, accepted.photos),
            Err(refused) => {
                let feedback = Feedback {
                    form: Some(refused.form),
                    errors: refused.errors,
                    photos_dropped: refused.photos_dropped,
                    photo_error: None,
                };
                let page = page(&state, &viewer, access, &id, feedback).await?;
                return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
            }
        };
    let made_together = viewer.together_with().is_some();
    let (db, owner, kept) = (state.db.clone(), access.clone(), memory.clone());
    store_then(&state.media, processed, move |staged| async move {
        let side = Side {
            existing: existing.as_ref(),
            perspective: &checked,
            made_together,
        };
        save(&db, &owner, &kept, &side, &staged).await
    })
    .await?;
    Ok(Redirect::to(&memory.path(&access)).into_response())
}

/// The member's side as sent: a change of their existing one, or a new one.
struct Side<'a> {
    existing: Option<&'a Reflection>,
    perspective: &'a Perspective,
    made_together: bool,
}

async fn save(
    db: &Db,
    access: &BondAccess,
    memory: &Memory,
    side: &Side<'_>,
    staged: &Staged,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let (reflection_id, visibility) = match side.existing {
        Some(r) => {
            reflections::update(&mut tx, access, &r.id, side.perspective).await?;
            (r.id.clone(), r.visibility)
        }
        None => {
            let id = reflections::insert(
                &mut tx,
                access,
                &memory.moment_key,
                side.perspective,
                Visibility::Shared,
                side.made_together,
            )
            .await?;
            on_plans::note_joined(&mut tx, access, &memory.moment_key).await?;
            (id, Visibility::Shared)
        }
    };
    let owner = PhotoOwner {
        reflection_id: &reflection_id,
        moment_key: &memory.moment_key,
        visibility,
        made_together: side.made_together,
    };
    staged.insert(&mut tx, access, &owner).await?;
    tx.commit().await?;
    Ok(())
}

/// Where to go back to after changing a photo: its memory, if the moment has one yet.
async fn back_from(state: &AppState, access: &BondAccess, photo: &Photo) -> AppResult<String> {
    let mut conn = state.db.conn().await?;
    Ok(super::of_moment(&mut conn, access, &photo.moment_key)
        .await?
        .map(|m| m.path(access))
        .unwrap_or_else(|| super::book_path(access)))
}

/// POST `/bonds/{bond}/photos/{id}/delete`: the author removes a photo of theirs.
pub async fn delete_photo(
    State(state): State<AppState>,
    InBondWith(_, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let photo = photos::delete(&state.db, &state.media, &access, &id).await?;
    let back = back_from(&state, &access, &photo).await?;
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DescribeForm {
    alt_text: String,
}

/// POST `/bonds/{bond}/photos/{id}/describe`: the author says what a photo shows.
pub async fn describe_photo(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<DescribeForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let photo = crate::privacy::visible::<Photo>(&access)
        .mine()
        .get(&mut conn, &id)
        .await?;
    match check_alt_text(&form.alt_text) {
        Ok(alt) => photos::describe(&mut conn, &access, &id, alt).await?,
        Err(message) => {
            drop(conn);
            let Some(memory) =
                super::of_moment(&mut state.db.conn().await?, &access, &photo.moment_key).await?
            else {
                return Err(AppError::BadRequest(message));
            };
            let feedback = Feedback {
                photo_error: Some((id, message)),
                ..Feedback::default()
            };
            let page = page(&state, &viewer, access, &memory.id, feedback).await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    }
    drop(conn);
    let back = back_from(&state, &access, &photo).await?;
    Ok(Redirect::to(&back).into_response())
}

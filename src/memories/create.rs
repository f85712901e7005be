//! Adding a memory directly, without a plan: what happened, when, and the author's
//! perspective with photos. It is shared with the partner at once, who can add theirs.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveDate;

use super::{Category, Moment, TITLE_MAX, book_path, direct_moment_key, new_memory_id};
use crate::{
    app::AppState,
    auth::Viewer,
    db::Db,
    error::AppResult,
    feelings::checkin::band_of,
    i18n::{Key, Msg},
    memories::{
        photos::{PhotoOwner, Staged, store_then, upload::PhotoForm},
        reflections::{self, Perspective, PerspectiveForm, PerspectiveView},
        submission::{self, Accepted},
    },
    privacy::{BondAccess, Visibility},
    web::{
        form::{FieldErrors, date, line},
        page::{Layout, Section, render},
    },
};

/// The memory's own fields as typed.
#[derive(Debug, Default, Clone)]
pub struct MemoryForm {
    pub title: String,
    pub happened_on: String,
    pub category: String,
}

impl MemoryForm {
    pub fn read(form: &PhotoForm) -> MemoryForm {
        MemoryForm {
            title: form.text("title").into(),
            happened_on: form.text("happened_on").into(),
            category: form.text("category").into(),
        }
    }

    /// Checks the fields: the date may not be after the author's today.
    pub fn validate(
        &self,
        today: NaiveDate,
        errors: &mut FieldErrors,
    ) -> Option<(String, NaiveDate, Option<Category>)> {
        let title = errors.take(
            "title",
            line(&self.title, Key("field-the-title"), 1, TITLE_MAX),
        );
        // The shared parser refuses years before 1900 along with unreadable dates.
        let happened_on = match date(&self.happened_on) {
            None => {
                errors.add(
                    "happened_on",
                    Msg::new("memories-please-give-date-happened"),
                );
                None
            }
            Some(d) if d > today => {
                errors.add("happened_on", Msg::new("memories-date-not-come-yet"));
                None
            }
            Some(d) => Some(d),
        };
        let category = match self.category.trim() {
            "" => None,
            c => {
                let parsed = Category::parse(c);
                if parsed.is_none() {
                    errors.add("category", Msg::new("memories-please-choose-one-kinds"));
                }
                parsed
            }
        };
        Some((title, happened_on?, category)).filter(|_| errors.is_empty())
    }
}

#[derive(Template)]
#[template(path = "memories/new.html")]
struct NewMemoryPage {
    layout: Layout,
    access: BondAccess,
    form: MemoryForm,
    pv: PerspectiveView,
    errors: FieldErrors,
    today: NaiveDate,
}

impl NewMemoryPage {
    fn categories(&self) -> &'static [Category] {
        Category::ALL
    }
}

fn page(
    viewer: &Viewer,
    access: BondAccess,
    form: MemoryForm,
    perspective: PerspectiveForm,
    errors: FieldErrors,
    photos_dropped: bool,
) -> NewMemoryPage {
    NewMemoryPage {
        layout: Layout::member(
            viewer.tr.t("memories-title-add-a-memory"),
            Section::Together,
            viewer,
        ),
        pv: PerspectiveView::new(&access, perspective, photos_dropped),
        access,
        form,
        errors,
        today: viewer.actor().today(),
    }
}

/// GET `/bonds/{bond}/together/memories/new`
pub async fn new(
    State(_state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let form = MemoryForm {
        happened_on: viewer.actor().today().to_string(),
        ..Default::default()
    };
    let page = page(
        &viewer,
        access,
        form,
        PerspectiveForm::default(),
        FieldErrors::default(),
        false,
    );
    Ok(render(StatusCode::OK, &page))
}

/// POST `/bonds/{bond}/together/memories` (a form with photos).
pub async fn create(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    upload: PhotoForm,
) -> AppResult<Response> {
    let today = viewer.actor().today();
    let form = MemoryForm::read(&upload);
    let sent = submission::check(upload, band_of(&access), None, |errors| {
        form.validate(today, errors)
    });
    let (title, happened_on, category, checked, processed) = match sent.await? {
        Ok(Accepted {
            fields: (title, happened_on, category),
            perspective,
            photos,
        }) => (title, happened_on, category, perspective, photos),
        Err(refused) => {
            let page = page(
                &viewer,
                access,
                form,
                refused.form,
                refused.errors,
                refused.photos_dropped,
            );
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let id = new_memory_id();
    let moment = Moment {
        moment_key: direct_moment_key(&id),
        title,
        happened_on,
        category,
        plan_id: None,
    };
    let made_together = viewer.together_with().is_some();
    let (db, owner, memory_id) = (state.db.clone(), access.clone(), id.clone());
    store_then(&state.media, processed, move |staged| async move {
        let added = Added {
            memory_id: &memory_id,
            moment: &moment,
            perspective: &checked,
            made_together,
        };
        save(&db, &owner, &added, &staged).await
    })
    .await?;
    Ok(Redirect::to(&format!("{}/{id}", book_path(&access))).into_response())
}

/// What a new memory brings: the memory and its author's side.
pub struct Added<'a> {
    pub memory_id: &'a str,
    pub moment: &'a Moment,
    pub perspective: &'a Perspective,
    pub made_together: bool,
}

/// Stores a memory added directly with its author's side and the staged photos, in one
/// transaction (the demo family's memories are made through it too).
pub async fn save(
    db: &Db,
    access: &BondAccess,
    added: &Added<'_>,
    staged: &Staged,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let key = &added.moment.moment_key;
    super::insert(
        &mut tx,
        access,
        added.memory_id,
        added.moment,
        added.made_together,
    )
    .await?;
    let reflection = reflections::insert(
        &mut tx,
        access,
        key,
        added.perspective,
        Visibility::Shared,
        added.made_together,
    )
    .await?;
    let owner = PhotoOwner {
        reflection_id: &reflection,
        moment_key: key,
        visibility: Visibility::Shared,
        made_together: added.made_together,
    };
    staged.insert(&mut tx, access, &owner).await?;
    tx.commit().await?;
    Ok(())
}

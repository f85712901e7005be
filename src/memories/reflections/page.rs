//! The reflection page of a plan's occurrence: the form once it is over, the member's own
//! reflection while the other's is awaited, and the memory once there is one.

use crate::web::bond::InBondWith;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    FormSide, PerspectiveForm, PerspectiveView, Reflection, mine,
    on_plans::{self, Readiness, Reflected, readiness, reflect_path},
};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    error::AppResult,
    feelings::checkin::band_of,
    i18n::Msg,
    memories::{
        self,
        photos::{Photo, Size, store_then, upload::PhotoForm},
        submission,
    },
    plans::{self, Occurrence},
    privacy::{Bind, BondAccess, visible},
    web::{
        flash::Flash,
        form::FieldErrors,
        page::{Layout, Section, render},
    },
};

#[derive(Template)]
#[template(path = "memories/reflect.html")]
struct ReflectPage {
    layout: Layout,
    access: BondAccess,
    occurrence: Occurrence,
    readiness: Readiness,
    /// The member's own reflection, while the other's is awaited, with its photos.
    mine: Option<(Reflection, Vec<Photo>)>,
    partner_has_reflected: bool,
    pv: PerspectiveView,
    /// In together mode, her side, so that reflecting together never needs a switch of mode:
    /// beside his on one form before either is written, on a form of its own once his is.
    hers: Option<PerspectiveView>,
    errors: FieldErrors,
}

impl ReflectPage {
    fn is_open(&self) -> bool {
        self.readiness == Readiness::Open
    }

    fn is_cancelled(&self) -> bool {
        self.readiness == Readiness::Cancelled
    }

    fn action(&self) -> String {
        reflect_path(&self.access, &self.occurrence.key)
    }

    fn thumb(&self, p: &Photo) -> String {
        p.src(&self.access, &Size::Thumb)
    }

    fn large(&self, p: &Photo) -> String {
        p.src(&self.access, &Size::Large)
    }

    /// When it started, in the reader's own time (the plan may be in the other's).
    fn when(&self) -> String {
        let tz = self.access.me_member().tz();
        crate::i18n::dates::weekday_date_long_time(
            &self.layout.tr,
            &self.occurrence.starts_at.with_timezone(&tz),
        )
    }
}

/// What was typed into the page's form(s), shown again when something was refused.
#[derive(Default)]
struct Typed {
    his: PerspectiveForm,
    /// Her side on a together form.
    hers: PerspectiveForm,
    errors: FieldErrors,
    photos_dropped: bool,
}

enum Shown {
    Page(Box<ReflectPage>),
    Memory(String),
}

async fn load(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    key: &str,
    typed: Typed,
) -> AppResult<Shown> {
    let Typed {
        his: form,
        hers,
        errors,
        photos_dropped,
    } = typed;
    let mut conn = state.db.conn().await?;
    let occurrence = plans::occurrence(&mut conn, &access, key).await?;
    let moment = on_plans::moment_key(key);
    if let Some(memory) = memories::of_moment(&mut conn, &access, &moment).await? {
        return Ok(Shown::Memory(memory.path(&access)));
    }
    let round = on_plans::round(&mut conn, &access, &moment).await?;
    let partner_has_reflected =
        round.is_some_and(|r| r.has_reflected(&access, &access.partner().id));
    let mine = match mine(&mut conn, &access, &moment).await? {
        Some(r) => {
            let photos = visible::<Photo>(&access)
                .mine()
                .filter(col!("reflection_id").eq(Bind::Text(r.id.clone())))
                .order_by("position ASC")
                .list(&mut conn)
                .await?;
            Some((r, photos))
        }
        None => None,
    };
    // Together: her side beside his, or after it on its own form (what was typed into it,
    // if it is shown again).
    let hers = match (access.mother_beside(), &mine, partner_has_reflected) {
        (Some(mother), None, false) => Some(PerspectiveView::hers(&mother, hers)),
        (Some(mother), Some(_), false) => {
            Some(PerspectiveView::new(&mother, form.clone(), photos_dropped))
        }
        _ => None,
    };
    Ok(Shown::Page(Box::new(ReflectPage {
        hers,
        layout: Layout::member(
            viewer.tr.t("memories-title-how-was-it"),
            Section::Together,
            viewer,
        ),
        readiness: readiness(&occurrence, access.now()),
        pv: PerspectiveView::new(&access, form, photos_dropped),
        occurrence,
        mine,
        partner_has_reflected,
        access,
        errors,
    })))
}

fn respond(shown: Shown, status: StatusCode) -> Response {
    match shown {
        Shown::Page(page) => render(status, page.as_ref()),
        Shown::Memory(path) => Redirect::to(&path).into_response(),
    }
}

/// GET `/bonds/{bond}/together/reflect/{occurrence}`
pub async fn show(
    State(state): State<AppState>,
    InBondWith(viewer, access, key): InBondWith<String>,
) -> AppResult<Response> {
    let shown = load(&state, &viewer, access, &key, Typed::default()).await?;
    Ok(respond(shown, StatusCode::OK))
}

/// POST `/bonds/{bond}/together/reflect/{occurrence}` (a form with photos).
pub async fn save(
    State(state): State<AppState>,
    InBondWith(viewer, access, key): InBondWith<String>,
    upload: PhotoForm,
) -> AppResult<Response> {
    // Together, her side may come on the same form as his.
    let hers = access
        .mother_beside()
        .map(|mother| (mother, PerspectiveForm::read_side(&upload, FormSide::Hers)));
    let sides = Sides {
        owner: access.clone(),
        made_together: viewer.together_with().is_some(),
        hers,
    };
    save_side(state, viewer, access, sides, key, upload).await
}

/// POST `/bonds/{bond}/together/reflect/{occurrence}/hers`: in together mode, her own side,
/// written on the page where his was. Outside together mode there is no such page.
pub async fn save_hers(
    State(state): State<AppState>,
    InBondWith(viewer, access, key): InBondWith<String>,
    upload: PhotoForm,
) -> AppResult<Response> {
    let mother = access
        .mother_beside()
        .ok_or(crate::error::AppError::NotFound)?;
    let sides = Sides {
        owner: mother,
        made_together: false,
        hers: None,
    };
    save_side(state, viewer, access, sides, key, upload).await
}

/// Whose sides a form holds.
struct Sides {
    /// The side the photos go with: the acting member's, or in together mode hers alone on
    /// the form after his.
    owner: BondAccess,
    made_together: bool,
    /// In together mode, her side typed beside his (left empty, it is written later).
    hers: Option<(BondAccess, PerspectiveForm)>,
}

/// Stores the side(s) a form holds, in one transaction; the page shown again on a refusal is
/// the acting member's.
async fn save_side(
    state: AppState,
    viewer: Viewer,
    access: BondAccess,
    sides: Sides,
    key: String,
    upload: PhotoForm,
) -> AppResult<Response> {
    let Sides {
        owner,
        made_together,
        hers,
    } = sides;
    let hers_typed = hers.as_ref().map(|(_, f)| f.clone()).unwrap_or_default();
    let hers = hers.filter(|(_, form)| !form.is_blank());
    let mut conn = state.db.conn().await?;
    let occurrence = plans::occurrence(&mut conn, &access, &key).await?;
    if let Some(refusal) = readiness(&occurrence, access.now()).refusal() {
        return Err(refusal);
    }
    let moment = on_plans::moment_key(&key);
    if mine(&mut conn, &owner, &moment).await?.is_some() {
        return Err(crate::error::AppError::Conflict(Msg::new(
            "memories-have-already-reflected",
        )));
    }
    drop(conn);
    let hers_checked = |errors: &mut FieldErrors| match &hers {
        Some((mother, form)) => form
            .validate_side(band_of(mother), errors, FormSide::Hers)
            .map(|p| Some((mother.clone(), p))),
        None => Some(None),
    };
    let (checked, hers, processed) =
        match submission::check(upload, band_of(&owner), None, hers_checked).await? {
            Ok(accepted) => (accepted.perspective, accepted.fields, accepted.photos),
            Err(refused) => {
                let typed = Typed {
                    his: refused.form,
                    hers: hers_typed,
                    errors: refused.errors,
                    photos_dropped: refused.photos_dropped,
                };
                let shown = load(&state, &viewer, access, &key, typed).await?;
                return Ok(respond(shown, StatusCode::UNPROCESSABLE_ENTITY));
            }
        };
    let (db, when) = (state.db.clone(), occurrence.clone());
    let outcome = store_then(&state.media, processed, move |staged| async move {
        let mut tx = db.begin().await?;
        let mut outcome = on_plans::reflect(
            &mut tx,
            &owner,
            &when,
            &checked,
            Some(&staged),
            made_together,
        )
        .await?;
        if let Some((mother, hers)) = hers {
            outcome = on_plans::reflect(&mut tx, &mother, &when, &hers, None, false).await?;
        }
        tx.commit().await?;
        Ok(outcome)
    })
    .await?;
    let next = match outcome {
        Reflected::Waiting => reflect_path(&access, &key),
        Reflected::Revealed { memory_id } | Reflected::Joined { memory_id } => {
            format!("{}/{memory_id}", memories::book_path(&access))
        }
    };
    Ok((Flash::ReflectionSaved, Redirect::to(&next)).into_response())
}

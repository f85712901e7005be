//! One repair: each side written on one's own, the parts shared, and the agreement.

use crate::web::bond::InBondWith;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{AGREEMENT_MAX, PART_MAX, Part, Repair, RepairPart, insert_part, list::repairs_path};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    db::Handle,
    error::AppResult,
    events::{self, About, EventKind, NewEvent},
    i18n::{Key, dates},
    privacy::{Bind, BondAccess, Visibility, update_own, visible},
    web::{
        form::{FieldErrors, Form, text},
        page::{Layout, Section, render},
    },
};

/// What the member's own form holds: the four parts and which of them to share.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct OwnForm {
    happened: String,
    felt: String,
    needed: String,
    wish: String,
    share_happened: Option<String>,
    share_felt: Option<String>,
    share_needed: Option<String>,
    share_wish: Option<String>,
}

impl OwnForm {
    fn of(&self, part: Part) -> (&str, bool) {
        match part {
            Part::Happened => (&self.happened, self.share_happened.is_some()),
            Part::Felt => (&self.felt, self.share_felt.is_some()),
            Part::Needed => (&self.needed, self.share_needed.is_some()),
            _ => (&self.wish, self.share_wish.is_some()),
        }
    }

    fn from_parts(parts: &[RepairPart]) -> OwnForm {
        let mut form = OwnForm::default();
        for p in parts {
            let shared = p.visibility == Visibility::Shared;
            let flag = shared.then(|| "on".to_owned());
            match p.part {
                Part::Happened => (form.happened, form.share_happened) = (p.body.clone(), flag),
                Part::Felt => (form.felt, form.share_felt) = (p.body.clone(), flag),
                Part::Needed => (form.needed, form.share_needed) = (p.body.clone(), flag),
                Part::Wish => (form.wish, form.share_wish) = (p.body.clone(), flag),
                Part::Agreement => {}
            }
        }
        form
    }
}

#[derive(Template)]
#[template(path = "talk/repair.html")]
pub(super) struct RepairPage {
    layout: Layout,
    access: BondAccess,
    repair: Repair,
    own: OwnForm,
    theirs: Vec<RepairPart>,
    agreements: Vec<RepairPart>,
    agreement_draft: String,
    errors: FieldErrors,
    saved: bool,
}

impl RepairPage {
    fn parts(&self) -> [Part; 4] {
        Part::OWN
    }
    fn own_text(&self, p: &Part) -> &str {
        self.own.of(*p).0
    }
    fn own_shared(&self, p: &Part) -> bool {
        self.own.of(*p).1
    }
    fn agreement_part(&self) -> Part {
        Part::Agreement
    }
    /// The day a part was written ("14 Mar 2027"), in the reader's language.
    fn written_on(&self, p: &RepairPart) -> String {
        dates::date_short(&self.layout.tr, &self.layout.local(&p.created_at))
    }
}

/// What a repair page shows besides what is stored: a form being corrected, or a flash.
#[derive(Default)]
pub(super) struct Drafts {
    own: Option<OwnForm>,
    agreement: String,
    errors: FieldErrors,
    saved: bool,
}

pub(super) async fn repair_page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    id: &str,
    drafts: Drafts,
) -> AppResult<RepairPage> {
    let repair = visible::<Repair>(&access).get(h, id).await?;
    let parts = visible::<RepairPart>(&access)
        .filter(col!("repair_id").eq(Bind::Text(id.to_owned())))
        .limit(500)
        .list(h)
        .await?;
    let (agreements, personal): (Vec<_>, Vec<_>) =
        parts.into_iter().partition(|p| p.part == Part::Agreement);
    let (mine, theirs): (Vec<_>, Vec<_>) = personal
        .into_iter()
        .partition(|p| &p.author_id == access.me());
    let mut theirs = theirs;
    theirs.sort_by_key(|p| Part::OWN.iter().position(|o| *o == p.part));
    Ok(RepairPage {
        layout: Layout::member(viewer.tr.t("talk-title-making-up"), Section::Talk, viewer),
        own: drafts.own.unwrap_or_else(|| OwnForm::from_parts(&mine)),
        access,
        repair,
        theirs,
        agreements,
        agreement_draft: drafts.agreement,
        errors: drafts.errors,
        saved: drafts.saved,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    axum::extract::Query(q): axum::extract::Query<ShowQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let drafts = Drafts {
        saved: q.saved.is_some(),
        ..Drafts::default()
    };
    events::seen(&mut conn, &access, &super::TOLD, About::Is(&id)).await?;
    let page = repair_page(&mut conn, &viewer, access, &id, drafts).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Saves the member's own four parts, each private or shared as ticked. Empty parts are kept
/// empty (an existing one is cleared, never left behind visible).
pub async fn save_own(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<OwnForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let repair = visible::<Repair>(&access).get(&mut conn, &id).await?;
    let mut errors = FieldErrors::default();
    let mut cleaned = Vec::new();
    for part in Part::OWN {
        let (raw, shared) = form.of(part);
        let body = errors.take(
            part.as_str(),
            text(raw, Key("field-this-part"), 0, PART_MAX),
        );
        cleaned.push((part, body, shared));
    }
    if !errors.is_empty() {
        let drafts = Drafts {
            own: Some(form),
            errors,
            ..Drafts::default()
        };
        let page = repair_page(&mut conn, &viewer, access, &id, drafts).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    drop(conn);
    let mut tx = state.db.begin().await?;
    let existing = visible::<RepairPart>(&access)
        .mine()
        .filter(col!("repair_id").eq(Bind::Text(id.clone())))
        .list(&mut tx)
        .await?;
    let any_shared = cleaned
        .iter()
        .any(|(_, body, shared)| *shared && !body.is_empty());
    for (part, body, shared) in cleaned {
        // An empty part is never shared: there is nothing to show.
        let visibility = if shared && !body.is_empty() {
            Visibility::Shared
        } else {
            Visibility::Private
        };
        match existing.iter().find(|p| p.part == part) {
            Some(row) => {
                update_own::<RepairPart>(
                    &mut tx,
                    &access,
                    &row.id,
                    vec![
                        (col!("body"), Bind::Text(body)),
                        (col!("visibility"), Bind::Text(visibility.as_str().into())),
                    ],
                )
                .await?
            }
            None if body.is_empty() => {}
            None => insert_part(&mut tx, &access, &id, part, &body, visibility).await?,
        }
    }
    // The other hears of a shared part; a side kept wholly private tells them nothing, and
    // takes back what an earlier save told.
    match any_shared {
        true => {
            let shared = NewEvent {
                kind: EventKind::RepairShared,
                subject: id.clone(),
                title: repair.about,
                link: format!("{}/{id}", repairs_path(&access)),
            };
            events::tell(&mut tx, &access, shared).await?
        }
        false => {
            events::withdraw(
                &mut tx,
                &access,
                EventKind::RepairShared,
                events::About::Is(&id),
            )
            .await?
        }
    }
    events::seen(&mut tx, &access, &super::TOLD, About::Is(&id)).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/{id}?saved=1", repairs_path(&access))).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AgreementForm {
    body: String,
}

/// The agreement both see; a new one replaces the one shown, and the earlier stay listed.
pub async fn agree(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<AgreementForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let repair = visible::<Repair>(&access).get(&mut conn, &id).await?;
    let mut errors = FieldErrors::default();
    let body = errors.take(
        "agreement",
        text(&form.body, Key("field-the-agreement"), 1, AGREEMENT_MAX),
    );
    if !errors.is_empty() {
        let drafts = Drafts {
            agreement: form.body,
            errors,
            ..Drafts::default()
        };
        let page = repair_page(&mut conn, &viewer, access, &id, drafts).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    drop(conn);
    let mut tx = state.db.begin().await?;
    insert_part(
        &mut tx,
        &access,
        &id,
        Part::Agreement,
        &body,
        Visibility::Shared,
    )
    .await?;
    let agreed = NewEvent {
        kind: EventKind::RepairAgreed,
        subject: id.clone(),
        title: repair.about,
        link: format!("{}/{id}", repairs_path(&access)),
    };
    events::tell(&mut tx, &access, agreed).await?;
    events::seen(&mut tx, &access, &super::TOLD, About::Is(&id)).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/{id}#agreement-heading", repairs_path(&access))).into_response())
}

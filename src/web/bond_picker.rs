//! The pages behind a section of the navigation that lives under a bond ("Feelings", "Talk"):
//! straight to the one bond, or a choice when a mother has several sons (or a son several
//! mothers), or a word on how bonds begin when there is none yet.

use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};

use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    privacy::BondAccess,
    web::page::{Layout, Section, ok},
};

#[derive(Template)]
#[template(path = "choose_bond.html")]
struct ChoosePage {
    layout: Layout,
    bonds: Vec<BondAccess>,
    /// The section's path under `/bonds/{id}/`, e.g. `feelings`.
    section: &'static str,
}

/// The page behind a section that lives in a bond ([`Section::in_bond`]).
pub async fn pick(state: &AppState, viewer: &Viewer, section: Section) -> AppResult<Response> {
    let Some(path) = section.in_bond() else {
        return Err(anyhow::anyhow!("{section:?} does not live in a bond").into());
    };
    let bonds = BondAccess::all_for(&mut state.db.conn().await?, viewer).await?;
    if let [only] = bonds.as_slice() {
        return Ok(Redirect::to(&only.href(path)).into_response());
    }
    Ok(ok(&ChoosePage {
        layout: Layout::member(section.label(&viewer.tr), section, viewer),
        bonds,
        section: path,
    }))
}

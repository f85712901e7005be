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
    web::page::{Layout, ok},
};

#[derive(Template)]
#[template(path = "choose_bond.html")]
struct ChoosePage {
    layout: Layout,
    bonds: Vec<BondAccess>,
    section: &'static str,
}

/// `section` is the path under `/bonds/{id}/`, e.g. `feelings`; `nav` is the navigation link.
pub async fn pick(
    state: &AppState,
    viewer: &Viewer,
    section: &'static str,
    title: &'static str,
    nav: &'static str,
) -> AppResult<Response> {
    let bonds = BondAccess::all_for(&mut state.db.conn().await?, viewer).await?;
    if let [only] = bonds.as_slice() {
        return Ok(Redirect::to(&format!("/bonds/{}/{section}", only.id())).into_response());
    }
    Ok(ok(&ChoosePage {
        layout: Layout::member(title, nav, viewer),
        bonds,
        section,
    }))
}

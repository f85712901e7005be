//! The More page: on a phone, the tab bar holds the four sections used most, and More leads
//! here, to every other section ([`Place::More`](super::nav::Place::More)) and to logging out.
//! A section added with that place is listed without touching this page.

use askama::Template;
use axum::{Router, response::Response, routing::get};

use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    web::{
        nav::{self, Section},
        page::{Layout, ok},
    },
};

pub fn router() -> Router<AppState> {
    Router::new().route("/more", get(page))
}

#[derive(Template)]
#[template(path = "more.html")]
struct MorePage {
    layout: Layout,
    sections: Vec<Section>,
}

async fn page(viewer: Viewer) -> AppResult<Response> {
    Ok(ok(&MorePage {
        layout: Layout::member(Section::More.label(&viewer.tr), Section::More, &viewer),
        sections: nav::more_sections().collect(),
    }))
}

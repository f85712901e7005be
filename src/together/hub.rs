//! The Together overview of one bond: where plan → do → reflect → remember starts.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};

use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    privacy::BondAccess,
    web::page::{Layout, ok},
};

#[derive(Template)]
#[template(path = "together/hub.html")]
struct HubPage {
    layout: Layout,
    access: BondAccess,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(bond): Path<String>,
) -> AppResult<Response> {
    let access = BondAccess::open(&mut state.db.conn().await?, &viewer, &bond).await?;
    Ok(ok(&HubPage {
        layout: Layout::member("Together", "/together", &viewer),
        access,
    }))
}

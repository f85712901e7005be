//! Together (practice 2): plan → do → reflect → remember. The activity library and the pair's
//! own activities, each member's interests and their overlaps, plans with a one-on-one time
//! goal and calendar feeds, reminders, reflections that become memories, and the memory book
//! with its photos.
//!
//! Each part owns its routes; this router only gathers them.

mod hub;
pub mod plans;

use axum::{Router, routing::get};

use crate::{app::AppState, auth::Viewer, error::AppResult, web::bond_picker};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/together", get(choose))
        .route("/bonds/{bond}/together", get(hub::show))
        .merge(plans::routes())
}

/// The navigation's "Together": straight to the one bond, or a choice between several.
async fn choose(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: Viewer,
) -> AppResult<axum::response::Response> {
    bond_picker::pick(&state, &viewer, "together", "Together", "/together").await
}

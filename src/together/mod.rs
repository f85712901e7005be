//! Together (practice 2): plan → do → reflect → remember. The activity library and the pair's
//! own activities, each member's interests and their overlaps, plans with a one-on-one time
//! goal and calendar feeds, reminders, reflections that become memories, and the memory book
//! with its photos.
//!
//! Each part owns its routes; this router only gathers them.

pub mod activities;
mod browse;
pub mod catalogue;
pub mod favourites;
mod hub;
pub mod interests;
mod interests_page;
pub mod own;
pub mod plans;
pub mod surprise;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{app::AppState, auth::Viewer, error::AppResult, web::bond_picker};

pub use catalogue::{ActivityView, find};
pub use surprise::recent_picks;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/together", get(choose))
        .route("/bonds/{bond}/together", get(hub::show))
        .route(
            "/bonds/{bond}/together/activities",
            get(browse::list).post(own::create),
        )
        .route("/bonds/{bond}/together/activities/new", get(own::new))
        .route(
            "/bonds/{bond}/together/activities/surprise",
            post(surprise::surprise),
        )
        .route("/bonds/{bond}/together/activities/{id}", get(browse::show))
        .route(
            "/bonds/{bond}/together/activities/{id}/favourite",
            post(favourites::toggle),
        )
        .route(
            "/bonds/{bond}/together/activities/{id}/edit",
            get(own::edit).post(own::update),
        )
        .route(
            "/bonds/{bond}/together/activities/{id}/delete",
            post(own::delete),
        )
        .route(
            "/bonds/{bond}/together/interests",
            get(interests_page::show),
        )
        .route(
            "/bonds/{bond}/together/interests/tags",
            post(interests_page::save_tags),
        )
        .route(
            "/bonds/{bond}/together/interests/words",
            post(interests_page::add_words),
        )
        .route(
            "/bonds/{bond}/together/interests/{id}/delete",
            post(interests_page::remove),
        )
}

/// The navigation's "Together": straight to the one bond, or a choice between several.
async fn choose(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: Viewer,
) -> AppResult<axum::response::Response> {
    bond_picker::pick(&state, &viewer, "together", "Together", "/together").await
}

//! Together (practice 2): plan → do → reflect → remember. The activity library and the pair's
//! own activities, each member's interests and their overlaps, plans with a one-on-one time
//! goal and calendar feeds, reminders, reflections that become memories, and the memory book
//! with its photos.
//!
//! Each part owns its routes; this router only gathers them.

mod hub;
pub mod memories;
pub mod photos;
pub mod plans;
pub mod reflections;
pub mod reminders;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{app::AppState, auth::Viewer, error::AppResult, web::bond_picker};

pub fn router() -> Router<AppState> {
    use memories::{book, create, show};
    // Only the forms that carry photos accept more than the app's small body limit.
    let with_photos = photos::upload::body_limit;
    Router::new()
        .route("/together", get(choose))
        .route("/bonds/{bond}/together", get(hub::show))
        .route("/bonds/{bond}/together/memories", get(book::show))
        .route(
            "/bonds/{bond}/together/memories",
            post(create::create).layer(with_photos()),
        )
        .route("/bonds/{bond}/together/memories/new", get(create::new))
        .route("/bonds/{bond}/together/memories/{id}", get(show::show))
        .route(
            "/bonds/{bond}/together/memories/{id}/perspective",
            post(show::save_perspective).layer(with_photos()),
        )
        .route(
            "/bonds/{bond}/together/reflect/{occurrence}",
            get(reflections::page::show),
        )
        .route(
            "/bonds/{bond}/together/reflect/{occurrence}",
            post(reflections::page::save).layer(with_photos()),
        )
        .route(
            "/bonds/{bond}/photos/{id}/{size}",
            get(photos::serve::photo),
        )
        .route("/bonds/{bond}/photos/{id}/delete", post(show::delete_photo))
        .route(
            "/bonds/{bond}/photos/{id}/describe",
            post(show::describe_photo),
        )
        .merge(plans::routes())
}

/// The navigation's "Together": straight to the one bond, or a choice between several.
async fn choose(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: Viewer,
) -> AppResult<axum::response::Response> {
    bond_picker::pick(&state, &viewer, "together", "Together", "/together").await
}

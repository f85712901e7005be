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
pub mod interests_page;
pub mod memories;
pub mod own;
pub mod photos;
pub mod plans;
pub mod reflections;
pub mod reminders;
pub mod surprise;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{app::AppState, auth::Viewer, error::AppResult, web::bond_picker};

pub use catalogue::{ActivityView, find};
pub use surprise::recent_picks;

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
        .merge(plans::routes())
}

/// The navigation's "Together": straight to the one bond, or a choice between several.
async fn choose(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: Viewer,
) -> AppResult<axum::response::Response> {
    bond_picker::pick(&state, &viewer, "together", "Together", "/together").await
}

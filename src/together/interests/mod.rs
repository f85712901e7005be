//! Interests: each member ticks tags from `content/interests/tags.toml` or writes their own;
//! [`model`] finds what both like, ideas for both and "try my world", and [`page`] shows them.

pub mod model;
pub mod page;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

pub use model::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bonds/{bond}/together/interests", get(page::show))
        .route(
            "/bonds/{bond}/together/interests/tags",
            post(page::save_tags),
        )
        .route(
            "/bonds/{bond}/together/interests/words",
            post(page::add_words),
        )
        .route(
            "/bonds/{bond}/together/interests/{id}/delete",
            post(page::remove),
        )
}

//! Activities: the library of things to do together ([`library`], from
//! `content/activities/`), the pair's own activities ([`own`]), browsing with filters
//! ([`browse`]), "Surprise us" ([`surprise`]) and each member's favourites ([`favourites`]).
//! [`catalogue`] joins the library and the pair's own into one list for a bond.

mod browse;
pub mod catalogue;
pub mod favourites;
pub mod library;
pub mod own;
pub mod surprise;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

pub use library::*;

pub fn router() -> Router<AppState> {
    Router::new()
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
}

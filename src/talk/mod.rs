//! Talk (practice 3): the question library and conversation starters, and the listening
//! starters and reactions that every "answer what the other shared" form offers.

pub mod daily;
pub mod favourites;
pub mod listening;
pub mod pages;
pub mod questions;
pub mod repair;
pub mod replies;
pub mod requests;
mod requests_page;
pub mod starters;
pub mod starters_page;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/talk", get(pages::choose))
        .route("/bonds/{bond}/talk", get(pages::today))
        .route("/bonds/{bond}/talk/deck", post(pages::choose_deck))
        .route("/bonds/{bond}/talk/history", get(pages::history))
        .route("/bonds/{bond}/talk/starters", get(starters_page::show))
        .route(
            "/bonds/{bond}/talk/requests",
            get(requests_page::show).post(requests_page::create),
        )
        .route(
            "/bonds/{bond}/talk/requests/{id}/plan",
            post(requests_page::plan),
        )
        .route(
            "/bonds/{bond}/talk/requests/{id}/outcome",
            post(requests_page::outcome),
        )
        .route(
            "/bonds/{bond}/talk/requests/{id}/withdraw",
            post(requests_page::withdraw),
        )
        .route(
            "/bonds/{bond}/talk/repairs",
            get(repair::list).post(repair::start),
        )
        .route("/bonds/{bond}/talk/repairs/{id}", get(repair::show))
        .route(
            "/bonds/{bond}/talk/repairs/{id}/own",
            post(repair::save_own),
        )
        .route(
            "/bonds/{bond}/talk/repairs/{id}/agreement",
            post(repair::agree),
        )
        .route("/bonds/{bond}/talk/{day}", get(pages::show_day))
        .route("/bonds/{bond}/talk/{day}/answer", post(pages::answer))
        .route("/bonds/{bond}/talk/{day}/skip", post(pages::skip))
        .route("/bonds/{bond}/talk/{day}/replies", post(pages::reply))
        .route("/bonds/{bond}/talk/{day}/favourite", post(pages::favourite))
        .route("/bonds/{bond}/talk/{day}/another", post(pages::another))
}

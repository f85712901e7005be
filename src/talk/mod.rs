//! Talk (practice 3): the question library and conversation starters, and the listening
//! starters and reactions that every "answer what the other shared" form offers.

pub mod coach;
pub mod daily;
pub mod favourites;
pub mod listening;
pub mod moments;
pub mod questions;
pub mod repair;
pub mod replies;
pub mod requests;
pub mod starters;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{
    app::AppState,
    web::nav::{Tab, Tabs},
};

/// The pages of the Talk section, as its row of tabs.
pub const TABS: Tabs = Tabs {
    label_key: "nav-talk",
    tabs: &[
        Tab::new("talk", "talk-nav-today"),
        Tab::new("talk/history", "talk-nav-history"),
        Tab::new("talk/starters", "talk-nav-starters"),
        Tab::new("talk/requests", "talk-nav-requests"),
        Tab::new("talk/repairs", "talk-nav-repairs"),
    ],
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/talk", get(choose))
        .route("/bonds/{bond}/talk", get(daily::day::today))
        .route("/bonds/{bond}/talk/deck", post(daily::day::choose_deck))
        .route("/bonds/{bond}/talk/history", get(daily::history::history))
        .route("/bonds/{bond}/talk/starters", get(starters::page::show))
        .route(
            "/bonds/{bond}/talk/requests",
            get(requests::page::show).post(requests::page::create),
        )
        .route(
            "/bonds/{bond}/talk/requests/{id}/plan",
            post(requests::page::plan),
        )
        .route(
            "/bonds/{bond}/talk/requests/{id}/outcome",
            post(requests::page::outcome),
        )
        .route(
            "/bonds/{bond}/talk/requests/{id}/withdraw",
            post(requests::page::withdraw),
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
        .route("/bonds/{bond}/talk/{day}", get(daily::day::show_day))
        .route("/bonds/{bond}/talk/{day}/answer", post(daily::day::answer))
        .route("/bonds/{bond}/talk/{day}/skip", post(daily::day::skip))
        .route("/bonds/{bond}/talk/{day}/replies", post(daily::day::reply))
        .route(
            "/bonds/{bond}/talk/{day}/favourite",
            post(daily::day::favourite),
        )
        .route(
            "/bonds/{bond}/talk/{day}/another",
            post(daily::day::another),
        )
}

/// "Talk" in the navigation: straight to the one bond, or a choice between several.
async fn choose(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: crate::auth::Viewer,
) -> crate::error::AppResult<axum::response::Response> {
    crate::web::bond_picker::pick(&state, &viewer, crate::web::page::Section::Talk).await
}

//! Feelings (practices 1 and 7): two-way check-ins on a grid of feeling words graded by age,
//! answers that listen, a needs profile, a calm-down toolbox, an emotion-coaching guide for the
//! mother, insights over time, and a safety net under the hardest feelings (a reach-out card
//! with helplines, for the one who felt it only).

pub mod chart;
pub mod checkin;
pub mod checkin_pages;
pub mod faces;
pub mod guides;
pub mod helplines;
pub mod insights;
pub mod needs;
pub mod reach_out;
pub mod reciprocity;
pub mod support;
pub mod toolbox;
pub mod vocabulary;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{
    app::AppState,
    web::nav::{Tab, Tabs},
};

pub use checkin::Checkin;

/// The pages of the Feelings section, as its row of tabs.
pub const TABS: Tabs = Tabs {
    label_key: "nav-feelings",
    tabs: &[
        Tab::new("feelings", "feelings-nav-checkins"),
        Tab::new("feelings/needs", "feelings-nav-needs"),
        Tab::new("feelings/toolbox", "feelings-nav-toolbox"),
        Tab::new("feelings/words", "feelings-nav-words"),
        Tab::new("feelings/coaching", "feelings-nav-coaching"),
        Tab::new("feelings/insights", "feelings-nav-insights"),
    ],
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feelings", get(guides::page::choose))
        .route("/settings/support", get(support::page).post(support::save))
        .route(
            "/bonds/{bond}/feelings",
            get(checkin_pages::home).post(checkin_pages::create),
        )
        .route(
            "/bonds/{bond}/feelings/check-in",
            get(checkin_pages::check_in),
        )
        .route(
            "/bonds/{bond}/feelings/needs",
            get(needs::show).post(needs::update),
        )
        .route(
            "/bonds/{bond}/feelings/toolbox",
            get(guides::page::toolbox).post(guides::page::record_try),
        )
        .route(
            "/bonds/{bond}/feelings/coaching",
            get(guides::page::coaching),
        )
        .route("/bonds/{bond}/feelings/words", get(guides::page::words))
        .route("/bonds/{bond}/feelings/insights", get(insights::page::show))
        .route(
            "/bonds/{bond}/feelings/invitation/dismiss",
            post(checkin_pages::dismiss_invitation),
        )
        .route("/bonds/{bond}/feelings/{id}", get(checkin_pages::show))
        .route(
            "/bonds/{bond}/feelings/{id}/edit",
            get(checkin_pages::edit).post(checkin_pages::update),
        )
        .route(
            "/bonds/{bond}/feelings/{id}/delete",
            post(checkin_pages::delete),
        )
        .route(
            "/bonds/{bond}/feelings/{id}/replies",
            post(checkin_pages::reply),
        )
}

//! Feelings (practices 1 and 7): two-way check-ins on a grid of feeling words graded by age,
//! answers that listen, a needs profile, a calm-down toolbox, an emotion-coaching guide for the
//! mother, insights over time, and a safety net under the hardest feelings (a reach-out card
//! with helplines, for the one who felt it only).

pub mod chart;
pub mod checkin;
pub mod faces;
mod guide_pages;
pub mod guides;
pub mod helplines;
pub mod insights;
mod insights_page;
pub mod needs;
pub mod pages;
pub mod reach_out;
pub mod reciprocity;
pub mod support;
pub mod toolbox;
pub mod vocabulary;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

pub use checkin::Checkin;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feelings", get(guide_pages::choose))
        .route("/settings/support", get(support::page).post(support::save))
        .route(
            "/bonds/{bond}/feelings",
            get(pages::home).post(pages::create),
        )
        .route("/bonds/{bond}/feelings/check-in", get(pages::check_in))
        .route(
            "/bonds/{bond}/feelings/needs",
            get(needs::show).post(needs::update),
        )
        .route(
            "/bonds/{bond}/feelings/toolbox",
            get(guide_pages::toolbox).post(guide_pages::record_try),
        )
        .route(
            "/bonds/{bond}/feelings/coaching",
            get(guide_pages::coaching),
        )
        .route("/bonds/{bond}/feelings/words", get(guide_pages::words))
        .route("/bonds/{bond}/feelings/insights", get(insights_page::show))
        .route(
            "/bonds/{bond}/feelings/invitation/dismiss",
            post(pages::dismiss_invitation),
        )
        .route("/bonds/{bond}/feelings/{id}", get(pages::show))
        .route(
            "/bonds/{bond}/feelings/{id}/edit",
            get(pages::edit).post(pages::update),
        )
        .route("/bonds/{bond}/feelings/{id}/delete", post(pages::delete))
        .route("/bonds/{bond}/feelings/{id}/replies", post(pages::reply))
}

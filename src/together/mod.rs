//! Together (practice 2): things to do and the interests they grow from. The activity library
//! and the pair's own activities live in [`activities`], each member's interests and their
//! overlaps in [`interests`]; the hub gathers the practice on one page. Plans
//! ([`crate::plans`]) and the memory book ([`crate::memories`]) belong to the Together section
//! of the navigation too, but are features of their own: Today, reminders and the book use them.
//!
//! Each part owns its routes; this router only gathers them.

pub mod activities;
mod hub;
pub mod interests;

use axum::{Router, routing::get};

use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    web::nav::{Tab, Tabs},
};

/// The pages of the Together section, as its row of tabs: its own, and those of plans and
/// memories, which live under `together/` (docs/adr/0021-one-layout.md).
pub const TABS: Tabs = Tabs {
    label_key: "together-nav-label",
    tabs: &[
        Tab::new("together", "together-nav-overview"),
        Tab::new("together/activities", "together-nav-activities"),
        Tab::new("together/interests", "together-nav-interests"),
        Tab::new("together/plans", "together-nav-plans"),
        Tab::new("together/memories", "together-nav-memories"),
    ],
};

pub use activities::catalogue::{ActivityView, find};
pub use activities::surprise::recent_picks;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/together", get(choose))
        .route("/bonds/{bond}/together", get(hub::show))
        .merge(activities::router())
        .merge(interests::router())
}

/// The navigation's "Together": straight to the one bond, or a choice between several.
async fn choose(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: Viewer,
) -> AppResult<axum::response::Response> {
    crate::web::bond_picker::pick(&state, &viewer, crate::web::page::Section::Together).await
}

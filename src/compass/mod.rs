//! The Today page: one calm page with the family, each bond, what the other shared, and a
//! clear next step. Visitors see what Tandem is and how to start.

mod today;

use axum::{Router, routing::get};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(today::show))
}

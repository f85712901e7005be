//! The Today page: one calm page with the family, each bond, what the other shared, and a
//! clear next step. Visitors see what Tandem is and how to start.
//!
//! Adding something to Today: a field of [`page::BondCard`] (per bond) or of the page (for the
//! member), loaded in `page::show` through the privacy core like every other read, and its
//! place in `templates/today/today.html`. Reminders and notices reach Today on their own
//! (see [`crate::reminders`]).

pub mod page;

use axum::{Router, routing::get};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(page::show))
}

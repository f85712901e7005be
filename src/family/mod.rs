//! Families, members and bonds: the family page, adding a managed son, invitations and
//! claiming a profile, and together mode.

mod acting;
mod invite;
mod leaving;
pub mod membership;
mod model;
mod page;

pub use invite::{INVITATION_DAYS, Invitation, members_and_pending, pending_invitations};
pub use model::*;

use axum::{Router, routing::get, routing::post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/family", get(page::show))
        .route("/family/sons", post(page::add_son))
        .route("/family/sons/{member}", post(page::edit_son))
        .route("/family/invitations", post(invite::create))
        .route("/family/invitations/{id}/ready", get(invite::ready))
        .route("/family/invitations/{id}/revoke", post(invite::revoke))
        .route(
            "/family/leave",
            get(leaving::leave_form).post(leaving::leave),
        )
        .route("/family/members/{member}/remove", post(leaving::remove))
        .route("/family/bonds/{bond}/end", post(leaving::end_bond))
        .route(
            "/invite/{token}",
            get(invite::accept_page).post(invite::accept),
        )
        .route("/family/acting/stop", post(acting::stop))
        .route("/family/acting/{member}", post(acting::start))
        // The addresses together mode had before it moved under /family: a page loaded
        // before an upgrade still posts to them.
        .route("/together/stop", post(acting::moved))
        .route("/together/{member}", post(acting::moved))
}

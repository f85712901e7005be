//! Together mode: a mother uses Tandem with her young son's managed profile on her device.
//! What is written then is his, marked as made together. Its routes are under
//! `/family/acting/`, apart from the Together practice's `/together`.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    app::AppState,
    auth::{Viewer, session},
    error::{AppError, AppResult},
    i18n::Msg,
};

use super::{Role, member_in_family};

pub async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(member): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let son = member_in_family(&mut conn, &viewer.member.family_id, &member).await?;
    if !viewer.is_mother() || son.role != Role::Son {
        return Err(AppError::NotFound);
    }
    if !son.is_managed() {
        return Err(AppError::Forbidden(Msg::new(
            "family-profile-has-own-login",
        )));
    }
    session::set_acting(&mut conn, &viewer.session_hash, Some(&son.id)).await?;
    Ok(Redirect::to("/").into_response())
}

pub async fn stop(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    session::set_acting(&mut conn, &viewer.session_hash, None).await?;
    Ok(Redirect::to("/").into_response())
}

/// An old together-mode address: the same request, resent to where it lives now (308 keeps
/// the method and the form).
pub async fn moved(uri: axum::http::Uri) -> Response {
    let rest = uri.path().strip_prefix("/together/").unwrap_or_default();
    Redirect::permanent(&format!("/family/acting/{rest}")).into_response()
}

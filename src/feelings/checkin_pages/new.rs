//! Picking a feeling and saving a check-in.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::form::{CheckinFormView, feelings_link, home_path};
use crate::feelings::{
    checkin::{self, CheckinForm},
    reciprocity,
    toolbox::{HelpedCount, helped_before},
    vocabulary::{self},
};
use crate::{
    app::AppState,
    auth::Viewer,
    db::Handle,
    error::AppResult,
    privacy::BondAccess,
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

#[derive(Template)]
#[template(path = "feelings/check_in.html")]
pub(super) struct CheckInPage {
    layout: Layout,
    access: BondAccess,
    form_view: CheckinFormView,
    helped_before: Vec<HelpedCount>,
}

pub(super) async fn check_in_page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    form: CheckinForm,
    errors: FieldErrors,
) -> AppResult<CheckInPage> {
    let helped_before = helped_before(h, &access, form.quadrant()).await?;
    let action = home_path(&access);
    Ok(CheckInPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-check-in"),
            Section::Feelings,
            viewer,
        ),
        form_view: CheckinFormView::new(&access, action, false, form, errors),
        access,
        helped_before,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Pick {
    pub(super) quadrant: String,
    pub(super) feeling: String,
}

pub async fn check_in(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Query(pick): Query<Pick>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut form = CheckinForm {
        quadrant: pick.quadrant,
        feeling: pick.feeling,
        ..Default::default()
    };
    // A word chosen from a link brings its quadrant along.
    if let Some(f) = vocabulary::by_id(&form.feeling) {
        form.quadrant = f.quadrant().as_str().into();
    }
    let page = check_in_page(&mut conn, &viewer, access, form, FieldErrors::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn create(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<CheckinForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&access.partner().display_name, &mut errors) else {
        let page = check_in_page(&mut conn, &viewer, access, form, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    drop(conn);
    let mut tx = state.db.begin().await?;
    let id = checkin::insert(
        &mut tx,
        &access,
        viewer.together_with().is_some(),
        &new,
        crate::db::now(),
    )
    .await?;
    if new.visibility == crate::privacy::Visibility::Shared {
        reciprocity::on_shared(&mut tx, &access, &feelings_link(&state, &access)).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/{id}?saved=1", home_path(&access))).into_response())
}

//! Changing or deleting one's own check-in.

use crate::web::bond::InBondWith;
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    form::{CheckinFormView, feelings_link, home_path},
    new::Pick,
};
use crate::feelings::{
    checkin::{self, Checkin, CheckinForm},
    reciprocity,
    vocabulary::Quadrant,
};
use crate::{
    app::AppState,
    auth::Viewer,
    db::Handle,
    error::AppResult,
    privacy::{BondAccess, delete_own, visible},
    web::{
        flash::Flash,
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

#[derive(Template)]
#[template(path = "feelings/edit.html")]
pub(super) struct EditPage {
    layout: Layout,
    access: BondAccess,
    form_view: CheckinFormView,
}

pub(super) fn edit_page(
    viewer: &Viewer,
    access: BondAccess,
    id: &str,
    form: CheckinForm,
    errors: FieldErrors,
) -> EditPage {
    let action = format!("{}/{id}/edit", home_path(&access));
    EditPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-change-a-check-in"),
            Section::Feelings,
            viewer,
        ),
        form_view: CheckinFormView::new(&access, action, true, form, errors),
        access,
    }
}

/// The acting member's own check-in, or "not found".
pub(super) async fn own(h: &mut impl Handle, access: &BondAccess, id: &str) -> AppResult<Checkin> {
    visible::<Checkin>(access).mine().get(h, id).await
}

pub async fn edit(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Query(pick): Query<Pick>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let existing = own(&mut conn, &access, &id).await?;
    let mut form = CheckinForm::from_checkin(&existing);
    // Moving to another quadrant starts the word choice again.
    if let Some(q) = Quadrant::parse(&pick.quadrant) {
        if Some(q) != form.quadrant() {
            form.feeling.clear();
            form.custom_word.clear();
        }
        form.quadrant = q.as_str().into();
    }
    Ok(render(
        StatusCode::OK,
        &edit_page(&viewer, access, &id, form, FieldErrors::default()),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<CheckinForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let existing = own(&mut conn, &access, &id).await?;
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&access.partner().display_name, &mut errors) else {
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_page(&viewer, access, &id, form, errors),
        ));
    };
    drop(conn);
    let mut tx = state.db.begin().await?;
    checkin::update(&mut tx, &access, &id, &new).await?;
    if new.visibility == crate::privacy::Visibility::Shared && !existing.is_shared() {
        reciprocity::on_shared(&mut tx, &access, &feelings_link(&state, &access)).await?;
    }
    tx.commit().await?;
    Ok((
        Flash::CheckInChanged,
        Redirect::to(&format!("{}/{id}", home_path(&access))),
    )
        .into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    InBondWith(_, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    delete_own::<Checkin>(&mut tx, &access, &id).await?;
    // Its replies went with it (the foreign key), and so does the news of them.
    crate::events::replies_gone(&mut tx, &access, &id).await?;
    tx.commit().await?;
    Ok(Redirect::to(&home_path(&access)).into_response())
}

//! Leaving the family, removing a member and ending a bond: the pages and forms around
//! [`membership`](super::membership).

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    i18n::Msg,
    reminders::NudgeKind,
    web::{
        bond::InBond,
        controls::Choice,
        form::{FieldErrors, Form},
        page::{Layout, Section, ok, render},
    },
};

use super::{Role, members, membership};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LeaveForm {
    /// `keep` or `delete`.
    history: String,
}

#[derive(Template)]
#[template(path = "family/leave.html")]
struct LeavePage {
    layout: Layout,
    family_name: String,
    has_left: bool,
    is_mother: bool,
    errors: FieldErrors,
}

impl LeavePage {
    fn role(&self) -> Role {
        if self.is_mother {
            Role::Mother
        } else {
            Role::Son
        }
    }

    /// Keep (while still in the family) or delete what the member wrote.
    fn choices(&self) -> Vec<Choice> {
        let tr = &self.layout.tr;
        let keep = Choice::new(
            "keep",
            tr.t_with("family-leave-keep", &[("role", self.role().into())]),
        );
        let delete = Choice::new("delete", tr.t("family-leave-delete"));
        if self.has_left {
            vec![delete]
        } else {
            vec![keep, delete]
        }
    }
}

fn leave_page(viewer: &Viewer, errors: FieldErrors) -> LeavePage {
    LeavePage {
        layout: Layout::member(
            viewer.tr.t("family-title-leave-the-family"),
            Section::Family,
            viewer,
        ),
        family_name: viewer.family_name.clone(),
        has_left: viewer.member.has_left(),
        is_mother: viewer.is_mother(),
        errors,
    }
}

pub async fn leave_form(viewer: Viewer) -> AppResult<Response> {
    Ok(ok(&leave_page(&viewer, FieldErrors::default())))
}

/// The viewer leaves, keeping their history or deleting what they wrote. Someone who left
/// and kept it may come back here to delete it.
pub async fn leave(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<LeaveForm>,
) -> AppResult<Response> {
    let delete = match form.history.as_str() {
        "keep" if !viewer.member.has_left() => false,
        "delete" => true,
        _ => {
            let mut errors = FieldErrors::default();
            errors.add("history", Msg::new("family-please-choose-what-happens"));
            return Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &leave_page(&viewer, errors),
            ));
        }
    };
    let mut tx = state.db.begin().await?;
    let family = members(&mut tx, &viewer.member.family_id).await?;
    let me = membership::find(&family, viewer.member.id.as_str())?.clone();
    let was_there = !me.has_left();
    let media = membership::depart(&mut tx, &family, &me, delete).await?;
    if was_there {
        membership::tell_family(&mut tx, &family, &me, NudgeKind::Left).await?;
    }
    tx.commit().await?;
    membership::remove_media(&state, media).await;
    // With the history deleted the login is gone too.
    Ok(Redirect::to(if delete { "/login" } else { "/family" }).into_response())
}

/// A mother removes a member: a managed profile is deleted for good with everything in its
/// bonds; someone with a login leaves with their history kept (theirs to delete).
pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(member): Path<String>,
) -> AppResult<Response> {
    if !viewer.is_mother() || viewer.member.has_left() {
        return Err(AppError::Forbidden(Msg::new(
            "family-only-mother-family-remove",
        )));
    }
    let mut tx = state.db.begin().await?;
    let family = members(&mut tx, &viewer.member.family_id).await?;
    let leaving = membership::find(&family, &member)?.clone();
    if leaving.id == viewer.member.id {
        return Err(AppError::BadRequest(Msg::new(
            "family-leave-family-yourself-use",
        )));
    }
    if leaving.has_left() {
        return Err(AppError::NotFound);
    }
    let media = if leaving.is_managed() {
        membership::delete_managed(&mut tx, &family, &leaving).await?
    } else {
        membership::depart(&mut tx, &family, &leaving, false).await?
    };
    membership::tell_family(&mut tx, &family, &leaving, NudgeKind::Left).await?;
    tx.commit().await?;
    membership::remove_media(&state, media).await;
    Ok(Redirect::to("/family").into_response())
}

/// A mother or a son ends one of their own bonds; both stay in the family. Together mode
/// ends nothing: a little son does not end his bond with his mother.
pub async fn end_bond(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    if viewer.together_with().is_some() {
        return Err(AppError::NotFound);
    }
    if access.ended() {
        return Err(AppError::Conflict(Msg::new(
            "family-bond-has-already-ended",
        )));
    }
    let mut tx = state.db.begin().await?;
    membership::end_bond(&mut tx, access.bond()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/family").into_response())
}

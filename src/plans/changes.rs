//! Moving or cancelling one time, and stopping a rhythm from now on, each with a note. Either
//! member may; a time of another bond is not found, one that has begun or was cancelled can no
//! longer change.

use crate::web::bond::InBondWith;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    ChangeKind, NewChange, Occurrence, Plan, PlanChange,
    form::{MoveForm, NOTE_MAX},
    list::{ChangeError, page, plans_path},
    schedule,
};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    db::{Pooled, now},
    error::{AppError, AppResult},
    events::{self, EventKind, NewEvent},
    i18n::{Key, Msg},
    privacy::{Bind, BondAccess, visible},
    web::{
        flash::Flash,
        form::{FieldErrors, Form, line},
        page::render,
    },
};

/// The occurrence behind a key, if it may still change.
async fn changeable(conn: &mut Pooled, access: &BondAccess, key: &str) -> AppResult<Occurrence> {
    let occ = super::occurrence(conn, access, key).await?;
    if !occ.is_on() {
        return Err(AppError::Conflict(Msg::new("plans-time-already-cancelled")));
    }
    if occ.starts_at <= now() {
        return Err(AppError::Conflict(Msg::new("plans-time-has-already-begun")));
    }
    Ok(occ)
}

/// Shows the page again with the failed form open under its occurrence.
async fn refuse(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    error: ChangeError,
) -> AppResult<Response> {
    let page = page(state, viewer, access, Some(error), None).await?;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

pub async fn move_one(
    State(state): State<AppState>,
    InBondWith(viewer, access, key): InBondWith<String>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let occ = changeable(&mut conn, &access, &key).await?;
    let planned_at = schedule::instant(occ.tz, occ.planned_local);
    let mut errors = FieldErrors::default();
    let Some(moved) = form.validate(occ.tz, planned_at, now(), &mut errors) else {
        drop(conn);
        let error = ChangeError {
            key,
            action: "move",
            form,
            errors,
        };
        return refuse(&state, &viewer, access, error).await;
    };
    let change = NewChange::Move {
        occurrence: key,
        starts_local: moved.starts_local,
        minutes: moved.minutes,
    };
    drop(conn);
    record(&state, &access, &occ.plan, &change, &moved.note).await?;
    Ok((Flash::PlanChanged, Redirect::to(&plans_path(&access))).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoteForm {
    note: String,
}

/// A note that did not pass, under the occurrence (cancel) or the rhythm (stop) it was for.
fn note_error(key: String, action: &'static str, form: NoteForm, message: Msg) -> ChangeError {
    let mut errors = FieldErrors::default();
    errors.add("note", message);
    ChangeError {
        key,
        action,
        form: MoveForm {
            note: form.note,
            ..Default::default()
        },
        errors,
    }
}

pub async fn cancel_one(
    State(state): State<AppState>,
    InBondWith(viewer, access, key): InBondWith<String>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let occ = changeable(&mut conn, &access, &key).await?;
    let note = match line(&form.note, Key("field-the-note"), 0, NOTE_MAX) {
        Ok(note) => note,
        Err(message) => {
            drop(conn);
            return refuse(
                &state,
                &viewer,
                access,
                note_error(key, "cancel", form, message),
            )
            .await;
        }
    };
    let change = NewChange::Cancel { occurrence: key };
    drop(conn);
    record(&state, &access, &occ.plan, &change, &note).await?;
    Ok((Flash::PlanChanged, Redirect::to(&plans_path(&access))).into_response())
}

/// Stops a rhythm from now on: times planned from now on are gone, earlier ones stay.
pub async fn stop(
    State(state): State<AppState>,
    InBondWith(viewer, access, plan_id): InBondWith<String>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let plan = visible::<Plan>(&access).get(&mut conn, &plan_id).await?;
    if !plan.recurrence.is_rhythm() {
        return Err(AppError::Conflict(Msg::new(
            "plans-plan-happens-once-cancel",
        )));
    }
    let stopped = visible::<PlanChange>(&access)
        .filter(col!("plan_id").eq(Bind::Text(plan.id.clone())))
        .filter(col!("kind").eq(Bind::Text(ChangeKind::Stopped.as_str().into())))
        .count(&mut conn)
        .await?;
    if stopped > 0 {
        return Err(AppError::Conflict(Msg::new("plans-rhythm-already-stopped")));
    }
    let note = match line(&form.note, Key("field-the-note"), 0, NOTE_MAX) {
        Ok(note) => note,
        Err(message) => {
            drop(conn);
            return refuse(
                &state,
                &viewer,
                access,
                note_error(plan.id, "stop", form, message),
            )
            .await;
        }
    };
    drop(conn);
    record(&state, &access, &plan, &NewChange::Stop, &note).await?;
    Ok((Flash::PlanChanged, Redirect::to(&plans_path(&access))).into_response())
}

/// Records a change and tells the other of it, together.
async fn record(
    state: &AppState,
    access: &BondAccess,
    plan: &Plan,
    change: &NewChange,
    note: &str,
) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    super::change(&mut tx, access, &plan.id, change, note).await?;
    let (kind, subject) = match change {
        NewChange::Move { occurrence, .. } => (EventKind::PlanMoved, occurrence.clone()),
        NewChange::Cancel { occurrence } => (EventKind::PlanCancelled, occurrence.clone()),
        NewChange::Stop => (EventKind::PlanStopped, plan.id.clone()),
    };
    let changed = NewEvent {
        kind,
        subject,
        title: plan.title.clone(),
        link: plans_path(access),
    };
    events::tell(&mut tx, access, changed).await?;
    tx.commit().await?;
    Ok(())
}

//! The talk-requests page: ask to talk, answer the other's request with a time, say how it went.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    self as requests, OUTCOME_MAX, PLAN_MAX, RequestForm, Status, TalkSetting, Thread, Urgency,
    Wish,
};
use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    events::{self, About},
    i18n::{Key, Msg},
    privacy::BondAccess,
    web::{
        flash::Flash,
        form::{FieldErrors, Form, line},
        page::{Layout, Section, render},
    },
};

pub fn requests_path(access: &BondAccess) -> String {
    access.href("talk/requests")
}

#[derive(Template)]
#[template(path = "talk/requests.html")]
struct RequestsPage {
    layout: Layout,
    access: BondAccess,
    threads: Vec<Thread>,
    form: RequestForm,
    errors: FieldErrors,
    /// The step form that failed, if one did.
    step_error: Option<StepError>,
}

/// A step form under a request that needs another look: which request, which form (`plan` or
/// `outcome`), what was typed and why it was refused.
struct StepError {
    request: String,
    kind: &'static str,
    body: String,
    message: Msg,
}

impl RequestsPage {
    fn wishes(&self) -> &'static [Wish] {
        Wish::ALL
    }
    fn settings(&self) -> &'static [TalkSetting] {
        TalkSetting::ALL
    }
    fn urgencies(&self) -> &'static [Urgency] {
        Urgency::ALL
    }
    fn is_mine(&self, t: &Thread) -> bool {
        &t.request.author_id == self.access.me()
    }
    fn active(&self) -> Vec<&Thread> {
        self.threads.iter().filter(|t| t.is_active()).collect()
    }
    fn past(&self) -> Vec<&Thread> {
        self.threads.iter().filter(|t| !t.is_active()).collect()
    }
    fn can_tell_how(&self, t: &Thread) -> bool {
        t.status() != Status::Withdrawn && t.outcome_of(self.access.me()).is_none()
    }
    fn failed_step(&self, t: &Thread, kind: &str) -> Option<&StepError> {
        self.step_error
            .as_ref()
            .filter(|e| e.request == t.request.id && e.kind == kind)
    }
    /// The message of a step form of this request that was refused.
    fn step_error(&self, t: &Thread, kind: &str) -> Option<String> {
        self.failed_step(t, kind)
            .map(|e| e.message.render(&self.layout.tr))
    }
    /// What was typed in a step form that was refused, to correct it.
    fn step_draft(&self, t: &Thread, kind: &str) -> &str {
        self.failed_step(t, kind)
            .map(|e| e.body.as_str())
            .unwrap_or_default()
    }
    /// "You would like to talk: the football team", "Rosa would like to talk".
    fn heading(&self, t: &Thread) -> String {
        let topic = t.request.topic.as_str();
        let name = self.access.bond().name_of(&t.request.author_id);
        match (self.is_mine(t), topic.is_empty()) {
            (true, true) => self.layout.t("talk-request-mine"),
            (true, false) => self
                .layout
                .t_with("talk-request-mine-about", &[("topic", topic.into())]),
            (false, true) => self
                .layout
                .t_with("talk-request-theirs", &[("name", name.into())]),
            (false, false) => self.layout.t_with(
                "talk-request-theirs-about",
                &[("name", name.into()), ("topic", topic.into())],
            ),
        }
    }
    /// The label of the time field: a first time, or another one.
    fn plan_label(&self, t: &Thread) -> String {
        match t.plan() {
            Some(_) => self.layout.t("talk-request-plan-another"),
            None => self.layout.t("talk-request-plan-when"),
        }
    }
    fn withdrawn(&self, t: &Thread) -> bool {
        t.status() == Status::Withdrawn
    }
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    form: RequestForm,
    errors: FieldErrors,
    step_error: Option<StepError>,
) -> AppResult<RequestsPage> {
    let threads = requests::threads(&mut state.db.conn().await?, &access, 50).await?;
    Ok(RequestsPage {
        layout: Layout::member(viewer.tr.t("talk-title-lets-talk"), Section::Talk, viewer),
        access,
        threads,
        form,
        errors,
        step_error,
    })
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let form = RequestForm {
        setting: TalkSetting::SideBySide.as_str().into(),
        urgency: Urgency::ThisWeek.as_str().into(),
        ..Default::default()
    };
    let told = &requests::TOLD;
    events::seen(&mut state.db.conn().await?, &access, told, About::Any).await?;
    let page = page(&state, &viewer, access, form, FieldErrors::default(), None).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn create(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<RequestForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&mut errors) else {
        let page = page(&state, &viewer, access, form, errors, None).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let link = state.config.link(&requests_path(&access));
    let mut tx = state.db.begin().await?;
    requests::create(
        &mut tx,
        &access,
        viewer.together_with().is_some(),
        &new,
        &link,
    )
    .await?;
    tx.commit().await?;
    Ok((
        Flash::TalkRequestSent,
        Redirect::to(&requests_path(&access)),
    )
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    body: String,
}

/// One of the three steps, each a small form under a request.
async fn step(
    state: AppState,
    viewer: Viewer,
    access: BondAccess,
    id: String,
    body: String,
    kind: &'static str,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let thread = requests::thread(&mut conn, &access, &id).await?;
    let checked = match kind {
        "plan" => line(&body, Key("field-the-time"), 1, PLAN_MAX),
        "outcome" => line(&body, Key("field-how-it-went"), 0, OUTCOME_MAX),
        _ => Ok(String::new()),
    };
    let text = match checked {
        Ok(t) => t,
        Err(message) => {
            drop(conn);
            let page = page(
                &state,
                &viewer,
                access,
                RequestForm::default(),
                FieldErrors::default(),
                Some(StepError {
                    request: id,
                    kind,
                    body,
                    message,
                }),
            )
            .await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    drop(conn);
    let mut tx = state.db.begin().await?;
    match kind {
        "plan" => requests::plan(&mut tx, &access, &thread, &text).await?,
        "outcome" => requests::outcome(&mut tx, &access, &thread, &text).await?,
        _ => requests::withdraw(&mut tx, &access, &thread).await?,
    }
    tx.commit().await?;
    Ok(Redirect::to(&requests_path(&access)).into_response())
}

pub async fn plan(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<StepForm>,
) -> AppResult<Response> {
    step(state, viewer, access, id, form.body, "plan").await
}

pub async fn outcome(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<StepForm>,
) -> AppResult<Response> {
    step(state, viewer, access, id, form.body, "outcome").await
}

pub async fn withdraw(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
) -> AppResult<Response> {
    step(state, viewer, access, id, String::new(), "withdraw").await
}

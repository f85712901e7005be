//! The repairs of a bond, and starting one.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{ABOUT_MAX, Part, Repair, RepairPart};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    events::{self, EventKind, NewEvent},
    i18n::{Key, dates},
    privacy::{Bind, BondAccess, visible},
    web::{
        form::{FieldErrors, Form, line},
        page::{Layout, Section, render},
    },
};

pub(super) fn repairs_path(access: &BondAccess) -> String {
    access.href("talk/repairs")
}

#[derive(Template)]
#[template(path = "talk/repairs.html")]
pub(super) struct ListPage {
    layout: Layout,
    access: BondAccess,
    /// Each repair with its latest agreement.
    repairs: Vec<(Repair, Option<RepairPart>)>,
    about: String,
    errors: FieldErrors,
}

impl ListPage {
    /// The day a repair was started ("14 Mar 2027"), in the reader's language.
    fn started_on(&self, r: &Repair) -> String {
        dates::date_short(&self.layout.tr, &self.layout.local(&r.created_at))
    }
}

pub(super) async fn list_page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    about: String,
    errors: FieldErrors,
) -> AppResult<ListPage> {
    let repairs = visible::<Repair>(&access).limit(100).list(h).await?;
    let agreements = visible::<RepairPart>(&access)
        .filter(col!("part").eq(Bind::Text(Part::Agreement.as_str().into())))
        .limit(500)
        .list(h)
        .await?;
    let repairs = repairs
        .into_iter()
        .map(|r| {
            let latest = agreements.iter().find(|a| a.repair_id == r.id).cloned();
            (r, latest)
        })
        .collect();
    Ok(ListPage {
        layout: Layout::member(viewer.tr.t("talk-title-making-up"), Section::Talk, viewer),
        access,
        repairs,
        about,
        errors,
    })
}

pub async fn list(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let page = list_page(
        &mut conn,
        &viewer,
        access,
        String::new(),
        FieldErrors::default(),
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartForm {
    about: String,
}

pub async fn start(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<StartForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let about = errors.take(
        "about",
        line(&form.about, Key("field-what-it-was-about"), 1, ABOUT_MAX),
    );
    if !errors.is_empty() {
        let page = list_page(&mut conn, &viewer, access, form.about, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    drop(conn);
    let id = new_id();
    let link = format!("{}/{id}", repairs_path(&access));
    let mut tx = state.db.begin().await?;
    db_exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO repairs (id, bond_id, author_id, visibility, about, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(&about)
    .bind(now())
    .execute(c)
    .await)?;
    let started = NewEvent {
        kind: EventKind::RepairStarted,
        subject: id,
        title: about,
        link: link.clone(),
    };
    events::tell(&mut tx, &access, started).await?;
    tx.commit().await?;
    Ok(Redirect::to(&link).into_response())
}

//! The feelings home of a bond: the form to check in, the recent check-ins of both, the
//! invitation to share back.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use crate::feelings::{
    checkin::Checkin,
    faces, reciprocity,
    vocabulary::{Feeling, Quadrant},
};
use crate::{
    app::AppState,
    error::AppResult,
    family::Member,
    privacy::{BondAccess, visible},
    web::page::{Layout, Section, render},
};

#[derive(Template)]
#[template(path = "feelings/home.html")]
pub(super) struct HomePage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    little: Vec<(&'static Feeling, String)>,
    checkins: Vec<Checkin>,
    invited: bool,
}

impl HomePage {
    fn author(&self, c: &Checkin) -> &str {
        self.access.bond().name_of(&c.author_id)
    }
    fn when(&self, c: &Checkin) -> String {
        c.when(&self.layout.tr, self.me.tz())
    }
    fn is_mine(&self, c: &Checkin) -> bool {
        &c.author_id == self.access.me()
    }
    fn quadrants(&self) -> &'static [Quadrant] {
        &Quadrant::SHOWN
    }
}

pub async fn home(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let checkins = visible::<Checkin>(&access)
        .limit(30)
        .list(&mut conn)
        .await?;
    let me = viewer.actor().clone();
    let invited = reciprocity::pending(&mut conn, &access, &me).await?;
    let little = faces::for_little(&access);
    Ok(render(
        StatusCode::OK,
        &HomePage {
            layout: Layout::member(
                viewer.tr.t("feelings-title-feelings"),
                Section::Feelings,
                &viewer,
            ),
            access,
            me,
            little,
            checkins,
            invited,
        },
    ))
}

pub async fn dismiss_invitation(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    reciprocity::dismiss(&mut conn, &access, viewer.actor()).await?;
    Ok(Redirect::to("/").into_response())
}

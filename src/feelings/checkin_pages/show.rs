//! One check-in with its answers and the listening coach.

use crate::web::bond::InBondWith;
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::form::home_path;
use crate::feelings::{
    checkin::{Checkin, band_of},
    reach_out::{self, ReachOutCard},
    toolbox::{HelpedCount, helped_before},
};
use crate::{
    app::AppState,
    auth::Viewer,
    db::Handle,
    error::AppResult,
    events::{self, About, EventKind},
    family::Member,
    privacy::{Bind, BondAccess, visible},
    talk::{
        coach::ListeningCoach,
        listening::{self, Reaction},
        moments::Moment,
        replies::{self, Reply, ReplyForm, UnderCheckin},
    },
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

#[derive(Template)]
#[template(path = "feelings/show.html")]
pub(super) struct ShowPage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    checkin: Checkin,
    replies: Vec<Reply<UnderCheckin>>,
    /// Starters that fit the check-in, and a word after three questions in a row.
    coach: ListeningCoach,
    helped_before: Vec<HelpedCount>,
    /// Only ever for the check-in's author.
    reach_out: Option<ReachOutCard>,
    just_saved: bool,
    reply: ReplyForm,
    errors: FieldErrors,
}

impl ShowPage {
    fn reply_action(&self) -> String {
        format!("{}/{}/replies", home_path(&self.access), self.checkin.id)
    }
    fn reply_heading(&self) -> String {
        if self.is_mine() {
            self.layout.t("feelings-reply-add")
        } else {
            self.layout
                .t_with("feelings-reply-answer", &[("name", self.author().into())])
        }
    }
    /// Starters and reactions are for answering the other, not oneself.
    fn offer_listening(&self) -> bool {
        !self.is_mine()
    }
    fn is_mine(&self) -> bool {
        &self.checkin.author_id == self.access.me()
    }
    fn author(&self) -> &str {
        self.access.bond().name_of(&self.checkin.author_id)
    }
    fn when(&self) -> String {
        self.checkin.when(&self.layout.tr, self.me.tz())
    }
    fn definition(&self) -> &str {
        self.checkin
            .feeling()
            .map(|f| f.definition(&band_of(&self.access)))
            .unwrap_or_default()
    }
    /// The reactions that fit this check-in ("So glad to hear that" only for pleasant ones).
    fn reactions(&self) -> Vec<&'static Reaction> {
        let pleasant = self.checkin.quadrant.is_pleasant();
        listening::reactions()
            .iter()
            .filter(|r| r.fits(pleasant))
            .collect()
    }
    fn need_label(&self) -> &str {
        self.checkin
            .need()
            .map(|n| n.label_for(band_of(&self.access)))
            .unwrap_or_default()
    }
}

pub(super) async fn show_page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    id: &str,
    just_saved: bool,
    form: ReplyForm,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let checkin = visible::<Checkin>(&access).get(h, id).await?;
    let replies =
        replies::under::<UnderCheckin>(h, &access, Bind::Text(checkin.id.clone())).await?;
    let moment = Moment::of_feeling(checkin.quadrant, checkin.feeling_id.as_deref());
    let coach = ListeningCoach::new(&access, moment, &checkin.id, &replies);
    let mine = checkin.author_id == *access.me();
    // After a hard feeling, what helped before is the most useful thing to see.
    let helped_before = if mine {
        helped_before(h, &access, Some(checkin.quadrant)).await?
    } else {
        Vec::new()
    };
    let reach_out = reach_out::card_for(h, viewer, &access, &checkin).await?;
    Ok(ShowPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-one-check-in"),
            Section::Feelings,
            viewer,
        ),
        me: viewer.actor().clone(),
        access,
        checkin,
        replies,
        coach,
        helped_before,
        reach_out,
        just_saved,
        reply: form,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Query(q): Query<crate::web::form::SavedQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let replies = format!("{id}/");
    events::seen(
        &mut conn,
        &access,
        &[EventKind::Reply],
        About::Under(&replies),
    )
    .await?;
    let page = show_page(
        &mut conn,
        &viewer,
        access,
        &id,
        q.saved.is_some(),
        ReplyForm::default(),
        FieldErrors::default(),
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn reply(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<ReplyForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let checkin = visible::<Checkin>(&access).get(&mut conn, &id).await?;
    // Only a shared check-in has someone to answer it.
    if !checkin.is_shared() {
        return Err(crate::error::AppError::NotFound);
    }
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&mut errors) else {
        let page = show_page(&mut conn, &viewer, access, &id, false, form, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    drop(conn);
    let link = format!("{}/{id}#replies", home_path(&access));
    let mut tx = state.db.begin().await?;
    replies::insert::<UnderCheckin>(&mut tx, &access, Bind::Text(checkin.id), &new, link.clone())
        .await?;
    tx.commit().await?;
    Ok(Redirect::to(&link).into_response())
}

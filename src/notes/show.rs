//! One note with its replies, and the form to add one. Only a note both can read has this
//! page: a private note or a sealed one before its day is "not found", the same as a note
//! that does not exist, so the page tells nothing of what the reader may not see.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{Note, note_path};
use crate::{
    app::AppState,
    auth::Viewer,
    db::Handle,
    error::{AppError, AppResult},
    events::{self, About, EventKind},
    privacy::{Bind, BondAccess, visible},
    talk::{
        coach::ListeningCoach,
        listening::{self, Reaction},
        moments::Moment,
        replies::{self, Reply, ReplyForm, UnderNote},
    },
    web::{
        bond::InBondWith,
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

#[derive(Template)]
#[template(path = "notes/note.html")]
pub(super) struct NotePage {
    layout: Layout,
    access: BondAccess,
    note: Note,
    replies: Vec<Reply<UnderNote>>,
    /// Starters that fit a note, and a word after three questions in a row.
    coach: ListeningCoach,
    reply: ReplyForm,
    errors: FieldErrors,
}

impl NotePage {
    fn reply_action(&self) -> String {
        format!("{}/replies", note_path(&self.access, &self.note.id))
    }
    fn reply_heading(&self) -> String {
        if self.is_mine() {
            self.layout.t("notes-reply-add")
        } else {
            self.layout
                .t_with("notes-reply-answer", &[("name", self.author().into())])
        }
    }
    /// Starters and reactions are for answering the other, not oneself.
    fn offer_listening(&self) -> bool {
        !self.is_mine()
    }
    fn is_mine(&self) -> bool {
        &self.note.author_id == self.access.me()
    }
    fn author(&self) -> &str {
        self.access.bond().name_of(&self.note.author_id)
    }
    fn written_on(&self) -> String {
        self.note.written_on(&self.layout.tr, self.layout.tz)
    }
    /// A note is never about something hard in itself (see `Moment::of_note`), so every
    /// reaction that fits a pleasant moment fits it.
    fn reactions(&self) -> Vec<&'static Reaction> {
        let pleasant = !Moment::of_note(self.note.visibility).is_hard();
        listening::reactions()
            .iter()
            .filter(|r| r.fits(pleasant))
            .collect()
    }
}

/// The note `id` if both of the bond can read it now; "not found" otherwise.
async fn open_note(h: &mut impl Handle, access: &BondAccess, id: &str) -> AppResult<Note> {
    let note = visible::<Note>(access).get(h, id).await?;
    if !note.is_open_to_both(access.now()) {
        return Err(AppError::NotFound);
    }
    Ok(note)
}

async fn page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    note: Note,
    form: ReplyForm,
    errors: FieldErrors,
) -> AppResult<NotePage> {
    let replies = replies::under::<UnderNote>(h, &access, Bind::Text(note.id.clone())).await?;
    let moment = Moment::of_note(note.visibility);
    let coach = ListeningCoach::new(&access, moment, &note.id, &replies);
    Ok(NotePage {
        layout: Layout::member(viewer.tr.t("notes-title-one"), Section::None, viewer),
        access,
        note,
        replies,
        coach,
        reply: form,
        errors,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let note = open_note(&mut conn, &access, &id).await?;
    // Reading the note deals with the news of it and of the replies under it.
    events::seen(&mut conn, &access, &[EventKind::Note], About::Is(&note.id)).await?;
    let under = format!("{}/", note.id);
    events::seen(
        &mut conn,
        &access,
        &[EventKind::Reply],
        About::Under(&under),
    )
    .await?;
    let page = page(
        &mut conn,
        &viewer,
        access,
        note,
        ReplyForm::default(),
        FieldErrors::default(),
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

pub(super) async fn reply(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<ReplyForm>,
) -> AppResult<Response> {
    // The note is looked up in the transaction that writes the reply, so a note deleted
    // meanwhile is "not found" rather than a broken reference.
    let mut tx = state.db.begin().await?;
    let note = open_note(&mut tx, &access, &id).await?;
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&mut errors) else {
        let page = page(&mut tx, &viewer, access, note, form, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let link = format!("{}#replies", note_path(&access, &note.id));
    replies::insert::<UnderNote>(&mut tx, &access, Bind::Text(note.id), &new, link.clone()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&link).into_response())
}

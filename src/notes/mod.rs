//! Notes between the two of a bond: a few kind words, a "thinking of you", a note kept for
//! oneself, or one sealed until a date. The first bond-scoped record: it shows the privacy
//! core at work on every page that lists it.
//!
//! A note both can read (shared, or sealed and opened) has a page of its own where either of
//! the two answers it (`show`), through the replies that also serve check-ins and questions.

mod show;

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    Router,
    extract::{DefaultBodyLimit, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::Viewer,
    db::{Handle, new_id},
    db_exec,
    error::AppResult,
    events::{self, About, EventKind, NewEvent},
    family::MemberId,
    i18n::{Key, Msg},
    i18n::{Tr, dates},
    privacy::{BondAccess, BondRecord, Visibility, delete_own, visible},
    web::{
        flash::Flash,
        form::{FieldErrors, Form, text},
        page::{Layout, Section, render},
    },
};

/// A note is a letter: long enough for one written with care.
pub const BODY_MAX: usize = 20_000;

/// The body a note's form may send: [`BODY_MAX`] characters of four UTF-8 bytes each,
/// percent-encoded (three bytes per byte), and room for the other fields. The app's usual
/// limit would refuse a long letter in a non-Latin script.
const FORM_BYTES_MAX: usize = BODY_MAX * 4 * 3 + 4096;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/bonds/{bond}/notes",
            get(list)
                .post(create)
                .layer(DefaultBodyLimit::max(FORM_BYTES_MAX)),
        )
        .route("/bonds/{bond}/notes/{id}", get(show::show))
        .route("/bonds/{bond}/notes/{id}/replies", post(show::reply))
        .route("/bonds/{bond}/notes/{id}/delete", post(delete))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Note {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub unseal_at: Option<DateTime<Utc>>,
    pub made_together: bool,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Note {
    const TABLE: &'static str = "notes";
    const COLUMNS: &'static str =
        "id, author_id, visibility, unseal_at, made_together, body, created_at";
}

impl Note {
    /// The day it was written, on the reader's clock (`tz`) and in their language.
    pub fn written_on(&self, tr: &Tr, tz: chrono_tz::Tz) -> String {
        dates::date_short(tr, &self.created_at.with_timezone(&tz))
    }

    /// The day a sealed note opens, on the reader's clock and in their language.
    pub fn opens_on(&self, tr: &Tr, tz: chrono_tz::Tz) -> String {
        self.unseal_at
            .map(|d| dates::date_short(tr, &d.with_timezone(&tz)))
            .unwrap_or_default()
    }

    /// Whether both of the bond can read it at `now`, and so either may answer it: a shared
    /// note, or a sealed one that has opened. A private note is its author's alone, and a
    /// reply to a sealed note before its day would tell the other of a letter still closed.
    pub fn is_open_to_both(&self, now: DateTime<Utc>) -> bool {
        match self.visibility {
            Visibility::Shared => true,
            Visibility::Sealed => self.unseal_at.is_some_and(|at| at <= now),
            Visibility::Private => false,
        }
    }
}

/// The page of one note, where it is answered.
pub fn note_path(access: &BondAccess, id: &str) -> String {
    access.href(&format!("notes/{id}"))
}

/// A note about to be written, already checked.
pub struct NewNote {
    pub body: String,
    pub visibility: Visibility,
    pub unseal_at: Option<DateTime<Utc>>,
    pub made_together: bool,
}

/// Writes a note as the acting member of the bond.
pub async fn insert(h: &mut impl Handle, access: &BondAccess, note: &NewNote) -> AppResult<String> {
    let id = new_id();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO notes (id, bond_id, author_id, visibility, unseal_at, made_together, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(note.visibility)
    .bind(note.unseal_at)
    .bind(note.made_together)
    .bind(&note.body)
    .bind(crate::db::now())
    .execute(c)
    .await
    })?;
    Ok(id)
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct NoteForm {
    pub body: String,
    pub visibility: String,
    pub unseal_on: String,
}

impl NoteForm {
    /// Checks the form; a sealed note opens at midnight of the chosen day in the partner's time zone.
    fn validate(
        &self,
        access: &BondAccess,
        made_together: bool,
        errors: &mut FieldErrors,
    ) -> Option<NewNote> {
        let body = errors.take("body", text(&self.body, Key("field-the-note"), 1, BODY_MAX));
        let visibility = Visibility::parse(self.visibility.trim());
        if visibility.is_none() {
            errors.add("visibility", Msg::new("notes-please-choose-who-may"));
        }
        let unseal_at = match visibility {
            Some(Visibility::Sealed) => {
                let tz = access.partner().tz();
                match crate::web::form::date(&self.unseal_on) {
                    Some(day) if day > access.partner().today() => day
                        .and_hms_opt(0, 0, 0)
                        .and_then(|t| tz.from_local_datetime(&t).earliest())
                        .map(|t| t.with_timezone(&Utc)),
                    Some(_) => {
                        errors.add("unseal_on", Msg::new("notes-sealed-note-opens-day"));
                        None
                    }
                    None => {
                        errors.add("unseal_on", Msg::new("notes-please-choose-day-note"));
                        None
                    }
                }
            }
            _ => None,
        };
        let visibility = visibility?;
        errors.is_empty().then_some(NewNote {
            body,
            visibility,
            unseal_at,
            made_together,
        })
    }
}

#[derive(Template)]
#[template(path = "notes/notes.html")]
struct NotesPage {
    layout: Layout,
    access: BondAccess,
    notes: Vec<Note>,
    form: NoteForm,
    errors: FieldErrors,
    visibilities: &'static [Visibility],
}

impl NotesPage {
    fn is_mine(&self, note: &Note) -> bool {
        &note.author_id == self.access.me()
    }

    fn author_name(&self, note: &Note) -> &str {
        self.access.bond().name_of(&note.author_id)
    }

    fn written_on(&self, note: &Note) -> String {
        note.written_on(&self.layout.tr, self.layout.tz)
    }

    fn opens_on(&self, note: &Note) -> String {
        note.opens_on(&self.layout.tr, self.layout.tz)
    }

    /// Whether the note has a page with replies: one both can read.
    fn is_answerable(&self, note: &Note) -> bool {
        note.is_open_to_both(self.access.now())
    }

    fn note_path(&self, note: &Note) -> String {
        note_path(&self.access, &note.id)
    }
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    form: NoteForm,
    errors: FieldErrors,
) -> AppResult<NotesPage> {
    let mut conn = state.db.conn().await?;
    let notes = visible::<Note>(&access).limit(100).list(&mut conn).await?;
    Ok(NotesPage {
        layout: Layout::member(viewer.tr.t("notes-title"), Section::None, viewer),
        access,
        notes,
        form,
        errors,
        visibilities: Visibility::ALL,
    })
}

pub async fn list(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let form = NoteForm {
        visibility: Visibility::Shared.as_str().into(),
        ..Default::default()
    };
    events::seen(
        &mut state.db.conn().await?,
        &access,
        &[EventKind::Note],
        About::Any,
    )
    .await?;
    Ok(render(
        StatusCode::OK,
        &page(&state, &viewer, access, form, FieldErrors::default()).await?,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let Some(note) = form.validate(&access, viewer.together_with().is_some(), &mut errors) else {
        let page = page(&state, &viewer, access, form, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let mut tx = state.db.begin().await?;
    let id = insert(&mut tx, &access, &note).await?;
    // Only a shared note is news: a private one is the author's alone, and a sealed one
    // keeps its surprise until it opens.
    if note.visibility == Visibility::Shared {
        let written = NewEvent {
            kind: EventKind::Note,
            link: note_path(&access, &id),
            subject: id,
            title: String::new(),
        };
        events::tell(&mut tx, &access, written).await?;
    }
    tx.commit().await?;
    Ok((Flash::NoteSaved, Redirect::to(&access.href("notes"))).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    InBondWith(_, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    delete_own::<Note>(&mut tx, &access, &id).await?;
    events::withdraw(&mut tx, &access, EventKind::Note, About::Is(&id)).await?;
    // Its replies went with it (the foreign key), and so does the news of them.
    events::replies_gone(&mut tx, &access, &id).await?;
    tx.commit().await?;
    Ok(Redirect::to(&access.href("notes")).into_response())
}

//! The page of one day's question: today's (or any past day's), answering, replies, skipping,
//! asking for another, choosing a deck.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveDate;
use serde::Deserialize;

use super::{self as daily, ANSWER_MAX, Answer, Day, Turn};
use crate::talk::{
    coach::ListeningCoach,
    favourites,
    listening::{self, Reaction},
    moments::Moment,
    questions::{Depth, Question, Topic},
    replies::{self, Reply, ReplyForm, UnderAnswers},
};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    db::Handle,
    error::{AppError, AppResult},
    events::{self, About, EventKind},
    family::Member,
    i18n::{Key, Msg, dates},
    privacy::{Bind, BondAccess, visible},
    web::{
        form::{FieldErrors, Form, text},
        page::{Layout, Section, render},
    },
};

pub fn talk_path(access: &BondAccess) -> String {
    access.href("talk")
}

pub(super) fn day_path(access: &BondAccess, day: NaiveDate) -> String {
    format!("{}/{day}", talk_path(access))
}

/// One of the bond's days, from a path; a day the bond never had (or a malformed one) is
/// simply not found.
pub(super) async fn load_day(
    h: &mut impl Handle,
    access: &BondAccess,
    day: &str,
) -> AppResult<Day> {
    let day = parse_day(day)?;
    daily::load(h, access, day).await?.ok_or(AppError::NotFound)
}

/// A day in a path; anything else is simply not found.
pub(super) fn parse_day(text: &str) -> AppResult<NaiveDate> {
    crate::web::form::date(text).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "talk/day.html")]
pub(super) struct DayPage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    day: Day,
    is_today: bool,
    /// Yesterday's question, when the other answered it and the reader has not.
    left_waiting: Option<Day>,
    mine: Option<Answer>,
    theirs: Option<Answer>,
    deck: Option<Topic>,
    /// Replies under the answers, once revealed.
    replies: Vec<Reply<UnderAnswers>>,
    coach: ListeningCoach,
    favourite: bool,
    draft: String,
    draft_hers: String,
    confirm_skip: bool,
    reply: ReplyForm,
    errors: FieldErrors,
}

impl DayPage {
    fn reply_action(&self) -> String {
        format!("{}/replies", day_path(&self.access, self.day.day))
    }
    /// Together, the two answered side by side: a reply is something they add, not words
    /// to her from him.
    fn reply_heading(&self) -> String {
        if self.access.together() {
            return self.layout.t("talk-day-reply-heading-together");
        }
        self.layout.t_with(
            "talk-day-reply-heading",
            &[(
                "partner",
                self.access.partner().display_name.as_str().into(),
            )],
        )
    }
    /// Starters and reactions are for answering the other, who is beside him in together mode.
    fn offer_listening(&self) -> bool {
        !self.access.together()
    }
    fn reactions(&self) -> &'static [Reaction] {
        listening::reactions()
    }
    fn question(&self) -> Option<&'static Question> {
        self.day.question()
    }
    fn my_wording(&self) -> String {
        self.question()
            .map(|q| q.for_reader(self.me.role, self.access.bond()))
            .unwrap_or_default()
    }
    fn their_wording(&self) -> String {
        let role = self.access.partner().role;
        self.question()
            .map(|q| q.for_reader(role, self.access.bond()))
            .unwrap_or_default()
    }
    fn wordings_differ(&self) -> bool {
        self.my_wording() != self.their_wording()
    }
    fn my_turn(&self) -> Option<Turn> {
        self.day.turn_of(&self.access, self.access.me())
    }
    fn their_turn(&self) -> Option<Turn> {
        self.day.turn_of(&self.access, &self.access.partner().id)
    }
    fn answered(&self) -> bool {
        self.my_turn() == Some(Turn::Answered)
    }
    fn partner_answered(&self) -> bool {
        self.their_turn() == Some(Turn::Answered)
    }
    fn partner_skipped(&self) -> bool {
        self.their_turn() == Some(Turn::Skipped)
    }
    fn skipped(&self) -> bool {
        self.my_turn() == Some(Turn::Skipped)
    }
    fn is_deep(&self) -> bool {
        self.question().is_some_and(|q| q.depth() == Depth::Deep)
    }
    fn topic(&self) -> Option<Topic> {
        self.question().map(Question::topic)
    }
    fn topics(&self) -> &'static [Topic] {
        Topic::ALL
    }
    /// The deck in focus, as the deck select holds it ("" for none).
    fn deck_value(&self) -> &'static str {
        self.deck.map(Topic::as_str).unwrap_or_default()
    }
    /// "Sunday 14 March 2027", in the reader's language.
    fn day_label(&self) -> String {
        dates::weekday_date_long(&self.layout.tr, &self.day.day)
    }

    /// The day left waiting for the reader's answer, and its name ("Friday 4 December").
    fn left_waiting_link(&self) -> Option<(String, String)> {
        self.left_waiting.as_ref().map(|d| {
            (
                day_path(&self.access, d.day),
                dates::weekday_date_long(&self.layout.tr, &d.day),
            )
        })
    }
}

/// What a day page shows besides what is stored: a form being corrected.
#[derive(Default)]
pub(super) struct Drafts {
    answer: String,
    hers: String,
    reply: ReplyForm,
    errors: FieldErrors,
    /// Skipping was asked for after the other answered: ask to be sure.
    confirm_skip: bool,
}

pub(super) async fn day_page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    day: Day,
    drafts: Drafts,
) -> AppResult<DayPage> {
    let me = viewer.actor().clone();
    let mut conn = state.db.conn().await?;
    // Through the privacy core: the partner's answer only once it has been revealed.
    let answers = visible::<Answer>(&access)
        .filter(col!("day").eq(Bind::Date(day.day)))
        .list(&mut conn)
        .await?;
    let (mine, theirs): (Vec<Answer>, Vec<Answer>) = answers
        .into_iter()
        .partition(|a| &a.author_id == access.me());
    let today = daily::pair_day(&access);
    let deck = daily::deck(&mut conn, &access, today).await?;
    let left_waiting = match day.day == today {
        true => daily::left_waiting(&mut conn, &access, today).await?,
        false => None,
    };
    let replies = if day.is_revealed() {
        replies::under::<UnderAnswers>(&mut conn, &access, Bind::Date(day.day)).await?
    } else {
        Vec::new()
    };
    let moment = day.question().map_or(Moment::Light, Moment::of_question);
    let subject = format!("{}/{}", access.id().as_str(), day.day);
    let coach = ListeningCoach::new(&access, moment, &subject, &replies);
    let favourite = favourites::days(&mut conn, &access)
        .await?
        .contains(&day.day);
    Ok(DayPage {
        layout: Layout::member(
            viewer.tr.t("talk-title-question-of-the-day"),
            Section::Talk,
            viewer,
        ),
        is_today: day.day == today,
        left_waiting,
        me,
        access,
        day,
        mine: mine.into_iter().next(),
        theirs: theirs.into_iter().next(),
        deck,
        replies,
        coach,
        favourite,
        draft: drafts.answer,
        draft_hers: drafts.hers,
        confirm_skip: drafts.confirm_skip,
        reply: drafts.reply,
        errors: drafts.errors,
    })
}

/// Opening a day is reading what the other was told of it: both answers open, and replies.
async fn seen_day(state: &AppState, access: &BondAccess, day: NaiveDate) -> AppResult<()> {
    let mut conn = state.db.conn().await?;
    let day = day.to_string();
    events::seen(
        &mut conn,
        access,
        &[EventKind::AnswersOpen],
        About::Is(&day),
    )
    .await?;
    events::seen(
        &mut conn,
        access,
        &[EventKind::Reply],
        About::Under(&format!("{day}/")),
    )
    .await
}

/// Today's question: the pair's day, the same for both wherever they live.
pub async fn today(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let day = daily::of_day(&state.db, &access, daily::pair_day(&access)).await?;
    seen_day(&state, &access, day.day).await?;
    let page = day_page(&state, &viewer, access, day, Drafts::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

/// A day the bond had a question; other days do not exist.
pub async fn show_day(
    State(state): State<AppState>,
    InBondWith(viewer, access, day): InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let day = load_day(&mut conn, &access, &day).await?;
    drop(conn);
    seen_day(&state, &access, day.day).await?;
    let page = day_page(&state, &viewer, access, day, Drafts::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    body: String,
    /// In together mode: the mother's own answer, written on the same screen as his.
    hers: String,
}

pub async fn answer(
    State(state): State<AppState>,
    InBondWith(viewer, access, day): InBondWith<String>,
    Form(form): Form<AnswerForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let current = load_day(&mut conn, &access, &day).await?;
    let day = current.day;
    drop(conn);
    let mut errors = FieldErrors::default();
    let body = errors.take(
        "body",
        text(&form.body, Key("field-your-answer"), 1, ANSWER_MAX),
    );
    // Together, she writes hers beside his, unless she has answered or passed already.
    let hers_wanted = access.together() && current.turn_of(&access, &access.partner().id).is_none();
    let hers = match hers_wanted {
        true => Some(errors.take(
            "hers",
            text(&form.hers, Key("field-your-answer"), 1, ANSWER_MAX),
        )),
        false => None,
    };
    if !errors.is_empty() {
        let drafts = Drafts {
            answer: form.body,
            hers: form.hers,
            errors,
            ..Drafts::default()
        };
        let page = day_page(&state, &viewer, access, current, drafts).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    match access.together() {
        true => daily::answer_together(&state.db, &access, day, &body, hers.as_deref()).await?,
        false => daily::answer(&state.db, &access, day, &body, false).await?,
    };
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

/// A reply or a reaction under the two answers, once both are revealed.
pub async fn reply(
    State(state): State<AppState>,
    InBondWith(viewer, access, day): InBondWith<String>,
    Form(form): Form<ReplyForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let current = load_day(&mut conn, &access, &day).await?;
    let day = current.day;
    // Before the reveal there is nothing to answer: the same as a day that does not exist.
    if !current.is_revealed() {
        return Err(AppError::NotFound);
    }
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&mut errors) else {
        drop(conn);
        let drafts = Drafts {
            reply: form,
            errors,
            ..Drafts::default()
        };
        let page = day_page(&state, &viewer, access, current, drafts).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    drop(conn);
    let mut tx = state.db.begin().await?;
    let link = format!("{}#replies", day_path(&access, day));
    replies::insert::<UnderAnswers>(&mut tx, &access, Bind::Date(day), &new, link.clone()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&link).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FavouriteForm {
    on: String,
}

/// Keeps a day among one's favourites, or lets it go.
pub async fn favourite(
    State(state): State<AppState>,
    InBondWith(_, access, day): InBondWith<String>,
    Form(form): Form<FavouriteForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let found = load_day(&mut conn, &access, &day).await?;
    let day = found.day;
    favourites::set(&mut conn, &access, day, form.on == "1").await?;
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SkipForm {
    /// "1" once the member confirmed skipping a question the other has answered.
    sure: String,
}

/// Passes on the day's question. When the other has answered it already, a skip keeps their
/// answer from the member for good, so the page asks first.
pub async fn skip(
    State(state): State<AppState>,
    InBondWith(viewer, access, day): InBondWith<String>,
    Form(form): Form<SkipForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let current = load_day(&mut conn, &access, &day).await?;
    let day = current.day;
    let answered = current.turn_of(&access, &access.partner().id) == Some(Turn::Answered);
    if answered && form.sure != "1" && current.turn_of(&access, access.me()).is_none() {
        drop(conn);
        let drafts = Drafts {
            confirm_skip: true,
            ..Drafts::default()
        };
        let page = day_page(&state, &viewer, access, current, drafts).await?;
        return Ok(render(StatusCode::OK, &page));
    }
    daily::skip(&mut conn, &access, day).await?;
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

pub async fn another(
    State(state): State<AppState>,
    InBondWith(_, access, day): InBondWith<String>,
) -> AppResult<Response> {
    let day = parse_day(&day)?;
    daily::another(&state.db, &access, day).await?;
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeckForm {
    topic: String,
}

pub async fn choose_deck(
    State(state): State<AppState>,
    InBond(_, access): InBond,
    Form(form): Form<DeckForm>,
) -> AppResult<Response> {
    // The bond first: someone outside it learns nothing, not even that the topic was wrong.
    let mut conn = state.db.conn().await?;
    let topic = parse_topic(&form.topic)?;
    daily::set_deck(&mut conn, &access, topic, daily::pair_day(&access)).await?;
    Ok(Redirect::to(&format!("{}#deck-heading", talk_path(&access))).into_response())
}

/// A deck from a form: empty for none, else one of the topics.
pub(super) fn parse_topic(text: &str) -> AppResult<Option<Topic>> {
    match text.trim() {
        "" => Ok(None),
        t => Topic::parse(t)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest(Msg::new("talk-please-choose-one-decks"))),
    }
}

//! The question-of-the-day pages: today's question (or any past day's), answering, skipping,
//! asking for another, choosing a deck, and the history of past questions.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveDate;
use serde::Deserialize;

use super::{
    daily::{self, ANSWER_MAX, Answer, Day, Turn},
    favourites,
    listening::{self, Reaction, Starter},
    questions::{Depth, Question, Topic},
    replies::{self, Reply, ReplyForm, UnderAnswers, coach_hint},
};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    db::Handle,
    error::{AppError, AppResult},
    family::{Member, Role},
    i18n::{Key, Msg},
    privacy::{Bind, BondAccess, visible},
    web::{
        form::{FieldErrors, Form, text},
        page::{Layout, Section, render},
    },
};

pub fn talk_path(access: &BondAccess) -> String {
    access.href("talk")
}

fn day_path(access: &BondAccess, day: NaiveDate) -> String {
    format!("{}/{day}", talk_path(access))
}

/// One of the bond's days, from a path; a day the bond never had (or a malformed one) is
/// simply not found.
async fn load_day(h: &mut impl Handle, access: &BondAccess, day: &str) -> AppResult<Day> {
    let day = parse_day(day)?;
    daily::load(h, access, day).await?.ok_or(AppError::NotFound)
}

/// A day in a path; anything else is simply not found.
fn parse_day(text: &str) -> AppResult<NaiveDate> {
    crate::web::form::date(text).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "talk/day.html")]
struct DayPage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    day: Day,
    is_today: bool,
    mine: Option<Answer>,
    theirs: Option<Answer>,
    deck: Option<Topic>,
    /// Replies under the answers, once revealed.
    replies: Vec<Reply<UnderAnswers>>,
    coach: bool,
    favourite: bool,
    draft: String,
    reply: ReplyForm,
    errors: FieldErrors,
}

impl DayPage {
    fn reply_action(&self) -> String {
        format!("{}/replies", day_path(&self.access, self.day.day))
    }
    fn reply_heading(&self) -> String {
        format!("Say something to {}", self.access.partner().display_name)
    }
    fn offer_listening(&self) -> bool {
        true
    }
    fn starters(&self) -> &'static [Starter] {
        listening::starters()
    }
    fn reactions(&self) -> &'static [Reaction] {
        listening::reactions()
    }
    fn question(&self) -> Option<&'static Question> {
        self.day.question()
    }
    fn my_wording(&self) -> &str {
        self.question()
            .map(|q| q.for_role(self.me.role))
            .unwrap_or_default()
    }
    fn their_wording(&self) -> &str {
        let role = self.access.partner().role;
        self.question()
            .map(|q| q.for_role(role))
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
    fn topic_label(&self) -> &'static str {
        self.question()
            .map(|q| q.topic().label())
            .unwrap_or_default()
    }
    fn topics(&self) -> &'static [Topic] {
        Topic::ALL
    }
    fn is_deck(&self, t: &Topic) -> bool {
        self.deck == Some(*t)
    }
    fn day_label(&self) -> String {
        self.day.day.format("%A %-d %B %Y").to_string()
    }
}

/// What a day page shows besides what is stored: a form being corrected.
#[derive(Default)]
struct Drafts {
    answer: String,
    reply: ReplyForm,
    errors: FieldErrors,
}

async fn day_page(
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
    let deck = daily::deck(&mut conn, &access, me.today()).await?;
    let replies = if day.is_revealed() {
        replies::under::<UnderAnswers>(&mut conn, &access, Bind::Date(day.day)).await?
    } else {
        Vec::new()
    };
    let coach = coach_hint(&replies, access.me());
    let favourite = favourites::days(&mut conn, &access)
        .await?
        .contains(&day.day);
    Ok(DayPage {
        layout: Layout::member("Question of the day", Section::Talk, viewer),
        is_today: day.day == me.today(),
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
        reply: drafts.reply,
        errors: drafts.errors,
    })
}

/// Today's question, in the acting member's own time zone.
pub async fn today(
    State(state): State<AppState>,
    InBond { viewer, access }: InBond,
) -> AppResult<Response> {
    let day = daily::of_day(&state.db, &access, viewer.actor().today()).await?;
    let page = day_page(&state, &viewer, access, day, Drafts::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

/// A day the bond had a question; other days do not exist.
pub async fn show_day(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: day,
    }: InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let day = load_day(&mut conn, &access, &day).await?;
    drop(conn);
    let page = day_page(&state, &viewer, access, day, Drafts::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    body: String,
}

pub async fn answer(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: day,
    }: InBondWith<String>,
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
    if !errors.is_empty() {
        let drafts = Drafts {
            answer: form.body,
            errors,
            ..Drafts::default()
        };
        let page = day_page(&state, &viewer, access, current, drafts).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    daily::answer(
        &state.db,
        &access,
        day,
        &body,
        viewer.together_with().is_some(),
    )
    .await?;
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

/// A reply or a reaction under the two answers, once both are revealed.
pub async fn reply(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: day,
    }: InBondWith<String>,
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
    replies::insert::<UnderAnswers>(&mut conn, &access, Bind::Date(day), &new).await?;
    Ok(Redirect::to(&format!("{}#replies", day_path(&access, day))).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FavouriteForm {
    on: String,
}

/// Keeps a day among one's favourites, or lets it go.
pub async fn favourite(
    State(state): State<AppState>,
    InBondWith {
        viewer: _,
        access,
        param: day,
    }: InBondWith<String>,
    Form(form): Form<FavouriteForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let found = load_day(&mut conn, &access, &day).await?;
    let day = found.day;
    favourites::set(&mut conn, &access, day, form.on == "1").await?;
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

pub async fn skip(
    State(state): State<AppState>,
    InBondWith {
        viewer: _,
        access,
        param: day,
    }: InBondWith<String>,
) -> AppResult<Response> {
    let day = parse_day(&day)?;
    let mut conn = state.db.conn().await?;
    daily::skip(&mut conn, &access, day).await?;
    Ok(Redirect::to(&day_path(&access, day)).into_response())
}

pub async fn another(
    State(state): State<AppState>,
    InBondWith {
        viewer: _,
        access,
        param: day,
    }: InBondWith<String>,
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
    InBond { viewer, access }: InBond,
    Form(form): Form<DeckForm>,
) -> AppResult<Response> {
    // The bond first: someone outside it learns nothing, not even that the topic was wrong.
    let mut conn = state.db.conn().await?;
    let topic = parse_topic(&form.topic)?;
    daily::set_deck(&mut conn, &access, topic, viewer.actor().today()).await?;
    Ok(Redirect::to(&format!("{}#deck-heading", talk_path(&access))).into_response())
}

/// A deck from a form: empty for none, else one of the topics.
fn parse_topic(text: &str) -> AppResult<Option<Topic>> {
    match text.trim() {
        "" => Ok(None),
        t => Topic::parse(t)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest(Msg::new("talk-please-choose-one-decks"))),
    }
}

/// "Talk" in the navigation.
pub async fn choose(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    crate::web::bond_picker::pick(&state, &viewer, crate::web::page::Section::Talk).await
}

/// One past day in the history list.
pub struct Entry {
    pub favourite: bool,
    pub day: Day,
    pub mine: Option<Answer>,
    pub theirs: Option<Answer>,
}

#[derive(Template)]
#[template(path = "talk/history.html")]
struct HistoryPage {
    layout: Layout,
    access: BondAccess,
    role: Role,
    entries: Vec<Entry>,
    query: HistoryQuery,
}

impl HistoryPage {
    fn wording(&self, e: &Entry) -> &str {
        e.day
            .question()
            .map(|q| q.for_role(self.role))
            .unwrap_or_default()
    }
    fn topics(&self) -> &'static [Topic] {
        Topic::ALL
    }
    fn is_topic(&self, t: &Topic) -> bool {
        self.query.topic == t.as_str()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HistoryQuery {
    q: String,
    topic: String,
    /// "1": only the reader's favourites.
    favourites: String,
}

/// Days kept in the history list (more than a year of daily questions).
const HISTORY_DAYS: i64 = 800;

pub async fn history(
    State(state): State<AppState>,
    InBond { viewer, access }: InBond,
    Query(query): Query<HistoryQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let topic = parse_topic(&query.topic)?;
    let days = daily::recent(&mut conn, &access, HISTORY_DAYS).await?;
    // What the member may read: their own answers, and the partner's once revealed.
    let answers = visible::<Answer>(&access)
        .limit(HISTORY_DAYS * 2)
        .list(&mut conn)
        .await?;
    let kept = favourites::days(&mut conn, &access).await?;
    let only_favourites = query.favourites == "1";
    let needle = query.q.trim().to_lowercase();
    let role = viewer.actor().role;
    let entries = days
        .into_iter()
        .filter(|d| topic.is_none_or(|t| d.question().is_some_and(|q| q.topic() == t)))
        .filter(|d| !only_favourites || kept.contains(&d.day))
        .map(|day| {
            let of = |mine: bool| {
                answers
                    .iter()
                    .find(|a| a.day == day.day && (&a.author_id == access.me()) == mine)
                    .cloned()
            };
            Entry {
                favourite: kept.contains(&day.day),
                mine: of(true),
                theirs: of(false),
                day,
            }
        })
        .filter(|e| {
            needle.is_empty()
                || e.day.question().is_some_and(|q| {
                    q.for_mother().to_lowercase().contains(&needle)
                        || q.for_son().to_lowercase().contains(&needle)
                })
                || [&e.mine, &e.theirs].iter().any(|a| {
                    a.as_ref()
                        .is_some_and(|a| a.body.to_lowercase().contains(&needle))
                })
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &HistoryPage {
            layout: Layout::member("Past questions", Section::Talk, &viewer),
            access,
            role,
            entries,
            query,
        },
    ))
}

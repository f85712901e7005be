//! The history of past questions: search, topics and favourites.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use super::day::parse_topic;
use super::{self as daily, Answer, Day};
use crate::talk::{favourites, questions::Topic};
use crate::{
    app::AppState,
    error::AppResult,
    family::Role,
    i18n::dates,
    privacy::{BondAccess, visible},
    web::{
        form::FieldErrors,
        page::{Layout, Section, render},
    },
};

/// One past day in the history list.
pub struct Entry {
    pub favourite: bool,
    pub day: Day,
    pub mine: Option<Answer>,
    pub theirs: Option<Answer>,
}

#[derive(Template)]
#[template(path = "talk/history.html")]
pub(super) struct HistoryPage {
    layout: Layout,
    access: BondAccess,
    role: Role,
    entries: Vec<Entry>,
    query: HistoryQuery,
    /// Always empty: a search has no wrong answer (the form macros ask for a field's error).
    errors: FieldErrors,
}

impl HistoryPage {
    fn wording(&self, e: &Entry) -> String {
        e.day
            .question()
            .map(|q| q.for_reader(self.role, self.access.bond()))
            .unwrap_or_default()
    }
    fn topics(&self) -> &'static [Topic] {
        Topic::ALL
    }
    /// "14 Mar 2027", in the reader's language.
    fn day_of(&self, e: &Entry) -> String {
        dates::date_short(&self.layout.tr, &e.day.day)
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
    InBond(viewer, access): InBond,
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
                    [Role::Mother, Role::Son].into_iter().any(|role| {
                        q.for_reader(role, access.bond())
                            .to_lowercase()
                            .contains(&needle)
                    })
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
            layout: Layout::member(
                viewer.tr.t("talk-title-past-questions"),
                Section::Talk,
                &viewer,
            ),
            access,
            role,
            entries,
            query,
            errors: FieldErrors::default(),
        },
    ))
}

//! The memory book of a bond: a timeline, newest first, filtered by kind and year, with the
//! memories of earlier years that happened around today's date ("on this day", in the
//! reader's own time zone).

use crate::web::bond::InBond;
use std::collections::BTreeSet;

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::{Category, Memory, is_on_this_day};
use crate::{
    app::AppState,
    error::{AppError, AppResult},
    family::MemberId,
    i18n::{Msg, dates},
    memories::{
        photos::{self, Photo, Size},
        reflections::{
            self,
            on_plans::{Awaiting, awaiting_reflection},
        },
    },
    privacy::BondAccess,
    web::{
        controls::Choice,
        form,
        page::{Layout, Section, render},
    },
};

/// Photos shown with a memory in the timeline.
const THUMBS_PER_ENTRY: usize = 3;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BookQuery {
    category: String,
    year: String,
}

/// A memory in the timeline: a few of its photos, and who has written a perspective.
pub struct Entry {
    pub memory: Memory,
    pub thumbs: Vec<Photo>,
    pub authors: Vec<MemberId>,
}

#[derive(Template)]
#[template(path = "memories/book.html")]
struct BookPage {
    layout: Layout,
    access: BondAccess,
    /// Plans of the last two weeks the reader has not reflected on yet.
    awaiting: Vec<Awaiting>,
    entries: Vec<Entry>,
    on_this_day: Vec<Entry>,
    years: Vec<i32>,
    category: Option<Category>,
    year: Option<i32>,
    /// Whether the bond has any memory at all (an empty filter is not an empty book).
    has_any: bool,
}

impl BookPage {
    fn categories(&self) -> &'static [Category] {
        Category::ALL
    }

    fn thumb(&self, p: &Photo) -> String {
        p.src(&self.access, &Size::Thumb)
    }

    fn awaiting_path(&self, a: &Awaiting) -> String {
        a.path(&self.access)
    }

    fn is_filtered(&self) -> bool {
        self.category.is_some() || self.year.is_some()
    }

    /// The partner has not added their perspective yet, and the reader has.
    fn waiting_for_partner(&self, e: &Entry) -> bool {
        !e.authors.contains(&self.access.partner().id)
    }

    fn waiting_for_me(&self, e: &Entry) -> bool {
        !e.authors.contains(self.access.me())
    }

    /// "14 March", in the page's language.
    fn day_month(&self, at: &NaiveDateTime) -> String {
        dates::day_month(&self.layout.tr, at)
    }

    /// "14 March 2027", in the page's language.
    fn date_long(&self, day: &NaiveDate) -> String {
        dates::date_long(&self.layout.tr, day)
    }

    fn category_value(&self) -> String {
        self.category.map(|c| c.to_string()).unwrap_or_default()
    }

    fn year_value(&self) -> String {
        self.year.map(|y| y.to_string()).unwrap_or_default()
    }

    fn year_choices(&self) -> Vec<Choice> {
        self.years
            .iter()
            .map(|y| Choice::new(y, y.to_string()))
            .collect()
    }

    /// The filters are never refused with a message beside them.
    fn no_error(&self) -> Option<String> {
        None
    }
}

fn parse_query(query: &BookQuery) -> AppResult<(Option<Category>, Option<i32>)> {
    let category = match query.category.trim() {
        "" => None,
        c => Some(
            Category::parse(c)
                .ok_or_else(|| AppError::BadRequest(Msg::new("memories-no-such-kind")))?,
        ),
    };
    let year = match query.year.trim() {
        "" => None,
        y => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (form::FIRST_YEAR..=form::LAST_YEAR).contains(y))
                .ok_or_else(|| {
                    AppError::BadRequest(Msg::new("memories-please-choose-year-from"))
                })?,
        ),
    };
    Ok((category, year))
}

/// GET `/bonds/{bond}/together/memories`
pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Query(query): Query<BookQuery>,
) -> AppResult<Response> {
    let (category, year) = parse_query(&query)?;
    let mut conn = state.db.conn().await?;
    let all = super::all(&mut conn, &access).await?;
    let years: Vec<i32> = all
        .iter()
        .map(Memory::year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .rev()
        .collect();
    let today = viewer.actor().today();
    let (on_this_day, shown): (Vec<Memory>, Vec<Memory>) = {
        let remembered = all
            .iter()
            .filter(|m| is_on_this_day(m.happened_on, today))
            .cloned()
            .collect();
        let shown = all
            .iter()
            .filter(|m| category.is_none_or(|c| m.category == Some(c)))
            .filter(|m| year.is_none_or(|y| m.year() == y))
            .cloned()
            .collect();
        (remembered, shown)
    };
    let keys: Vec<&str> = shown
        .iter()
        .chain(&on_this_day)
        .map(|m| m.moment_key.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let photos = photos::of_moments(&mut conn, &access, &keys).await?;
    let perspectives = reflections::of_moments(&mut conn, &access, &keys).await?;
    let awaiting = awaiting_reflection(&mut conn, &access).await?;
    drop(conn);
    let entry = |memory: Memory| Entry {
        thumbs: photos
            .iter()
            .filter(|p| p.moment_key == memory.moment_key)
            .take(THUMBS_PER_ENTRY)
            .cloned()
            .collect(),
        authors: perspectives
            .iter()
            .filter(|r| r.moment_key == memory.moment_key)
            .map(|r| r.author_id.clone())
            .collect(),
        memory,
    };
    let page = BookPage {
        layout: Layout::member(
            viewer.tr.t("memories-title-memory-book"),
            Section::Together,
            &viewer,
        ),
        has_any: !all.is_empty(),
        awaiting,
        entries: shown.into_iter().map(&entry).collect(),
        on_this_day: on_this_day.into_iter().map(&entry).collect(),
        years,
        category,
        year,
        access,
    };
    Ok(render(StatusCode::OK, &page))
}

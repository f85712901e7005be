//! The Together overview of one bond: where plan → do → reflect → remember starts. It shows
//! what is waiting for a reflection, the next times together, the week against the goal, the
//! latest memories, and one idea: something the other starred that the reader has not.

use crate::web::bond::InBond;
use askama::Template;
use axum::{extract::State, response::Response};
use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::activities::{
    catalogue::{self, ActivityView},
    favourites,
};
use crate::{
    app::AppState,
    error::AppResult,
    i18n::dates,
    privacy::{BondAccess, visible},
    web::page::{Layout, Section, ok},
};
use crate::{
    memories::{
        self, Memory,
        reflections::on_plans::{Awaiting, awaiting_reflection},
    },
    plans::{
        Calendar,
        goal::{self, GoalProgress},
        view::Slot,
    },
};

/// How far ahead the overview lists times together.
const COMING_DAYS: i64 = 14;
/// How many of the latest memories it shows.
const LATEST_MEMORIES: i64 = 3;

#[derive(Template)]
#[template(path = "together/hub.html")]
struct HubPage {
    layout: Layout,
    access: BondAccess,
    awaiting: Vec<Awaiting>,
    coming: Vec<Slot>,
    progress: GoalProgress,
    latest: Vec<Memory>,
    idea: Option<ActivityView>,
}

impl HubPage {
    fn reflect_path(&self, waiting: &Awaiting) -> String {
        waiting.path(&self.access)
    }
    fn memory_path(&self, memory: &Memory) -> String {
        memory.path(&self.access)
    }
    fn book_path(&self) -> String {
        memories::book_path(&self.access)
    }
    fn activity_path(&self, a: &ActivityView) -> String {
        self.access.href(&format!("together/activities/{}", a.id))
    }
    /// "Sun 14 Mar", in the page's language.
    fn short_day(&self, at: &NaiveDateTime) -> String {
        dates::weekday_day_month_short(&self.layout.tr, at)
    }
    /// "14 Mar 2027", in the page's language.
    fn short_date(&self, day: &NaiveDate) -> String {
        dates::date_short(&self.layout.tr, day)
    }
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let now = access.now();
    let reader_tz = viewer.actor().tz();
    // One read of the calendar serves the goal's weeks and the times to come.
    let calendar =
        Calendar::load_from(&mut conn, &access, goal::window_start(&access, now)).await?;
    let progress = goal::progress(
        goal::current(&mut conn, &access).await?,
        &calendar,
        &access,
        now,
    );
    let coming = calendar
        .between(now, now + Duration::days(COMING_DAYS))
        .into_iter()
        .filter(|o| o.is_on())
        .map(|o| Slot::new(&viewer.tr, o, &calendar, reader_tz, now))
        .collect();
    let awaiting = awaiting_reflection(&mut conn, &access).await?;
    let latest = visible::<Memory>(&access)
        .order_by("happened_on DESC, created_at DESC, id DESC")
        .limit(LATEST_MEMORIES)
        .list(&mut conn)
        .await?;
    let liked = favourites::of_bond(&mut conn, &access).await?;
    let idea = catalogue::for_bond(&mut conn, &access)
        .await?
        .into_iter()
        .find(|a| liked.is_theirs(&a.id) && !liked.is_mine(&a.id));
    Ok(ok(&HubPage {
        layout: Layout::member(
            viewer.tr.t("together-title-together"),
            Section::Together,
            &viewer,
        ),
        access,
        awaiting,
        coming,
        progress,
        latest,
        idea,
    }))
}

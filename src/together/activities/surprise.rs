//! "Surprise us": one activity at random among those that pass the filters and fit the son's
//! age, avoiding what the bond was offered lately. Each surprise is remembered in
//! `activity_picks`, a record of the bond (like the questions offered to it), not anyone's
//! writing.

use crate::web::bond::InBond;
use std::collections::{HashMap, HashSet};

use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;

use super::{
    browse,
    catalogue::{self, ActivityView, FilterForm},
    favourites,
};
use crate::{
    app::AppState,
    col,
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::AppResult,
    plans::Plan,
    privacy::{Bind, BondAccess, visible},
    web::form::{FieldErrors, Form},
};

/// A surprise avoids the bond's last this many picks…
pub const AVOID_LAST: usize = 20;
/// …and anything picked within this many weeks.
pub const AVOID_WEEKS: i64 = 8;
/// Picks older than this are forgotten.
const KEEP_DAYS: i64 = 366;

/// The bond's picks and planned activities, newest first: activity id and when.
async fn history(
    h: &mut impl Handle,
    access: &BondAccess,
) -> AppResult<Vec<(String, DateTime<Utc>)>> {
    let mut picks = db_run!(h, |c| {
        sqlx::query_as::<_, (String, DateTime<Utc>)>(
            "SELECT activity_id, picked_at FROM activity_picks WHERE bond_id = $1
         ORDER BY picked_at DESC, id DESC LIMIT 1000",
        )
        .bind(access.id())
        .fetch_all(c)
        .await
    })?;
    // Something the pair planned counts as offered when they planned it.
    let planned = visible::<Plan>(access)
        .filter(col!("activity_id").ne(Bind::Text(String::new())))
        .order_by("created_at DESC, id DESC")
        .limit(200)
        .list(h)
        .await?;
    picks.extend(
        planned
            .into_iter()
            .filter_map(|p| p.activity_id.map(|id| (id, p.created_at))),
    );
    picks.sort_by_key(|p| std::cmp::Reverse(p.1));
    Ok(picks)
}

/// The activities a surprise should not offer now: the last [`AVOID_LAST`] picks and every
/// pick of the last [`AVOID_WEEKS`] weeks, newest first, without repeats.
pub async fn recent_picks(h: &mut impl Handle, access: &BondAccess) -> AppResult<Vec<String>> {
    let picks = history(h, access).await?;
    Ok(recent_of(&picks, access.now()))
}

fn recent_of(picks: &[(String, DateTime<Utc>)], now: DateTime<Utc>) -> Vec<String> {
    let since = now - Duration::weeks(AVOID_WEEKS);
    let mut seen = HashSet::new();
    picks
        .iter()
        .enumerate()
        .filter(|(i, (_, at))| *i < AVOID_LAST || *at >= since)
        .filter(|(_, (id, _))| seen.insert(id.as_str()))
        .map(|(_, (id, _))| id.clone())
        .collect()
}

/// Chooses among `candidates`: at random among those not `avoided`; when every candidate was
/// offered lately, the one offered longest ago (so a narrow filter still gets an answer, and
/// not the same one twice running).
pub fn choose<'a>(
    candidates: &'a [ActivityView],
    avoided: &[String],
    picks: &[(String, DateTime<Utc>)],
) -> Option<&'a ActivityView> {
    let avoided: HashSet<&str> = avoided.iter().map(String::as_str).collect();
    let fresh: Vec<&ActivityView> = candidates
        .iter()
        .filter(|a| !avoided.contains(a.id.as_str()))
        .collect();
    if let Some(a) = fresh.choose(&mut rand::rng()) {
        return Some(a);
    }
    let mut last: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for (id, at) in picks {
        last.entry(id.as_str()).or_insert(*at);
    }
    candidates
        .iter()
        .min_by_key(|a| last.get(a.id.as_str()).copied())
}

async fn remember(h: &mut impl Handle, access: &BondAccess, activity_id: &str) -> AppResult<()> {
    let at = now();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO activity_picks (id, bond_id, activity_id, picked_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(activity_id)
    .bind(at)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM activity_picks WHERE bond_id = $1 AND picked_at < $2"
    )
    .bind(access.id())
    .bind(at - Duration::days(KEEP_DAYS))
    .execute(c)
    .await)?;
    Ok(())
}

/// POST with the browse page's filters: a surprise that passes them, shown on its own page
/// with "another surprise"; or the browse page again when the filters are wrong (422) or leave
/// nothing (with the filters worth loosening).
pub async fn surprise(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<FilterForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let filters = form.parse(&mut errors);
    if !errors.is_empty() {
        drop(conn);
        return browse::page(&state, &viewer, access, form, 1, true).await;
    }
    let all = catalogue::for_bond(&mut conn, &access).await?;
    let liked = favourites::of_bond(&mut conn, &access).await?;
    let candidates: Vec<ActivityView> = all
        .into_iter()
        .filter(|a| filters.admits(a, &liked))
        .collect();
    let picks = history(&mut conn, &access).await?;
    let avoided = recent_of(&picks, access.now());
    let Some(chosen) = choose(&candidates, &avoided, &picks) else {
        drop(conn);
        return browse::page(&state, &viewer, access, form, 1, true).await;
    };
    let mut tx = state.db.begin().await?;
    remember(&mut tx, &access, &chosen.id).await?;
    tx.commit().await?;
    let mut query = form.query();
    query.insert_str(
        0,
        if query.is_empty() {
            "surprise=1"
        } else {
            "surprise=1&"
        },
    );
    let path = access.href(&format!("together/activities/{}?{query}", chosen.id));
    Ok(Redirect::to(&path).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::together::activities;

    #[test]
    fn recent_picks_are_the_last_twenty_and_the_last_eight_weeks() {
        let now = Utc::now();
        // 30 picks, one a day: all within eight weeks.
        let daily: Vec<(String, DateTime<Utc>)> = (0..30)
            .map(|i| (format!("a{i}"), now - Duration::days(i)))
            .collect();
        assert_eq!(recent_of(&daily, now).len(), 30);
        // 30 picks, one a month: only the last twenty.
        let monthly: Vec<(String, DateTime<Utc>)> = (0..30)
            .map(|i| (format!("a{i}"), now - Duration::days(30 * i)))
            .collect();
        assert_eq!(recent_of(&monthly, now).len(), AVOID_LAST);
    }

    #[test]
    fn when_everything_was_offered_lately_the_oldest_offer_comes_back() {
        let now = Utc::now();
        let candidates: Vec<ActivityView> = activities::all()[..3]
            .iter()
            .map(ActivityView::from)
            .collect();
        let picks: Vec<(String, DateTime<Utc>)> = candidates
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), now - Duration::days(i as i64)))
            .collect();
        let avoided = recent_of(&picks, now);
        assert_eq!(
            choose(&candidates, &avoided, &picks).unwrap().id,
            candidates[2].id
        );
        assert!(choose(&[], &avoided, &picks).is_none());
    }
}

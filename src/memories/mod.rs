//! The memory book: moments the two lived, each with both perspectives and their photos.
//! A memory is always shared. It comes from a plan once both have reflected on it (or a week
//! after one did), or a member adds one directly; the other can add their perspective later.

pub mod book;
pub mod create;
pub mod photos;
pub mod reflections;
pub mod show;
pub mod submission;

use axum::Router;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::{
    app::AppState,
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::MemberId,
    privacy::{BondAccess, BondRecord, Visibility, visible},
};

pub fn router() -> Router<AppState> {
    use axum::routing::{get, post};
    // Only the forms that carry photos accept more than the app's small body limit.
    let with_photos = photos::upload::body_limit;
    Router::new()
        .route("/bonds/{bond}/together/memories", get(book::show))
        .route(
            "/bonds/{bond}/together/memories",
            post(create::create).layer(with_photos()),
        )
        .route("/bonds/{bond}/together/memories/new", get(create::new))
        .route("/bonds/{bond}/together/memories/{id}", get(show::show))
        .route(
            "/bonds/{bond}/together/memories/{id}/perspective",
            post(show::save_perspective).layer(with_photos()),
        )
        .route(
            "/bonds/{bond}/together/reflect/{occurrence}",
            get(reflections::page::show),
        )
        .route(
            "/bonds/{bond}/together/reflect/{occurrence}",
            post(reflections::page::save).layer(with_photos()),
        )
        .route(
            "/bonds/{bond}/together/reflect/{occurrence}/hers",
            post(reflections::page::save_hers).layer(with_photos()),
        )
        .route(
            "/bonds/{bond}/photos/{id}/{size}",
            get(photos::serve::photo),
        )
        .route("/bonds/{bond}/photos/{id}/delete", post(show::delete_photo))
        .route(
            "/bonds/{bond}/photos/{id}/describe",
            post(show::describe_photo),
        )
}

pub const TITLE_MAX: usize = 120;
/// How many days either side of today's date count as "on this day".
pub const ON_THIS_DAY_SPAN: i64 = 3;

/// What kind of moment it was: the activity library's categories.
pub use crate::together::activities::Category;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Memory {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    pub moment_key: String,
    pub title: String,
    pub happened_on: NaiveDate,
    pub category: Option<Category>,
    pub plan_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Memory {
    const TABLE: &'static str = "memories";
    const COLUMNS: &'static str = "id, author_id, visibility, made_together, moment_key, title, \
         happened_on, category, plan_id, created_at";
}

impl Memory {
    pub fn path(&self, access: &BondAccess) -> String {
        access.href(&format!("together/memories/{}", self.id))
    }

    pub fn year(&self) -> i32 {
        self.happened_on.year()
    }
}

pub fn book_path(access: &BondAccess) -> String {
    access.href("together/memories")
}

/// The moment key of a memory made directly (a plan's memory uses its occurrence's key).
pub fn direct_moment_key(memory_id: &str) -> String {
    format!("memory:{memory_id}")
}

/// What a new memory says about the moment.
#[derive(Debug, Clone)]
pub struct Moment {
    pub moment_key: String,
    pub title: String,
    pub happened_on: NaiveDate,
    pub category: Option<Category>,
    pub plan_id: Option<String>,
}

/// Adds the memory of a moment, written by the acting member. A moment has at most one
/// memory: when it already has one, nothing is added and `None` comes back.
pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
    moment: &Moment,
    made_together: bool,
) -> AppResult<Option<String>> {
    let at = now();
    let inserted = db_exec!(h, |c| sqlx::query(
        "INSERT INTO memories (id, bond_id, author_id, visibility, made_together, moment_key,
             title, happened_on, category, plan_id, created_at, updated_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (bond_id, moment_key) DO NOTHING"
    )
    .bind(id)
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(&moment.moment_key)
    .bind(&moment.title)
    .bind(moment.happened_on)
    .bind(moment.category)
    .bind(&moment.plan_id)
    .bind(at)
    .execute(c)
    .await)?;
    Ok((inserted == 1).then(|| id.to_owned()))
}

/// A fresh id for a memory about to be added.
pub fn new_memory_id() -> String {
    new_id()
}

/// Every memory of the bond, newest first (a family's book stays far below the cap).
pub async fn all(h: &mut impl Handle, access: &BondAccess) -> AppResult<Vec<Memory>> {
    visible::<Memory>(access)
        .order_by("happened_on DESC, created_at DESC, id DESC")
        .limit(5000)
        .list(h)
        .await
}

pub async fn get(h: &mut impl Handle, access: &BondAccess, id: &str) -> AppResult<Memory> {
    visible::<Memory>(access).get(h, id).await
}

/// The memory of a moment, if it has one.
pub async fn of_moment(
    h: &mut impl Handle,
    access: &BondAccess,
    moment_key: &str,
) -> AppResult<Option<Memory>> {
    Ok(visible::<Memory>(access)
        .filter(col!("moment_key").eq(crate::privacy::Bind::Text(moment_key.into())))
        .limit(1)
        .list(h)
        .await?
        .into_iter()
        .next())
}

/// Whether a memory of an earlier year happened within a few days of `today`'s date (across
/// the turn of the year too, and 29 February counting as 28 February or 1 March).
pub fn is_on_this_day(happened_on: NaiveDate, today: NaiveDate) -> bool {
    if happened_on.year() >= today.year() {
        return false;
    }
    (today.year() - 1..=today.year() + 1).any(|year| {
        let anniversary = happened_on
            .with_year(year)
            .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
            .expect("1 March exists every year");
        (anniversary - today).num_days().abs() <= ON_THIS_DAY_SPAN
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn on_this_day_takes_earlier_years_within_three_days() {
        let today = d(2026, 6, 15);
        assert!(is_on_this_day(d(2025, 6, 15), today));
        assert!(is_on_this_day(d(2019, 6, 12), today));
        assert!(is_on_this_day(d(2024, 6, 18), today));
        assert!(!is_on_this_day(d(2024, 6, 19), today));
        assert!(
            !is_on_this_day(d(2026, 6, 15), today),
            "this year is not a memory of old"
        );
        assert!(!is_on_this_day(d(2025, 7, 15), today));
    }

    #[test]
    fn on_this_day_crosses_the_new_year_and_leap_days() {
        assert!(is_on_this_day(d(2024, 12, 30), d(2026, 1, 1)));
        assert!(is_on_this_day(d(2025, 1, 2), d(2026, 12, 31)));
        assert!(is_on_this_day(d(2024, 2, 29), d(2026, 3, 2)));
        assert!(is_on_this_day(d(2024, 2, 29), d(2026, 2, 26)));
    }

    #[test]
    fn categories_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Category::ALL.len(), 10);
    }
}

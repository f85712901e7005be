//! Plans: one-on-one time put in the calendar, once or on a rhythm (weekly, every other week,
//! monthly), in the time zone it was planned in. Plans never change once made; either member
//! moves or cancels an occurrence, or stops a rhythm, by adding a [`PlanChange`] with a note,
//! so both see what happened and why. Both are shared within the bond and read through the
//! privacy core like every bond record.

mod calendar_file;
mod changes;
pub mod feed;
pub mod form;
pub mod goal;
mod ics;
pub mod list;
mod new;
pub mod schedule;
pub mod view;
mod vtimezone;

use axum::{
    Router,
    routing::{get, post},
};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

pub use calendar_file::{FileContext, write as write_ics};
pub use goal::{GoalProgress, goal_progress};

pub use schedule::{Occurrence, Status};

use crate::{
    app::AppState,
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::{AppError, AppResult},
    family::MemberId,
    privacy::{Bind, BondAccess, BondRecord, Visibility, visible},
    text_enum,
};

/// The routes of plans, the goal and the calendar feeds.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/bonds/{bond}/together/plans",
            get(list::show).post(new::create),
        )
        .route(
            "/bonds/{bond}/together/plans/new",
            get(new::show).post(new::create),
        )
        .route("/bonds/{bond}/together/plans/goal", post(list::set_goal))
        .route(
            "/bonds/{bond}/together/plans/times/{key}/move",
            post(changes::move_one),
        )
        .route(
            "/bonds/{bond}/together/plans/times/{key}/cancel",
            post(changes::cancel_one),
        )
        .route(
            "/bonds/{bond}/together/plans/{id}/stop",
            post(changes::stop),
        )
        // `{id}.ics`: a path parameter cannot be followed by text in the same segment.
        .route("/bonds/{bond}/together/plans/{file}", get(feed::download))
        .route(
            "/bonds/{bond}/together/calendar",
            get(feed::show).post(feed::new_link),
        )
        .route("/bonds/{bond}/together/calendar/off", post(feed::off))
        .route("/calendar/{file}", get(feed::feed))
}

text_enum! {
    /// How often a plan comes back.
    pub enum Recurrence {
        Once => "once",
        Weekly => "weekly",
        Fortnightly => "fortnightly",
        Monthly => "monthly",
    }
}

text_enum! {
    /// What a change did: moved or cancelled one occurrence, or stopped a rhythm from then on.
    pub enum ChangeKind { Moved => "moved", Cancelled => "cancelled", Stopped => "stopped" }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Plan {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    /// The library or own activity it was planned from, if any.
    pub activity_id: Option<String>,
    pub title: String,
    pub place: String,
    /// The IANA zone the start is given in.
    pub time_zone: String,
    pub starts_local: NaiveDateTime,
    pub minutes: i64,
    pub recurrence: Recurrence,
    /// The last local date a rhythm may fall on.
    pub until_day: Option<NaiveDate>,
    /// The first occurrence's instant, for ordering.
    pub first_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Plan {
    const TABLE: &'static str = "plans";
    const COLUMNS: &'static str = "id, author_id, visibility, made_together, activity_id, title, \
         place, time_zone, starts_local, minutes, recurrence, until_day, first_at, created_at";
}

impl Plan {
    pub fn tz(&self) -> Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanChange {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub plan_id: String,
    /// The occurrence's key; none for a stop.
    pub occurrence: Option<String>,
    pub kind: ChangeKind,
    pub new_starts_local: Option<NaiveDateTime>,
    pub new_minutes: Option<i64>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for PlanChange {
    const TABLE: &'static str = "plan_changes";
    const COLUMNS: &'static str = "id, author_id, visibility, plan_id, occurrence, kind, \
         new_starts_local, new_minutes, note, created_at";
}

/// A plan about to be made, already validated.
#[derive(Debug, Clone)]
pub struct NewPlan {
    pub activity_id: Option<String>,
    pub title: String,
    pub place: String,
    pub tz: Tz,
    pub starts_local: NaiveDateTime,
    pub minutes: i64,
    pub recurrence: Recurrence,
    pub until_day: Option<NaiveDate>,
}

/// Stores a plan made by the acting member; returns its id.
pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    plan: &NewPlan,
) -> AppResult<String> {
    let id = new_id();
    let now = now();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO plans (id, bond_id, author_id, visibility, made_together, activity_id, title,
             place, time_zone, starts_local, minutes, recurrence, until_day, first_at, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(&plan.activity_id)
    .bind(&plan.title)
    .bind(&plan.place)
    .bind(plan.tz.name())
    .bind(plan.starts_local)
    .bind(plan.minutes)
    .bind(plan.recurrence)
    .bind(plan.until_day)
    .bind(schedule::instant(plan.tz, plan.starts_local))
    .bind(now)
    .execute(c)
    .await)?;
    Ok(id)
}

/// A change about to be recorded, already validated.
#[derive(Debug, Clone)]
pub enum NewChange {
    Move {
        occurrence: String,
        starts_local: NaiveDateTime,
        minutes: i64,
    },
    Cancel {
        occurrence: String,
    },
    Stop,
}

/// Records a change of a plan by the acting member, with a note.
pub async fn change(
    h: &mut impl Handle,
    access: &BondAccess,
    plan_id: &str,
    change: &NewChange,
    note: &str,
) -> AppResult<()> {
    let (kind, occurrence, starts, minutes) = match change {
        NewChange::Move {
            occurrence,
            starts_local,
            minutes,
        } => (
            ChangeKind::Moved,
            Some(occurrence.as_str()),
            Some(*starts_local),
            Some(*minutes),
        ),
        NewChange::Cancel { occurrence } => {
            (ChangeKind::Cancelled, Some(occurrence.as_str()), None, None)
        }
        NewChange::Stop => (ChangeKind::Stopped, None, None, None),
    };
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO plan_changes (id, bond_id, author_id, visibility, plan_id, occurrence, kind,
             new_starts_local, new_minutes, note, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(plan_id)
    .bind(occurrence)
    .bind(kind)
    .bind(starts)
    .bind(minutes)
    .bind(note)
    .bind(now())
    .execute(c)
    .await)?;
    // Reminders of the old time are void: waiting ones are not sent, shown ones leave Today
    // (the next sweep reminds of a moved time anew).
    let about = occurrence.map_or_else(|| format!("{plan_id}-"), |key| format!("{key}@"));
    crate::reminders::void_about(
        h,
        access.id(),
        crate::reminders::NudgeKind::Plan,
        &about,
        "changed",
    )
    .await
}

/// A bond's plans and every change to them.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    pub plans: Vec<Plan>,
    pub changes: Vec<PlanChange>,
}

/// How many plans a bond's calendar reads at most: years of weekly rhythms and one-offs.
const PLAN_LIMIT: i64 = 2000;
const CHANGE_LIMIT: i64 = 10_000;

impl Calendar {
    /// Every plan of the bond and their changes, oldest first.
    pub async fn load(h: &mut impl Handle, access: &BondAccess) -> AppResult<Calendar> {
        Self::read(h, access, visible::<Plan>(access)).await
    }

    /// Only the plans that may have occurrences at or after `from` (and their changes).
    pub async fn load_from(
        h: &mut impl Handle,
        access: &BondAccess,
        from: DateTime<Utc>,
    ) -> AppResult<Calendar> {
        // A one-off plan that started long before `from` cannot reach it even when moved.
        let horizon = from - Duration::days(schedule::MOVE_LIMIT_DAYS + 2);
        let plans = visible::<Plan>(access).filter(
            col!("recurrence")
                .ne(Bind::Text(Recurrence::Once.as_str().into()))
                .or(col!("first_at").at_least(Bind::Time(horizon))),
        );
        Self::read(h, access, plans).await
    }

    async fn read(
        h: &mut impl Handle,
        access: &BondAccess,
        plans: crate::privacy::Visible<'_, Plan>,
    ) -> AppResult<Calendar> {
        let plans = plans
            .order_by("first_at, id")
            .limit(PLAN_LIMIT)
            .list(h)
            .await?;
        let changes = visible::<PlanChange>(access)
            .order_by("created_at, id")
            .limit(CHANGE_LIMIT)
            .list(h)
            .await?;
        Ok(Calendar { plans, changes })
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// Every occurrence starting in `[from, to)`, cancelled ones included, by start.
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        let mut all: Vec<Occurrence> = self
            .plans
            .iter()
            .flat_map(|p| schedule::occurrences(p, &self.changes, from, to))
            .collect();
        all.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then(a.key.cmp(&b.key)));
        all
    }

    /// The occurrence with this key, wherever it was moved to.
    pub fn occurrence(&self, key: &str) -> Option<Occurrence> {
        let (plan_id, planned) = schedule::parse_key(key)?;
        let plan = self.plan(plan_id)?;
        let planned_at = schedule::instant(plan.tz(), planned);
        let reach = Duration::days(schedule::MOVE_LIMIT_DAYS + 1);
        schedule::occurrences(plan, &self.changes, planned_at - reach, planned_at + reach)
            .into_iter()
            .find(|o| o.key == key)
    }

    /// The changes of one plan, oldest first (its history).
    pub fn history(&self, plan_id: &str) -> Vec<&PlanChange> {
        self.changes
            .iter()
            .filter(|c| c.plan_id == plan_id)
            .collect()
    }
}

/// The bond's occurrence with this key, or "not found" (another bond's, or none such).
pub async fn occurrence(
    h: &mut impl Handle,
    access: &BondAccess,
    key: &str,
) -> AppResult<Occurrence> {
    let (plan_id, _) = schedule::parse_key(key).ok_or(AppError::NotFound)?;
    let plan = visible::<Plan>(access).get(h, plan_id).await?;
    let changes = visible::<PlanChange>(access)
        .filter(col!("plan_id").eq(Bind::Text(plan.id.clone())))
        .order_by("created_at, id")
        .limit(CHANGE_LIMIT)
        .list(h)
        .await?;
    Calendar {
        plans: vec![plan],
        changes,
    }
    .occurrence(key)
    .ok_or(AppError::NotFound)
}

/// The bond's occurrences starting in `[from, to)`, cancelled ones included.
pub async fn between(
    h: &mut impl Handle,
    access: &BondAccess,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<Vec<Occurrence>> {
    Ok(Calendar::load_from(h, access, from)
        .await?
        .between(from, to))
}

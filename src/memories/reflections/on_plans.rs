//! Reflecting on a plan once it has happened. Each member reflects once on an occurrence that
//! is over and was not cancelled. A reflection is written private; when the second member
//! reflects, both are revealed in the same transaction (with their photos) and the two
//! perspectives become one memory. If only one has reflected a week after the occurrence's
//! end, a job makes the memory from that one and shares it; the other can still add their
//! side to the memory later. Until the reveal, the partner learns only that one has reflected
//! (`reflection_rounds`), never what.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Perspective, Reflection, insert as insert_reflection, mine};
use crate::{
    col,
    db::{Db, Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::{BondId, FamilyId, MemberId, member_in_family},
    i18n::Msg,
    jobs::{self, Job, Worker},
    memories::{
        self, Category, Moment,
        photos::{Photo, PhotoOwner, Staged},
    },
    plans::{self, Occurrence, Plan},
    privacy::{Bind, BondAccess, Visibility, reveal_pair, share_with_parent, update_own, visible},
};

/// How long the other member has to add their side before one reflection alone becomes a
/// memory: a week from the occurrence's end, or from the reflection when it came later.
pub const ALONE_AFTER: Duration = Duration::days(7);
/// How far back `awaiting_reflection` looks.
pub const AWAITING_DAYS: i64 = 14;

/// The week's job for a lone reflection: if the other member has not reflected by then, the
/// memory is made from this one (see [`run_alone_job`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReflectAlone {
    pub family_id: FamilyId,
    pub bond_id: BondId,
    /// The author of the lone reflection.
    pub member_id: MemberId,
    pub moment_key: String,
}

impl ReflectAlone {
    /// The job for the acting member's lone reflection on a moment.
    pub fn for_me(access: &BondAccess, moment_key: &str) -> ReflectAlone {
        let me = access.bond().partner_of(&access.partner().id);
        ReflectAlone {
            family_id: me.family_id.clone(),
            bond_id: access.id().clone(),
            member_id: me.id.clone(),
            moment_key: moment_key.to_owned(),
        }
    }
}

impl Job for ReflectAlone {
    const KIND: &'static str = "together.reflection_alone";

    fn key(&self) -> String {
        format!("{}:{}", self.bond_id, self.moment_key)
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        run_alone_job(&worker.db, self).await
    }
}

/// The moment key of a plan's occurrence.
pub fn moment_key(occurrence_key: &str) -> String {
    format!("plan:{occurrence_key}")
}

/// Where a member reflects on an occurrence (and where a reminder should point).
pub fn reflect_path(access: &BondAccess, occurrence_key: &str) -> String {
    access.href(&format!("together/reflect/{occurrence_key}"))
}

/// Who has reflected on an occurrence, and the memory it became.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Round {
    pub moment_key: String,
    pub plan_id: String,
    pub title: String,
    pub happened_on: NaiveDate,
    pub ends_at: DateTime<Utc>,
    pub mother_reflected_at: Option<DateTime<Utc>>,
    pub son_reflected_at: Option<DateTime<Utc>>,
    pub memory_id: Option<String>,
}

const ROUND_COLUMNS: &str = "moment_key, plan_id, title, happened_on, ends_at, \
     mother_reflected_at, son_reflected_at, memory_id";

impl Round {
    pub fn has_reflected(&self, access: &BondAccess, member: &MemberId) -> bool {
        if member == &access.bond().mother.id {
            self.mother_reflected_at.is_some()
        } else {
            self.son_reflected_at.is_some()
        }
    }
}

/// The column of the acting member in `reflection_rounds`.
fn my_column(access: &BondAccess) -> &'static str {
    if access.me() == &access.bond().mother.id {
        "mother_reflected_at"
    } else {
        "son_reflected_at"
    }
}

pub async fn round(
    h: &mut impl Handle,
    access: &BondAccess,
    moment_key: &str,
) -> AppResult<Option<Round>> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM reflection_rounds WHERE bond_id = $1 AND moment_key = $2"
    );
    Ok(db_run!(h, |c| sqlx::query_as::<_, Round>(&sql)
        .bind(access.id())
        .bind(moment_key)
        .fetch_optional(c)
        .await)?)
}

async fn rounds_ending_since(
    h: &mut impl Handle,
    access: &BondAccess,
    since: DateTime<Utc>,
) -> AppResult<Vec<Round>> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM reflection_rounds WHERE bond_id = $1 AND ends_at >= $2"
    );
    Ok(db_run!(h, |c| sqlx::query_as::<_, Round>(&sql)
        .bind(access.id())
        .bind(since)
        .fetch_all(c)
        .await)?)
}

/// Whether an occurrence can be reflected on now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Open,
    NotOver,
    Cancelled,
}

pub fn readiness(occurrence: &Occurrence, at: DateTime<Utc>) -> Readiness {
    if !occurrence.is_on() {
        Readiness::Cancelled
    } else if occurrence.ends_at > at {
        Readiness::NotOver
    } else {
        Readiness::Open
    }
}

impl Readiness {
    /// The refusal for a reflection sent anyway.
    pub fn refusal(self) -> Option<AppError> {
        match self {
            Readiness::Open => None,
            Readiness::NotOver => Some(AppError::Conflict(Msg::new("memories-not-happened-yet"))),
            Readiness::Cancelled => Some(AppError::Conflict(Msg::new(
                "memories-cancelled-nothing-reflect",
            ))),
        }
    }
}

/// The memory a plan's occurrence becomes.
async fn moment_of(
    h: &mut impl Handle,
    access: &BondAccess,
    occurrence: &Occurrence,
) -> AppResult<Moment> {
    Ok(Moment {
        moment_key: moment_key(&occurrence.key),
        title: occurrence.plan.title.clone(),
        happened_on: occurrence.local_start.date(),
        category: category_of(h, access, &occurrence.plan).await?,
        plan_id: Some(occurrence.plan.id.clone()),
    })
}

/// The kind of a plan's memory: the category of the activity it was planned from (library
/// or the pair's own), if any and if it still exists.
async fn category_of(
    h: &mut impl Handle,
    access: &BondAccess,
    plan: &Plan,
) -> AppResult<Option<Category>> {
    let Some(activity) = &plan.activity_id else {
        return Ok(None);
    };
    Ok(crate::together::find(h, access, activity)
        .await?
        .map(|a| a.category))
}

/// What writing a reflection led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reflected {
    /// The first of the two: private until the other reflects (or a week has passed).
    Waiting,
    /// The second: both revealed, and the memory made.
    Revealed { memory_id: String },
    /// The memory already existed (a week had passed): the reflection joined it, shared.
    Joined { memory_id: String },
}

/// Writes the acting member's reflection on an occurrence that is over, with the staged
/// photos, inside the caller's transaction. Reflecting twice is a conflict.
pub async fn reflect(
    h: &mut impl Handle,
    access: &BondAccess,
    occurrence: &Occurrence,
    perspective: &Perspective,
    staged: Option<&Staged>,
    made_together: bool,
) -> AppResult<Reflected> {
    if let Some(refusal) = readiness(occurrence, access.now()).refusal() {
        return Err(refusal);
    }
    let moment = moment_of(h, access, occurrence).await?;
    let key = moment.moment_key.as_str();
    // The round's row is what two members reflecting at the same moment queue on: the second
    // statement waits for the first transaction and then sees its reflection.
    let sql = format!(
        "INSERT INTO reflection_rounds (bond_id, moment_key, plan_id, title, happened_on, ends_at,
             {col}, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (bond_id, moment_key) DO UPDATE SET {col} = excluded.{col}
         WHERE reflection_rounds.{col} IS NULL",
        col = my_column(access)
    );
    let marked = db_exec!(h, |c| sqlx::query(&sql)
        .bind(access.id())
        .bind(key)
        .bind(&occurrence.plan.id)
        .bind(&moment.title)
        .bind(moment.happened_on)
        .bind(occurrence.ends_at)
        .bind(now())
        .execute(c)
        .await)?;
    if marked == 0 {
        return Err(AppError::Conflict(Msg::new(
            "memories-have-already-reflected",
        )));
    }
    let existing = round(h, access, key).await?.and_then(|r| r.memory_id);
    let visibility = match existing {
        Some(_) => Visibility::Shared,
        None => Visibility::Private,
    };
    let reflection =
        insert_reflection(h, access, key, perspective, visibility, made_together).await?;
    let owner = PhotoOwner {
        reflection_id: &reflection,
        moment_key: key,
        visibility,
        made_together,
    };
    if let Some(staged) = staged {
        staged.insert(h, access, &owner).await?;
    }
    if let Some(memory_id) = existing {
        return Ok(Reflected::Joined { memory_id });
    }
    if reveal_pair::<Reflection>(h, access, col!("moment_key"), Bind::Text(key.into())).await? {
        share_with_parent::<Reflection, Photo>(h, access, col!("reflection_id")).await?;
        let memory_id = make_memory(h, access, &moment)
            .await?
            .ok_or_else(|| AppError::Conflict(Msg::new("memories-has-just-become-memory")))?;
        return Ok(Reflected::Revealed { memory_id });
    }
    jobs::enqueue(
        h,
        &ReflectAlone::for_me(access, key),
        alone_due(occurrence.ends_at, now()),
    )
    .await?;
    Ok(Reflected::Waiting)
}

/// When a lone reflection written at `reflected_at` becomes the memory. Reflecting is offered
/// for [`AWAITING_DAYS`] after the end, longer than [`ALONE_AFTER`]: counting the week from
/// the end alone would share a late reflection at once, while the page still says that only
/// its author sees it.
pub fn alone_due(ends_at: DateTime<Utc>, reflected_at: DateTime<Utc>) -> DateTime<Utc> {
    ends_at.max(reflected_at) + ALONE_AFTER
}

/// Notes that the acting member has given their side of a plan's moment on its memory page
/// (after the week, when the memory was made without them), so it is no longer awaited.
pub async fn note_joined(h: &mut impl Handle, access: &BondAccess, key: &str) -> AppResult<()> {
    let sql = format!(
        "UPDATE reflection_rounds SET {col} = $1
         WHERE bond_id = $2 AND moment_key = $3 AND {col} IS NULL",
        col = my_column(access)
    );
    db_exec!(h, |c| sqlx::query(&sql)
        .bind(now())
        .bind(access.id())
        .bind(key)
        .execute(c)
        .await)?;
    Ok(())
}

/// Makes the memory of a round unless it has one: claims the round's `memory_id` first, so
/// the reveal and the week's job never both make one. Returns the new memory's id.
async fn make_memory(
    h: &mut impl Handle,
    access: &BondAccess,
    moment: &Moment,
) -> AppResult<Option<String>> {
    let id = memories::new_memory_id();
    let claimed = db_exec!(h, |c| sqlx::query(
        "UPDATE reflection_rounds SET memory_id = $1
         WHERE bond_id = $2 AND moment_key = $3 AND memory_id IS NULL"
    )
    .bind(&id)
    .bind(access.id())
    .bind(&moment.moment_key)
    .execute(c)
    .await)?;
    if claimed == 0 {
        return Ok(None);
    }
    memories::insert(h, access, &id, moment, false).await
}

/// The week's job: if the memory of the round is still not made, makes it from the one
/// reflection there is, shared by its author. Safe to run twice.
pub async fn run_alone_job(db: &Db, job: ReflectAlone) -> anyhow::Result<()> {
    let ReflectAlone {
        family_id: family,
        bond_id: bond,
        member_id: member,
        moment_key: key,
    } = job;
    let mut tx = db.begin().await?;
    // The author or the bond may be gone since: then there is nothing to share.
    let author = match member_in_family(&mut tx, &family, member.as_str()).await {
        Ok(m) => m,
        Err(AppError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let access = match BondAccess::open_as_system(&mut tx, &author, bond.as_str()).await {
        Ok(a) => a,
        Err(AppError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let Some(round) = round(&mut tx, &access, &key).await? else {
        return Ok(());
    };
    let Some(reflection) = mine(&mut tx, &access, &key).await? else {
        return Ok(());
    };
    let category = match visible::<Plan>(&access).get(&mut tx, &round.plan_id).await {
        Ok(plan) => category_of(&mut tx, &access, &plan).await?,
        Err(AppError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let moment = Moment {
        moment_key: key.clone(),
        title: round.title.clone(),
        happened_on: round.happened_on,
        category,
        plan_id: Some(round.plan_id.clone()),
    };
    if make_memory(&mut tx, &access, &moment).await?.is_none() {
        return Ok(());
    }
    if reflection.visibility == Visibility::Private {
        update_own::<Reflection>(
            &mut tx,
            &access,
            &reflection.id,
            vec![(
                col!("visibility"),
                Bind::Text(Visibility::Shared.as_str().into()),
            )],
        )
        .await?;
    }
    share_with_parent::<Reflection, Photo>(&mut tx, &access, col!("reflection_id")).await?;
    tx.commit().await?;
    Ok(())
}

/// An occurrence of the last two weeks the acting member has not reflected on.
#[derive(Debug, Clone)]
pub struct Awaiting {
    pub occurrence: Occurrence,
    /// The partner has reflected (only that, never what).
    pub partner_has_reflected: bool,
}

impl Awaiting {
    pub fn path(&self, access: &BondAccess) -> String {
        reflect_path(access, &self.occurrence.key)
    }
}

/// The occurrences that ended in the last 14 days, were not cancelled, and that the acting
/// member has not reflected on, oldest first. Today, the Together overview and the reminders
/// show them; a reminder links to [`reflect_path`].
pub async fn awaiting_reflection(
    h: &mut impl Handle,
    access: &BondAccess,
) -> AppResult<Vec<Awaiting>> {
    let now = access.now();
    let since = now - Duration::days(AWAITING_DAYS);
    // Starts up to a day before `since` can end after it (a plan lasts at most a day).
    let occurrences = plans::between(h, access, since - Duration::days(1), now).await?;
    let rounds = rounds_ending_since(h, access, since).await?;
    let partner = access.partner().id.clone();
    Ok(occurrences
        .into_iter()
        .filter(|o| o.is_on() && o.ends_at <= now && o.ends_at >= since)
        .filter_map(|occurrence| {
            let key = moment_key(&occurrence.key);
            let round = rounds.iter().find(|r| r.moment_key == key);
            if round.is_some_and(|r| r.has_reflected(access, access.me())) {
                return None;
            }
            Some(Awaiting {
                partner_has_reflected: round.is_some_and(|r| r.has_reflected(access, &partner)),
                occurrence,
            })
        })
        .collect())
}

//! The question of the day. Each bond gets one question per day, the same for both, and the
//! two always share the same day ([`pair_day`]): the date of whoever's day began first, so a
//! son nine hours away answers the very question his mother answered (see
//! docs/adr/0032-one-question-per-pair.md). Questions fit the son's age band, vary in topic and depth, and do
//! not repeat within a year while unseen ones remain. Answers are written blind and revealed
//! to both once both have answered (`privacy::reveal_pair`).

mod answers;
pub mod day;
pub mod history;

pub use answers::{answer, answer_together, skip};

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::questions::{self, Depth, Question, Topic};
use crate::{
    db::{Db, Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::{AgeBand, MemberId},
    i18n::Msg,
    privacy::{BondAccess, BondRecord, Visibility},
    text_enum,
};

/// How long a question stays out of the draw once offered.
pub const NO_REPEAT_DAYS: i64 = 365;
/// How long after a question of a cluster the draw avoids the others of that cluster.
pub const CLUSTER_GAP_DAYS: i64 = 60;
/// How long a chosen deck stays in focus.
pub const DECK_DAYS: i64 = 14;
pub const ANSWER_MAX: usize = 2000;

text_enum! {
    /// Where one member is with the day's question.
    pub enum Turn { Answered => "answered", Skipped => "skipped" }
}

/// A bond's question for one day, and where each member is with it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Day {
    pub day: NaiveDate,
    pub question_id: String,
    pub mother_state: Option<Turn>,
    pub son_state: Option<Turn>,
    pub revealed_at: Option<DateTime<Utc>>,
}

const DAY_COLUMNS: &str = "day, question_id, mother_state, son_state, revealed_at";

impl Day {
    pub fn question(&self) -> Option<&'static Question> {
        questions::by_id(&self.question_id)
    }

    /// Where a member of the bond is with this day's question.
    pub fn turn_of(&self, access: &BondAccess, member: &MemberId) -> Option<Turn> {
        if member == &access.bond().mother.id {
            self.mother_state
        } else {
            self.son_state
        }
    }

    pub fn is_revealed(&self) -> bool {
        self.revealed_at.is_some()
    }

    /// Nobody has answered or skipped yet: the question may still be swapped.
    pub fn untouched(&self) -> bool {
        self.mother_state.is_none() && self.son_state.is_none()
    }
}

/// An answer: private to its author until both have answered, then shared.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Answer {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    pub day: NaiveDate,
    pub question_id: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Answer {
    const TABLE: &'static str = "answers";
    const COLUMNS: &'static str =
        "id, author_id, visibility, made_together, day, question_id, body, created_at";
}

/// What the draw needs to know of a bond's past.
#[derive(Debug, Default)]
pub struct Past {
    /// The last day each question was offered.
    pub last_offered: HashMap<String, NaiveDate>,
    /// Topics of the most recent days, newest first.
    pub recent_topics: Vec<String>,
}

/// Depth wanted on a day: mostly light and medium, a deep one about once a week.
fn depth_for(day: NaiveDate) -> Depth {
    match day.num_days_from_ce() % 7 {
        3 => Depth::Deep,
        0 | 2 | 5 => Depth::Medium,
        _ => Depth::Light,
    }
}

/// A stable pick among `n`, different for each bond, day and attempt.
fn pick(n: usize, salt: &str, day: NaiveDate, attempt: usize) -> usize {
    let digest = Sha256::digest(format!("{salt}:{day}:{attempt}"));
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_le_bytes(first) % n.max(1) as u64) as usize
}

/// Chooses the question of `day` for a son of `band`: none of a cluster offered in the last
/// [`CLUSTER_GAP_DAYS`], one not offered within a year (or, when all have been, one of the
/// longest unseen), in the deck if one is in focus, else of a topic
/// the last days did not have, at the depth the day wants when possible. `skip` lists the
/// questions already offered that day ("another one, please").
pub fn choose(
    band: AgeBand,
    day: NaiveDate,
    salt: &str,
    past: &Past,
    deck: Option<Topic>,
    skip: &[String],
) -> Option<&'static Question> {
    let pool: Vec<&Question> = questions::for_band(band)
        .filter(|q| !skip.contains(&q.id))
        .collect();
    let year_ago = day - Duration::days(NO_REPEAT_DAYS);
    let unseen: Vec<&Question> = pool
        .iter()
        .copied()
        .filter(|q| past.last_offered.get(&q.id).is_none_or(|d| *d <= year_ago))
        .collect();
    // Once every question has been seen this year, the half unseen the longest comes back.
    let mut by_age = pool.clone();
    by_age.sort_by_key(|q| (past.last_offered.get(&q.id).copied(), q.id.as_str()));
    let longest_unseen: Vec<&Question> = by_age.into_iter().take(pool.len().div_ceil(2)).collect();
    // Nothing that asks what a recent question asked in other words: that comes before "not
    // seen this year", since a twin a few weeks later feels more like a repeat than the same
    // question half a year on.
    let recent = recent_clusters(past, day);
    let clear = |list: &[&'static Question]| -> Vec<&'static Question> {
        list.iter()
            .copied()
            .filter(|q| {
                q.cluster
                    .as_ref()
                    .is_none_or(|c| !recent.contains(c.as_str()))
            })
            .collect()
    };
    let mut fresh = [
        clear(&unseen),
        clear(&longest_unseen),
        unseen,
        longest_unseen,
    ]
    .into_iter()
    .find(|list| !list.is_empty())
    .unwrap_or_default();
    let narrow = |list: Vec<&'static Question>, keep: &dyn Fn(&Question) -> bool| {
        let kept: Vec<&'static Question> = list.iter().copied().filter(|q| keep(q)).collect();
        if kept.is_empty() { list } else { kept }
    };
    fresh = match deck {
        Some(topic) => narrow(fresh, &|q| q.topic() == topic),
        None => narrow(fresh, &|q| {
            !past.recent_topics.iter().take(3).any(|t| *t == q.topic)
        }),
    };
    let depth = depth_for(day);
    fresh = narrow(fresh, &|q| q.depth() == depth);
    fresh.sort_by(|a, b| a.id.cmp(&b.id));
    let chosen = pick(fresh.len(), salt, day, skip.len());
    fresh.get(chosen).copied()
}

/// The clusters of the questions offered in the [`CLUSTER_GAP_DAYS`] up to `day` (that day
/// too: "another one" does not bring back what was just passed over).
fn recent_clusters(past: &Past, day: NaiveDate) -> HashSet<&'static str> {
    let since = day - Duration::days(CLUSTER_GAP_DAYS);
    past.last_offered
        .iter()
        .filter(|(_, offered)| **offered > since && **offered <= day)
        .filter_map(|(id, _)| questions::by_id(id)?.cluster.as_deref())
        .collect()
}

async fn past(h: &mut impl Handle, access: &BondAccess, day: NaiveDate) -> AppResult<Past> {
    let offered: Vec<(String, NaiveDate)> = db_run!(h, |c| {
        sqlx::query_as(
        "SELECT question_id, MAX(day) FROM question_offers WHERE bond_id = $1 GROUP BY question_id"
    )
    .bind(access.id())
    .fetch_all(c)
    .await
    })?;
    let recent_topics: Vec<String> = db_run!(h, |c| {
        sqlx::query_scalar(
        "SELECT topic FROM daily_questions WHERE bond_id = $1 AND day < $2 ORDER BY day DESC LIMIT 3"
    )
    .bind(access.id())
    .bind(day)
    .fetch_all(c)
    .await
    })?;
    Ok(Past {
        last_offered: offered.into_iter().collect(),
        recent_topics,
    })
}

/// The deck in focus on `day`, if any.
pub async fn deck(
    h: &mut impl Handle,
    access: &BondAccess,
    day: NaiveDate,
) -> AppResult<Option<Topic>> {
    let topic: Option<String> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT topic FROM talk_decks WHERE bond_id = $1 AND until_day >= $2"
    )
    .bind(access.id())
    .bind(day)
    .fetch_optional(c)
    .await)?;
    Ok(topic.as_deref().and_then(Topic::parse))
}

/// Puts a deck in focus for the next two weeks, or none.
pub async fn set_deck(
    h: &mut impl Handle,
    access: &BondAccess,
    topic: Option<Topic>,
    today: NaiveDate,
) -> AppResult<()> {
    match topic {
        None => {
            db_exec!(h, |c| sqlx::query(
                "DELETE FROM talk_decks WHERE bond_id = $1"
            )
            .bind(access.id())
            .execute(c)
            .await)?;
        }
        Some(topic) => {
            db_exec!(h, |c| sqlx::query(
                "INSERT INTO talk_decks (bond_id, topic, until_day, chosen_by, created_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (bond_id) DO UPDATE SET topic = excluded.topic,
                     until_day = excluded.until_day, chosen_by = excluded.chosen_by,
                     created_at = excluded.created_at"
            )
            .bind(access.id())
            .bind(topic.as_str())
            .bind(today + Duration::days(DECK_DAYS))
            .bind(access.me())
            .bind(now())
            .execute(c)
            .await)?;
        }
    }
    Ok(())
}

/// The pair's day: the later of the two members' local dates, so the question changes when
/// the first of them reaches midnight and both always read the same one. Dates follow each
/// zone's own rules, daylight saving included.
pub fn pair_day(access: &BondAccess) -> NaiveDate {
    let bond = access.bond();
    let at = access.now();
    let local = |m: &crate::family::Member| at.with_timezone(&m.tz()).date_naive();
    local(&bond.mother).max(local(&bond.son))
}

/// The day before `day`, when the other answered it and the acting member has not (nor
/// skipped it): a late one is pointed there rather than left unaware.
pub async fn left_waiting(
    h: &mut impl Handle,
    access: &BondAccess,
    day: NaiveDate,
) -> AppResult<Option<Day>> {
    let Some(before) = load(h, access, day - Duration::days(1)).await? else {
        return Ok(None);
    };
    let waiting = before.turn_of(access, &access.partner().id) == Some(Turn::Answered)
        && before.turn_of(access, access.me()).is_none();
    Ok(waiting.then_some(before))
}

/// The bond's question of `day`, if one was drawn.
pub async fn load(
    h: &mut impl Handle,
    access: &BondAccess,
    day: NaiveDate,
) -> AppResult<Option<Day>> {
    let sql = format!("SELECT {DAY_COLUMNS} FROM daily_questions WHERE bond_id = $1 AND day = $2");
    Ok(db_run!(h, |c| sqlx::query_as::<_, Day>(&sql)
        .bind(access.id())
        .bind(day)
        .fetch_optional(c)
        .await)?)
}

/// The bond's days, newest first (for history).
pub async fn recent(h: &mut impl Handle, access: &BondAccess, limit: i64) -> AppResult<Vec<Day>> {
    let sql = format!(
        "SELECT {DAY_COLUMNS} FROM daily_questions WHERE bond_id = $1 ORDER BY day DESC LIMIT $2"
    );
    Ok(db_run!(h, |c| sqlx::query_as::<_, Day>(&sql)
        .bind(access.id())
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

/// The question of `day`, drawn now if nobody has opened that day yet. Two members opening it
/// at once get the same question: the first insert wins.
pub async fn of_day(db: &Db, access: &BondAccess, day: NaiveDate) -> AppResult<Day> {
    let mut conn = db.conn().await?;
    if let Some(d) = load(&mut conn, access, day).await? {
        return Ok(d);
    }
    drop(conn);
    let mut tx = db.begin().await?;
    let band = access.bond().son.age_band().unwrap_or(AgeBand::Teen);
    let past = past(&mut tx, access, day).await?;
    let deck = deck(&mut tx, access, day).await?;
    let question = choose(band, day, access.id().as_str(), &past, deck, &[])
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no question fits {band:?}")))?;
    let inserted = db_exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO daily_questions (bond_id, day, question_id, topic, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (bond_id, day) DO NOTHING"
    )
    .bind(access.id())
    .bind(day)
    .bind(&question.id)
    .bind(&question.topic)
    .bind(now())
    .execute(c)
    .await)?;
    if inserted == 1 {
        offer(&mut tx, access, day, &question.id).await?;
    }
    let drawn = load(&mut tx, access, day)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(drawn)
}

async fn offer(
    h: &mut impl Handle,
    access: &BondAccess,
    day: NaiveDate,
    id: &str,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO question_offers (bond_id, day, question_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING"
    )
    .bind(access.id())
    .bind(day)
    .bind(id)
    .execute(c)
    .await)?;
    Ok(())
}

/// "Another one, please": a new question for the day while neither has answered or skipped.
pub async fn another(db: &Db, access: &BondAccess, day: NaiveDate) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let current = load(&mut tx, access, day)
        .await?
        .ok_or(AppError::NotFound)?;
    if !current.untouched() {
        return Err(AppError::Conflict(Msg::new(
            "talk-one-has-already-answered",
        )));
    }
    let offered: Vec<String> = db_run!(&mut tx, |c| sqlx::query_scalar(
        "SELECT question_id FROM question_offers WHERE bond_id = $1 AND day = $2"
    )
    .bind(access.id())
    .bind(day)
    .fetch_all(c)
    .await)?;
    let band = access.bond().son.age_band().unwrap_or(AgeBand::Teen);
    let past = past(&mut tx, access, day).await?;
    let deck = deck(&mut tx, access, day).await?;
    let Some(question) = choose(band, day, access.id().as_str(), &past, deck, &offered) else {
        return Err(AppError::Conflict(Msg::new("talk-no-other-question-today")));
    };
    let changed = db_exec!(&mut tx, |c| sqlx::query(
        "UPDATE daily_questions SET question_id = $1, topic = $2
         WHERE bond_id = $3 AND day = $4 AND mother_state IS NULL AND son_state IS NULL"
    )
    .bind(&question.id)
    .bind(&question.topic)
    .bind(access.id())
    .bind(day)
    .execute(c)
    .await)?;
    if changed == 0 {
        return Err(AppError::Conflict(Msg::new(
            "talk-one-has-already-answered",
        )));
    }
    offer(&mut tx, access, day, &question.id).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A year of draws as the app makes them: each offered question is remembered.
    fn simulate(band: AgeBand, days: i64, deck: Option<Topic>) -> Vec<&'static Question> {
        let mut past = Past::default();
        let start = day("2026-01-01");
        let mut drawn = Vec::new();
        for i in 0..days {
            let d = start + Duration::days(i);
            let q = choose(band, d, "bond-1", &past, deck, &[]).unwrap();
            past.last_offered.insert(q.id.clone(), d);
            past.recent_topics.insert(0, q.topic.clone());
            drawn.push(q);
        }
        drawn
    }

    #[test]
    fn two_years_of_draws_keep_each_cluster_sixty_days_apart() {
        for band in AgeBand::ALL {
            let mut last: HashMap<&str, NaiveDate> = HashMap::new();
            let mut close = Vec::new();
            let mut seen = 0;
            for (i, q) in simulate(band, 730, None).into_iter().enumerate() {
                let d = day("2026-01-01") + Duration::days(i as i64);
                let Some(cluster) = q.cluster.as_deref() else {
                    continue;
                };
                seen += 1;
                if let Some(before) = last.insert(cluster, d)
                    && (d - before).num_days() < CLUSTER_GAP_DAYS
                {
                    close.push(format!("{cluster}: {before} then {d} ({})", q.id));
                }
            }
            assert!(seen > 20, "{band:?}: only {seen} clustered questions drawn");
            assert!(close.is_empty(), "{band:?}: {close:#?}");
        }
    }

    #[test]
    fn a_year_has_no_repeat_while_unseen_questions_remain() {
        for band in AgeBand::ALL {
            let pool = questions::for_band(band).count();
            let drawn = simulate(band, 365, None);
            let distinct: std::collections::HashSet<_> = drawn.iter().map(|q| &q.id).collect();
            assert_eq!(distinct.len(), pool.min(365), "{band:?}: pool {pool}");
            assert!(drawn.iter().all(|q| q.fits(band)));
            // A topic rarely comes twice in a row (only when the last unseen questions of a year
            // share one: no repeat comes first), and depth varies.
            let same: Vec<_> = drawn
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w[0].topic == w[1].topic)
                .map(|(i, w)| (i, w[0].topic.clone()))
                .collect();
            assert!(same.len() <= 3, "{band:?}: {same:?}");
            // About one deep question a week while every depth is still available.
            let deep = drawn[..60]
                .iter()
                .filter(|q| q.depth() == Depth::Deep)
                .count();
            assert!(
                deep <= 60 / 7 + 1,
                "{band:?}: {deep} deep questions in 60 days"
            );
        }
    }

    #[test]
    fn a_deck_in_focus_is_followed_and_another_is_a_different_question() {
        let drawn = simulate(AgeBand::Teen, 14, Some(Topic::Memories));
        assert!(drawn.iter().all(|q| q.topic() == Topic::Memories));
        let past = Past::default();
        let d = day("2026-05-05");
        let first = choose(AgeBand::Teen, d, "b", &past, None, &[]).unwrap();
        let second = choose(
            AgeBand::Teen,
            d,
            "b",
            &past,
            None,
            std::slice::from_ref(&first.id),
        )
        .unwrap();
        assert_ne!(first.id, second.id);
        // Deterministic for a bond and day, different across bonds.
        assert_eq!(
            choose(AgeBand::Teen, d, "b", &past, None, &[]).unwrap().id,
            first.id
        );
    }
}

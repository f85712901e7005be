//! Years of plans behind user 1's plans page and calendar feed: three weekly rhythms over five
//! years (four of them past) and a few hundred one-offs, some times moved or cancelled.
//!
//! The app only takes plans, moves and cancellations for the next two years, so everything is
//! made through its forms ahead of time and then moved back in time with SQL, by whole weeks
//! (weekdays and wall-clock times stay). Rhythms go back in steps: after each step the next
//! stretch of their times is within reach of the move and cancel forms.

use std::{collections::HashMap, path::Path};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;
use sqlx::{Connection, SqliteConnection};
use tandem::plans::schedule::{instant, key_of, parse_key};

use crate::{Result, together::Maker};

/// The zone of the benchmark's mothers (see the sign-up).
pub const ZONE: Tz = chrono_tz::Europe::Lisbon;
/// Weekly rhythms: title, weekday, start, end, place.
pub const RHYTHMS: [(&str, Weekday, &str, &str, &str); 3] = [
    (
        "Saturday football",
        Weekday::Sat,
        "10:00",
        "11:30",
        "Riverside park",
    ),
    (
        "Wednesday dinner, just us",
        Weekday::Wed,
        "19:00",
        "20:00",
        "Kitchen",
    ),
    ("Sunday video call", Weekday::Sun, "18:00", "18:30", ""),
];
/// How long each rhythm runs: about five years...
const RHYTHM_WEEKS: i64 = 261;
/// ...four of them behind us, reached in steps of less than two years.
const RHYTHM_STEPS_WEEKS: [i64; 3] = [100, 100, 9];
pub const ONE_OFFS: usize = 200;
/// One-offs are spread from four years ago to about a year ahead, one every few days.
const ONE_OFF_FIRST_DAYS_AGO: i64 = 1461;
const ONE_OFF_SPACING_DAYS: i64 = 9;
/// The furthest ahead a time is changed: the app takes moves up to two years ahead.
const REACH_DAYS: i64 = 700;
pub const OUTINGS: [&str; 8] = [
    "Climbing wall",
    "Science museum",
    "Bike ride to the lighthouse",
    "Cinema",
    "Board game café",
    "Football match",
    "Pottery class",
    "Market and lunch",
];

/// What was made.
pub struct Made {
    pub plans: usize,
    pub occurrences: usize,
    pub changes: usize,
}

/// A plan as stored.
#[derive(sqlx::FromRow)]
struct Stored {
    id: String,
    title: String,
    starts_local: NaiveDateTime,
    recurrence: String,
    until_day: Option<NaiveDate>,
}

pub async fn seed(maker: &mut Maker<'_>, today: NaiveDate, data_dir: &Path) -> Result<Made> {
    // Weeks each one-off goes back, by title.
    let mut one_off_weeks: HashMap<String, i64> = HashMap::new();
    for (title, weekday, start, end, place) in RHYTHMS {
        let first = next(weekday, today);
        let until = (first + Duration::weeks(RHYTHM_WEEKS - 1)).to_string();
        let fields = plan_fields(title, first, start, end, place, "weekly", &until);
        maker.post_form("/together/plans", &fields, title).await?;
    }
    let earliest = today + Duration::days(2);
    for i in 0..ONE_OFFS {
        let wanted = today - Duration::days(ONE_OFF_FIRST_DAYS_AGO)
            + Duration::days(ONE_OFF_SPACING_DAYS * i as i64);
        // A past date is made on the same weekday soon, and moved back afterwards.
        let weeks = ((earliest - wanted).num_days() + 6).max(0) / 7;
        let title = format!("{} ({})", OUTINGS[i % OUTINGS.len()], i + 1);
        let date = wanted + Duration::weeks(weeks);
        let fields = plan_fields(&title, date, "15:00", "17:00", "Town", "once", "");
        maker.post_form("/together/plans", &fields, &title).await?;
        one_off_weeks.insert(title, weeks);
    }

    let mut db = SqliteConnection::connect(&crate::feelings::database(data_dir)).await?;
    // By plan id, the first time not yet considered for a change.
    let mut next_time: HashMap<String, i64> = HashMap::new();
    let mut changes = 0;
    let mut plans = 0;
    for (step, rhythm_weeks) in RHYTHM_STEPS_WEEKS.into_iter().enumerate() {
        let made: Vec<Stored> = sqlx::query_as(
            "SELECT id, title, starts_local, recurrence, until_day FROM plans
             WHERE bond_id = $1 ORDER BY title, id",
        )
        .bind(maker.bond)
        .fetch_all(&mut db)
        .await?;
        plans = made.len();
        changes += change_some(maker, &made, today, &mut next_time).await?;
        let back: HashMap<&str, Duration> = made
            .iter()
            .map(|p| {
                let weeks = match (p.recurrence.as_str(), step) {
                    ("weekly", _) => rhythm_weeks,
                    (_, 0) => one_off_weeks.get(&p.title).copied().unwrap_or(0),
                    _ => 0,
                };
                (p.id.as_str(), Duration::weeks(weeks))
            })
            .collect();
        shift_back(&mut db, maker.bond, &made, &back).await?;
    }
    if plans != RHYTHMS.len() + ONE_OFFS {
        return Err(format!("expected {} plans, found {plans}", RHYTHMS.len() + ONE_OFFS).into());
    }
    Ok(Made {
        plans,
        occurrences: RHYTHMS.len() * RHYTHM_WEEKS as usize + ONE_OFFS,
        changes,
    })
}

/// Moves (a day or two later) or cancels, with a note, some of the times now within reach.
/// Returns how many changed.
async fn change_some(
    maker: &mut Maker<'_>,
    made: &[Stored],
    today: NaiveDate,
    next_time: &mut HashMap<String, i64>,
) -> Result<usize> {
    let mut changes = 0;
    for (n, plan) in made.iter().enumerate() {
        let (count, cancel_every, move_every) = if plan.recurrence == "weekly" {
            (RHYTHM_WEEKS, 9, 13)
        } else {
            (1, 25, 10)
        };
        let first = next_time.entry(plan.id.clone()).or_insert(0);
        for k in *first..count {
            let planned = plan.starts_local + Duration::weeks(k);
            if planned.date() > today + Duration::days(REACH_DAYS) {
                break;
            }
            *first = k + 1;
            if planned.date() < today + Duration::days(2) {
                continue;
            }
            let key = key_of(&plan.id, planned);
            let pick = k + n as i64;
            if pick % cancel_every == 4 {
                let path = format!("/together/plans/times/{key}/cancel");
                let fields = [("note", "Ill, sorry, next time!")];
                maker.post_form(&path, &fields, "cancelling a time").await?;
                changes += 1;
            } else if pick % move_every == 6 {
                let moved = planned + Duration::days(1 + pick % 2);
                let end = moved.time() + Duration::minutes(60);
                let path = format!("/together/plans/times/{key}/move");
                let fields = [
                    ("date", moved.date().to_string()),
                    ("start", moved.time().format("%H:%M").to_string()),
                    ("end", end.format("%H:%M").to_string()),
                    ("note", "School trip that day".to_owned()),
                ];
                maker.post_form(&path, &fields, "moving a time").await?;
                changes += 1;
            }
        }
    }
    Ok(changes)
}

/// Moves plans back in time by their durations, with their changes (keys and new times), in
/// one transaction. Creation times follow, as if each was made a week before it began.
async fn shift_back(
    db: &mut SqliteConnection,
    bond: &str,
    made: &[Stored],
    back: &HashMap<&str, Duration>,
) -> Result<()> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    for plan in made {
        let by = back
            .get(plan.id.as_str())
            .copied()
            .unwrap_or(Duration::zero());
        let starts = plan.starts_local - by;
        let first_at = instant(ZONE, starts);
        sqlx::query(
            "UPDATE plans SET starts_local = $1, until_day = $2, first_at = $3, created_at = $4
             WHERE id = $5",
        )
        .bind(starts)
        .bind(plan.until_day.map(|d| d - by))
        .bind(first_at)
        .bind((first_at - Duration::days(7)).min(now))
        .bind(&plan.id)
        .execute(&mut *tx)
        .await?;
    }
    let recorded: Vec<(String, Option<String>, Option<NaiveDateTime>)> = sqlx::query_as(
        "SELECT id, occurrence, new_starts_local FROM plan_changes WHERE bond_id = $1",
    )
    .bind(bond)
    .fetch_all(&mut *tx)
    .await?;
    for (id, occurrence, new_start) in recorded {
        let Some((plan, planned)) = occurrence.as_deref().and_then(parse_key) else {
            continue;
        };
        let by = back.get(plan).copied().unwrap_or(Duration::zero());
        let planned = planned - by;
        sqlx::query(
            "UPDATE plan_changes SET occurrence = $1, new_starts_local = $2, created_at = $3
             WHERE id = $4",
        )
        .bind(key_of(plan, planned))
        .bind(new_start.map(|s| s - by))
        .bind((instant(ZONE, planned) - Duration::days(2)).min(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The first `weekday` at least two days after `today`.
fn next(weekday: Weekday, today: NaiveDate) -> NaiveDate {
    let mut d = today + Duration::days(2);
    while d.weekday() != weekday {
        d += Duration::days(1);
    }
    d
}

fn plan_fields<'a>(
    title: &'a str,
    date: NaiveDate,
    start: &'a str,
    end: &'a str,
    place: &'a str,
    recurrence: &'a str,
    until: &str,
) -> Vec<(&'a str, String)> {
    vec![
        ("title", title.to_owned()),
        ("date", date.to_string()),
        ("start", start.to_owned()),
        ("end", end.to_owned()),
        ("place", place.to_owned()),
        ("zone", ZONE.name().to_owned()),
        ("recurrence", recurrence.to_owned()),
        ("until", until.to_owned()),
    ]
}

//! When a plan happens: its wall-clock starts by rhythm, turned into instants in the plan's
//! time zone, with each occurrence's latest change applied. Pure functions, so the goal, the
//! calendar feed, the reminders and the reflections all count the same occurrences.
//!
//! The rules follow RFC 5545 so that a calendar app expanding our RRULE finds the same dates:
//! a monthly plan on the 31st skips months without one; a start inside a daylight-saving gap
//! is taken with the offset before the gap; one inside a fold is its first instance.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, Offset, TimeZone,
    Utc,
};
use chrono_tz::Tz;

use super::{ChangeKind, Plan, PlanChange, Recurrence};
use crate::web::form;

/// How far an occurrence may be moved from its planned start, either way. Bounding it lets a
/// window of occurrences be found by expanding only a little around the window.
pub const MOVE_LIMIT_DAYS: i64 = 60;

/// The instant a wall-clock time in `tz` stands for (see the module comment for gaps and folds).
pub fn instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // In a gap: the offset in force just before it, applied to the wall-clock time.
            let before = instant_before_gap(tz, local);
            let offset = before.with_timezone(&tz).offset().fix();
            (local - Duration::seconds(offset.local_minus_utc() as i64)).and_utc()
        }
    }
}

/// An instant shortly before a gap that contains `local` (gaps are a few hours at most).
fn instant_before_gap(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local - Duration::hours(3);
    loop {
        if let LocalResult::Single(t) = tz.from_local_datetime(&probe) {
            return t.with_timezone(&Utc);
        }
        probe -= Duration::hours(1);
    }
}

/// The n-th wall-clock start of a rhythm (0 is the first), or `None` where the rhythm has no
/// such date (a monthly plan on the 31st in a 30-day month).
fn nth_start(start: NaiveDateTime, recurrence: Recurrence, n: u32) -> Option<NaiveDateTime> {
    match recurrence {
        Recurrence::Once => (n == 0).then_some(start),
        Recurrence::Weekly => start.checked_add_signed(Duration::weeks(n as i64)),
        Recurrence::Fortnightly => start.checked_add_signed(Duration::weeks(2 * n as i64)),
        Recurrence::Monthly => {
            let first = start.date().with_day(1)?;
            let month = first.checked_add_months(Months::new(n))?;
            let day = month.with_day(start.day())?;
            Some(day.and_time(start.time()))
        }
    }
}

/// The planned wall-clock starts of a plan whose local date lies in `[from, to]`, in order,
/// stopping at its last day and at a stop.
pub fn planned_starts(plan: &Plan, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDateTime> {
    let start = plan.starts_local;
    // Whatever is stored, a rhythm is never walked past the last day a form accepts.
    let last = match plan.until_day {
        Some(until) => until.min(to),
        None => to,
    }
    .min(form::last_day());
    // Skip ahead to near `from` instead of walking a long rhythm from its first date.
    let skip = match plan.recurrence {
        Recurrence::Once => 0,
        Recurrence::Weekly => (from - start.date()).num_weeks().max(0) as u32,
        Recurrence::Fortnightly => ((from - start.date()).num_weeks().max(0) / 2) as u32,
        Recurrence::Monthly => months_between(start.date(), from).saturating_sub(1),
    };
    let mut starts = Vec::new();
    let mut n = skip;
    loop {
        let Some(at) = nth_start(start, plan.recurrence, n) else {
            if plan.recurrence == Recurrence::Monthly && n < skip + 1200 {
                n += 1;
                continue;
            }
            break;
        };
        if at.date() > last {
            break;
        }
        if at.date() >= from {
            starts.push(at);
        }
        if plan.recurrence == Recurrence::Once {
            break;
        }
        n += 1;
    }
    starts
}

fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    let months = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    months.max(0) as u32
}

/// Where one occurrence stands after its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Planned,
    Moved,
    Cancelled,
}

/// One occurrence of a plan.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Stable across moves: the plan's id and the planned local start, e.g.
    /// `k3v9x0d2m8q4t7w1s5bz-20261129T1000`.
    pub key: String,
    pub plan: Plan,
    pub tz: Tz,
    /// The start the rhythm gave it, in the plan's time zone.
    pub planned_local: NaiveDateTime,
    /// The start it has now (moved or not), in the plan's time zone.
    pub local_start: NaiveDateTime,
    pub minutes: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: Status,
    /// The latest change of this occurrence (who moved or cancelled it, and their note).
    pub change: Option<PlanChange>,
}

impl Occurrence {
    pub fn is_on(&self) -> bool {
        self.status != Status::Cancelled
    }

    pub fn local_end(&self) -> NaiveDateTime {
        self.local_start + Duration::minutes(self.minutes)
    }
}

/// The key of the occurrence planned at `local`.
pub fn key_of(plan_id: &str, local: NaiveDateTime) -> String {
    format!("{plan_id}-{}", local.format("%Y%m%dT%H%M"))
}

/// Splits a key into the plan id and the planned local start.
pub fn parse_key(key: &str) -> Option<(&str, NaiveDateTime)> {
    let (plan, at) = key.rsplit_once('-')?;
    let local = NaiveDateTime::parse_from_str(at, "%Y%m%dT%H%M").ok()?;
    // A key comes from a path: keep its date within what Tandem computes with.
    (form::FIRST_YEAR..=form::LAST_YEAR)
        .contains(&local.year())
        .then_some((plan, local))
}

/// The occurrences of a plan that start in `[from, to)` after their changes (which may be of
/// any plan: the ones of this plan are picked out), cancelled ones included, by start.
pub fn occurrences(
    plan: &Plan,
    changes: &[PlanChange],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Occurrence> {
    let Ok(tz) = plan.time_zone.parse::<Tz>() else {
        return Vec::new();
    };
    let mine: Vec<&PlanChange> = changes.iter().filter(|c| c.plan_id == plan.id).collect();
    let stopped_at = mine
        .iter()
        .filter(|c| c.kind == ChangeKind::Stopped)
        .map(|c| c.created_at)
        .min();
    // Moves reach at most MOVE_LIMIT_DAYS, and a day either side covers every time zone.
    let margin = Duration::days(MOVE_LIMIT_DAYS + 1);
    let from_day = (from - margin).with_timezone(&tz).date_naive();
    let to_day = (to + margin).with_timezone(&tz).date_naive();
    let mut found: Vec<Occurrence> = planned_starts(plan, from_day, to_day)
        .into_iter()
        .filter_map(|planned| {
            let key = key_of(&plan.id, planned);
            let change = mine
                .iter()
                .filter(|c| c.occurrence.as_deref() == Some(key.as_str()))
                .max_by_key(|c| (c.created_at, c.id.clone()))
                .map(|c| (*c).clone());
            let planned_at = instant(tz, planned);
            if stopped_at.is_some_and(|stop| planned_at >= stop) {
                return None;
            }
            let (local_start, minutes, status) = match &change {
                Some(c) if c.kind == ChangeKind::Cancelled => {
                    (planned, plan.minutes, Status::Cancelled)
                }
                Some(PlanChange {
                    new_starts_local: Some(at),
                    new_minutes: Some(m),
                    ..
                }) => (*at, *m, Status::Moved),
                _ => (planned, plan.minutes, Status::Planned),
            };
            let starts_at = instant(tz, local_start);
            Some(Occurrence {
                key,
                plan: plan.clone(),
                tz,
                planned_local: planned,
                local_start,
                minutes,
                starts_at,
                ends_at: starts_at + Duration::minutes(minutes),
                status,
                change,
            })
        })
        .filter(|o| o.starts_at >= from && o.starts_at < to)
        .collect();
    found.sort_by_key(|o| o.starts_at);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{family::MemberId, privacy::Visibility};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn plan(tz: &str, start: &str, recurrence: Recurrence) -> Plan {
        let starts_local = at(start);
        Plan {
            id: "p1".into(),
            author_id: MemberId("m".into()),
            visibility: Visibility::Shared,
            made_together: false,
            activity_id: None,
            title: "Sunday walk".into(),
            place: String::new(),
            time_zone: tz.into(),
            starts_local,
            minutes: 60,
            recurrence,
            until_day: None,
            first_at: instant(tz.parse().unwrap(), starts_local),
            created_at: Utc::now(),
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        at(s).and_utc()
    }

    #[test]
    fn a_weekly_plan_keeps_its_wall_clock_time_across_daylight_saving() {
        // Lisbon leaves summer time on the last Sunday of October 2026 (25th).
        let p = plan("Europe/Lisbon", "2026-10-18 10:00", Recurrence::Weekly);
        let found = occurrences(&p, &[], utc("2026-10-01 00:00"), utc("2026-11-02 00:00"));
        let utc_hours: Vec<String> = found
            .iter()
            .map(|o| o.starts_at.format("%d %H:%M").to_string())
            .collect();
        assert_eq!(utc_hours, ["18 09:00", "25 10:00", "01 10:00"]);
        assert!(
            found
                .iter()
                .all(|o| o.local_start.format("%H:%M").to_string() == "10:00")
        );
    }

    #[test]
    fn a_monthly_plan_on_the_31st_skips_shorter_months() {
        let p = plan("America/Toronto", "2027-01-31 18:00", Recurrence::Monthly);
        let found = occurrences(&p, &[], utc("2027-01-01 00:00"), utc("2027-06-01 00:00"));
        let days: Vec<String> = found
            .iter()
            .map(|o| o.local_start.format("%m-%d").to_string())
            .collect();
        assert_eq!(days, ["01-31", "03-31", "05-31"]);
    }

    #[test]
    fn a_start_in_the_spring_gap_takes_the_offset_before_it() {
        // 2027-03-14 02:30 does not exist in Toronto; before the gap the offset is -05:00.
        let tz: Tz = "America/Toronto".parse().unwrap();
        assert_eq!(instant(tz, at("2027-03-14 02:30")), utc("2027-03-14 07:30"));
        // In the autumn fold the first 01:30 (still -04:00) is meant.
        assert_eq!(instant(tz, at("2027-11-07 01:30")), utc("2027-11-07 05:30"));
    }

    #[test]
    fn fortnightly_and_until_bound_the_rhythm() {
        let mut p = plan("Europe/Lisbon", "2026-12-06 17:00", Recurrence::Fortnightly);
        p.until_day = NaiveDate::from_ymd_opt(2027, 1, 17);
        let found = occurrences(&p, &[], utc("2026-12-01 00:00"), utc("2027-03-01 00:00"));
        let days: Vec<String> = found
            .iter()
            .map(|o| o.local_start.format("%m-%d").to_string())
            .collect();
        assert_eq!(days, ["12-06", "12-20", "01-03", "01-17"]);
    }

    #[test]
    fn the_latest_change_of_an_occurrence_decides_and_a_stop_ends_the_rhythm() {
        let p = plan("Europe/Lisbon", "2026-12-06 10:00", Recurrence::Weekly);
        let change =
            |id: &str, occ: Option<&str>, kind, new: Option<&str>, created: &str| PlanChange {
                id: id.into(),
                author_id: MemberId("m".into()),
                visibility: Visibility::Shared,
                plan_id: "p1".into(),
                occurrence: occ.map(str::to_owned),
                kind,
                new_starts_local: new.map(at),
                new_minutes: new.map(|_| 90),
                note: String::new(),
                created_at: utc(created),
            };
        let changes = [
            change(
                "a",
                Some("p1-20261213T1000"),
                ChangeKind::Cancelled,
                None,
                "2026-12-01 00:00",
            ),
            change(
                "b",
                Some("p1-20261213T1000"),
                ChangeKind::Moved,
                Some("2026-12-14 18:00"),
                "2026-12-02 00:00",
            ),
            change(
                "c",
                Some("p1-20261220T1000"),
                ChangeKind::Cancelled,
                None,
                "2026-12-02 00:00",
            ),
            change("d", None, ChangeKind::Stopped, None, "2026-12-25 00:00"),
            change(
                "e",
                Some("p9-20261206T1000"),
                ChangeKind::Cancelled,
                None,
                "2026-12-02 00:00",
            ),
        ];
        let found = occurrences(
            &p,
            &changes,
            utc("2026-12-01 00:00"),
            utc("2027-02-01 00:00"),
        );
        let seen: Vec<(String, Status, i64)> = found
            .iter()
            .map(|o| {
                (
                    o.local_start.format("%m-%d %H:%M").to_string(),
                    o.status,
                    o.minutes,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("12-06 10:00".to_string(), Status::Planned, 60),
                ("12-14 18:00".to_string(), Status::Moved, 90),
                ("12-20 10:00".to_string(), Status::Cancelled, 60),
            ]
        );
        assert_eq!(found[1].key, "p1-20261213T1000");
    }

    #[test]
    fn keys_round_trip() {
        let local = at("2026-12-06 10:00");
        let key = key_of("k3v9x0d2m8q4t7w1s5bz", local);
        assert_eq!(parse_key(&key), Some(("k3v9x0d2m8q4t7w1s5bz", local)));
        assert_eq!(parse_key("nonsense"), None);
    }
}

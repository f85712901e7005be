//! The one-on-one time goal: minutes a week the pair would like to spend together, and how the
//! last weeks went, shown gently (no streaks, nothing lost: every week starts afresh).
//!
//! The week rule (docs/adr/0013-plans-and-calendar.md): weeks are ISO weeks, Monday 00:00 to the
//! next Monday 00:00 in the **son's** time zone, so both members see the same weeks and the same
//! numbers. An occurrence counts, whole, in the week in which it starts, once it has started,
//! unless it was cancelled; a moved occurrence counts where and as long as it was moved to.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::{Calendar, Occurrence, schedule};
use crate::{
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::MemberId,
    privacy::{BondAccess, BondRecord, Visibility, visible},
};

/// The goal a member may choose, in minutes a week.
pub const GOAL_MIN: i64 = 15;
pub const GOAL_MAX: i64 = 600;
/// How many weeks the progress shows, this one included.
pub const WEEKS_SHOWN: usize = 8;

/// One setting of the goal; the latest holds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TimeGoal {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    /// `None`: no goal (turned off).
    pub minutes_per_week: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for TimeGoal {
    const TABLE: &'static str = "time_goals";
    const COLUMNS: &'static str = "id, author_id, visibility, made_together, minutes_per_week, \
         created_at";
}

/// The goal in force, if one was ever set (its minutes may be `None`: turned off).
pub async fn current(h: &mut impl Handle, access: &BondAccess) -> AppResult<Option<TimeGoal>> {
    Ok(visible::<TimeGoal>(access)
        .order_by("created_at DESC, id DESC")
        .limit(1)
        .list(h)
        .await?
        .into_iter()
        .next())
}

/// Sets (or with `None` turns off) the goal, as the acting member.
pub async fn set(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    minutes_per_week: Option<i64>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO time_goals (id, bond_id, author_id, visibility, made_together,
             minutes_per_week, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6)"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(minutes_per_week)
    .bind(now())
    .execute(c)
    .await)?;
    Ok(())
}

/// The Monday of the ISO week that contains `at`, in `tz`.
pub fn week_of(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    let day = at.with_timezone(&tz).date_naive();
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// The instant the week beginning on `monday` starts in `tz` (a midnight that a clock change
/// skips is taken as schedule::instant takes any skipped time).
pub fn week_start(tz: Tz, monday: NaiveDate) -> DateTime<Utc> {
    schedule::instant(tz, monday.and_time(NaiveTime::MIN))
}

/// The time of one week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekMinutes {
    pub monday: NaiveDate,
    /// Minutes of occurrences that started (and were not cancelled).
    pub minutes: i64,
    /// Minutes of occurrences still to come this week (not cancelled).
    pub planned: i64,
}

/// Minutes per week for the `weeks` weeks up to and including the one of `now`, oldest first,
/// by the week rule of this module. `occurrences` may hold anything (other weeks, cancelled
/// ones): only what the rule counts is counted.
pub fn weekly_minutes(
    occurrences: &[Occurrence],
    tz: Tz,
    now: DateTime<Utc>,
    weeks: usize,
) -> Vec<WeekMinutes> {
    let this_monday = week_of(tz, now);
    let mut out: Vec<WeekMinutes> = (0..weeks)
        .rev()
        .map(|back| WeekMinutes {
            monday: this_monday - Duration::weeks(back as i64),
            minutes: 0,
            planned: 0,
        })
        .collect();
    for o in occurrences.iter().filter(|o| o.is_on()) {
        let monday = week_of(tz, o.starts_at);
        if let Some(week) = out.iter_mut().find(|w| w.monday == monday) {
            if o.starts_at <= now {
                week.minutes += o.minutes;
            } else {
                week.planned += o.minutes;
            }
        }
    }
    out
}

/// How the goal goes: the goal in force and the last weeks, for the plans page and Today.
#[derive(Debug, Clone)]
pub struct GoalProgress {
    pub goal: Option<TimeGoal>,
    /// The zone the weeks are counted in (the son's), his name, and the reader's own zone.
    pub week_tz: Tz,
    pub son_name: String,
    pub reader_tz: Tz,
    /// Oldest first; the last one is this week.
    pub weeks: Vec<WeekMinutes>,
}

impl GoalProgress {
    /// The minutes a week aimed at, if a goal is on.
    pub fn goal_minutes(&self) -> Option<i64> {
        self.goal.as_ref().and_then(|g| g.minutes_per_week)
    }

    pub fn this_week(&self) -> &WeekMinutes {
        self.weeks.last().expect("at least one week")
    }

    /// The minutes still to reach the goal this week (0 once reached).
    pub fn still_to_go(&self) -> i64 {
        self.goal_minutes()
            .map_or(0, |g| (g - self.this_week().minutes).max(0))
    }

    pub fn reached_this_week(&self) -> bool {
        self.goal_minutes()
            .is_some_and(|g| self.this_week().minutes >= g)
    }

    /// The tallest thing a bar chart must fit: the goal or the longest week.
    pub fn scale(&self) -> i64 {
        self.weeks
            .iter()
            .map(|w| w.minutes)
            .chain(self.goal_minutes())
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// The earlier weeks (this one left out), oldest first.
    pub fn earlier_weeks(&self) -> &[WeekMinutes] {
        &self.weeks[..self.weeks.len().saturating_sub(1)]
    }
}

/// The instant the first week shown starts: the calendar must be loaded from there.
pub fn window_start(access: &BondAccess, now: DateTime<Utc>) -> DateTime<Utc> {
    let week_tz = access.bond().son.tz();
    let first_monday = week_of(week_tz, now) - Duration::weeks(WEEKS_SHOWN as i64 - 1);
    week_start(week_tz, first_monday)
}

/// The progress from a calendar loaded from at least [`window_start`].
pub fn progress(
    goal: Option<TimeGoal>,
    calendar: &Calendar,
    access: &BondAccess,
    now: DateTime<Utc>,
) -> GoalProgress {
    let week_tz = access.bond().son.tz();
    let to = week_start(week_tz, week_of(week_tz, now) + Duration::weeks(1));
    let occurrences = calendar.between(window_start(access, now), to);
    GoalProgress {
        goal,
        week_tz,
        son_name: access.bond().son.display_name.clone(),
        reader_tz: access.me_member().tz(),
        weeks: weekly_minutes(&occurrences, week_tz, now, WEEKS_SHOWN),
    }
}

/// The goal and the last [`WEEKS_SHOWN`] weeks of the bond, as of `now` (for Today, say).
pub async fn goal_progress(
    h: &mut impl Handle,
    access: &BondAccess,
    now: DateTime<Utc>,
) -> AppResult<GoalProgress> {
    let goal = current(h, access).await?;
    let calendar = Calendar::load_from(h, access, window_start(access, now)).await?;
    Ok(progress(goal, &calendar, access, now))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::plans::{ChangeKind, Plan, PlanChange, Recurrence};

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        local(s).and_utc()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan(id: &str, tz: &str, start: &str, minutes: i64, recurrence: Recurrence) -> Plan {
        Plan {
            id: id.into(),
            author_id: MemberId("m".into()),
            visibility: Visibility::Shared,
            made_together: false,
            activity_id: None,
            title: "Call".into(),
            place: String::new(),
            time_zone: tz.into(),
            starts_local: local(start),
            minutes,
            recurrence,
            until_day: None,
            first_at: schedule::instant(tz.parse().unwrap(), local(start)),
            created_at: utc("2027-01-01 00:00"),
        }
    }

    fn calendar(plans: Vec<Plan>, changes: Vec<PlanChange>) -> Calendar {
        Calendar { plans, changes }
    }

    fn change(plan: &str, key: &str, kind: ChangeKind, to: Option<(&str, i64)>) -> PlanChange {
        PlanChange {
            id: key.into(),
            author_id: MemberId("m".into()),
            visibility: Visibility::Shared,
            plan_id: plan.into(),
            occurrence: Some(key.into()),
            kind,
            new_starts_local: to.map(|(s, _)| local(s)),
            new_minutes: to.map(|(_, m)| m),
            note: String::new(),
            created_at: utc("2027-01-02 00:00"),
        }
    }

    const TORONTO: Tz = chrono_tz::America::Toronto;

    #[test]
    fn weeks_start_on_monday_midnight_in_the_given_zone() {
        // Monday 2027-03-01 03:00 UTC is still Sunday evening in Toronto.
        assert_eq!(week_of(TORONTO, utc("2027-03-01 03:00")), day("2027-02-22"));
        assert_eq!(week_of(TORONTO, utc("2027-03-01 05:00")), day("2027-03-01"));
        assert_eq!(
            week_start(TORONTO, day("2027-03-01")),
            utc("2027-03-01 05:00")
        );
        // The week of the spring change is an hour short: Monday 15 March starts at 04:00 UTC.
        assert_eq!(
            week_start(TORONTO, day("2027-03-15")),
            utc("2027-03-15 04:00")
        );
    }

    #[test]
    fn a_lisbon_plan_on_monday_morning_moves_between_toronto_weeks_with_the_clock_changes() {
        // Mondays 04:30 in Lisbon. Toronto springs forward on 14 March 2027, Lisbon on 28 March:
        // in between, 04:30 Lisbon is 00:30 Monday in Toronto; before and after it is 23:30
        // on the Sunday before, the previous Toronto week.
        let p = plan(
            "p",
            "Europe/Lisbon",
            "2027-03-01 04:30",
            60,
            Recurrence::Weekly,
        );
        let occurrences =
            calendar(vec![p], vec![]).between(utc("2027-02-01 00:00"), utc("2027-05-01 00:00"));
        let weeks = weekly_minutes(&occurrences, TORONTO, utc("2027-04-10 12:00"), 7);
        let seen: Vec<(String, i64)> = weeks
            .iter()
            .map(|w| (w.monday.format("%m-%d").to_string(), w.minutes))
            .collect();
        assert_eq!(
            seen,
            [
                ("02-22".to_string(), 60),  // Mon 1 Mar: Sunday evening in Toronto
                ("03-01".to_string(), 60),  // Mon 8 Mar: Sunday evening too
                ("03-08".to_string(), 0),   // Toronto's change: Mon 15 Mar falls on Monday
                ("03-15".to_string(), 60),  // Mon 15 Mar, 00:30 in Toronto
                ("03-22".to_string(), 120), // Mon 22 Mar, and Mon 29 Mar (Lisbon changed)
                ("03-29".to_string(), 60),  // Mon 5 Apr, Sunday evening again
                ("04-05".to_string(), 0),   // Mon 12 Apr has not started yet: planned
            ]
        );
        assert_eq!(weeks[6].planned, 60);
    }

    #[test]
    fn cancelled_time_does_not_count_and_moved_time_counts_where_and_as_long_as_it_went() {
        let p = plan(
            "p",
            "America/Toronto",
            "2027-11-01 18:00",
            60,
            Recurrence::Weekly,
        );
        let changes = vec![
            // Monday 8 Nov cancelled; Monday 15 Nov moved to Sunday 14 Nov for 90 minutes.
            change("p", "p-20271108T1800", ChangeKind::Cancelled, None),
            change(
                "p",
                "p-20271115T1800",
                ChangeKind::Moved,
                Some(("2027-11-14 10:00", 90)),
            ),
        ];
        let occurrences =
            calendar(vec![p], changes).between(utc("2027-10-01 00:00"), utc("2027-12-01 00:00"));
        let weeks = weekly_minutes(&occurrences, TORONTO, utc("2027-11-21 00:00"), 3);
        let minutes: Vec<i64> = weeks.iter().map(|w| w.minutes).collect();
        // Weeks of 1 Nov (the autumn change on the 7th is inside it), 8 Nov, 15 Nov.
        assert_eq!(minutes, [60, 90, 0]);
        assert_eq!(weeks[2].planned, 0, "the 15th moved into the week before");
    }

    #[test]
    fn progress_reports_this_week_against_the_goal_without_counting_the_past() {
        let week = |minutes| WeekMinutes {
            monday: day("2027-03-01"),
            minutes,
            planned: 0,
        };
        let mut progress = GoalProgress {
            goal: None,
            week_tz: TORONTO,
            son_name: "Iker".into(),
            reader_tz: TORONTO,
            weeks: vec![week(0), week(200), week(45)],
        };
        assert_eq!(progress.goal_minutes(), None);
        assert_eq!(progress.still_to_go(), 0);
        assert_eq!(progress.scale(), 200);
        progress.goal = Some(TimeGoal {
            id: "g".into(),
            author_id: MemberId("m".into()),
            visibility: Visibility::Shared,
            made_together: false,
            minutes_per_week: Some(60),
            created_at: utc("2027-01-01 00:00"),
        });
        assert_eq!(progress.still_to_go(), 15);
        assert!(!progress.reached_this_week());
        assert_eq!(progress.earlier_weeks().len(), 2);
        progress.weeks[2].minutes = 75;
        assert!(progress.reached_this_week());
        assert_eq!(progress.still_to_go(), 0);
    }
}

//! What the plans pages show of an occurrence or a rhythm: times in the reader's own zone, and
//! in the plan's zone when that differs ("10:00 your time · 15:00 in Lisbon").

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{
    Calendar, ChangeKind, Occurrence, Plan, PlanChange, Recurrence, Status,
    form::city,
    goal::{GoalProgress, WeekMinutes},
};
use crate::{
    i18n::{Tr, dates},
    web::controls::Labelled,
};

impl Labelled for Recurrence {
    fn label_key(self) -> &'static str {
        match self {
            Recurrence::Once => "plans-recurrence-once",
            Recurrence::Weekly => "plans-recurrence-weekly",
            Recurrence::Fortnightly => "plans-recurrence-fortnightly",
            Recurrence::Monthly => "plans-recurrence-monthly",
        }
    }
}

impl Recurrence {
    pub fn is_rhythm(self) -> bool {
        self != Recurrence::Once
    }
}

/// A span of time written out in one zone.
#[derive(Debug, Clone)]
pub struct Times {
    /// e.g. "Sun 14 Mar"
    pub day: String,
    pub start: String,
    pub end: String,
    /// The zone's city, e.g. "Lisbon".
    pub city: String,
}

impl Times {
    /// In the language of the request being answered.
    pub fn of(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Times {
        Times::read(&Tr::current(), tz, from, to)
    }

    /// In `tr`'s language.
    pub fn read(tr: &Tr, tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Times {
        let (from, to) = (from.with_timezone(&tz), to.with_timezone(&tz));
        Times {
            day: dates::weekday_date_short(tr, &from),
            start: dates::time(tr, &from),
            end: dates::time(tr, &to),
            city: city(tz),
        }
    }
}

/// One change of an occurrence, as a member sees it.
#[derive(Debug, Clone)]
pub struct ChangeLine {
    pub change: PlanChange,
    /// Where a move took it, in the reader's zone.
    pub to: Option<Times>,
}

/// One occurrence as a member sees it.
#[derive(Debug, Clone)]
pub struct Slot {
    pub occ: Occurrence,
    /// Every change of it, oldest first (the last one decides where it stands).
    pub changes: Vec<ChangeLine>,
    /// In the reader's own zone.
    pub mine: Times,
    /// In the plan's zone, when it is not the reader's.
    pub there: Option<Times>,
    /// For a moved one: when it was first planned, in the reader's zone.
    pub planned: Option<Times>,
    /// Still to come and not cancelled: it can be moved or cancelled.
    pub can_change: bool,
}

impl Slot {
    /// `calendar` gives the occurrence's changes; its times are written in `tr`'s language.
    pub fn new(
        tr: &Tr,
        occ: Occurrence,
        calendar: &Calendar,
        reader_tz: Tz,
        now: DateTime<Utc>,
    ) -> Slot {
        let changes = calendar
            .history(&occ.plan.id)
            .into_iter()
            .filter(|c| c.occurrence.as_deref() == Some(occ.key.as_str()))
            .map(|c| ChangeLine {
                to: c
                    .new_starts_local
                    .zip(c.new_minutes)
                    .map(|(local, minutes)| {
                        let at = super::schedule::instant(occ.tz, local);
                        Times::read(tr, reader_tz, at, at + chrono::Duration::minutes(minutes))
                    }),
                change: c.clone(),
            })
            .collect();
        let mine = Times::read(tr, reader_tz, occ.starts_at, occ.ends_at);
        let there =
            (occ.tz != reader_tz).then(|| Times::read(tr, occ.tz, occ.starts_at, occ.ends_at));
        let planned = (occ.status == Status::Moved).then(|| {
            let at = super::schedule::instant(occ.tz, occ.planned_local);
            Times::read(
                tr,
                reader_tz,
                at,
                at + chrono::Duration::minutes(occ.plan.minutes),
            )
        });
        let can_change = occ.is_on() && occ.starts_at > now;
        Slot {
            occ,
            changes,
            mine,
            there,
            planned,
            can_change,
        }
    }

    pub fn is_moved(&self) -> bool {
        self.occ.status == Status::Moved
    }

    pub fn is_cancelled(&self) -> bool {
        self.occ.status == Status::Cancelled
    }

    /// The move form's defaults: the current time, in the plan's zone.
    pub fn form_date(&self) -> String {
        self.occ.local_start.format("%Y-%m-%d").to_string()
    }

    pub fn form_start(&self) -> String {
        self.occ.local_start.format("%H:%M").to_string()
    }

    pub fn form_end(&self) -> String {
        self.occ.local_end().format("%H:%M").to_string()
    }

    /// The plan's city (the zone move times are given in).
    pub fn plan_city(&self) -> String {
        city(self.occ.tz)
    }
}

/// A plan that comes back, with how it stands.
#[derive(Debug, Clone)]
pub struct Rhythm {
    pub plan: Plan,
    /// e.g. "Sunday"
    pub weekday: String,
    /// The day of the month, for a monthly plan.
    pub month_day: String,
    pub time: String,
    pub end: String,
    pub city: String,
    pub first: String,
    pub until: Option<String>,
    /// The stop, if someone stopped it, and its day in the reader's zone.
    pub stop: Option<PlanChange>,
    pub stopped_on: String,
    /// Past its last date: nothing left to stop.
    pub over: bool,
}

impl Rhythm {
    /// Its days and times written in `tr`'s language.
    pub fn new(
        tr: &Tr,
        plan: &Plan,
        calendar: &Calendar,
        reader_tz: Tz,
        now: DateTime<Utc>,
    ) -> Rhythm {
        let start: NaiveDateTime = plan.starts_local;
        let end = start + chrono::Duration::minutes(plan.minutes);
        let stop = calendar
            .history(&plan.id)
            .into_iter()
            .find(|c| c.kind == ChangeKind::Stopped)
            .cloned();
        Rhythm {
            weekday: dates::weekday(tr, &start),
            month_day: start.format("%-d").to_string(),
            time: dates::time(tr, &start),
            end: dates::time(tr, &end),
            city: city(plan.tz()),
            first: dates::weekday_date_short(tr, &start),
            until: plan.until_day.map(|d| dates::weekday_date_short(tr, &d)),
            stopped_on: stop
                .as_ref()
                .map(|c| dates::weekday_date_short(tr, &c.created_at.with_timezone(&reader_tz)))
                .unwrap_or_default(),
            stop,
            over: plan
                .until_day
                .is_some_and(|d| d < now.with_timezone(&plan.tz()).date_naive()),
            plan: plan.clone(),
        }
    }

    pub fn is_monthly(&self) -> bool {
        self.plan.recurrence == Recurrence::Monthly
    }
}

/// Minutes for people, in `tr`'s language: "45 min", "1 h", "1 h 30 min".
pub fn hours_and_minutes(tr: &Tr, minutes: i64) -> String {
    tr.t_with(
        "plans-duration",
        &[
            ("hours", (minutes / 60).into()),
            ("minutes", (minutes % 60).into()),
        ],
    )
}

/// The weekly bars, drawn in the template from these numbers: a 320 × 120 box, bars in the top
/// 100 units, week labels under them.
impl GoalProgress {
    const BAR_AREA: i64 = 90;
    const BASE: i64 = 100;

    pub fn hm(&self, tr: &Tr, minutes: &i64) -> String {
        hours_and_minutes(tr, *minutes)
    }

    pub fn bar_x(&self, index: &usize) -> i64 {
        8 + 39 * *index as i64
    }

    pub fn label_x(&self, index: &usize) -> i64 {
        self.bar_x(index) + 14
    }

    pub fn bar_height(&self, week: &WeekMinutes) -> i64 {
        // A week with time always shows a sliver, so "a little" never looks like nothing.
        let h = week.minutes * Self::BAR_AREA / self.scale();
        if week.minutes > 0 { h.max(2) } else { 0 }
    }

    pub fn bar_y(&self, week: &WeekMinutes) -> i64 {
        Self::BASE - self.bar_height(week)
    }

    pub fn goal_y(&self) -> Option<i64> {
        self.goal_minutes()
            .map(|g| Self::BASE - g * Self::BAR_AREA / self.scale())
    }

    pub fn week_label(&self, tr: &Tr, week: &WeekMinutes) -> String {
        dates::day_month_short(tr, &week.monday)
    }

    /// The zone's city the weeks are counted in.
    pub fn week_city(&self) -> String {
        city(self.week_tz)
    }

    pub fn reaches_goal(&self, week: &WeekMinutes) -> bool {
        self.goal_minutes().is_some_and(|g| week.minutes >= g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_in_hours_and_minutes() {
        let tr = Tr::english();
        assert_eq!(hours_and_minutes(&tr, 45), "45 min");
        assert_eq!(hours_and_minutes(&tr, 60), "1 h");
        assert_eq!(hours_and_minutes(&tr, 90), "1 h 30 min");
        assert_eq!(hours_and_minutes(&tr, 600), "10 h");
    }

    #[test]
    fn a_time_reads_as_the_pages_always_wrote_it() {
        let tz = chrono_tz::Europe::Lisbon;
        let from = chrono::NaiveDate::from_ymd_opt(2027, 3, 14)
            .and_then(|d| d.and_hms_opt(9, 5, 0))
            .unwrap()
            .and_utc();
        let times = Times::read(
            &Tr::english(),
            tz,
            from,
            from + chrono::Duration::minutes(90),
        );
        assert_eq!(
            (times.day.as_str(), times.start.as_str(), times.end.as_str()),
            ("Sun 14 Mar 2027", "09:05", "10:35")
        );
        assert_eq!(times.city, "Lisbon");
    }
}

//! A bond's plans as an iCalendar file, for the calendar feed and the one-off download.
//!
//! One VEVENT per plan, with the stable UID `<plan id>@tandem`, its start in the plan's own
//! zone (`DTSTART;TZID=…`, with one VTIMEZONE per zone used) and an exact DURATION. A rhythm
//! carries an RRULE ending (UNTIL, in UTC) at its last date or at its stop; a cancelled time
//! of a rhythm is an EXDATE, a moved one an override with the same UID and a RECURRENCE-ID.
//! A one-off plan is written where it stands now, STATUS:CANCELLED once cancelled. SEQUENCE
//! counts the plan's changes, so calendar apps take the newest version.

use std::collections::BTreeMap;

use askama::Template;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{
    Calendar, ChangeKind, Occurrence, Plan, PlanChange, Recurrence, Status, ics::Ics, schedule,
    vtimezone,
};
use crate::family::Bond;

/// How many years past now (or past the latest plan) the time-zone definitions reach.
const ZONE_YEARS_AHEAD: i32 = 5;

#[derive(Template)]
#[template(path = "together/calendar_name.txt")]
struct CalendarName<'a> {
    mother: &'a str,
    son: &'a str,
}

#[derive(Template)]
#[template(path = "together/plan_description.txt")]
struct Description<'a> {
    bond: &'a Bond,
    plan: &'a Plan,
    change: Option<&'a PlanChange>,
    moved: bool,
    link: &'a str,
}

/// Where the file points people back to, and when it is made.
pub struct FileContext<'a> {
    pub bond: &'a Bond,
    /// The absolute link of the bond's plans page.
    pub link: &'a str,
    pub now: DateTime<Utc>,
}

/// The iCalendar text of every plan in `calendar`.
pub fn write(calendar: &Calendar, ctx: &FileContext) -> String {
    let mut ics = Ics::new();
    ics.begin("VCALENDAR");
    ics.prop("VERSION", "2.0");
    ics.prop("PRODID", "-//Tandem//Plans//EN");
    ics.prop("CALSCALE", "GREGORIAN");
    ics.prop("METHOD", "PUBLISH");
    let name = CalendarName {
        mother: &ctx.bond.mother.display_name,
        son: &ctx.bond.son.display_name,
    }
    .render()
    .unwrap_or_default();
    ics.text("X-WR-CALNAME", name.trim());
    ics.text("NAME", name.trim());
    ics.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    ics.prop("X-PUBLISHED-TTL", "PT1H");
    let events: Vec<Vec<Event>> = calendar
        .plans
        .iter()
        .map(|p| events_of(p, calendar))
        .collect();
    for (tz, (first, last)) in zones_used(&events, ctx.now).into_values() {
        vtimezone::write(&mut ics, tz, first, last);
    }
    for (plan, events) in calendar.plans.iter().zip(&events) {
        for event in events {
            write_event(&mut ics, plan, event, &calendar.history(&plan.id), ctx);
        }
    }
    ics.end("VCALENDAR");
    ics.finish()
}

/// One VEVENT to write: a plan's master (with its rule) or a moved time.
struct Event {
    tz: Tz,
    start: NaiveDateTime,
    minutes: i64,
    /// For a moved time of a rhythm: the start it was planned at.
    recurrence_id: Option<NaiveDateTime>,
    rule: Option<String>,
    exdates: Vec<NaiveDateTime>,
    cancelled: bool,
    change: Option<PlanChange>,
}

/// The events of one plan; none when nothing is left of it (a rhythm stopped before it began).
fn events_of(plan: &Plan, calendar: &Calendar) -> Vec<Event> {
    let tz = plan.tz();
    if plan.recurrence == Recurrence::Once {
        let key = schedule::key_of(&plan.id, plan.starts_local);
        return calendar
            .occurrence(&key)
            .map(|o| Event {
                tz,
                start: o.local_start,
                minutes: o.minutes,
                recurrence_id: None,
                rule: None,
                exdates: Vec::new(),
                cancelled: o.status == Status::Cancelled,
                change: o.change,
            })
            .into_iter()
            .collect();
    }
    let Some(until) = rhythm_end(plan, calendar) else {
        return Vec::new();
    };
    let mut rule = match plan.recurrence {
        Recurrence::Weekly => "FREQ=WEEKLY".to_owned(),
        Recurrence::Fortnightly => "FREQ=WEEKLY;INTERVAL=2".to_owned(),
        _ => format!("FREQ=MONTHLY;BYMONTHDAY={}", plan.starts_local.day()),
    };
    if let Some(last) = until {
        rule.push_str(&format!(";UNTIL={}", super::ics::utc(last)));
    }
    let changed = changed_occurrences(plan, calendar);
    let mut events = vec![Event {
        tz,
        start: plan.starts_local,
        minutes: plan.minutes,
        recurrence_id: None,
        rule: Some(rule),
        exdates: changed
            .iter()
            .filter(|o| o.status == Status::Cancelled)
            .map(|o| o.planned_local)
            .collect(),
        cancelled: false,
        change: None,
    }];
    events.extend(
        changed
            .into_iter()
            .filter(|o| o.status == Status::Moved)
            .map(|o| Event {
                tz,
                start: o.local_start,
                minutes: o.minutes,
                recurrence_id: Some(o.planned_local),
                rule: None,
                exdates: Vec::new(),
                cancelled: false,
                change: o.change,
            }),
    );
    events
}

/// The end of a rhythm for its RULE's UNTIL: `Some(None)` while it goes on, `Some(Some(t))`
/// for the instant of its last planned start (at its last date, or before its stop), `None`
/// when no time of it is left.
fn rhythm_end(plan: &Plan, calendar: &Calendar) -> Option<Option<DateTime<Utc>>> {
    let tz = plan.tz();
    let stopped_at = calendar
        .history(&plan.id)
        .into_iter()
        .filter(|c| c.kind == ChangeKind::Stopped)
        .map(|c| c.created_at)
        .min();
    let stop_day = stopped_at.map(|t| t.with_timezone(&tz).date_naive());
    let last_day = match (plan.until_day, stop_day) {
        (None, None) => return Some(None),
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
    };
    schedule::planned_starts(plan, plan.starts_local.date(), last_day)
        .into_iter()
        .map(|local| schedule::instant(tz, local))
        .rfind(|at| stopped_at.is_none_or(|stop| *at < stop))
        .map(Some)
}

/// The times of a plan that a change touched, where they stand now (a time the stop removed
/// is left out).
fn changed_occurrences(plan: &Plan, calendar: &Calendar) -> Vec<Occurrence> {
    let mut keys: Vec<&str> = calendar
        .history(&plan.id)
        .into_iter()
        .filter_map(|c| c.occurrence.as_deref())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| calendar.occurrence(k))
        .collect()
}

/// Each zone used, with the years its definition must cover.
fn zones_used(events: &[Vec<Event>], now: DateTime<Utc>) -> BTreeMap<String, (Tz, (i32, i32))> {
    let mut zones: BTreeMap<String, (Tz, (i32, i32))> = BTreeMap::new();
    for e in events.iter().flatten() {
        // A time may be moved a little before its plan's first one, even across a new year.
        let first = (e.start - Duration::days(schedule::MOVE_LIMIT_DAYS)).year();
        let last = e.start.year().max(now.year()) + ZONE_YEARS_AHEAD;
        let entry = zones
            .entry(e.tz.name().to_owned())
            .or_insert((e.tz, (first, last)));
        entry.1 = (entry.1.0.min(first), entry.1.1.max(last));
    }
    zones
}

fn write_event(
    ics: &mut Ics,
    plan: &Plan,
    event: &Event,
    history: &[&PlanChange],
    ctx: &FileContext,
) {
    let tzid = |name: &str| format!("{name};TZID={}", event.tz.name());
    ics.begin("VEVENT");
    ics.prop("UID", &format!("{}@tandem", plan.id));
    ics.prop("DTSTAMP", &super::ics::utc(ctx.now));
    if let Some(planned) = event.recurrence_id {
        ics.prop(&tzid("RECURRENCE-ID"), &super::ics::local(planned));
    }
    ics.prop(&tzid("DTSTART"), &super::ics::local(event.start));
    ics.prop("DURATION", &format!("PT{}M", event.minutes));
    if let Some(rule) = &event.rule {
        ics.prop("RRULE", rule);
    }
    for ex in &event.exdates {
        ics.prop(&tzid("EXDATE"), &super::ics::local(*ex));
    }
    ics.text("SUMMARY", &plan.title);
    if !plan.place.is_empty() {
        ics.text("LOCATION", &plan.place);
    }
    let description = Description {
        bond: ctx.bond,
        plan,
        change: event.change.as_ref(),
        moved: event
            .change
            .as_ref()
            .is_some_and(|c| c.kind == ChangeKind::Moved),
        link: ctx.link,
    }
    .render()
    .unwrap_or_default();
    ics.text("DESCRIPTION", description.trim());
    ics.prop("URL", ctx.link);
    ics.prop(
        "STATUS",
        if event.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        },
    );
    ics.prop("SEQUENCE", &history.len().to_string());
    ics.prop("CREATED", &super::ics::utc(plan.created_at));
    let modified = history
        .iter()
        .map(|c| c.created_at)
        .fold(plan.created_at, DateTime::max);
    ics.prop("LAST-MODIFIED", &super::ics::utc(modified));
    ics.end("VEVENT");
}

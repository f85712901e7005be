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
use crate::{family::Bond, i18n::Tr};

/// How many years past now (or past the latest plan) the time-zone definitions reach.
const ZONE_YEARS_AHEAD: i32 = 5;

#[derive(Template)]
#[template(path = "plans/calendar_name.txt")]
struct CalendarName<'a> {
    tr: Tr,
    mother: &'a str,
    son: &'a str,
}

#[derive(Template)]
#[template(path = "plans/plan_description.txt")]
struct Description<'a> {
    tr: Tr,
    bond: &'a Bond,
    plan: &'a Plan,
    change: Option<&'a PlanChange>,
    moved: bool,
    link: &'a str,
}

impl Description<'_> {
    /// Who moved or cancelled this time, and why.
    fn change_line(&self, change: &PlanChange) -> String {
        let key = if self.moved {
            "plans-feed-moved"
        } else {
            "plans-feed-cancelled"
        };
        let noted = if change.note.is_empty() { "no" } else { "yes" };
        self.tr.t_with(
            key,
            &[
                ("name", self.bond.name_of(&change.author_id).into()),
                ("noted", noted.into()),
                ("note", change.note.as_str().into()),
            ],
        )
    }
}

/// Where the file points people back to, and when it is made.
pub struct FileContext<'a> {
    pub bond: &'a Bond,
    /// The absolute link of the bond's plans page.
    pub link: &'a str,
    pub now: DateTime<Utc>,
    /// The language of the member the file is for (the feed's owner, the one downloading).
    pub tr: Tr,
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
        tr: ctx.tr,
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
        let first = e
            .start
            .checked_sub_signed(Duration::days(schedule::MOVE_LIMIT_DAYS))
            .unwrap_or(e.start)
            .year();
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
        tr: ctx.tr,
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{
        family::{FamilyId, Member, MemberId, Role},
        privacy::Visibility,
    };

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn member(id: &str, role: Role, name: &str, tz: &str) -> Member {
        Member {
            id: MemberId(id.into()),
            family_id: FamilyId("f".into()),
            account_id: None,
            role,
            display_name: name.into(),
            birth_date: None,
            time_zone: tz.into(),
            joined_at: chrono::Utc::now(),
            left_at: None,
            language: None,
            ended_bonds: Vec::new(),
        }
    }

    fn bond() -> Bond {
        Bond {
            id: crate::family::BondId("b".into()),
            mother: member("rosa", Role::Mother, "Rosa", "Europe/Lisbon"),
            son: member("iker", Role::Son, "Iker", "America/Toronto"),
            ended: false,
        }
    }

    fn plan(id: &str, tz: &str, start: &str, recurrence: Recurrence) -> Plan {
        Plan {
            id: id.into(),
            author_id: MemberId("rosa".into()),
            visibility: Visibility::Shared,
            made_together: false,
            activity_id: None,
            title: "Walk".into(),
            place: String::new(),
            time_zone: tz.into(),
            starts_local: local(start),
            minutes: 60,
            recurrence,
            until_day: None,
            first_at: schedule::instant(tz.parse().unwrap(), local(start)),
            created_at: local("2027-01-01 00:00").and_utc(),
        }
    }

    fn change(plan: &str, key: Option<&str>, kind: ChangeKind, at: &str) -> PlanChange {
        PlanChange {
            id: format!("{plan}-{at}"),
            author_id: MemberId("iker".into()),
            visibility: Visibility::Shared,
            plan_id: plan.into(),
            occurrence: key.map(str::to_owned),
            kind,
            new_starts_local: (kind == ChangeKind::Moved).then(|| local("2027-03-20 18:00")),
            new_minutes: (kind == ChangeKind::Moved).then_some(90),
            note: "Sorry, the match".into(),
            created_at: local(at).and_utc(),
        }
    }

    fn file(plans: Vec<Plan>, changes: Vec<PlanChange>) -> String {
        let bond = bond();
        let ctx = FileContext {
            bond: &bond,
            link: "https://tandem.example/bonds/b/together/plans",
            now: local("2027-02-01 12:00").and_utc(),
            tr: Tr::english(),
        };
        write(&Calendar { plans, changes }, &ctx)
    }

    #[test]
    fn a_last_date_ends_the_rule_at_the_last_start_in_utc() {
        let mut p = plan("w", "Europe/Lisbon", "2027-03-07 10:00", Recurrence::Weekly);
        p.until_day = NaiveDate::from_ymd_opt(2027, 4, 6);
        let ics = file(vec![p], vec![]);
        // Sunday 4 April is the last; Lisbon is on summer time by then.
        assert!(
            ics.contains("RRULE:FREQ=WEEKLY;UNTIL=20270404T090000Z\r\n"),
            "{ics}"
        );
        assert!(ics.contains("DTSTART;TZID=Europe/Lisbon:20270307T100000\r\n"));
        assert!(ics.contains("X-WR-CALNAME:Rosa & Iker\r\n"));
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
    }

    #[test]
    fn a_stop_ends_the_rule_before_it_and_a_rhythm_stopped_before_it_began_is_left_out() {
        let monthly = plan(
            "m",
            "America/Toronto",
            "2027-01-31 20:00",
            Recurrence::Monthly,
        );
        let early = plan(
            "e",
            "Europe/Lisbon",
            "2027-06-01 10:00",
            Recurrence::Fortnightly,
        );
        let changes = vec![
            change("m", None, ChangeKind::Stopped, "2027-06-15 00:00"),
            change("e", None, ChangeKind::Stopped, "2027-05-01 00:00"),
        ];
        let ics = file(vec![monthly, early], changes);
        // 31 May 20:00 in Toronto (EDT) is the last before the stop.
        assert!(
            ics.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20270601T000000Z\r\n"),
            "{ics}"
        );
        assert!(!ics.contains("UID:e@tandem"));
        assert!(
            !ics.contains("TZID:Europe/Lisbon"),
            "no zone that no event uses"
        );
    }

    #[test]
    fn cancelled_and_moved_times_become_exdates_overrides_and_a_cancelled_one_off() {
        let weekly = plan("w", "Europe/Lisbon", "2027-03-07 10:00", Recurrence::Weekly);
        let once = plan("o", "America/Toronto", "2027-03-10 19:00", Recurrence::Once);
        let changes = vec![
            change(
                "w",
                Some("w-20270314T1000"),
                ChangeKind::Cancelled,
                "2027-02-02 00:00",
            ),
            change(
                "w",
                Some("w-20270321T1000"),
                ChangeKind::Moved,
                "2027-02-03 00:00",
            ),
            change(
                "o",
                Some("o-20270310T1900"),
                ChangeKind::Cancelled,
                "2027-02-04 00:00",
            ),
        ];
        let ics = file(vec![weekly, once], changes);
        assert!(
            ics.contains("EXDATE;TZID=Europe/Lisbon:20270314T100000\r\n"),
            "{ics}"
        );
        assert!(ics.contains(
            "RECURRENCE-ID;TZID=Europe/Lisbon:20270321T100000\r\nDTSTART;TZID=Europe/Lisbon:20270320T180000\r\nDURATION:PT90M\r\n"
        ));
        assert!(
            ics.contains("DESCRIPTION:Iker moved this time: Sorry\\, the match\\nPlanned by Rosa")
        );
        assert_eq!(ics.matches("UID:w@tandem").count(), 2);
        assert_eq!(ics.matches("SEQUENCE:2\r\n").count(), 2);
        let one_off = &ics[ics.find("UID:o@tandem").unwrap()..];
        assert!(
            one_off.contains("STATUS:CANCELLED\r\nSEQUENCE:1\r\n"),
            "{one_off}"
        );
        assert!(
            !ics.contains("RRULE:FREQ=WEEKLY;"),
            "the weekly rule goes on"
        );
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 2);
    }
}

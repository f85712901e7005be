//! VTIMEZONE components from the time-zone database compiled into the binary: the zone's
//! offset at the start of the years covered, then every change of offset within them, each
//! as a STANDARD or DAYLIGHT sub-component with its own DTSTART (no rules to interpret), so a
//! calendar app that does not know the zone by name still places every time right.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::ics::{Ics, local, offset};

/// The offset in force at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    /// Seconds east of UTC.
    seconds: i32,
    daylight: bool,
    name: String,
}

fn rule_at(tz: Tz, at: DateTime<Utc>) -> Rule {
    let o = tz.offset_from_utc_datetime(&at.naive_utc());
    Rule {
        seconds: o.fix().local_minus_utc(),
        daylight: !o.dst_offset().is_zero(),
        name: o.abbreviation().unwrap_or_default().to_owned(),
    }
}

/// A change of offset: the instant and the rules before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub from_seconds: i32,
    pub to_seconds: i32,
    pub daylight: bool,
    pub name: String,
}

/// Zones change at most a few times a year; probing every six hours finds each change, and a
/// bisection to the second finds its instant.
const PROBE: Duration = Duration::hours(6);

/// Every change of offset (or of daylight saving) in `[from, to)`.
pub fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut found = Vec::new();
    let mut t = from;
    let mut rule = rule_at(tz, t);
    while t < to {
        let next = (t + PROBE).min(to);
        let next_rule = rule_at(tz, next);
        if next_rule != rule {
            // The change lies in (t, next]: bisect to the second (probes are whole seconds).
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap_or(next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if rule_at(tz, at(mid)) == rule {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = at(hi);
            let after = rule_at(tz, hi);
            found.push(Transition {
                at: hi,
                from_seconds: rule.seconds,
                to_seconds: after.seconds,
                daylight: after.daylight,
                name: after.name.clone(),
            });
            rule = after;
            t = hi;
        } else {
            t = next;
        }
    }
    found
}

fn sub_component(
    ics: &mut Ics,
    daylight: bool,
    onset_utc: DateTime<Utc>,
    from: i32,
    to: i32,
    name: &str,
) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    ics.begin(kind);
    // The onset is written in the local time in force before it (RFC 5545, 3.6.5).
    ics.prop(
        "DTSTART",
        &local(onset_utc.naive_utc() + Duration::seconds(from as i64)),
    );
    ics.prop("TZOFFSETFROM", &offset(from));
    ics.prop("TZOFFSETTO", &offset(to));
    if !name.is_empty() {
        ics.text("TZNAME", name);
    }
    ics.end(kind);
}

/// Writes the VTIMEZONE of `tz` covering the years `first..=last`.
pub fn write(ics: &mut Ics, tz: Tz, first: i32, last: i32) {
    let at = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .unwrap_or_default()
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
    };
    let (from, to) = (at(first), at(last + 1));
    ics.begin("VTIMEZONE");
    ics.prop("TZID", tz.name());
    let start = rule_at(tz, from);
    sub_component(
        ics,
        start.daylight,
        from,
        start.seconds,
        start.seconds,
        &start.name,
    );
    for t in transitions(tz, from, to) {
        sub_component(ics, t.daylight, t.at, t.from_seconds, t.to_seconds, &t.name);
    }
    ics.end("VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
            .unwrap()
            .and_utc()
    }

    #[test]
    fn lisbon_changes_twice_a_year_at_one_in_the_morning_utc() {
        let found = transitions(
            chrono_tz::Europe::Lisbon,
            utc("2027-01-01 00:00:00"),
            utc("2028-01-01 00:00:00"),
        );
        assert_eq!(
            found,
            [
                Transition {
                    at: utc("2027-03-28 01:00:00"),
                    from_seconds: 0,
                    to_seconds: 3600,
                    daylight: true,
                    name: "WEST".into()
                },
                Transition {
                    at: utc("2027-10-31 01:00:00"),
                    from_seconds: 3600,
                    to_seconds: 0,
                    daylight: false,
                    name: "WET".into()
                },
            ]
        );
    }

    #[test]
    fn a_zone_without_daylight_saving_has_only_its_offset() {
        let mut ics = Ics::new();
        write(&mut ics, chrono_tz::Asia::Kolkata, 2027, 2029);
        let out = ics.finish();
        assert_eq!(out.matches("BEGIN:STANDARD").count(), 1);
        assert!(out.contains("TZOFFSETTO:+0530\r\n"));
        assert!(!out.contains("DAYLIGHT"));
    }

    #[test]
    fn onsets_are_written_in_the_local_time_before_the_change() {
        let mut ics = Ics::new();
        write(&mut ics, chrono_tz::America::Toronto, 2027, 2027);
        let out = ics.finish();
        // Spring: 02:00 EST becomes 03:00 EDT; autumn: 02:00 EDT becomes 01:00 EST.
        assert!(out.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT"), "{out}");
        assert!(out.contains("BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD"), "{out}");
        assert!(out.starts_with("BEGIN:VTIMEZONE\r\nTZID:America/Toronto\r\nBEGIN:STANDARD\r\nDTSTART:20261231T190000\r\n"), "{out}");
    }
}

//! The plan form and the move form, parsed into domain types at the edge: a time that has
//! passed, an end before the start, an unknown rhythm or zone never reach the storage.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::{NewPlan, Recurrence, schedule};
use crate::{
    i18n::{Key, Msg},
    web::form::{self, FieldErrors, line},
};

pub const TITLE_MAX: usize = 120;
pub const PLACE_MAX: usize = 120;
pub const NOTE_MAX: usize = 300;
/// How long a plan lasts, in minutes: five minutes to a day.
pub const MINUTES_MIN: i64 = 5;
pub const MINUTES_MAX: i64 = 24 * 60;
/// How far ahead a plan may start.
pub const AHEAD_DAYS: i64 = 2 * 366;

/// The plan form as typed (also its prefill and its re-display after an error).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub title: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub zone: String,
    pub recurrence: String,
    pub until: String,
    pub activity: String,
}

/// The city of an IANA zone, for people: `America/Argentina/Buenos_Aires` → `Buenos Aires`.
pub fn city(tz: Tz) -> String {
    let name = tz.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// A library or own activity id passed along from the activity pages; anything else is dropped.
fn activity_id(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let fits = !raw.is_empty()
        && raw.len() <= 64
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    fits.then(|| raw.to_owned())
}

/// A start and an end on one day, checked: the start not passed in `tz`, not too far ahead,
/// the end after it. Errors go to `date`, `start` and `end`.
pub struct When {
    pub starts_local: NaiveDateTime,
    pub minutes: i64,
}

pub fn when(
    date: &str,
    start: &str,
    end: &str,
    tz: Option<Tz>,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Option<When> {
    let date_ok = form::date(date);
    if date_ok.is_none() {
        errors.add("date", Msg::new("plans-give-date-year-month"));
    }
    let start_ok = form::time(start);
    if start_ok.is_none() {
        errors.add("start", Msg::new("plans-give-start-hours-minutes"));
    }
    let end_ok = form::time(end);
    if end_ok.is_none() {
        errors.add("end", Msg::new("plans-give-end-hours-minutes"));
    }
    let (date, start, end) = (date_ok?, start_ok?, end_ok?);
    let minutes = (end - start).num_minutes();
    if minutes <= 0 {
        errors.add("end", Msg::new("plans-end-must-after-start"));
    } else if minutes < MINUTES_MIN {
        errors.add("end", Msg::new("plans-plan-lasts-least-5"));
    }
    let starts_local = date.and_time(start);
    let tz = tz?;
    let starts_at = schedule::instant(tz, starts_local);
    if starts_at <= now {
        errors.add(
            "date",
            Msg::with("plans-time-passed-in", [("city", city(tz).into())]),
        );
    } else if starts_at > now + Duration::days(AHEAD_DAYS) {
        errors.add("date", Msg::new("plans-up-to-two-years-ahead"));
    }
    (minutes >= MINUTES_MIN && starts_at > now && starts_at <= now + Duration::days(AHEAD_DAYS))
        .then_some(When {
            starts_local,
            minutes,
        })
}

impl PlanForm {
    /// The plan, or `None` with every problem in `errors`.
    pub fn validate(&self, now: DateTime<Utc>, errors: &mut FieldErrors) -> Option<NewPlan> {
        let title = errors.take(
            "title",
            line(&self.title, Key("field-the-title"), 1, TITLE_MAX),
        );
        let place = errors.take(
            "place",
            line(&self.place, Key("field-the-place"), 0, PLACE_MAX),
        );
        let tz = self.zone.trim().parse::<Tz>().ok();
        if tz.is_none() {
            errors.add("zone", Msg::new("plans-unknown-time-zone"));
        }
        let recurrence = Recurrence::parse(self.recurrence.trim());
        if recurrence.is_none() {
            errors.add("recurrence", Msg::new("plans-choose-how-often-once"));
        }
        let when = when(&self.date, &self.start, &self.end, tz, now, errors);
        let until = match (recurrence, self.until.trim()) {
            (Some(Recurrence::Once), _) | (_, "") => None,
            (_, raw) => match form::date(raw) {
                None => {
                    errors.add("until", Msg::new("plans-give-last-date-year"));
                    None
                }
                Some(until) => {
                    if form::date(&self.date).is_some_and(|first| until < first) {
                        errors.add("until", Msg::new("plans-last-date-before-first"));
                    }
                    Some(until)
                }
            },
        };
        if !errors.is_empty() {
            return None;
        }
        let when = when?;
        Some(NewPlan {
            activity_id: activity_id(&self.activity),
            title,
            place,
            tz: tz?,
            starts_local: when.starts_local,
            minutes: when.minutes,
            recurrence: recurrence?,
            until_day: until,
        })
    }
}

/// The move form of one occurrence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub note: String,
}

/// A move, checked against the occurrence's planned start: not into the past, and no further
/// than [`schedule::MOVE_LIMIT_DAYS`] either way.
pub struct Move {
    pub starts_local: NaiveDateTime,
    pub minutes: i64,
    pub note: String,
}

impl MoveForm {
    pub fn validate(
        &self,
        tz: Tz,
        planned_at: DateTime<Utc>,
        now: DateTime<Utc>,
        errors: &mut FieldErrors,
    ) -> Option<Move> {
        let note = errors.take("note", line(&self.note, Key("field-the-note"), 0, NOTE_MAX));
        let when = when(&self.date, &self.start, &self.end, Some(tz), now, errors);
        if let Some(w) = &when {
            let moved_at = schedule::instant(tz, w.starts_local);
            if (moved_at - planned_at).abs() > Duration::days(schedule::MOVE_LIMIT_DAYS) {
                errors.add(
                    "date",
                    Msg::with(
                        "plans-move-limit",
                        [("days", schedule::MOVE_LIMIT_DAYS.into())],
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return None;
        }
        let when = when?;
        Some(Move {
            starts_local: when.starts_local,
            minutes: when.minutes,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        NaiveDateTime::parse_from_str("2027-03-10 12:00", "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    fn form() -> PlanForm {
        PlanForm {
            title: "  Pancakes  ".into(),
            date: "2027-03-14".into(),
            start: "10:00".into(),
            end: "11:30".into(),
            place: "Kitchen".into(),
            zone: "Europe/Lisbon".into(),
            recurrence: "weekly".into(),
            until: "2027-06-01".into(),
            activity: "cook-pancakes".into(),
        }
    }

    fn errors_of(f: &PlanForm) -> FieldErrors {
        let mut errors = FieldErrors::default();
        assert!(f.validate(now(), &mut errors).is_none());
        errors
    }

    #[test]
    fn a_good_plan_is_cleaned_and_measured() {
        let mut errors = FieldErrors::default();
        let plan = form().validate(now(), &mut errors).unwrap();
        assert_eq!(plan.title, "Pancakes");
        assert_eq!(plan.minutes, 90);
        assert_eq!(plan.tz, chrono_tz::Europe::Lisbon);
        assert_eq!(plan.recurrence, Recurrence::Weekly);
        assert_eq!(plan.until_day, form::date("2027-06-01"));
        assert_eq!(plan.activity_id.as_deref(), Some("cook-pancakes"));
        // A one-off ignores a last date; a strange activity id is dropped.
        let once = PlanForm {
            recurrence: "once".into(),
            activity: "../etc".into(),
            ..form()
        };
        let plan = once.validate(now(), &mut errors).unwrap();
        assert_eq!((plan.until_day, plan.activity_id), (None, None));
    }

    #[test]
    fn the_past_is_judged_in_the_plans_own_zone() {
        // 12:30 on 10 March is past in Lisbon (12:00 UTC = 12:00 there)...
        let lisbon = PlanForm {
            date: "2027-03-10".into(),
            start: "11:30".into(),
            end: "12:30".into(),
            ..form()
        };
        assert!(
            errors_of(&lisbon)
                .get("date")
                .unwrap()
                .contains("passed in Lisbon")
        );
        // ...but 11:30 in Toronto (07:00 there now) is still to come.
        let toronto = PlanForm {
            zone: "America/Toronto".into(),
            ..lisbon
        };
        let mut errors = FieldErrors::default();
        assert!(toronto.validate(now(), &mut errors).is_some(), "{errors:?}");
    }

    #[test]
    fn every_bad_field_says_what_is_wrong() {
        let bad = PlanForm {
            title: " ".into(),
            place: "x".repeat(PLACE_MAX + 1),
            zone: "Mars/Olympus".into(),
            recurrence: "daily".into(),
            date: "14/03/2027".into(),
            ..form()
        };
        let errors = errors_of(&bad);
        for field in ["title", "place", "zone", "recurrence", "date"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        let ends_first = PlanForm {
            end: "09:00".into(),
            ..form()
        };
        assert!(
            errors_of(&ends_first)
                .get("end")
                .unwrap()
                .contains("after the start")
        );
        let too_short = PlanForm {
            end: "10:04".into(),
            ..form()
        };
        assert!(
            errors_of(&too_short)
                .get("end")
                .unwrap()
                .contains("at least 5")
        );
        let last_before_first = PlanForm {
            until: "2027-03-13".into(),
            ..form()
        };
        assert!(
            errors_of(&last_before_first)
                .get("until")
                .unwrap()
                .contains("before")
        );
        let far = PlanForm {
            date: "2030-01-01".into(),
            ..form()
        };
        assert!(errors_of(&far).get("date").unwrap().contains("two years"));
    }

    #[test]
    fn a_move_stays_within_the_limit_and_the_future() {
        let tz = chrono_tz::Europe::Lisbon;
        let planned = schedule::instant(
            tz,
            form::date("2027-03-14")
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
        );
        let moved = |date: &str| MoveForm {
            date: date.into(),
            start: "18:00".into(),
            end: "19:00".into(),
            note: "Football moved".into(),
        };
        let mut errors = FieldErrors::default();
        let ok = moved("2027-03-20")
            .validate(tz, planned, now(), &mut errors)
            .unwrap();
        assert_eq!((ok.minutes, ok.note.as_str()), (60, "Football moved"));
        let mut errors = FieldErrors::default();
        assert!(
            moved("2027-06-01")
                .validate(tz, planned, now(), &mut errors)
                .is_none()
        );
        assert!(errors.get("date").unwrap().contains("up to 60 days"));
        let mut errors = FieldErrors::default();
        assert!(
            moved("2027-03-01")
                .validate(tz, planned, now(), &mut errors)
                .is_none()
        );
        assert!(errors.get("date").unwrap().contains("already passed"));
    }

    #[test]
    fn cities_read_like_places() {
        assert_eq!(
            city(chrono_tz::America::Argentina::Buenos_Aires),
            "Buenos Aires"
        );
        assert_eq!(city(chrono_tz::UTC), "UTC");
    }
}

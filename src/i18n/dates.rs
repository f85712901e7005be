//! Dates and times as a person reads them, in their language: month and weekday names and
//! the order of the pieces come from the catalogue (`dates.ftl`). Convert an instant to the
//! reader's zone (`with_timezone(&member.tz())`) before formatting it here.
//!
//! Machine formats (`2027-03-14` in a date field's `value`, iCalendar stamps, ids) are not
//! reading matter and stay with chrono's `format`.

use chrono::{Datelike, Timelike};

use super::{Arg, Tr};

const MONTHS: [&str; 12] = [
    "date-month-january",
    "date-month-february",
    "date-month-march",
    "date-month-april",
    "date-month-may",
    "date-month-june",
    "date-month-july",
    "date-month-august",
    "date-month-september",
    "date-month-october",
    "date-month-november",
    "date-month-december",
];

const MONTHS_SHORT: [&str; 12] = [
    "date-month-short-january",
    "date-month-short-february",
    "date-month-short-march",
    "date-month-short-april",
    "date-month-short-may",
    "date-month-short-june",
    "date-month-short-july",
    "date-month-short-august",
    "date-month-short-september",
    "date-month-short-october",
    "date-month-short-november",
    "date-month-short-december",
];

const WEEKDAYS: [&str; 7] = [
    "date-weekday-monday",
    "date-weekday-tuesday",
    "date-weekday-wednesday",
    "date-weekday-thursday",
    "date-weekday-friday",
    "date-weekday-saturday",
    "date-weekday-sunday",
];

const WEEKDAYS_SHORT: [&str; 7] = [
    "date-weekday-short-monday",
    "date-weekday-short-tuesday",
    "date-weekday-short-wednesday",
    "date-weekday-short-thursday",
    "date-weekday-short-friday",
    "date-weekday-short-saturday",
    "date-weekday-short-sunday",
];

/// The name of the day's month: "March".
pub fn month(tr: &Tr, day: &impl Datelike) -> String {
    tr.t(MONTHS[day.month0() as usize])
}

/// "Mar".
pub fn month_short(tr: &Tr, day: &impl Datelike) -> String {
    tr.t(MONTHS_SHORT[day.month0() as usize])
}

/// "Sunday".
pub fn weekday(tr: &Tr, day: &impl Datelike) -> String {
    tr.t(WEEKDAYS[day.weekday().num_days_from_monday() as usize])
}

/// "Sun".
pub fn weekday_short(tr: &Tr, day: &impl Datelike) -> String {
    tr.t(WEEKDAYS_SHORT[day.weekday().num_days_from_monday() as usize])
}

/// The pieces a date message may place.
fn date_args(tr: &Tr, day: &impl Datelike) -> Vec<(&'static str, Arg)> {
    vec![
        ("day", Arg::Text(day.day().to_string())),
        ("month", Arg::Text(month(tr, day))),
        ("month-short", Arg::Text(month_short(tr, day))),
        ("year", Arg::Text(day.year().to_string())),
        ("weekday", Arg::Text(weekday(tr, day))),
        ("weekday-short", Arg::Text(weekday_short(tr, day))),
    ]
}

fn date_message(tr: &Tr, key: &str, day: &impl Datelike) -> String {
    tr.t_with(key, &date_args(tr, day))
}

/// "14 March 2027".
pub fn date_long(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-long", day)
}

/// "14 Mar 2027".
pub fn date_short(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-short", day)
}

/// "14 March".
pub fn day_month(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-day-month", day)
}

/// "14 Mar".
pub fn day_month_short(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-day-month-short", day)
}

/// "Sun 14 Mar".
pub fn weekday_day_month_short(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-weekday-day-month-short", day)
}

/// "Sun 14 Mar 2027".
pub fn weekday_date_short(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-weekday-date-short", day)
}

/// "Sunday 14 March 2027".
pub fn weekday_date_long(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-weekday-date-long", day)
}

/// "March 2027".
pub fn month_year(tr: &Tr, day: &impl Datelike) -> String {
    date_message(tr, "date-month-year", day)
}

/// "18:30".
pub fn time(tr: &Tr, at: &impl Timelike) -> String {
    tr.t_with(
        "date-time",
        &[
            ("hour", Arg::Text(format!("{:02}", at.hour()))),
            ("minute", Arg::Text(format!("{:02}", at.minute()))),
        ],
    )
}

/// A date and a time with the pieces of both: `key` is one of the `date-at-…` messages.
fn date_time(tr: &Tr, key: &str, at: &(impl Datelike + Timelike)) -> String {
    let mut args = date_args(tr, at);
    args.push(("time", Arg::Text(time(tr, at))));
    tr.t_with(key, &args)
}

/// "Sunday 14 March 2027, 18:30".
pub fn weekday_date_long_time(tr: &Tr, at: &(impl Datelike + Timelike)) -> String {
    date_time(tr, "date-at-weekday-date-long", at)
}

/// "Sunday 14 March, 18:30".
pub fn weekday_day_month_time(tr: &Tr, at: &(impl Datelike + Timelike)) -> String {
    date_time(tr, "date-at-weekday-day-month", at)
}

/// "Sun 14 Mar, 18:30".
pub fn weekday_day_month_short_time(tr: &Tr, at: &(impl Datelike + Timelike)) -> String {
    date_time(tr, "date-at-weekday-day-month-short", at)
}

/// "18:30 on Sun 14 Mar".
pub fn time_on_weekday_day_month_short(tr: &Tr, at: &(impl Datelike + Timelike)) -> String {
    date_time(tr, "date-at-time-first", at)
}

/// "14 Mar 2027 18:30".
pub fn date_short_time(tr: &Tr, at: &(impl Datelike + Timelike)) -> String {
    date_time(tr, "date-at-date-short", at)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;

    fn pi_day() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, 14)
            .and_then(|d| d.and_hms_opt(9, 5, 0))
            .unwrap()
    }

    #[test]
    fn english_dates_read_as_they_always_have() {
        let tr = Tr::english();
        let at = pi_day();
        // Each against chrono's own English, which the pages used before the catalogue.
        for (ours, chrono) in [
            (date_long(&tr, &at), "%-d %B %Y"),
            (date_short(&tr, &at), "%-d %b %Y"),
            (day_month(&tr, &at), "%-d %B"),
            (day_month_short(&tr, &at), "%-d %b"),
            (weekday_day_month_short(&tr, &at), "%a %-d %b"),
            (weekday_date_short(&tr, &at), "%a %-d %b %Y"),
            (weekday_date_long(&tr, &at), "%A %-d %B %Y"),
            (month_year(&tr, &at), "%B %Y"),
            (time(&tr, &at), "%H:%M"),
            (weekday_date_long_time(&tr, &at), "%A %-d %B %Y, %H:%M"),
            (weekday_day_month_time(&tr, &at), "%A %-d %B, %H:%M"),
            (weekday_day_month_short_time(&tr, &at), "%a %-d %b, %H:%M"),
            (
                time_on_weekday_day_month_short(&tr, &at),
                "%H:%M on %a %-d %b",
            ),
            (date_short_time(&tr, &at), "%-d %b %Y %H:%M"),
            (weekday(&tr, &at), "%A"),
            (weekday_short(&tr, &at), "%a"),
        ] {
            assert_eq!(ours, at.format(chrono).to_string(), "{chrono}");
        }
        // Every month and weekday, not only March and Sunday.
        for d in 0..400 {
            let day = at + chrono::Duration::days(d);
            assert_eq!(date_long(&tr, &day), day.format("%-d %B %Y").to_string());
            assert_eq!(
                weekday_date_short(&tr, &day),
                day.format("%a %-d %b %Y").to_string()
            );
        }
    }
}

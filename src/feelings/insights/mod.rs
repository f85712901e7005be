//! Insights: a member's check-ins over a week, a month or a year, by quadrant, the words used
//! most and what helped. Each member's numbers are computed from what the reader may see
//! (all of one's own, only what the partner shared), in the author's own time zone.

pub mod page;

use std::collections::HashMap;

use chrono::{Datelike, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::{
    toolbox::{CalmTry, HelpedCount, what_helped},
    vocabulary::{self, Quadrant},
};
use crate::{
    family::MemberId,
    i18n::{Tr, dates},
    privacy::BondRecord,
    text_enum,
    web::controls::Labelled,
};

/// What insights need of a check-in: who, when, where on the grid, which word. Reading only
/// these columns keeps a year of daily check-ins cheap to load.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Point {
    pub author_id: MemberId,
    pub created_at: chrono::DateTime<Utc>,
    pub quadrant: Quadrant,
    pub feeling_id: Option<String>,
    pub custom_word: Option<String>,
}

impl BondRecord for Point {
    const TABLE: &'static str = "checkins";
    const COLUMNS: &'static str = "author_id, created_at, quadrant, feeling_id, custom_word";
}

text_enum! {
    /// The span an insights page covers.
    pub enum Period { Week => "week", Month => "month", Year => "year" }
}

impl Labelled for Period {
    fn label_key(self) -> &'static str {
        match self {
            Period::Week => "feelings-period-week",
            Period::Month => "feelings-period-month",
            Period::Year => "feelings-period-year",
        }
    }
}

/// A span of local days `[start, end)`, cut into buckets (days, or months for a year).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub period: Period,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Span {
    /// The week (from Monday), month or year that holds `day`.
    pub fn around(period: Period, day: NaiveDate) -> Span {
        let (start, end) = match period {
            Period::Week => {
                let start = day - Duration::days(day.weekday().num_days_from_monday() as i64);
                (start, start + Duration::days(7))
            }
            Period::Month => {
                let start = day.with_day(1).unwrap_or(day);
                (start, start + Months::new(1))
            }
            Period::Year => {
                let start = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
                (start, start + Months::new(12))
            }
        };
        Span { period, start, end }
    }

    pub fn previous(&self) -> Span {
        Span::around(self.period, self.start - Duration::days(1))
    }

    pub fn next(&self) -> Span {
        Span::around(self.period, self.end)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day < self.end
    }

    /// The instants to fetch rows between: wide enough for any time zone on Earth.
    pub fn fetch_bounds(&self) -> (chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
        let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default());
        (
            at(self.start) - Duration::hours(15),
            at(self.end) + Duration::hours(15),
        )
    }

    pub fn bucket_count(&self) -> usize {
        match self.period {
            Period::Year => 12,
            _ => (self.end - self.start).num_days() as usize,
        }
    }

    pub fn bucket_of(&self, day: NaiveDate) -> usize {
        match self.period {
            Period::Year => day.month0() as usize,
            _ => (day - self.start).num_days() as usize,
        }
    }

    /// A short label for a bucket, in the reader's language: "Mon", "14", "Mar".
    pub fn bucket_label(&self, tr: &Tr, i: usize) -> String {
        match self.period {
            Period::Week => dates::weekday_short(tr, &(self.start + Duration::days(i as i64))),
            Period::Month => (self.start + Duration::days(i as i64)).day().to_string(),
            Period::Year => dates::month_short(tr, &(self.start + Months::new(i as u32))),
        }
    }

    /// A longer label for a bucket, for the table: "Mon 16 Nov", "March".
    pub fn bucket_name(&self, tr: &Tr, i: &usize) -> String {
        let i = *i;
        match self.period {
            Period::Year => dates::month(tr, &(self.start + Months::new(i as u32))),
            _ => dates::weekday_day_month_short(tr, &(self.start + Duration::days(i as i64))),
        }
    }

    /// "16 Nov – 22 Nov 2026", "November 2026", "2026", in the reader's language.
    pub fn title(&self, tr: &Tr) -> String {
        match self.period {
            Period::Week => {
                let last = self.end - Duration::days(1);
                tr.t_with(
                    "feelings-insights-week",
                    &[
                        ("from", dates::day_month_short(tr, &self.start).into()),
                        ("to", dates::date_short(tr, &last).into()),
                    ],
                )
            }
            Period::Month => dates::month_year(tr, &self.start),
            Period::Year => self.start.year().to_string(),
        }
    }
}

/// Check-in counts of one bucket, by quadrant in the order of [`Quadrant::SHOWN`].
pub type Counts = [usize; 4];

fn slot(q: Quadrant) -> usize {
    Quadrant::SHOWN.iter().position(|s| *s == q).unwrap_or(0)
}

/// One member's numbers for a span.
#[derive(Debug, Default)]
pub struct MemberInsights {
    pub total: usize,
    pub by_quadrant: Counts,
    pub buckets: Vec<Counts>,
    /// The most used words, most first (ties by word), at most five.
    pub top_words: Vec<(String, usize)>,
    pub helped: Vec<HelpedCount>,
}

impl MemberInsights {
    /// Counts the check-ins and tries whose local day (in `tz`) falls in the span.
    pub fn compute<'a>(
        span: &Span,
        tz: Tz,
        checkins: impl Iterator<Item = &'a Point>,
        tries: impl Iterator<Item = &'a CalmTry>,
    ) -> Self {
        let mut out = MemberInsights {
            buckets: vec![[0; 4]; span.bucket_count()],
            ..Default::default()
        };
        let mut words: HashMap<String, usize> = HashMap::new();
        for c in checkins {
            let day = c.created_at.with_timezone(&tz).date_naive();
            if !span.contains(day) {
                continue;
            }
            out.total += 1;
            out.by_quadrant[slot(c.quadrant)] += 1;
            out.buckets[span.bucket_of(day)][slot(c.quadrant)] += 1;
            let word = vocabulary::word_of(c.feeling_id.as_deref(), c.custom_word.as_deref());
            *words.entry(word.to_lowercase()).or_default() += 1;
        }
        let mut top: Vec<(String, usize)> = words.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(5);
        out.top_words = top;
        let in_span: Vec<CalmTry> = tries
            .filter(|t| span.contains(t.created_at.with_timezone(&tz).date_naive()))
            .cloned()
            .collect();
        out.helped = what_helped(&in_span);
        out.helped.truncate(5);
        out
    }

    /// The share of check-ins in a quadrant, as a whole percentage.
    pub fn percent(&self, q: &Quadrant) -> usize {
        let q = *q;
        (self.by_quadrant[slot(q)] * 100 + self.total / 2)
            .checked_div(self.total)
            .unwrap_or(0)
    }

    pub fn in_quadrant(&self, q: &Quadrant) -> usize {
        self.by_quadrant[slot(*q)]
    }

    /// The counts of one bucket (zero beyond the span).
    pub fn bucket(&self, i: &usize) -> Counts {
        self.buckets.get(*i).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn spans_cover_weeks_months_and_years() {
        let w = Span::around(Period::Week, day("2026-11-21"));
        assert_eq!((w.start, w.end), (day("2026-11-16"), day("2026-11-23")));
        assert_eq!(w.bucket_count(), 7);
        let tr = Tr::english();
        assert_eq!(w.bucket_label(&tr, 0), "Mon");
        assert_eq!(w.previous().start, day("2026-11-09"));
        let m = Span::around(Period::Month, day("2024-02-10"));
        assert_eq!((m.start, m.end), (day("2024-02-01"), day("2024-03-01")));
        assert_eq!(m.bucket_count(), 29);
        assert_eq!(m.next().start, day("2024-03-01"));
        let y = Span::around(Period::Year, day("2026-07-04"));
        assert_eq!(y.bucket_count(), 12);
        assert_eq!(y.bucket_of(day("2026-12-31")), 11);
        assert_eq!(y.title(&tr), "2026");
        assert_eq!(w.title(&tr), "16 Nov – 22 Nov 2026");
        assert_eq!(m.title(&tr), "February 2024");
        assert_eq!(y.bucket_label(&tr, 2), "Mar");
        assert_eq!(y.bucket_name(&tr, &2), "March");
        assert_eq!(w.bucket_name(&tr, &1), "Tue 17 Nov");
    }
}

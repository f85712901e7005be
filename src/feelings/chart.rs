//! Server-drawn SVG charts for insights. Each chart is an image with a title and a summary for
//! screen readers; the page puts the same numbers in a table beside it. Colours come from the
//! stylesheet (classes `q-bright` …), so the charts follow the page's palette.

use std::fmt::Write;

use super::{
    insights::{Counts, MemberInsights, Span},
    vocabulary::Quadrant,
};
use crate::{i18n::Tr, web::controls::Labelled};

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 150.0;
const LEFT: f64 = 22.0;
const RIGHT: f64 = 4.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 20.0;

/// Escapes text for SVG (names are typed by people).
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn open(id: &str, title: &str, summary: &str, height: f64) -> String {
    format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(summary)
    )
}

/// Check-ins per day (or month) of the span, stacked by quadrant. `max` is shared by the charts
/// drawn side by side, so that their bars compare.
pub fn over_time(
    tr: &Tr,
    id: &str,
    title: &str,
    span: &Span,
    m: &MemberInsights,
    max: usize,
) -> String {
    let max = max.max(1) as f64;
    let n = m.buckets.len().max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = plot_w / n as f64;
    let bar = (step * 0.7).max(1.0);
    let summary = tr.t_with(
        "feelings-chart-over-time-summary",
        &[
            ("count", m.total.into()),
            ("span", span.title(tr).into()),
            ("counts", quadrant_summary(tr, &m.by_quadrant).into()),
        ],
    );
    let mut svg = open(id, title, &summary, HEIGHT);
    // Axis and the two gridlines that give the scale.
    let _ = write!(
        svg,
        r#"<g class="axis"><line x1="{LEFT}" y1="{y0}" x2="{x1}" y2="{y0}"/><line x1="{LEFT}" y1="{TOP}" x2="{x1}" y2="{TOP}" class="grid"/><text x="{tx}" y="{ty0}">0</text><text x="{tx}" y="{tytop}">{max}</text></g>"#,
        y0 = TOP + plot_h,
        x1 = WIDTH - RIGHT,
        tx = LEFT - 4.0,
        ty0 = TOP + plot_h + 3.0,
        tytop = TOP + 3.0,
    );
    for (i, counts) in m.buckets.iter().enumerate() {
        let x = LEFT + step * i as f64 + (step - bar) / 2.0;
        let mut y = TOP + plot_h;
        for (slot, q) in Quadrant::SHOWN.iter().enumerate() {
            let h = counts[slot] as f64 / max * plot_h;
            if h > 0.0 {
                y -= h;
                let _ = write!(
                    svg,
                    r#"<rect class="q-{q}" x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}"/>"#
                );
            }
        }
        // Every label for a week or a year; every seventh day of a month.
        if n <= 12 || i % 7 == 0 {
            let _ = write!(
                svg,
                r#"<text class="label" x="{:.1}" y="{:.1}">{}</text>"#,
                x + bar / 2.0,
                HEIGHT - 6.0,
                esc(&span.bucket_label(tr, i))
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The share of each quadrant for the two members, as pairs of horizontal bars.
pub fn by_quadrant(tr: &Tr, id: &str, title: &str, people: &[(&str, &MemberInsights)]) -> String {
    let row_h = 12.0;
    let group_h = row_h * people.len() as f64 + 10.0;
    let height = TOP + group_h * 4.0;
    let label_w = 58.0;
    let plot_w = WIDTH - label_w - 40.0;
    // One sentence per person.
    let summary = people
        .iter()
        .map(|(name, m)| {
            tr.t_with(
                "feelings-chart-person",
                &[
                    ("name", (*name).into()),
                    ("counts", quadrant_summary(tr, &m.by_quadrant).into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut svg = open(id, title, &summary, height);
    for (g, q) in Quadrant::SHOWN.iter().enumerate() {
        let y0 = TOP + g as f64 * group_h;
        let _ = write!(
            svg,
            r#"<text class="label start" x="0" y="{:.1}">{}</text>"#,
            y0 + row_h,
            esc(&tr.t(q.label_key()))
        );
        for (p, (_, m)) in people.iter().enumerate() {
            let pct = m.percent(q);
            let y = y0 + p as f64 * row_h;
            let w = plot_w * pct as f64 / 100.0;
            let _ = write!(
                svg,
                r#"<rect class="q-{q} person-{p}" x="{label_w}" y="{y:.1}" width="{w:.1}" height="{:.1}"/><text class="label start" x="{:.1}" y="{:.1}">{pct}%</text>"#,
                row_h - 2.0,
                label_w + w + 3.0,
                y + row_h - 3.0,
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// "bright 2, calm 0, stormy 1, heavy 0": the counts in the order of [`Quadrant::SHOWN`].
fn quadrant_summary(tr: &Tr, counts: &Counts) -> String {
    let [bright, calm, stormy, heavy] = *counts;
    tr.t_with(
        "feelings-chart-counts",
        &[
            ("bright", bright.into()),
            ("calm", calm.into()),
            ("stormy", stormy.into()),
            ("heavy", heavy.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feelings::insights::Period;

    #[test]
    fn bars_scale_to_the_shared_maximum_and_names_are_escaped() {
        let span = Span::around(
            Period::Week,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
        );
        let mut m = MemberInsights {
            buckets: vec![[0; 4]; 7],
            ..Default::default()
        };
        m.buckets[2] = [2, 0, 0, 0];
        m.by_quadrant = [2, 0, 0, 0];
        m.total = 2;
        let tr = Tr::english();
        let svg = over_time(&tr, "c", "Sam <3", &span, &m, 4);
        assert!(svg.contains("Sam &lt;3"));
        // Two of four: half of the 122-unit plot height.
        assert!(
            svg.contains(r#"class="q-bright""#) && svg.contains(r#"height="61.0""#),
            "{svg}"
        );
        assert!(svg.contains("2 check-ins"));
        assert!(svg.contains("bright 2, calm 0, stormy 0, heavy 0"), "{svg}");
        let svg = by_quadrant(&tr, "q", "Share", &[("A", &m)]);
        assert!(svg.contains("100%"));
        assert!(
            svg.contains("A: bright 2, calm 0, stormy 0, heavy 0."),
            "{svg}"
        );
    }
}

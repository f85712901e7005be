//! The insights page: the two members side by side for a week, a month or a year. The
//! partner's column is built only from rows the privacy core returns, so nothing private of
//! theirs can reach a chart, a table or a count.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::{Query, State},
    response::Response,
};
use chrono::NaiveDate;
use serde::Deserialize;

use super::{MemberInsights, Period, Point, Span};
use crate::feelings::{chart, toolbox::CalmTry, vocabulary::Quadrant};
use crate::{
    app::AppState,
    col,
    db::Handle,
    error::{AppError, AppResult},
    family::Member,
    i18n::Msg,
    privacy::{Bind, BondAccess, BondRecord, Visible, visible},
    web::page::{Layout, Section, ok},
};

/// At most this many rows of each kind per span, both members together: over 25 a day each
/// for a year.
const ROWS_MAX: i64 = 20_000;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InsightsQuery {
    period: String,
    on: String,
}

/// One member's column of the page.
pub struct Column {
    pub name: String,
    pub insights: MemberInsights,
    pub timeline: String,
}

#[derive(Template)]
#[template(path = "feelings/insights.html")]
struct InsightsPage {
    layout: Layout,
    access: BondAccess,
    span: Span,
    periods: &'static [Period],
    columns: Vec<Column>,
    shares: String,
}

impl InsightsPage {
    fn link(&self, period: &Period, on: &NaiveDate) -> String {
        format!(
            "/bonds/{}/feelings/insights?period={period}&on={}",
            self.access.id(),
            on.format("%Y-%m-%d")
        )
    }
    fn quadrants(&self) -> &'static [Quadrant] {
        &Quadrant::SHOWN
    }
    fn bucket_indices(&self) -> Vec<usize> {
        (0..self.span.bucket_count()).collect()
    }
    fn partner_name(&self) -> &str {
        &self.access.partner().display_name
    }
    /// Which bar of the chart is whose: the reader's first.
    fn bars_legend(&self) -> String {
        let name = |i: usize| {
            self.columns
                .get(i)
                .map(|c| c.name.as_str())
                .unwrap_or_default()
        };
        self.layout.t_with(
            "feelings-insights-bars",
            &[("first", name(0).into()), ("second", name(1).into())],
        )
    }
}

/// Rows of the span, oldest first.
fn in_span<'a, T: BondRecord>(rows: Visible<'a, T>, span: &Span) -> Visible<'a, T> {
    let (from, to) = span.fetch_bounds();
    rows.filter(col!("created_at").at_least(Bind::Time(from)))
        .filter(col!("created_at").before(Bind::Time(to)))
        .order_by("created_at ASC, id ASC")
        .limit(ROWS_MAX)
}

/// Both members' numbers from one read of each table: everything the reader may see in the
/// span, split by author. Bars of the two timelines share one scale.
async fn columns(
    h: &mut impl Handle,
    access: &BondAccess,
    span: &Span,
    people: [&Member; 2],
) -> AppResult<([MemberInsights; 2], usize)> {
    let points = in_span(visible::<Point>(access), span).list(h).await?;
    let tries = in_span(visible::<CalmTry>(access), span).list(h).await?;
    let of = |m: &Member| {
        MemberInsights::compute(
            span,
            m.tz(),
            points.iter().filter(|p| p.author_id == m.id),
            tries.iter().filter(|t| t.author_id == m.id),
        )
    };
    let both = people.map(of);
    let max = both
        .iter()
        .flat_map(|m| m.buckets.iter().map(|b| b.iter().sum::<usize>()))
        .max()
        .unwrap_or(0);
    Ok((both, max))
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Query(q): Query<InsightsQuery>,
) -> AppResult<Response> {
    let period = match q.period.as_str() {
        "" => Period::Week,
        p => Period::parse(p)
            .ok_or_else(|| AppError::BadRequest(Msg::new("feelings-insights-cover-week-month")))?,
    };
    let me = viewer.actor().clone();
    let on = match q.on.as_str() {
        "" => me.today(),
        d => crate::web::form::date(d)
            .ok_or_else(|| AppError::BadRequest(Msg::new("feelings-unreadable-date")))?,
    };
    let span = Span::around(period, on);
    let mut conn = state.db.conn().await?;
    let partner = access.partner().clone();
    let ([mine, theirs], max) = columns(&mut conn, &access, &span, [&me, &partner]).await?;
    let tr = viewer.tr;
    let shares = chart::by_quadrant(
        &tr,
        "by-quadrant",
        &tr.t("feelings-chart-shares-title"),
        &[(&me.display_name, &mine), (&partner.display_name, &theirs)],
    );
    let columns = [(me, mine, "you"), (partner, theirs, "partner")]
        .into_iter()
        .map(|(member, insights, id)| Column {
            timeline: chart::over_time(
                &tr,
                &format!("timeline-{id}"),
                &tr.t_with(
                    "feelings-chart-over-time-title",
                    &[("name", member.display_name.as_str().into())],
                ),
                &span,
                &insights,
                max,
            ),
            name: member.display_name,
            insights,
        })
        .collect();
    Ok(ok(&InsightsPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-insights"),
            Section::Feelings,
            &viewer,
        ),
        access,
        span,
        periods: Period::ALL,
        columns,
        shares,
    }))
}

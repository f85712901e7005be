//! The plans page of a bond: the one-on-one goal, what is coming in the next weeks (each time
//! can be moved or cancelled, a rhythm stopped), the rhythms, and the last weeks. Both members
//! see everything: plans are shared.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::{
    Calendar, PlanChange,
    form::MoveForm,
    goal::{self, GOAL_MAX, GOAL_MIN, GoalProgress},
    view::{ChangeLine, Rhythm, Slot, hours_and_minutes},
};
use crate::{
    app::AppState,
    auth::Viewer,
    db::now,
    error::AppResult,
    events::{self, About, EventKind},
    family::MemberId,
    i18n::{Arg, Msg},
    privacy::BondAccess,
    web::{
        controls::Choice,
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

/// How far ahead the page lists times, and how far back.
const AHEAD_WEEKS: i64 = 8;
const BACK_WEEKS: i64 = 4;

/// The goals offered in the form, in minutes a week.
const GOAL_CHOICES: &[i64] = &[
    15, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480, 540, 600,
];

/// What the other is told of plans: the plans page shows all of it.
const TOLD: [EventKind; 4] = [
    EventKind::PlanMade,
    EventKind::PlanMoved,
    EventKind::PlanCancelled,
    EventKind::PlanStopped,
];

pub fn plans_path(access: &BondAccess) -> String {
    access.href("together/plans")
}

/// A form of one occurrence that did not pass, shown again under it.
pub struct ChangeError {
    pub key: String,
    pub action: &'static str,
    pub form: MoveForm,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "plans/plans.html")]
pub struct PlansPage {
    layout: Layout,
    access: BondAccess,
    progress: GoalProgress,
    upcoming: Vec<Slot>,
    past: Vec<Slot>,
    rhythms: Vec<Rhythm>,
    change_error: Option<ChangeError>,
    goal_error: Option<Msg>,
}

/// Whether `author` is the reader ("you") and their name otherwise, for a message that
/// selects on `$you`.
fn who(access: &BondAccess, author: &MemberId) -> [(&'static str, Arg); 2] {
    let you = if author == access.me() { "yes" } else { "no" };
    [
        ("you", you.into()),
        ("name", access.bond().name_of(author).into()),
    ]
}

/// A note a message quotes when there is one (`$noted` selects).
fn noted(note: &str) -> [(&'static str, Arg); 2] {
    let noted = if note.is_empty() { "no" } else { "yes" };
    [("noted", noted.into()), ("note", note.into())]
}

impl PlansPage {
    fn goal_label(&self) -> String {
        let key = if self.progress.goal_minutes().is_some() {
            "plans-goal-our"
        } else {
            "plans-goal-set"
        };
        self.layout.t(key)
    }

    /// "No goal", then each goal offered.
    fn goal_choices(&self) -> Vec<Choice> {
        let tr = &self.layout.tr;
        std::iter::once(Choice::new("none", tr.t("plans-goal-none")))
            .chain(GOAL_CHOICES.iter().map(|m| {
                let time = hours_and_minutes(tr, *m);
                Choice::new(m, tr.t_with("plans-goal-a-week", &[("time", time.into())]))
            }))
            .collect()
    }

    fn goal_selected(&self) -> String {
        self.progress
            .goal_minutes()
            .map_or_else(|| "none".to_owned(), |m| m.to_string())
    }

    fn goal_error_text(&self) -> Option<String> {
        self.goal_error.as_ref().map(|e| e.render(&self.layout.tr))
    }

    fn last_set_by(&self, author: &MemberId) -> String {
        self.layout
            .t_with("plans-goal-last-set", &who(&self.access, author))
    }

    /// "Every week on Sunday, 10:00–10:45 Lisbon time. From … to …."
    fn rhythm_when(&self, r: &Rhythm) -> String {
        let tr = &self.layout.tr;
        let when = tr.t_with(
            "plans-rhythm-when",
            &[
                ("recurrence", r.plan.recurrence.as_str().into()),
                ("day", r.month_day.as_str().into()),
                ("weekday", r.weekday.as_str().into()),
                ("start", r.time.as_str().into()),
                ("end", r.end.as_str().into()),
                ("city", r.city.as_str().into()),
            ],
        );
        let span = match &r.until {
            Some(until) => tr.t_with(
                "plans-rhythm-from-to",
                &[
                    ("first", r.first.as_str().into()),
                    ("until", until.as_str().into()),
                ],
            ),
            None => tr.t_with("plans-rhythm-from", &[("first", r.first.as_str().into())]),
        };
        format!("{when} {span}")
    }

    /// Who stopped a rhythm, when and why (markup: show it with `|safe`).
    fn stopped_line(&self, r: &Rhythm, stop: &PlanChange) -> String {
        let mut args = who(&self.access, &stop.author_id).to_vec();
        args.push(("day", r.stopped_on.as_str().into()));
        args.extend(noted(&stop.note));
        self.layout.t_html("plans-rhythm-stopped", &args)
    }

    /// Who moved or cancelled a time, and why (markup: show it with `|safe`).
    fn change_line(&self, line: &ChangeLine) -> String {
        let c = &line.change;
        let mut args = who(&self.access, &c.author_id).to_vec();
        args.extend(noted(&c.note));
        match &line.to {
            Some(to) => {
                args.push(("day", to.day.as_str().into()));
                args.push(("start", to.start.as_str().into()));
                self.layout.t_html("plans-change-moved", &args)
            }
            None => self.layout.t_html("plans-change-cancelled", &args),
        }
    }

    /// The failed form of this occurrence (or rhythm, for a stop) and action, if one failed.
    fn error_for(&self, key: &str, action: &str) -> Option<&ChangeError> {
        self.change_error
            .as_ref()
            .filter(|e| e.key == key && e.action == action)
    }

    fn field_error(&self, key: &str, action: &str, field: &str) -> Option<String> {
        self.error_for(key, action)
            .and_then(|e| e.errors.get(field))
    }

    /// A value of a change form: what was typed, after an error; else the current time.
    fn value(&self, slot: &Slot, action: &str, field: &str) -> String {
        if let Some(e) = self.error_for(&slot.occ.key, action) {
            return match field {
                "date" => e.form.date.clone(),
                "start" => e.form.start.clone(),
                "end" => e.form.end.clone(),
                _ => e.form.note.clone(),
            };
        }
        match field {
            "date" => slot.form_date(),
            "start" => slot.form_start(),
            "end" => slot.form_end(),
            _ => String::new(),
        }
    }
}

/// Builds the page as of now, with any failed form.
pub async fn page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    change_error: Option<ChangeError>,
    goal_error: Option<Msg>,
) -> AppResult<PlansPage> {
    let now = now();
    let reader_tz = access.me_member().tz();
    let from = now - Duration::weeks(BACK_WEEKS);
    let mut conn = state.db.conn().await?;
    let goal = goal::current(&mut conn, &access).await?;
    let calendar = Calendar::load_from(
        &mut conn,
        &access,
        from.min(goal::window_start(&access, now)),
    )
    .await?;
    drop(conn);
    let progress = goal::progress(goal, &calendar, &access, now);
    let tr = viewer.tr;
    let slot = |o| Slot::new(&tr, o, &calendar, reader_tz, now);
    let upcoming = calendar
        .between(now, now + Duration::weeks(AHEAD_WEEKS))
        .into_iter()
        .map(slot)
        .collect();
    let mut past: Vec<Slot> = calendar.between(from, now).into_iter().map(slot).collect();
    past.reverse();
    let rhythms = calendar
        .plans
        .iter()
        .filter(|p| p.recurrence.is_rhythm() && still_shown(p, &calendar, now))
        .map(|p| Rhythm::new(&tr, p, &calendar, reader_tz, now))
        .collect();
    Ok(PlansPage {
        layout: Layout::member(viewer.tr.t("plans-title-plans"), Section::Together, viewer),
        access,
        progress,
        upcoming,
        past,
        rhythms,
        change_error,
        goal_error,
    })
}

/// A rhythm is listed while it goes on, and for a few weeks after it ended or was stopped.
fn still_shown(plan: &super::Plan, calendar: &Calendar, now: DateTime<Utc>) -> bool {
    let recent = now - Duration::weeks(BACK_WEEKS);
    let stopped = calendar
        .history(&plan.id)
        .iter()
        .find(|c| c.kind == super::ChangeKind::Stopped)
        .map(|c| c.created_at);
    let ended = plan
        .until_day
        .map(|d| super::schedule::instant(plan.tz(), d.and_hms_opt(23, 59, 0).unwrap_or_default()));
    [stopped, ended]
        .into_iter()
        .flatten()
        .min()
        .is_none_or(|end| end >= recent)
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    events::seen(&mut state.db.conn().await?, &access, &TOLD, About::Any).await?;
    let page = page(&state, &viewer, access, None, None).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GoalForm {
    minutes: String,
}

/// Sets or changes the weekly goal ("none" turns it off).
pub async fn set_goal(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<GoalForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let minutes = match form.minutes.trim() {
        "" | "none" => Ok(None),
        raw => match raw.parse::<i64>() {
            Ok(m) if (GOAL_MIN..=GOAL_MAX).contains(&m) => Ok(Some(m)),
            _ => Err(Msg::with(
                "plans-goal-out-of-range",
                [("min", GOAL_MIN.into()), ("max", GOAL_MAX.into())],
            )),
        },
    };
    match minutes {
        Ok(minutes) => {
            goal::set(
                &mut conn,
                &access,
                viewer.together_with().is_some(),
                minutes,
            )
            .await?;
            Ok(Redirect::to(&format!("{}#goal", plans_path(&access))).into_response())
        }
        Err(message) => {
            drop(conn);
            let page = page(&state, &viewer, access, None, Some(message)).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

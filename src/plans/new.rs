//! "Plan something": the form for a new plan, prefilled from an activity (`title`, `minutes`,
//! `activity`), in the reader's own time by default or the partner's.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{Duration, NaiveTime};
use chrono_tz::Tz;
use serde::Deserialize;

use super::{
    Recurrence,
    form::{MINUTES_MIN, PLACE_MAX, PlanForm, TITLE_MAX, city},
    list::plans_path,
};
use crate::{
    app::AppState,
    auth::Viewer,
    db::now,
    error::AppResult,
    events::{self, EventKind, NewEvent},
    i18n::{Tr, dates},
    privacy::BondAccess,
    web::{
        controls::Choice,
        flash::Flash,
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

/// A zone the plan may be given in, offered as a choice.
pub struct ZoneChoice {
    pub tz: Tz,
    pub city: String,
    /// Whose time this is: `None` for the reader's own.
    pub whose: Option<String>,
    /// The time there now, e.g. "14:05 on Sun 14 Mar".
    pub now: String,
}

#[derive(Template)]
#[template(path = "plans/new.html")]
struct NewPlanPage {
    layout: Layout,
    access: BondAccess,
    form: PlanForm,
    errors: FieldErrors,
    zones: Vec<ZoneChoice>,
}

impl NewPlanPage {
    fn recurrences(&self) -> &'static [Recurrence] {
        Recurrence::ALL
    }

    fn title_max(&self) -> usize {
        TITLE_MAX
    }

    fn place_max(&self) -> usize {
        PLACE_MAX
    }

    /// The zones to choose among: "My time (Lisbon, now 14:05 on Sun 14 Mar)", then the
    /// partner's.
    fn zone_choices(&self) -> Vec<Choice> {
        self.zones
            .iter()
            .map(|z| {
                let mut args = vec![
                    ("city", z.city.as_str().into()),
                    ("now", z.now.as_str().into()),
                ];
                let label = match &z.whose {
                    Some(name) => {
                        args.push(("name", name.as_str().into()));
                        self.layout.t_with("plans-new-their-time", &args)
                    }
                    None => self.layout.t_with("plans-new-my-time", &args),
                };
                Choice::new(z.tz.name(), label)
            })
            .collect()
    }
}

fn zones(tr: &Tr, access: &BondAccess) -> Vec<ZoneChoice> {
    let now = now();
    let choice = |tz: Tz, whose: Option<String>| ZoneChoice {
        tz,
        city: city(tz),
        whose,
        now: dates::time_on_weekday_day_month_short(tr, &now.with_timezone(&tz)),
    };
    let mine = access.me_member().tz();
    let partner = access.partner();
    let mut zones = vec![choice(mine, None)];
    if partner.tz() != mine {
        zones.push(choice(partner.tz(), Some(partner.display_name.clone())));
    }
    zones
}

fn new_page(
    viewer: &Viewer,
    access: BondAccess,
    form: PlanForm,
    errors: FieldErrors,
) -> NewPlanPage {
    NewPlanPage {
        layout: Layout::member(
            viewer.tr.t("plans-title-plan-something"),
            Section::Together,
            viewer,
        ),
        zones: zones(&viewer.tr, &access),
        access,
        form,
        errors,
    }
}

/// What an activity page may pass along.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Prefill {
    title: String,
    minutes: String,
    activity: String,
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Query(prefill): Query<Prefill>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    // An activity of the library or of the pair's own fills in what the link left out.
    let activity = match prefill.activity.trim() {
        "" => None,
        id => crate::together::find(&mut conn, &access, id).await?,
    };
    drop(conn);
    let mut prefill = prefill;
    if let Some(a) = &activity {
        if prefill.title.trim().is_empty() {
            prefill.title = a.title.clone();
        }
        if prefill.minutes.trim().is_empty() {
            prefill.minutes = a.minutes.to_string();
        }
    }
    let tz = access.me_member().tz();
    // Tomorrow at ten, for as long as the activity takes (an hour if it does not say).
    let start = NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN);
    let minutes = prefill
        .minutes
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (MINUTES_MIN..=13 * 60).contains(m))
        .unwrap_or(60);
    let form = PlanForm {
        title: prefill.title.chars().take(TITLE_MAX).collect(),
        date: (now().with_timezone(&tz).date_naive() + Duration::days(1)).to_string(),
        start: start.format("%H:%M").to_string(),
        end: (start + Duration::minutes(minutes))
            .format("%H:%M")
            .to_string(),
        zone: tz.name().to_owned(),
        recurrence: Recurrence::Once.as_str().to_owned(),
        activity: activity.map(|a| a.id).unwrap_or_default(),
        ..Default::default()
    };
    let page = new_page(&viewer, access, form, FieldErrors::default());
    Ok(render(StatusCode::OK, &page))
}

pub async fn create(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<PlanForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let Some(mut plan) = form.validate(now(), &mut errors) else {
        drop(conn);
        let page = new_page(&viewer, access, form, errors);
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    // Only an activity this bond can see is remembered (not another bond's own one).
    if let Some(id) = &plan.activity_id
        && crate::together::find(&mut conn, &access, id)
            .await?
            .is_none()
    {
        plan.activity_id = None;
    }
    drop(conn);
    let mut tx = state.db.begin().await?;
    let id = super::insert(&mut tx, &access, viewer.together_with().is_some(), &plan).await?;
    let made = NewEvent {
        kind: EventKind::PlanMade,
        subject: id,
        title: plan.title.clone(),
        link: plans_path(&access),
    };
    events::tell(&mut tx, &access, made).await?;
    tx.commit().await?;
    Ok((Flash::PlanSaved, Redirect::to(&plans_path(&access))).into_response())
}

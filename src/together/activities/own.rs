//! The pair's own activities: what they like doing that no library has. Either member adds
//! one; both see it beside the library's (in browse, filters and surprises); only its author
//! edits or deletes it.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{
    catalogue::MAX_MINUTES,
    library::{Category, Cost, Energy, OWN_PREFIX, Place},
};
use crate::{
    app::AppState,
    auth::Viewer,
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::MemberId,
    i18n::{Key, Msg},
    privacy::{Bind, BondAccess, BondRecord, delete_own, update_own, visible},
    web::{
        form::{FieldErrors, Form, line, text},
        page::{Layout, Section, render},
    },
};

pub const TITLE_MAX: usize = 80;
pub const NEEDS_MAX: usize = 500;
pub const HOW_MAX: usize = 1500;
pub const TALK_MAX: usize = 200;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OwnActivity {
    pub id: String,
    pub author_id: MemberId,
    pub made_together: bool,
    pub title: String,
    pub category: Category,
    pub minutes: i64,
    pub cost: Cost,
    pub place: Place,
    pub energy: Energy,
    /// One thing per line.
    pub needs: String,
    pub how: String,
    pub talk: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for OwnActivity {
    const TABLE: &'static str = "own_activities";
    const COLUMNS: &'static str = "id, author_id, made_together, title, category, minutes, cost, place, energy, needs, how, talk, created_at";
}

/// An own activity about to be stored, already checked.
pub struct NewOwnActivity {
    pub title: String,
    pub category: Category,
    pub minutes: u32,
    pub cost: Cost,
    pub place: Place,
    pub energy: Energy,
    pub needs: String,
    pub how: String,
    pub talk: String,
}

/// Stores a new own activity written by the acting member; returns its id.
pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    a: &NewOwnActivity,
) -> AppResult<String> {
    let id = format!("{OWN_PREFIX}{}", new_id());
    let at = now();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO own_activities (id, bond_id, author_id, visibility, made_together, title,
           category, minutes, cost, place, energy, needs, how, talk, created_at, updated_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(&a.title)
    .bind(a.category)
    .bind(i64::from(a.minutes))
    .bind(a.cost)
    .bind(a.place)
    .bind(a.energy)
    .bind(&a.needs)
    .bind(&a.how)
    .bind(&a.talk)
    .bind(at)
    .execute(c)
    .await)?;
    Ok(id)
}

/// The form as sent.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct OwnForm {
    pub title: String,
    pub category: String,
    pub minutes: String,
    pub cost: String,
    pub place: String,
    pub energy: String,
    pub needs: String,
    pub how: String,
    pub talk: String,
}

fn required<T>(
    raw: &str,
    field: &'static str,
    parse: fn(&str) -> Option<T>,
    message: Msg,
    errors: &mut FieldErrors,
) -> Option<T> {
    let found = parse(raw.trim());
    if found.is_none() {
        errors.add(field, message);
    }
    found
}

impl OwnForm {
    fn of(a: &OwnActivity) -> OwnForm {
        OwnForm {
            title: a.title.clone(),
            category: a.category.to_string(),
            minutes: a.minutes.to_string(),
            cost: a.cost.to_string(),
            place: a.place.to_string(),
            energy: a.energy.to_string(),
            needs: a.needs.clone(),
            how: a.how.clone(),
            talk: a.talk.clone(),
        }
    }

    /// Checks every field; `None` (with messages) when anything does not pass.
    pub fn validate(&self, errors: &mut FieldErrors) -> Option<NewOwnActivity> {
        let title = errors.take(
            "title",
            line(&self.title, Key("field-the-title"), 1, TITLE_MAX),
        );
        let category = required(
            &self.category,
            "category",
            Category::parse,
            Msg::new("together-choose-kind"),
            errors,
        );
        let minutes = match self.minutes.trim().parse::<u32>() {
            Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(m),
            _ => {
                errors.add(
                    "minutes",
                    Msg::with("together-how-long-minutes", [("max", MAX_MINUTES.into())]),
                );
                None
            }
        };
        let cost = required(
            &self.cost,
            "cost",
            Cost::parse,
            Msg::new("together-choose-what-it-costs"),
            errors,
        );
        let place = required(
            &self.place,
            "place",
            Place::parse,
            Msg::new("together-choose-where"),
            errors,
        );
        let energy = required(
            &self.energy,
            "energy",
            Energy::parse,
            Msg::new("together-choose-how-much-energy"),
            errors,
        );
        let needs = errors.take(
            "needs",
            text(&self.needs, Key("field-what-you-need"), 0, NEEDS_MAX),
        );
        let how = errors.take("how", text(&self.how, Key("field-how-it-goes"), 1, HOW_MAX));
        let talk = errors.take(
            "talk",
            line(
                &self.talk,
                Key("field-something-to-talk-about"),
                0,
                TALK_MAX,
            ),
        );
        if !errors.is_empty() {
            return None;
        }
        Some(NewOwnActivity {
            title,
            category: category?,
            minutes: minutes?,
            cost: cost?,
            place: place?,
            energy: energy?,
            needs,
            how,
            talk,
        })
    }
}

#[derive(Template)]
#[template(path = "together/own_form.html")]
struct OwnFormPage {
    layout: Layout,
    access: BondAccess,
    /// The activity being edited, or `None` for a new one.
    editing: Option<String>,
    form: OwnForm,
    errors: FieldErrors,
}

impl OwnFormPage {
    fn categories(&self) -> &'static [Category] {
        Category::ALL
    }
    fn costs(&self) -> &'static [Cost] {
        Cost::ALL
    }
    fn places(&self) -> &'static [Place] {
        Place::ALL
    }
    fn energies(&self) -> &'static [Energy] {
        Energy::ALL
    }
    fn action(&self) -> String {
        let base = self.access.href("together/activities");
        match &self.editing {
            Some(id) => format!("{base}/{id}/edit"),
            None => base,
        }
    }
}

fn form_page(
    viewer: &Viewer,
    access: BondAccess,
    editing: Option<String>,
    form: OwnForm,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    let title = viewer.tr.t(if editing.is_some() {
        "together-title-change-activity"
    } else {
        "together-title-add-own-activity"
    });
    render(
        status,
        &OwnFormPage {
            layout: Layout::member(title, Section::Together, viewer),
            access,
            editing,
            form,
            errors,
        },
    )
}

pub async fn new(
    State(_state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let form = OwnForm {
        minutes: "30".into(),
        cost: Cost::Free.to_string(),
        place: Place::Either.to_string(),
        energy: Energy::Medium.to_string(),
        ..OwnForm::default()
    };
    Ok(form_page(
        &viewer,
        access,
        None,
        form,
        FieldErrors::default(),
        StatusCode::OK,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<OwnForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let Some(activity) = form.validate(&mut errors) else {
        return Ok(form_page(
            &viewer,
            access,
            None,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let made_together = viewer.together_with().is_some();
    let id = insert(&mut conn, &access, made_together, &activity).await?;
    Ok(Redirect::to(&access.href(&format!("together/activities/{id}"))).into_response())
}

/// The author's own activity; anyone else's (the partner's too) is "not found".
async fn mine(h: &mut impl Handle, access: &BondAccess, id: &str) -> AppResult<OwnActivity> {
    visible::<OwnActivity>(access).mine().get(h, id).await
}

pub async fn edit(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let own = mine(&mut conn, &access, &id).await?;
    Ok(form_page(
        &viewer,
        access,
        Some(own.id.clone()),
        OwnForm::of(&own),
        FieldErrors::default(),
        StatusCode::OK,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Form(form): Form<OwnForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let own = mine(&mut conn, &access, &id).await?;
    let mut errors = FieldErrors::default();
    let Some(a) = form.validate(&mut errors) else {
        return Ok(form_page(
            &viewer,
            access,
            Some(own.id),
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    update_own::<OwnActivity>(
        &mut conn,
        &access,
        &own.id,
        vec![
            (col!("title"), Bind::Text(a.title)),
            (col!("category"), Bind::Text(a.category.to_string())),
            (col!("minutes"), Bind::Int(i64::from(a.minutes))),
            (col!("cost"), Bind::Text(a.cost.to_string())),
            (col!("place"), Bind::Text(a.place.to_string())),
            (col!("energy"), Bind::Text(a.energy.to_string())),
            (col!("needs"), Bind::Text(a.needs)),
            (col!("how"), Bind::Text(a.how)),
            (col!("talk"), Bind::Text(a.talk)),
            (col!("updated_at"), Bind::Time(now())),
        ],
    )
    .await?;
    let path = access.href(&format!("together/activities/{}", own.id));
    Ok(Redirect::to(&path).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    InBondWith(_, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    delete_own::<OwnActivity>(&mut conn, &access, &id).await?;
    Ok(Redirect::to(&access.href("together/activities")).into_response())
}

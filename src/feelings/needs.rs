//! The needs profile: what helps each of them when things are hard, written by each member for
//! the other to read. It belongs to the member, not to one bond: a mother with two sons keeps
//! one profile, which both can read. Only members who share a bond with its author reach it,
//! because the page opens the bond first and reads the partner of that bond.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::guides::{NeedsPrompt, needs_prompts};
use crate::{
    app::AppState,
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::{BondId, Member, MemberId, Role},
    i18n::Key,
    privacy::BondAccess,
    web::{
        form::{FieldErrors, Form, text},
        page::{Layout, Section, render},
    },
};

pub const ANSWER_MAX: usize = 600;

#[derive(Debug, Clone, Default, sqlx::FromRow, Deserialize)]
#[serde(default)]
pub struct NeedsProfile {
    pub helps: String,
    pub unhelpful: String,
    pub comfort: String,
    pub signs: String,
    #[serde(skip)]
    pub made_together: bool,
    #[serde(skip)]
    pub updated_at: Option<DateTime<Utc>>,
}

impl NeedsProfile {
    pub fn answer(&self, prompt: &str) -> &str {
        match prompt {
            "helps" => &self.helps,
            "unhelpful" => &self.unhelpful,
            "comfort" => &self.comfort,
            _ => &self.signs,
        }
    }

    pub fn is_empty(&self) -> bool {
        [&self.helps, &self.unhelpful, &self.comfort, &self.signs]
            .iter()
            .all(|a| a.is_empty())
    }

    fn validate(&self, errors: &mut FieldErrors) -> NeedsProfile {
        let mut clean = |field, value: &str| {
            errors.take(field, text(value, Key("field-this-answer"), 0, ANSWER_MAX))
        };
        NeedsProfile {
            helps: clean("helps", &self.helps),
            unhelpful: clean("unhelpful", &self.unhelpful),
            comfort: clean("comfort", &self.comfort),
            signs: clean("signs", &self.signs),
            ..NeedsProfile::default()
        }
    }
}

/// A member's profile in one bond (what a son writes is for his mother in that bond, not for
/// every mother of the family), empty when never filled in.
pub async fn profile_of(
    h: &mut impl Handle,
    bond: &BondId,
    member: &MemberId,
) -> AppResult<NeedsProfile> {
    let row = db_run!(h, |c| sqlx::query_as::<_, NeedsProfile>(
        "SELECT helps, unhelpful, comfort, signs, made_together, updated_at
         FROM needs_profiles WHERE bond_id = $1 AND member_id = $2"
    )
    .bind(bond)
    .bind(member)
    .fetch_optional(c)
    .await)?;
    Ok(row.unwrap_or_default())
}

pub async fn save(
    h: &mut impl Handle,
    access: &BondAccess,
    p: &NeedsProfile,
    made_together: bool,
) -> AppResult<()> {
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO needs_profiles (bond_id, member_id, helps, unhelpful, comfort, signs, made_together, updated_at)
         VALUES ($8, $1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (bond_id, member_id) DO UPDATE SET helps = excluded.helps, unhelpful = excluded.unhelpful,
             comfort = excluded.comfort, signs = excluded.signs,
             made_together = excluded.made_together, updated_at = excluded.updated_at"
    )
    .bind(access.me())
    .bind(&p.helps)
    .bind(&p.unhelpful)
    .bind(&p.comfort)
    .bind(&p.signs)
    .bind(made_together)
    .bind(now())
    .bind(access.id())
    .execute(c)
    .await
    })?;
    Ok(())
}

/// A prompt as worded for one member: the mother's own, or the son's for his age band.
pub fn wording<'a>(prompt: &'a NeedsPrompt, member: &Member) -> (&'a str, &'a str) {
    match (member.role, member.age_band()) {
        (Role::Son, Some(band)) => (prompt.son.get(&band), prompt.son_hint.get(&band)),
        (Role::Son, None) => (
            prompt.son.get(&crate::family::AgeBand::Teen),
            prompt.son_hint.get(&crate::family::AgeBand::Teen),
        ),
        (Role::Mother, _) => (&prompt.mother, &prompt.mother_hint),
    }
}

#[derive(Template)]
#[template(path = "feelings/needs.html")]
struct NeedsPage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    mine: NeedsProfile,
    theirs: NeedsProfile,
    errors: FieldErrors,
    saved: bool,
}

impl NeedsPage {
    /// Who the page speaks to, for its words: a little one (with his mother, in together
    /// mode), a mother whose son cannot read yet, or anyone else.
    fn reader(&self) -> &'static str {
        let little = self.access.bond().son.age_band() == Some(crate::family::AgeBand::Little);
        match (little, self.access.together()) {
            (true, true) => "little",
            (true, false) => "mother-of-little",
            (false, _) => "other",
        }
    }

    fn prompts(&self) -> &'static [NeedsPrompt] {
        needs_prompts()
    }

    fn my_wording<'a>(&self, p: &'a NeedsPrompt) -> (&'a str, &'a str) {
        wording(p, &self.me)
    }

    fn their_wording<'a>(&self, p: &'a NeedsPrompt) -> &'a str {
        wording(p, self.access.partner()).0
    }
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    axum::extract::Query(q): axum::extract::Query<crate::web::form::SavedQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mine = profile_of(&mut conn, access.id(), access.me()).await?;
    let theirs = profile_of(&mut conn, access.id(), &access.partner().id).await?;
    Ok(render(
        StatusCode::OK,
        &NeedsPage {
            layout: Layout::member(
                viewer.tr.t("feelings-title-what-helps-us"),
                Section::Feelings,
                &viewer,
            ),
            me: viewer.actor().clone(),
            access,
            mine,
            theirs,
            errors: FieldErrors::default(),
            saved: q.saved.is_some(),
        },
    ))
}

pub async fn update(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<NeedsProfile>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let clean = form.validate(&mut errors);
    if !errors.is_empty() {
        let theirs = profile_of(&mut conn, access.id(), &access.partner().id).await?;
        let page = NeedsPage {
            layout: Layout::member(
                viewer.tr.t("feelings-title-what-helps-us"),
                Section::Feelings,
                &viewer,
            ),
            me: viewer.actor().clone(),
            access,
            mine: form,
            theirs,
            errors,
            saved: false,
        };
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    save(&mut conn, &access, &clean, viewer.together_with().is_some()).await?;
    Ok(Redirect::to(&access.href("feelings/needs?saved=1")).into_response())
}

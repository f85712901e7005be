//! `/settings/support`: the country whose helplines a member wants to see. A setting of the
//! member's own: it is read only for the member it belongs to (the signed-in member here, the
//! one who checked in on the reach-out card), never for the other member of a bond.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::helplines::{self, Country, Support};
use crate::{
    app::AppState,
    auth::Viewer,
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::{Member, MemberId, Role},
    i18n::Msg,
    web::{
        controls::Choice,
        form::Form,
        page::{Layout, Section, ok, render},
    },
};

/// The country a member chose, if any (and if Tandem still lists it).
pub async fn country_of(
    h: &mut impl Handle,
    member: &MemberId,
) -> AppResult<Option<&'static Country>> {
    let code = db_run!(h, |c| sqlx::query_scalar::<_, String>(
        "SELECT country FROM support_settings WHERE member_id = $1"
    )
    .bind(member)
    .fetch_optional(c)
    .await)?;
    Ok(code.as_deref().and_then(helplines::country))
}

/// Chooses a country, or none.
pub async fn set_country(
    h: &mut impl Handle,
    member: &MemberId,
    country: Option<&Country>,
) -> AppResult<()> {
    match country {
        Some(country) => db_exec!(h, |c| sqlx::query(
            "INSERT INTO support_settings (member_id, country, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (member_id) DO UPDATE SET country = $2, updated_at = $3"
        )
        .bind(member)
        .bind(&country.code)
        .bind(now())
        .execute(c)
        .await)?,
        None => db_exec!(h, |c| sqlx::query(
            "DELETE FROM support_settings WHERE member_id = $1"
        )
        .bind(member)
        .execute(c)
        .await)?,
    };
    Ok(())
}

/// The helplines a member is shown: their country's and the international ones, for their
/// age (a son's from his birth date; a mother's is an adult's).
pub async fn support_for(h: &mut impl Handle, member: &Member) -> AppResult<Support> {
    let country = country_of(h, &member.id).await?;
    let age = match member.role {
        Role::Son => member.age(),
        Role::Mother => None,
    };
    Ok(Support::for_member(country, age))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CountryForm {
    country: String,
}

impl CountryForm {
    /// `Ok(None)` is "no country": only the international helplines.
    fn validate(&self) -> Result<Option<&'static Country>, Msg> {
        match self.country.trim() {
            "" => Ok(None),
            code => helplines::country(code)
                .map(Some)
                .ok_or_else(|| Msg::new("feelings-support-choose-country")),
        }
    }
}

#[derive(Template)]
#[template(path = "feelings/support.html")]
struct SupportPage {
    layout: Layout,
    support: Support,
    selected: String,
    error: Option<String>,
    saved: bool,
}

impl SupportPage {
    /// The countries to choose from, by code; their names are data (content/helplines).
    fn country_choices(&self) -> Vec<Choice> {
        helplines::countries()
            .iter()
            .map(|c| Choice::new(&c.code, c.name.as_str()))
            .collect()
    }
}

pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<crate::web::form::SavedQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let support = support_for(&mut conn, &viewer.member).await?;
    Ok(ok(&SupportPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-support"),
            Section::Settings,
            &viewer,
        ),
        selected: support.country.map(|c| c.code.clone()).unwrap_or_default(),
        support,
        error: None,
        saved: q.saved.is_some(),
    }))
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CountryForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    match form.validate() {
        Ok(country) => {
            set_country(&mut conn, &viewer.member.id, country).await?;
            Ok(Redirect::to("/settings/support?saved=1").into_response())
        }
        Err(message) => {
            let support = support_for(&mut conn, &viewer.member).await?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SupportPage {
                    layout: Layout::member(
                        viewer.tr.t("feelings-title-support"),
                        Section::Settings,
                        &viewer,
                    ),
                    support,
                    selected: String::new(),
                    error: Some(message.render(&viewer.tr)),
                    saved: false,
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_one_of_the_list_or_none() {
        let form = |c: &str| CountryForm { country: c.into() };
        assert_eq!(form(" GB ").validate().unwrap().unwrap().code, "GB");
        assert!(form("").validate().unwrap().is_none());
        for wrong in ["UK", "gb", "XX", "<b>"] {
            assert!(form(wrong).validate().is_err(), "{wrong}");
        }
    }
}

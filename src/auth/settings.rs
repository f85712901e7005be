//! Settings: one's own name, time zone and language, and password.

use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::{
        Viewer, account,
        limits::{self, Action},
        login::ClientIp,
        password, reset, session, signup,
    },
    error::{AppError, AppResult},
    family::{self, Profile, Role},
    i18n::{self, Key, Msg},
    web::{
        flash::Flash,
        form::{FieldErrors, Form, line},
        page::{Layout, Section, ok, render},
    },
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    display_name: String,
    time_zone: String,
    birth_date: String,
    /// A tag of the catalogue, or "" to follow the browser.
    language: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

#[derive(Template)]
#[template(path = "auth/settings.html")]
struct SettingsPage {
    layout: Layout,
    email: String,
    profile: ProfileForm,
    profile_errors: FieldErrors,
    password_errors: FieldErrors,
    time_zones: signup::TimeZones,
    /// The languages to choose from: tag and name (in that language).
    languages: Vec<(&'static str, String)>,
    is_son: bool,
}

impl SettingsPage {
    fn new(viewer: &Viewer) -> SettingsPage {
        SettingsPage {
            layout: Layout::member(viewer.tr.t("settings-title"), Section::Settings, viewer),
            email: viewer.email.clone(),
            profile: ProfileForm {
                display_name: viewer.member.display_name.clone(),
                time_zone: viewer.member.time_zone.clone(),
                birth_date: viewer
                    .member
                    .birth_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                language: viewer.member.language.clone().unwrap_or_default(),
            },
            is_son: viewer.member.role == Role::Son,
            profile_errors: FieldErrors::default(),
            password_errors: FieldErrors::default(),
            time_zones: signup::time_zones(),
            languages: i18n::offered()
                .map(|tr| (tr.tag(), tr.t("language-name")))
                .collect(),
        }
    }
}

pub async fn page(viewer: Viewer) -> Response {
    ok(&SettingsPage::new(&viewer))
}

pub async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let name = errors.take(
        "display_name",
        line(
            &form.display_name,
            Key("field-your-name"),
            1,
            signup::NAME_MAX,
        ),
    );
    let tz = errors.take("time_zone", signup::parse_time_zone(&form.time_zone));
    // A son keeps his birth date right himself: his age band comes from it.
    let birth_date = match viewer.member.role {
        Role::Son => errors.take(
            "birth_date",
            signup::parse_birth_date(&form.birth_date).map(Some),
        ),
        Role::Mother => viewer.member.birth_date,
    };
    let language = match form.language.trim() {
        "" => None,
        tag => errors.take(
            "language",
            i18n::offered()
                .find(|tr| tr.tag() == tag)
                .map(|tr| Some(tr.tag()))
                .ok_or_else(|| Msg::new("settings-choose-language")),
        ),
    };
    if !errors.is_empty() {
        let mut page = SettingsPage::new(&viewer);
        page.profile = form;
        page.profile_errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let mut conn = state.db.conn().await?;
    let profile = Profile {
        display_name: &name,
        birth_date,
        time_zone: &tz,
    };
    family::update_profile(&mut conn, &viewer.member.id, &profile).await?;
    family::set_language(&mut conn, &viewer.member.id, language).await?;
    Ok((Flash::ProfileSaved, Redirect::to("/settings")).into_response())
}

pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let mut conn = state.db.conn().await?;
    // Someone at an unlocked phone must not get unlimited guesses at the password; counted
    // before the check, as at login.
    if limits::admit(&mut conn, Action::CurrentPassword, &viewer.email, &ip)
        .await?
        .is_some()
    {
        return Err(AppError::TooManyRequests(Msg::new(
            "auth-current-password-wrong-too",
        )));
    }
    let stored = account::password_hash(&mut conn, &viewer.account_id).await?;
    if password::verify(form.current_password, Some(stored)).await? {
        limits::forget(&mut conn, Action::CurrentPassword, &viewer.email).await?;
    } else {
        errors.add("current_password", Msg::new("auth-wrong-current-password"));
    }
    drop(conn);
    let email = crate::auth::Email::parse(&viewer.email).unwrap_or_default();
    errors.take(
        "new_password",
        password::check_strength(
            &form.new_password,
            &[email.local_part(), &viewer.member.display_name],
        ),
    );
    if !errors.is_empty() {
        let mut page = SettingsPage::new(&viewer);
        page.password_errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let hash = password::hash(form.new_password).await?;
    let mut tx = state.db.begin().await?;
    account::set_password(&mut tx, &viewer.account_id, &hash).await?;
    session::destroy_others(&mut tx, &viewer.account_id, Some(&viewer.session_hash)).await?;
    reset::void_links(&mut tx, &viewer.account_id).await?;
    tx.commit().await?;
    Ok((Flash::PasswordChanged, Redirect::to("/settings")).into_response())
}

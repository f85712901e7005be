//! Settings: one's own name and time zone, and password.

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
    web::{
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
    time_zones: &'static [&'static str],
    notice: Option<&'static str>,
    is_son: bool,
}

impl SettingsPage {
    fn new(viewer: &Viewer) -> SettingsPage {
        SettingsPage {
            layout: Layout::member("Settings", Section::Settings, viewer),
            email: viewer.email.clone(),
            profile: ProfileForm {
                display_name: viewer.member.display_name.clone(),
                time_zone: viewer.member.time_zone.clone(),
                birth_date: viewer
                    .member
                    .birth_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            },
            is_son: viewer.member.role == Role::Son,
            profile_errors: FieldErrors::default(),
            password_errors: FieldErrors::default(),
            time_zones: signup::time_zones(),
            notice: None,
        }
    }
}

pub async fn page(
    viewer: Viewer,
    axum::extract::Query(q): axum::extract::Query<crate::web::form::SavedQuery>,
) -> Response {
    let mut page = SettingsPage::new(&viewer);
    page.notice = match q.saved.as_deref() {
        Some("profile") => Some("Your profile is saved."),
        Some("password") => Some("Your password is changed. Other devices were signed out."),
        _ => None,
    };
    ok(&page)
}

pub async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let name = errors.take(
        "display_name",
        line(&form.display_name, "Your name", 1, signup::NAME_MAX),
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
    Ok(Redirect::to("/settings?saved=profile").into_response())
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
        return Err(AppError::TooManyRequests(
            "The current password was wrong too many times. Wait 15 minutes and try again; if you forgot it, log out and reset it.".into(),
        ));
    }
    let stored = account::password_hash(&mut conn, &viewer.account_id).await?;
    if password::verify(form.current_password, Some(stored)).await? {
        limits::forget(&mut conn, Action::CurrentPassword, &viewer.email).await?;
    } else {
        errors.add("current_password", "This is not your current password.");
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
    Ok(Redirect::to("/settings?saved=password").into_response())
}

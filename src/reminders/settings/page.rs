//! `/settings/reminders`: how and when Tandem may remind the signed-in member.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveTime;
use serde::Deserialize;

use super::{self as settings, MAX_WEEKLY_CAP, Settings};
use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    i18n::Msg,
    push::Device,
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, ok, render},
    },
};

/// The form as sent. Unticked boxes are simply absent.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    in_app: Option<String>,
    email: Option<String>,
    push: Option<String>,
    quiet_start: String,
    quiet_end: String,
    weekly_cap: String,
}

impl SettingsForm {
    fn from(settings: &Settings) -> SettingsForm {
        let on = |b: bool| b.then(|| "on".to_owned());
        SettingsForm {
            in_app: on(settings.in_app),
            email: on(settings.email),
            push: on(settings.push),
            quiet_start: settings.quiet_start.format("%H:%M").to_string(),
            quiet_end: settings.quiet_end.format("%H:%M").to_string(),
            weekly_cap: settings.weekly_cap.to_string(),
        }
    }

    pub fn in_app(&self) -> bool {
        self.in_app.is_some()
    }

    pub fn email(&self) -> bool {
        self.email.is_some()
    }

    pub fn push(&self) -> bool {
        self.push.is_some()
    }
}

#[derive(Template)]
#[template(path = "reminders/settings.html")]
struct SettingsPage {
    layout: Layout,
    email_address: String,
    form: SettingsForm,
    errors: FieldErrors,
    saved: bool,
    max_cap: i64,
    /// The devices the member turned push on for.
    devices: Vec<Device>,
    /// The server's VAPID public key, for the browser's `applicationServerKey`.
    push_key: String,
    /// A device was just removed.
    removed: bool,
}

impl SettingsPage {
    /// Whether this browser's notifications are on for the viewer.
    fn pushes_here(&self) -> bool {
        self.devices.iter().any(|d| d.here)
    }

    async fn new(state: &AppState, viewer: &Viewer, form: SettingsForm) -> AppResult<SettingsPage> {
        let mut conn = state.db.conn().await?;
        let devices = Device::of_member(&mut conn, viewer).await?;
        let push_key = crate::push::vapid::keys(&mut conn).await?.public;
        Ok(SettingsPage {
            layout: Layout::member(
                viewer.tr.t("reminders-settings-title"),
                Section::Settings,
                viewer,
            ),
            email_address: viewer.email.clone(),
            form,
            errors: FieldErrors::default(),
            saved: false,
            max_cap: MAX_WEEKLY_CAP,
            devices,
            push_key,
            removed: false,
        })
    }
}

/// What the page says it just did (`?saved=1`, `?removed=1`).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    saved: Option<String>,
    removed: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let current = settings::load(&mut conn, &viewer.member.id).await?;
    drop(conn);
    let mut page = SettingsPage::new(&state, &viewer, SettingsForm::from(&current)).await?;
    page.saved = q.saved.is_some();
    page.removed = q.removed.is_some();
    Ok(ok(&page))
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let quiet_start = errors.take("quiet_start", parse_time(&form.quiet_start));
    let quiet_end = errors.take("quiet_end", parse_time(&form.quiet_end));
    let weekly_cap = errors.take("weekly_cap", parse_cap(&form.weekly_cap));
    if !errors.is_empty() {
        let mut page = SettingsPage::new(&state, &viewer, form).await?;
        page.errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let chosen = Settings {
        in_app: form.in_app(),
        email: form.email(),
        push: form.push(),
        quiet_start,
        quiet_end,
        weekly_cap,
    };
    let mut conn = state.db.conn().await?;
    settings::save(&mut conn, &viewer.member.id, &chosen).await?;
    Ok(Redirect::to("/settings/reminders?saved=1").into_response())
}

/// A wall-clock time as a time field sends it ("21:00", or "21:00:00" with seconds).
fn parse_time(raw: &str) -> Result<NaiveTime, Msg> {
    crate::web::form::time(raw).ok_or_else(|| Msg::new("reminders-give-time-like"))
}

fn parse_cap(raw: &str) -> Result<i64, Msg> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=MAX_WEEKLY_CAP).contains(n))
        .ok_or_else(|| {
            Msg::with(
                "reminders-whole-number-up-to",
                [("max", MAX_WEEKLY_CAP.into())],
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_with_or_without_seconds() {
        assert_eq!(
            parse_time(" 21:30 "),
            Ok(NaiveTime::from_hms_opt(21, 30, 0).unwrap())
        );
        assert_eq!(
            parse_time("07:05:00"),
            Ok(NaiveTime::from_hms_opt(7, 5, 0).unwrap())
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("9pm").is_err());
        assert!(parse_time("").is_err());
    }

    #[test]
    fn the_cap_is_a_whole_number_from_zero_to_fourteen() {
        assert_eq!(parse_cap("0"), Ok(0));
        assert_eq!(parse_cap("14"), Ok(14));
        assert!(parse_cap("15").is_err());
        assert!(parse_cap("-1").is_err());
        assert!(parse_cap("2.5").is_err());
    }
}

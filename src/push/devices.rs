//! Turning push on and off: the browser posts its subscription (`assets/app.js`), and the
//! member sees and removes their devices on the reminder settings page.

use axum::{
    body::Bytes,
    extract::{Path, State, rejection::BytesRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, de::DeserializeOwned};

use super::subscription::{self, DeviceName, NewSubscription, SubscriptionJson, Which};
use crate::{
    app::AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    i18n::{Msg, Tr, dates},
};

/// `POST /push/subscriptions`: push on for the device that sends it, for the signed-in member.
pub async fn subscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Response> {
    let json: SubscriptionJson = read_json(body)?;
    let new = NewSubscription::parse(&json, state.config.push_allow_http_loopback)
        .map_err(AppError::Unprocessable)?;
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut conn = state.db.conn().await?;
    subscription::save(
        &mut conn,
        &viewer.member.id,
        &viewer.session_hash,
        &new,
        &DeviceName::from_user_agent(agent),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
pub struct ForgetJson {
    endpoint: String,
}

/// `POST /push/subscriptions/forget`: push off for the device that sends it (the browser has
/// unsubscribed). Forgetting a device that is not the member's changes nothing.
pub async fn forget_this_device(
    State(state): State<AppState>,
    viewer: Viewer,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Response> {
    let json: ForgetJson = read_json(body)?;
    let mut conn = state.db.conn().await?;
    subscription::remove(
        &mut conn,
        &viewer.member.id,
        Which::Endpoint(json.endpoint.trim()),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /push/devices/{id}/remove`: the member removes one of their devices from the
/// settings page.
pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    if !subscription::remove(&mut conn, &viewer.member.id, Which::Id(&id)).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/settings/reminders?removed=1#devices-heading").into_response())
}

/// A body of JSON, or a refusal that says so.
fn read_json<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> AppResult<T> {
    let bytes = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => AppError::BadRequest(Msg::new("push-refused-unreadable")),
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|_| AppError::BadRequest(Msg::new("push-refused-unreadable")))
}

/// A device as the settings page lists it, in the member's language.
pub struct Device {
    pub id: String,
    pub name: String,
    pub added: String,
    /// Turned on in the viewer's own session: the device (browser) the page is read on.
    pub here: bool,
}

impl Device {
    /// The member's devices, newest first.
    pub async fn of_member(
        h: &mut impl crate::db::Handle,
        viewer: &Viewer,
    ) -> AppResult<Vec<Device>> {
        let tz = viewer.member.tz();
        let tr = viewer.tr;
        Ok(subscription::of_member(h, &viewer.member.id)
            .await?
            .into_iter()
            .map(|s| Device {
                name: name(&tr, s.browser.as_deref(), s.platform.as_deref()),
                added: day(&tr, s.created_at, tz),
                here: s.session_hash.as_deref() == Some(viewer.session_hash.as_str()),
                id: s.id,
            })
            .collect())
    }
}

fn name(tr: &Tr, browser: Option<&str>, platform: Option<&str>) -> String {
    match (browser, platform) {
        (Some(b), Some(p)) => tr.t_with(
            "push-device-on",
            &[("browser", b.into()), ("system", p.into())],
        ),
        (Some(one), None) | (None, Some(one)) => {
            tr.t_with("push-device-named", &[("name", one.into())])
        }
        (None, None) => tr.t("push-device-unknown"),
    }
}

fn day(tr: &Tr, at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    dates::date_long(tr, &at.with_timezone(&tz))
}

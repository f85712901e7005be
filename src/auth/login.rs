//! Log in and log out, with failed attempts limited per account and per address.

use std::net::SocketAddr;

use askama::Template;
use axum::{
    extract::{ConnectInfo, FromRequestParts, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Duration;
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::{Viewer, account, password, session, signup::signed_in_redirect},
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    web::{
        cookies,
        form::{FieldErrors, Form},
        page::{Layout, render},
    },
};

/// Failed attempts allowed per account, and per client address, within [`WINDOW`].
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const WINDOW: Duration = Duration::minutes(15);

/// The client's address: the socket's peer, or behind a reverse proxy the address the proxy
/// saw ("unknown" when neither is known).
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let forwarded = state
            .config
            .behind_proxy
            .then(|| {
                parts
                    .headers
                    .get("x-forwarded-for")?
                    .to_str()
                    .ok()?
                    .rsplit(',')
                    .next()
                    .map(str::trim)
            })
            .flatten()
            .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok());
        if let Some(ip) = forwarded {
            return Ok(ClientIp(ip.to_owned()));
        }
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientIp(ip))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    errors: FieldErrors,
    notice: Option<&'static str>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    reset: Option<String>,
}

pub async fn page(
    viewer: Option<Viewer>,
    axum::extract::Query(q): axum::extract::Query<LoginQuery>,
) -> Response {
    if viewer.is_some() {
        return Redirect::to("/").into_response();
    }
    let notice = q
        .reset
        .map(|_| "Your password was changed. Log in with the new one.");
    show(
        StatusCode::OK,
        String::new(),
        FieldErrors::default(),
        notice,
    )
}

fn show(
    status: StatusCode,
    email: String,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Response {
    render(
        status,
        &LoginPage {
            layout: Layout::visitor("Log in", "/login"),
            email,
            errors,
            notice,
        },
    )
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let email = form.email.trim().to_lowercase();
    let mut conn = state.db.conn().await?;
    if let Some(message) = limit_reached(&mut conn, &email, &ip).await? {
        return Err(AppError::TooManyRequests(message.into()));
    }
    let credentials = account::credentials(&mut conn, &email).await?;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let ok = password::verify(form.password, stored).await?;
    let Some(credentials) = credentials.filter(|_| ok) else {
        record_failure(&mut conn, &email, &ip).await?;
        let mut errors = FieldErrors::default();
        errors.add(
            "password",
            "That email and password do not match. Check both and try again.",
        );
        return Ok(show(
            StatusCode::UNPROCESSABLE_ENTITY,
            form.email,
            errors,
            None,
        ));
    };
    drop(conn);

    // A fresh session id at every login: a session id planted before login is worthless after.
    let mut tx = state.db.begin().await?;
    session::destroy(&mut tx, &headers).await?;
    let token = session::create(&mut tx, &credentials.id).await?;
    db_exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM login_failures WHERE email = $1"
    )
    .bind(&email)
    .execute(c)
    .await)?;
    tx.commit().await?;
    Ok(signed_in_redirect(
        &token,
        state.config.secure_cookies(),
        "/",
    ))
}

/// A message when too many recent attempts failed for this account or from this address.
async fn limit_reached(
    h: &mut impl Handle,
    email: &str,
    ip: &str,
) -> AppResult<Option<&'static str>> {
    let since = now() - WINDOW;
    let (by_email, by_ip): (i64, i64) = db_run!(h, |c| sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM login_failures WHERE email = $1 AND failed_at > $3),
            (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND failed_at > $3)"
    )
    .bind(email)
    .bind(ip)
    .bind(since)
    .fetch_one(c)
    .await)?;
    Ok(if by_email >= MAX_FAILURES_PER_ACCOUNT {
        Some(
            "There were too many wrong passwords for this account. Wait 15 minutes and try again, or reset your password.",
        )
    } else if by_ip >= MAX_FAILURES_PER_ADDRESS {
        Some("There were too many failed logins from your network. Wait 15 minutes and try again.")
    } else {
        None
    })
}

async fn record_failure(h: &mut impl Handle, email: &str, ip: &str) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO login_failures (id, email, ip, failed_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(new_id())
    .bind(email)
    .bind(ip)
    .bind(now())
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    session::destroy(&mut conn, &headers).await?;
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookies::clear_session(state.config.secure_cookies()),
    );
    // On a shared device, what the browser kept of his pages goes with the session.
    response.headers_mut().insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\""),
    );
    Ok(response)
}

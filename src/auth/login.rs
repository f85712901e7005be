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
    auth::{Viewer, account, device, password, session, signup::signed_in_redirect},
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    i18n::{Msg, Tr},
    web::{
        cookies,
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

/// Failed attempts allowed per account (from strangers, or from one known device), and per
/// client address, within [`WINDOW`].
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
    /// The catalogue key of a notice above the form.
    notice_key: Option<&'static str>,
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
    let notice = q.reset.map(|_| "login-password-changed");
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
    notice_key: Option<&'static str>,
) -> Response {
    render(
        status,
        &LoginPage {
            layout: Layout::visitor(Tr::current().t("login-title"), Section::LogIn),
            email,
            errors,
            notice_key,
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
    let device = device::known_for(&mut conn, &headers, &email).await?;
    // Recorded before the password is checked, outside any transaction: every count that
    // starts later sees it, so parallel guesses cannot all slip under the limit.
    let attempt = record_attempt(&mut conn, &email, &ip, device.as_deref()).await?;
    if let Some(message) = limit_reached(&mut conn, &email, &ip, device.as_deref()).await? {
        // A refused attempt is not counted: waiting the quarter of an hour is enough.
        forget_attempt(&mut conn, &attempt).await?;
        return Err(AppError::LoginLimited(message));
    }
    let credentials = account::credentials(&mut conn, &email).await?;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let ok = password::verify(form.password, stored).await?;
    let Some(credentials) = credentials.filter(|_| ok) else {
        let mut errors = FieldErrors::default();
        errors.add("password", Msg::new("auth-email-password-mismatch"));
        return Ok(show(
            StatusCode::UNPROCESSABLE_ENTITY,
            form.email,
            errors,
            None,
        ));
    };
    if credentials.email_confirmed_at.is_none() {
        // Only someone who knows the password reads this, so it tells a stranger nothing.
        forget_attempt(&mut conn, &attempt).await?;
        let mut errors = FieldErrors::default();
        errors.add("email", Msg::new("auth-please-confirm-email-address"));
        return Ok(show(
            StatusCode::UNPROCESSABLE_ENTITY,
            form.email,
            errors,
            None,
        ));
    }
    drop(conn);

    // A fresh session id at every login: a session id planted before login is worthless after.
    let mut tx = state.db.begin().await?;
    session::destroy(&mut tx, &headers).await?;
    let token = session::create(&mut tx, &credentials.id).await?;
    // The right password clears the wrong guesses of its own lane only: signing in on her
    // phone does not hand a stranger a fresh set of guesses, nor the other way round.
    db_exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM login_failures WHERE email = $1 AND COALESCE(device_hash, '') = $2"
    )
    .bind(&email)
    .bind(device.as_deref().unwrap_or(""))
    .execute(c)
    .await)?;
    let secure = state.config.secure_cookies();
    let device_cookie =
        device::remember(&mut tx, &credentials.id, device.as_deref(), secure).await?;
    tx.commit().await?;
    let mut response = signed_in_redirect(&token, secure, "/");
    if let Some(cookie) = device_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// A message when too many recent attempts failed for this account (from strangers, or from
/// this known device) or from this address. The attempt being judged is among those counted.
async fn limit_reached(
    h: &mut impl Handle,
    email: &str,
    ip: &str,
    device: Option<&str>,
) -> AppResult<Option<Msg>> {
    let since = now() - WINDOW;
    let (by_account, by_ip): (i64, i64) = db_run!(h, |c| sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM login_failures
             WHERE email = $1 AND COALESCE(device_hash, '') = $4 AND failed_at > $3),
            (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND failed_at > $3)"
    )
    .bind(email)
    .bind(ip)
    .bind(since)
    .bind(device.unwrap_or(""))
    .fetch_one(c)
    .await)?;
    Ok(if by_account > MAX_FAILURES_PER_ACCOUNT {
        Some(Msg::new("auth-too-many-wrong-passwords"))
    } else if by_ip > MAX_FAILURES_PER_ADDRESS {
        Some(Msg::new("auth-too-many-failed-logins-network"))
    } else {
        None
    })
}

/// Records a login attempt; it stays as a failure unless the password proves right.
async fn record_attempt(
    h: &mut impl Handle,
    email: &str,
    ip: &str,
    device: Option<&str>,
) -> AppResult<String> {
    let id = new_id();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO login_failures (id, email, ip, failed_at, device_hash) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(&id)
    .bind(email)
    .bind(ip)
    .bind(now())
    .bind(device)
    .execute(c)
    .await
    })?;
    Ok(id)
}

async fn forget_attempt(h: &mut impl Handle, id: &str) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM login_failures WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    Ok(())
}

/// Lifts every login lock of an account (after a password reset proved the owner).
pub async fn lift_lockout(h: &mut impl Handle, email: &str) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM login_failures WHERE email = $1"
    )
    .bind(email)
    .execute(c)
    .await)?;
    Ok(())
}

#[derive(Template)]
#[template(path = "auth/locked.html")]
struct LockedPage {
    layout: Layout,
    message: String,
}

/// The 429 page of a login limit: it says how long to wait and offers a reset, which lifts
/// the lock at once.
pub fn locked_page(message: &Msg) -> Response {
    let layout = Layout::visitor(Tr::current().t("error-wait-title"), Section::LogIn);
    render(
        StatusCode::TOO_MANY_REQUESTS,
        &LockedPage {
            message: message.render(&layout.tr),
            layout,
        },
    )
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

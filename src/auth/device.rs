//! Known devices: a browser that signed in to an account before carries a long-lived cookie
//! (a random token; the table keeps its hash). Login attempts from it are limited apart from
//! everyone else's, so a stranger who locks the account by guessing does not lock out its
//! owner on her own phone (OWASP's "device cookie").

use axum::http::{HeaderMap, HeaderValue};
use chrono::Duration;

use crate::{
    auth::session::{new_token, token_hash},
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::AccountId,
    web::cookies,
};

pub const DEVICE_COOKIE: &str = "tandem_device";
/// How long a device stays known without signing in again.
pub const DEVICE_DAYS: i64 = 365;

/// The hash of the device cookie the request carries, if it belongs to the account of
/// `email`. A cookie of another account, or an unknown one, counts as no known device.
pub async fn known_for(
    h: &mut impl Handle,
    headers: &HeaderMap,
    email: &str,
) -> AppResult<Option<String>> {
    let Some(token) = cookies::read(headers, DEVICE_COOKIE) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let found: Option<String> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT d.token_hash FROM known_devices d JOIN accounts a ON a.id = d.account_id
         WHERE d.token_hash = $1 AND a.email = $2 AND d.last_used_at > $3"
    )
    .bind(&hash)
    .bind(email)
    .bind(now() - Duration::days(DEVICE_DAYS))
    .fetch_optional(c)
    .await)?;
    Ok(found)
}

/// After a successful login: refreshes the known device, or makes this browser one. Returns
/// the `Set-Cookie` to send when a new device cookie was made.
pub async fn remember(
    h: &mut impl Handle,
    account: &AccountId,
    known: Option<&str>,
    secure: bool,
) -> AppResult<Option<HeaderValue>> {
    let now = now();
    if let Some(hash) = known {
        db_exec!(h, |c| sqlx::query(
            "UPDATE known_devices SET last_used_at = $1 WHERE token_hash = $2"
        )
        .bind(now)
        .bind(hash)
        .execute(c)
        .await)?;
        return Ok(None);
    }
    let token = new_token();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO known_devices (token_hash, account_id, created_at, last_used_at)
         VALUES ($1, $2, $3, $3)"
    )
    .bind(token_hash(&token))
    .bind(account)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(Some(cookie(&token, secure)))
}

/// `Set-Cookie` for the device token: HttpOnly, SameSite=Lax, Secure on https.
fn cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = DEVICE_DAYS * 86_400;
    // The token is URL-safe base64, so the header is plain ASCII.
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

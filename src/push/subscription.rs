//! A member's devices: what a browser's `PushSubscription` gives us, checked at the edge, and
//! the rows that keep it.

use base64::{
    Engine,
    engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD},
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::{
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::AppResult,
    family::MemberId,
    i18n::Msg,
};

/// The longest endpoint we keep. Push services' URLs are a few hundred characters.
pub const MAX_ENDPOINT: usize = 1024;

/// A subscription as the browser's `PushSubscription.toJSON()` writes it.
#[derive(Debug, Deserialize)]
pub struct SubscriptionJson {
    pub endpoint: String,
    pub keys: KeysJson,
}

#[derive(Debug, Deserialize)]
pub struct KeysJson {
    pub p256dh: String,
    pub auth: String,
}

/// A subscription whose endpoint and keys were checked.
#[derive(Debug)]
pub struct NewSubscription {
    pub endpoint: url::Url,
    /// base64url, as stored and as the sender reads it back.
    pub p256dh: String,
    pub auth: String,
}

impl NewSubscription {
    /// Checks what the browser sent: an https endpoint (http only on this machine's loopback
    /// when `allow_http_loopback`, for development and tests), a P-256 public key in
    /// uncompressed form (65 bytes) and a 16-byte auth secret, both base64url.
    pub fn parse(json: &SubscriptionJson, allow_http_loopback: bool) -> Result<Self, Msg> {
        let endpoint = endpoint(&json.endpoint, allow_http_loopback)?;
        let p256dh = base64url(&json.keys.p256dh)
            .filter(|bytes| bytes.len() == 65 && p256::PublicKey::from_sec1_bytes(bytes).is_ok())
            .ok_or_else(|| Msg::new("push-refused-key"))?;
        let auth = base64url(&json.keys.auth)
            .filter(|bytes| bytes.len() == 16)
            .ok_or_else(|| Msg::new("push-refused-auth"))?;
        Ok(NewSubscription {
            endpoint,
            p256dh: URL_SAFE_NO_PAD.encode(p256dh),
            auth: URL_SAFE_NO_PAD.encode(auth),
        })
    }
}

/// A push service's URL. Besides https, nothing that would make the server post somewhere a
/// browser would not have given us: no credentials in it, a bounded length.
pub fn endpoint(raw: &str, allow_http_loopback: bool) -> Result<url::Url, Msg> {
    let refused = || Msg::new("push-refused-endpoint");
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > MAX_ENDPOINT {
        return Err(refused());
    }
    let url = url::Url::parse(raw).map_err(|_| refused())?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => return Err(refused()),
    };
    let scheme_ok = match url.scheme() {
        "https" => true,
        "http" => allow_http_loopback && loopback,
        _ => false,
    };
    if !scheme_ok || !url.username().is_empty() || url.password().is_some() {
        return Err(refused());
    }
    Ok(url)
}

/// Padded or not, as browsers differ.
fn base64url(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    URL_SAFE_NO_PAD
        .decode(s)
        .or_else(|_| URL_SAFE.decode(s))
        .ok()
}

/// A device as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscription {
    pub id: String,
    pub member_id: MemberId,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub browser: Option<String>,
    pub platform: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// The session that turned it on (none for devices turned on before sessions were kept).
    pub session_hash: Option<String>,
}

const COLUMNS: &str = "id, member_id, endpoint, p256dh, auth, browser, platform, created_at, \
     last_success_at, session_hash";

/// Keeps the device for the member, for as long as the session that turned it on lasts (a
/// device someone had turned on before, e.g. a shared tablet, now belongs to this member and
/// session alone, with its new keys).
pub async fn save(
    h: &mut impl Handle,
    member: &MemberId,
    session_hash: &str,
    new: &NewSubscription,
    device: &DeviceName,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO push_subscriptions
             (id, member_id, endpoint, p256dh, auth, browser, platform, created_at, session_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (endpoint) DO UPDATE SET member_id = $2, p256dh = $4, auth = $5,
             browser = $6, platform = $7, created_at = $8, last_success_at = NULL,
             session_hash = $9"
    )
    .bind(new_id())
    .bind(member)
    .bind(new.endpoint.as_str())
    .bind(&new.p256dh)
    .bind(&new.auth)
    .bind(device.browser)
    .bind(device.platform)
    .bind(now())
    .bind(session_hash)
    .execute(c)
    .await)?;
    Ok(())
}

/// The member's devices, newest first.
pub async fn of_member(h: &mut impl Handle, member: &MemberId) -> AppResult<Vec<Subscription>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM push_subscriptions WHERE member_id = $1 ORDER BY created_at DESC, id"
    );
    Ok(db_run!(h, |c| sqlx::query_as::<_, Subscription>(&sql)
        .bind(member)
        .fetch_all(c)
        .await)?)
}

pub async fn find(h: &mut impl Handle, id: &str) -> AppResult<Option<Subscription>> {
    let sql = format!("SELECT {COLUMNS} FROM push_subscriptions WHERE id = $1");
    Ok(db_run!(h, |c| sqlx::query_as::<_, Subscription>(&sql)
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// Which of the member's devices to forget.
pub enum Which<'a> {
    Id(&'a str),
    Endpoint(&'a str),
}

/// Forgets one of the member's devices; another member's is left alone. Returns whether one
/// was forgotten.
pub async fn remove(h: &mut impl Handle, member: &MemberId, which: Which<'_>) -> AppResult<bool> {
    let (column, value) = match which {
        Which::Id(id) => ("id", id),
        Which::Endpoint(endpoint) => ("endpoint", endpoint),
    };
    let sql = format!("DELETE FROM push_subscriptions WHERE member_id = $1 AND {column} = $2");
    let removed = db_exec!(h, |c| sqlx::query(&sql)
        .bind(member)
        .bind(value)
        .execute(c)
        .await)?;
    Ok(removed > 0)
}

/// The push service says the subscription is gone (404, 410): forget it, whoever's it is.
pub async fn expire(h: &mut impl Handle, id: &str) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM push_subscriptions WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn stamp_success(h: &mut impl Handle, id: &str, at: DateTime<Utc>) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE push_subscriptions SET last_success_at = $1 WHERE id = $2"
    )
    .bind(at)
    .bind(id)
    .execute(c)
    .await)?;
    Ok(())
}

/// What the settings page calls a device: the browser's and the system's names, read from
/// the User-Agent when the device was turned on. Proper names, the same in every language.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DeviceName {
    pub browser: Option<&'static str>,
    pub platform: Option<&'static str>,
}

impl DeviceName {
    pub fn from_user_agent(ua: &str) -> DeviceName {
        // Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
        const BROWSERS: &[(&str, &str)] = &[
            ("Edg/", "Edge"),
            ("OPR/", "Opera"),
            ("SamsungBrowser/", "Samsung Internet"),
            ("Firefox/", "Firefox"),
            ("Chrome/", "Chrome"),
            ("Safari/", "Safari"),
        ];
        const PLATFORMS: &[(&str, &str)] = &[
            ("Android", "Android"),
            ("iPhone", "iOS"),
            ("iPad", "iPadOS"),
            ("Mac OS X", "macOS"),
            ("Windows", "Windows"),
            ("CrOS", "ChromeOS"),
            ("Linux", "Linux"),
        ];
        let first = |list: &[(&str, &'static str)]| {
            list.iter()
                .find(|(marker, _)| ua.contains(marker))
                .map(|(_, name)| *name)
        };
        DeviceName {
            browser: first(BROWSERS),
            platform: first(PLATFORMS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_https_or_loopback_http_when_allowed() {
        assert!(endpoint("https://fcm.googleapis.com/fcm/send/abc", false).is_ok());
        assert!(endpoint("http://127.0.0.1:4000/push/1", false).is_err());
        assert!(endpoint("http://127.0.0.1:4000/push/1", true).is_ok());
        assert!(endpoint("http://localhost:4000/push/1", true).is_ok());
        assert!(endpoint("http://push.example/1", true).is_err());
        assert!(endpoint("https://user:pw@push.example/1", false).is_err());
        assert!(endpoint("ftp://push.example/1", false).is_err());
        assert!(endpoint("not a url", false).is_err());
        let long = format!("https://push.example/{}", "a".repeat(MAX_ENDPOINT));
        assert!(endpoint(&long, false).is_err());
    }

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let android_chrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 \
             (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(
            DeviceName::from_user_agent(android_chrome),
            DeviceName {
                browser: Some("Chrome"),
                platform: Some("Android")
            }
        );
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
             (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(
            DeviceName::from_user_agent(iphone),
            DeviceName {
                browser: Some("Safari"),
                platform: Some("iOS")
            }
        );
        assert_eq!(DeviceName::from_user_agent(""), DeviceName::default());
    }
}

//! Reading and writing the session cookie by hand: one cookie, no jar needed.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION_COOKIE: &str = "tandem_session";

/// The value of cookie `name` in the request, if any.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// `Set-Cookie` for a session: HttpOnly, SameSite=Lax, Secure on https.
pub fn session(value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .expect("session cookie is ASCII")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session(secure: bool) -> HeaderValue {
    session("", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; tandem_session=xyz; b=2"),
        );
        assert_eq!(read(&headers, SESSION_COOKIE).as_deref(), Some("xyz"));
        assert_eq!(read(&headers, "missing"), None);
    }

    #[test]
    fn session_cookie_is_http_only_lax_and_secure_on_https() {
        let c = session("t", 60, true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert!(!session("t", 60, false).to_str().unwrap().contains("Secure"));
    }
}

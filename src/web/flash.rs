//! Confirmations after a redirect ("Your plan is saved"): a form handler answers with a
//! [`Flash`] beside its redirect, and the next page shows its words once, in `base.html`, as a
//! polite status message.
//!
//! The flash travels in a short-lived cookie that holds only the catalogue key of one of the
//! messages below, never anything a person wrote, and a tag binding it to the browser's
//! session (a SHA-256 over the session token, which only that browser holds). A flash is
//! shown only in the session that caused it: after logging out, or in another browser with
//! the cookie copied, the tag no longer matches and it is dropped. The page that shows it
//! clears the cookie, so Back or a reload does not show it again; pages stay
//! `Cache-Control: no-store` like every other.
//!
//! Adding a confirmation:
//! 1. A variant of [`Flash`], its key in [`Flash::key`] (a key of the feature's `.ftl`, its
//!    words complete without arguments) and its place in [`Flash::ALL`].
//! 2. Answer the form with it: `Ok((Flash::PlanSaved, Redirect::to(…)).into_response())`.
//! 3. A test that follows the redirect and finds the words in `[role=status].flash`.

use std::cell::Cell;

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, header},
    middleware::Next,
    response::{IntoResponseParts, Response, ResponseParts},
};
use sha2::{Digest, Sha256};

use crate::{
    app::AppState,
    web::cookies::{self, SESSION_COOKIE},
};

pub const FLASH_COOKIE: &str = "tandem_flash";

/// Long enough for the redirect to be followed on a slow line, short enough that a flash
/// never turns up on a page opened much later.
const MAX_AGE_SECS: i64 = 120;

/// A confirmation shown once on the page after a redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    PlanSaved,
    PlanChanged,
    SonAdded,
    SonChanged,
    CheckInChanged,
    NoteSaved,
    ProfileSaved,
    PasswordChanged,
    ReflectionSaved,
    TalkRequestSent,
    InterestsSaved,
}

impl Flash {
    pub const ALL: &[Flash] = &[
        Flash::PlanSaved,
        Flash::PlanChanged,
        Flash::SonAdded,
        Flash::SonChanged,
        Flash::CheckInChanged,
        Flash::NoteSaved,
        Flash::ProfileSaved,
        Flash::PasswordChanged,
        Flash::ReflectionSaved,
        Flash::TalkRequestSent,
        Flash::InterestsSaved,
    ];

    /// The catalogue key of its words; also what the cookie carries.
    pub fn key(self) -> &'static str {
        match self {
            Flash::PlanSaved => "plans-flash-saved",
            Flash::PlanChanged => "plans-flash-changed",
            Flash::SonAdded => "family-flash-son-added",
            Flash::SonChanged => "family-flash-son-changed",
            Flash::CheckInChanged => "feelings-flash-changed",
            Flash::NoteSaved => "notes-flash-saved",
            Flash::ProfileSaved => "settings-profile-saved",
            Flash::PasswordChanged => "settings-password-changed",
            Flash::ReflectionSaved => "memories-flash-reflection-saved",
            Flash::TalkRequestSent => "talk-flash-request-sent",
            Flash::InterestsSaved => "together-flash-interests-saved",
        }
    }

    fn from_key(key: &str) -> Option<Flash> {
        Flash::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// The cookie's value: the key and its tag for the session `token` ("" without one).
    fn cookie_value(self, token: &str) -> String {
        format!("{}.{}", self.key(), tag(self.key(), token))
    }

    /// The flash a cookie value names, if it was made for the session `token`.
    fn from_cookie(value: &str, token: &str) -> Option<Flash> {
        let (key, found) = value.rsplit_once('.')?;
        let flash = Flash::from_key(key)?;
        (found == tag(key, token)).then_some(flash)
    }
}

/// Binds a key to a session: without the session's token nobody can make a tag that
/// matches, and a copied cookie means nothing in another session.
fn tag(key: &str, token: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"tandem-flash\0")
        .chain_update(token.as_bytes())
        .chain_update(b"\0")
        .chain_update(key.as_bytes())
        .finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A handler's answer carries its flash to [`carry`], which turns it into the cookie.
impl IntoResponseParts for Flash {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        res.extensions_mut().insert(self);
        Ok(res)
    }
}

/// The flash that came with the request, and whether a page has shown it.
#[derive(Debug, Clone, Copy, Default)]
struct Arrived {
    flash: Option<Flash>,
    shown: bool,
}

tokio::task_local! {
    static ARRIVED: Cell<Arrived>;
}

/// The flash that came with this request, for the page being rendered; the cookie is then
/// cleared with the response. `None` outside a request, or when a page already took it.
pub fn take() -> Option<Flash> {
    ARRIVED
        .try_with(|cell| {
            let arrived = cell.get();
            cell.set(Arrived {
                flash: None,
                shown: arrived.shown || arrived.flash.is_some(),
            });
            arrived.flash
        })
        .ok()
        .flatten()
}

/// Middleware: reads the flash cookie for the page, writes the one a handler answered with,
/// and clears one that was shown or was not made for this session.
pub async fn carry(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let token = cookies::read(request.headers(), SESSION_COOKIE).unwrap_or_default();
    let cookie = cookies::read(request.headers(), FLASH_COOKIE).filter(|v| !v.is_empty());
    let flash = cookie
        .as_deref()
        .and_then(|value| Flash::from_cookie(value, &token));
    let (mut response, arrived) = ARRIVED
        .scope(
            Cell::new(Arrived {
                flash,
                shown: false,
            }),
            async {
                let response = next.run(request).await;
                (response, ARRIVED.with(Cell::get))
            },
        )
        .await;
    let secure = state.config.secure_cookies();
    if let Some(new) = response.extensions_mut().remove::<Flash>() {
        // A handler that also starts a session binds the flash to the new one.
        let token = session_set_by(response.headers()).unwrap_or(token);
        let value = new.cookie_value(&token);
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(&value, MAX_AGE_SECS, secure));
    } else if cookie.is_some() && (arrived.shown || flash.is_none()) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie("", 0, secure));
    }
    response
}

/// The session token a response sets, if it sets one.
fn session_set_by(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
        .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
}

/// `Set-Cookie` for the flash: HttpOnly, SameSite=Lax, Secure on https, gone in minutes.
fn set_cookie(value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .expect("a flash cookie is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flash_has_words_in_the_catalogue() {
        let tr = crate::i18n::Tr::english();
        for flash in Flash::ALL {
            assert_ne!(tr.t(flash.key()), flash.key(), "{flash:?}");
            assert_eq!(Flash::from_key(flash.key()), Some(*flash));
        }
    }

    #[test]
    fn a_flash_reads_back_only_in_the_session_it_was_made_for() {
        let value = Flash::PlanSaved.cookie_value("token-a");
        assert_eq!(
            Flash::from_cookie(&value, "token-a"),
            Some(Flash::PlanSaved)
        );
        assert_eq!(Flash::from_cookie(&value, "token-b"), None);
        assert_eq!(Flash::from_cookie(&value, ""), None);
        // Another key with the same tag, or words of one's own, name nothing.
        let (_, tag) = value.rsplit_once('.').unwrap();
        assert_eq!(
            Flash::from_cookie(&format!("notes-flash-saved.{tag}"), "token-a"),
            None
        );
        let own = format!("hello.{}", super::tag("hello", "token-a"));
        assert_eq!(Flash::from_cookie(&own, "token-a"), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_short_and_secure_on_https() {
        let c = set_cookie("x", MAX_AGE_SECS, true);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert!(c.contains("Path=/") && c.contains("Max-Age=120"));
    }

    #[test]
    fn finds_the_session_a_response_starts() {
        let mut headers = HeaderMap::new();
        headers.append(header::SET_COOKIE, HeaderValue::from_static("other=1"));
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_static("tandem_session=abc; Path=/; HttpOnly"),
        );
        assert_eq!(session_set_by(&headers).as_deref(), Some("abc"));
    }
}

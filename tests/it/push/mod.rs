//! Web Push and the installed app. A test push service on loopback receives what Tandem
//! sends, checks its headers and VAPID token, and decrypts each message with the keys the
//! test's "browser" made, reading it as RFC 8291 says a browser does: written here from the
//! RFC, not by calling Tandem's own code.

mod app_shell;
mod delivery;
mod devices;
pub(crate) mod service;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use p256::{SecretKey, elliptic_curve::sec1::ToEncodedPoint};
use rand::RngCore;

use crate::harness::{ORIGIN, Response, TestApp, User};

pub use service::PushService;

/// A browser's side of a subscription: its key pair and auth secret, and the endpoint its
/// push service gave it.
pub struct Browser {
    pub secret: SecretKey,
    pub auth: [u8; 16],
    pub endpoint: String,
}

impl Browser {
    /// A new device whose push service is `service`, at `/push/{name}`.
    pub fn new(service: &PushService, name: &str) -> Browser {
        let mut auth = [0u8; 16];
        rand::rng().fill_bytes(&mut auth);
        Browser {
            secret: random_secret(),
            auth,
            endpoint: service.endpoint(name),
        }
    }

    pub fn p256dh(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.secret.public_key().to_encoded_point(false).as_bytes())
    }

    /// The subscription as `PushSubscription.toJSON()` writes it.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "endpoint": self.endpoint,
            "expirationTime": null,
            "keys": { "p256dh": self.p256dh(), "auth": URL_SAFE_NO_PAD.encode(self.auth) },
        })
    }
}

fn random_secret() -> SecretKey {
    loop {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        if let Ok(key) = SecretKey::from_slice(&bytes) {
            return key;
        }
    }
}

/// An app that accepts push services on loopback over http, as the test's is.
pub async fn with_loopback_push(app: TestApp) -> TestApp {
    app.restart_with(|c| c.push_allow_http_loopback = true)
        .await
}

/// Posts JSON as the page's script would (same origin), with a phone's User-Agent.
pub async fn post_json(app: &TestApp, user: &User, path: &str, body: &str) -> Response {
    post_json_from(app, user, path, body, ORIGIN).await
}

pub async fn post_json_from(
    app: &TestApp,
    user: &User,
    path: &str,
    body: &str,
    origin: &str,
) -> Response {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ORIGIN, origin)
        .header(
            header::USER_AGENT,
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/126.0 Mobile Safari/537.36",
        );
    app.send_raw(user, request, Body::from(body.to_owned()))
        .await
        .into()
}

/// Turns push on for `browser` as the member; panics unless it is accepted.
pub async fn subscribe(app: &TestApp, user: &User, browser: &Browser) {
    post_json(
        app,
        user,
        "/push/subscriptions",
        &browser.json().to_string(),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

/// Sets the member's reminder settings through the page: in the app, no mail, push as asked,
/// quiet hours as given (the same time twice for none), at most `cap` a week.
pub async fn reminders_by_push(
    app: &TestApp,
    who: &User,
    push: bool,
    quiet: (&str, &str),
    cap: &str,
) {
    let mut form = vec![
        ("in_app", "on"),
        ("quiet_start", quiet.0),
        ("quiet_end", quiet.1),
        ("weekly_cap", cap),
    ];
    if push {
        form.push(("push", "on"));
    }
    app.post(who, "/settings/reminders", &form)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

/// The server's VAPID public key, as the settings page gives it to the browser.
pub async fn server_key(app: &TestApp, user: &User) -> String {
    app.get(user, "/settings/reminders")
        .await
        .select_attr("[data-push-key]", "data-push-key")
        .pop()
        .expect("the settings page gives the push key")
}

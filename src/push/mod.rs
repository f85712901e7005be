//! Web Push: a third way to reach a member, beside Today and mail, on the devices where they
//! turned it on (docs/adr/0030-web-push.md).
//!
//! A browser subscribes through `assets/app.js` and the routes in `devices`; the server signs
//! each request with its VAPID key (`vapid`, RFC 8292) and encrypts each message for the one
//! device (`encrypt`, RFC 8291); the job `SendPush` (`send`) posts it to the device's push
//! service and forgets a device the service says is gone. The service worker (`assets/sw.js`)
//! shows the message and opens its link.
//!
//! A message carries no private words: only what a locked phone's screen may show to anyone
//! near it, i.e. words of the message catalogue and a link into the app, never what a member
//! wrote. The page the link opens asks for a login as any page does.
//!
//! Adding a message sent by push (e.g. for a new kind of reminder):
//! 1. its words in `locales/en/push.ftl` (a title and a body, in the recipient's language),
//!    saying at most *that* there is something, never *what* someone wrote;
//! 2. a [`PushMessage`] built from them where the moment arises, and [`queue_for_member`] in
//!    the same transaction as whatever records that it went out, with a key naming that
//!    record, so a retry pushes nothing twice;
//! 3. the rules of when (quiet hours, the weekly cap) belong to the caller: reminders decide
//!    them in `reminders::timing`;
//! 4. a test in `tests/it/push/` that reads the message as a device would (decrypting it).

mod devices;
pub mod encrypt;
mod send;
pub mod subscription;
pub mod vapid;

pub use devices::Device;
pub use send::{REQUEST_TIMEOUT, SendPush, TTL_SECONDS};

use axum::{Router, routing::post};
use serde::{Deserialize, Serialize};

use crate::{
    app::AppState,
    db::{Handle, now},
    db_run,
    error::AppResult,
    family::MemberId,
    jobs,
};

/// What a device shows: a title, a line, and the page it opens. Serialised as the JSON the
/// service worker reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    /// A path in the app, e.g. `/`.
    pub link: String,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/push/subscriptions", post(devices::subscribe))
        .route(
            "/push/subscriptions/forget",
            post(devices::forget_this_device),
        )
        .route("/push/devices/{id}/remove", post(devices::remove))
}

/// How many devices the member turned push on for.
pub async fn device_count(h: &mut impl Handle, member: &MemberId) -> AppResult<i64> {
    Ok(db_run!(h, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM push_subscriptions WHERE member_id = $1"
    )
    .bind(member)
    .fetch_one(c)
    .await)?)
}

/// Schedules `message` for every device of the member, one job each, keyed by `about` (what
/// was sent, e.g. a reminder batch) so that queueing it again adds nothing. Run it in the
/// caller's transaction: the jobs exist exactly when what they announce was recorded. Returns
/// how many devices it goes to.
pub async fn queue_for_member(
    h: &mut impl Handle,
    member: &MemberId,
    about: &str,
    message: &PushMessage,
) -> AppResult<usize> {
    let devices: Vec<String> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT id FROM push_subscriptions WHERE member_id = $1 ORDER BY id"
    )
    .bind(member)
    .fetch_all(c)
    .await)?;
    let at = now();
    for id in &devices {
        let job = SendPush {
            subscription_id: id.clone(),
            about: about.to_owned(),
            message: message.clone(),
        };
        jobs::enqueue(h, &job, at).await?;
    }
    Ok(devices.len())
}

//! The job that pushes one message to one device, and what the push service's answer means.

use std::{sync::OnceLock, time::Duration as StdDuration};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{
    PushMessage,
    encrypt::{Receiver, encrypt},
    subscription, vapid,
};
use crate::{
    db::now,
    jobs::{Job, Worker},
};

/// How long a push service may hold a message for a device that is off: a reminder still
/// matters the same day, hardly the next.
pub const TTL_SECONDS: u32 = 12 * 60 * 60;

/// How long one request to a push service may take, connection included.
pub const REQUEST_TIMEOUT: StdDuration = StdDuration::from_secs(10);

/// Pushes `message` to one device. Enqueued once per device and batch (its key), so a batch
/// reaches each device once; a retry after a crash may push again, and the `Topic` (the same
/// on every attempt) lets the push service replace a copy it still holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendPush {
    pub subscription_id: String,
    /// What the message is about (a reminder batch's id): with the device it names the job.
    pub about: String,
    pub message: PushMessage,
}

impl Job for SendPush {
    const KIND: &'static str = "push.send";

    fn key(&self) -> String {
        format!("{}:{}", self.about, self.subscription_id)
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        // Nothing is held open while the push service answers.
        let (device, keys) = {
            let mut conn = worker.db.conn().await?;
            let Some(device) = subscription::find(&mut conn, &self.subscription_id).await? else {
                // Removed since: the member turned push off there, or left.
                return Ok(());
            };
            (device, vapid::keys(&mut conn).await?)
        };
        let endpoint = url::Url::parse(&device.endpoint)?;
        let p256dh = URL_SAFE_NO_PAD.decode(&device.p256dh)?;
        let auth = URL_SAFE_NO_PAD.decode(&device.auth)?;
        let body = encrypt(
            &Receiver {
                p256dh: &p256dh,
                auth: &auth,
            },
            &serde_json::to_vec(&self.message)?,
        )?;
        let authorization = keys.authorization(&endpoint, &vapid::contact(&worker.config), now());
        let answer = client()?
            .post(endpoint)
            .header("TTL", TTL_SECONDS.to_string())
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Urgency", "normal")
            .header("Topic", topic(&self.about))
            .header("Authorization", authorization)
            .body(body)
            .send()
            .await;
        let status = match answer {
            Ok(response) => response.status(),
            // Unreachable or too slow: try again later, with the jobs' back-off.
            Err(e) => anyhow::bail!("push service did not answer: {e}"),
        };
        let mut conn = worker.db.conn().await?;
        match Answer::of(status) {
            Answer::Delivered => {
                subscription::stamp_success(&mut conn, &device.id, now()).await?;
            }
            Answer::Gone => {
                tracing::info!(status = %status, "push subscription expired; forgotten");
                subscription::expire(&mut conn, &device.id).await?;
            }
            Answer::Refused => {
                // Trying again would get the same answer.
                tracing::warn!(status = %status, "push service refused a message; dropped");
            }
            Answer::Later => anyhow::bail!("push service answered {status}; will retry"),
        }
        Ok(())
    }
}

/// What a push service's status means for us.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    Delivered,
    /// 404, 410: the subscription expired or was withdrawn.
    Gone,
    /// Another 4xx (400 malformed, 413 too large, 401/403 not our key): never better on retry.
    Refused,
    /// 429 and 5xx: busy or broken, try again.
    Later,
}

impl Answer {
    fn of(status: StatusCode) -> Answer {
        match status.as_u16() {
            200..=299 => Answer::Delivered,
            404 | 410 => Answer::Gone,
            429 => Answer::Later,
            400..=499 => Answer::Refused,
            _ => Answer::Later,
        }
    }
}

/// A `Topic` header (at most 32 base64url characters) that names what the message is about.
fn topic(about: &str) -> String {
    let digest = Sha256::digest(about.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..24])
}

/// One client for every push: rustls with the `ring` provider and Mozilla's roots, no
/// redirects (a push service answers, it does not send us elsewhere), a bounded time.
fn client() -> anyhow::Result<&'static reqwest::Client> {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    if let Some(client) = CLIENT.get() {
        return Ok(client);
    }
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(REQUEST_TIMEOUT)
        .build()?;
    Ok(CLIENT.get_or_init(|| client))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_of_push_services_are_read_as_rfc_8030_means_them() {
        assert_eq!(Answer::of(StatusCode::CREATED), Answer::Delivered);
        assert_eq!(Answer::of(StatusCode::GONE), Answer::Gone);
        assert_eq!(Answer::of(StatusCode::NOT_FOUND), Answer::Gone);
        assert_eq!(Answer::of(StatusCode::PAYLOAD_TOO_LARGE), Answer::Refused);
        assert_eq!(Answer::of(StatusCode::BAD_REQUEST), Answer::Refused);
        assert_eq!(Answer::of(StatusCode::TOO_MANY_REQUESTS), Answer::Later);
        assert_eq!(Answer::of(StatusCode::INTERNAL_SERVER_ERROR), Answer::Later);
        assert_eq!(Answer::of(StatusCode::SERVICE_UNAVAILABLE), Answer::Later);
    }

    #[test]
    fn a_topic_is_32_base64url_characters_and_stable() {
        let t = topic("batch-1");
        assert_eq!(t.len(), 32);
        assert_eq!(t, topic("batch-1"));
        assert_ne!(t, topic("batch-2"));
    }

    #[test]
    fn the_client_builds_without_a_process_wide_tls_provider() {
        assert!(client().is_ok());
    }
}

//! A push service on loopback, and a browser's reading of what it received: the VAPID token
//! verified (RFC 8292) and the message decrypted (RFC 8291, RFC 8188), written from the RFCs.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use aes_gcm::{Aes128Gcm, KeyInit, aead::Aead};
use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::post,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use p256::{
    PublicKey,
    ecdh::diffie_hellman,
    ecdsa::{Signature, VerifyingKey, signature::Verifier},
    elliptic_curve::sec1::ToEncodedPoint,
};
use sha2::Sha256;

use super::Browser;

/// One request the service received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The device's name: the last segment of its endpoint.
    pub device: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    /// What to answer for a device; 201 Created unless set.
    answers: HashMap<String, StatusCode>,
}

/// A push service listening on 127.0.0.1, on a port of its own; it stops with the test.
pub struct PushService {
    port: u16,
    shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for PushService {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl PushService {
    pub async fn start() -> PushService {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let router = Router::new()
            .route("/push/{device}", post(receive))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        PushService { port, shared, task }
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn endpoint(&self, device: &str) -> String {
        format!("{}/push/{device}", self.origin())
    }

    /// From now on, answer `status` to pushes for `device`.
    pub fn answer(&self, device: &str, status: StatusCode) {
        self.shared
            .lock()
            .unwrap()
            .answers
            .insert(device.to_owned(), status);
    }

    /// Everything received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// What was received for one device.
    pub fn received_by(&self, device: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.device == device)
            .collect()
    }
}

async fn receive(
    State(shared): State<Arc<Mutex<Shared>>>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let mut shared = shared.lock().unwrap();
    shared.received.push(Received {
        device: device.clone(),
        headers,
        body: body.to_vec(),
    });
    shared
        .answers
        .get(&device)
        .copied()
        .unwrap_or(StatusCode::CREATED)
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Checks the request as a push service would and reads it as `browser` would: the
    /// headers of RFC 8030 and 8188, a VAPID token signed by `server_key` for `origin` that is
    /// valid now and for at most a day, naming `contact`; then the message, decrypted.
    #[track_caller]
    pub fn read(
        &self,
        browser: &Browser,
        server_key: &str,
        origin: &str,
        contact: &str,
    ) -> serde_json::Value {
        self.read_sent_at(browser, server_key, origin, contact, chrono::Utc::now())
    }

    /// [`Received::read`] for a message sent by an app whose clock a test moved: the token's
    /// expiry is checked against the sender's `sent_at`, not this machine's clock.
    #[track_caller]
    pub fn read_sent_at(
        &self,
        browser: &Browser,
        server_key: &str,
        origin: &str,
        contact: &str,
        sent_at: chrono::DateTime<chrono::Utc>,
    ) -> serde_json::Value {
        let ttl: u64 = self.header("ttl").parse().expect("a TTL header");
        assert!(ttl > 0 && ttl <= 24 * 3600, "TTL {ttl}");
        assert_eq!(self.header("content-encoding"), "aes128gcm");
        let topic = self.header("topic");
        assert!(
            topic.len() <= 32 && URL_SAFE_NO_PAD.decode(topic).is_ok(),
            "Topic {topic:?}"
        );
        self.verify_vapid(server_key, origin, contact, sent_at.timestamp());
        let plain = decrypt(&self.body, browser);
        serde_json::from_slice(&plain).expect("the message is JSON")
    }

    #[track_caller]
    fn verify_vapid(&self, server_key: &str, origin: &str, contact: &str, now: i64) {
        let auth = self.header("authorization");
        let rest = auth.strip_prefix("vapid ").expect("the vapid scheme");
        let mut token = None;
        let mut key = None;
        for part in rest.split(',') {
            match part.trim().split_once('=') {
                Some(("t", v)) => token = Some(v),
                Some(("k", v)) => key = Some(v),
                _ => panic!("unexpected part {part:?} in {auth:?}"),
            }
        }
        let (token, key) = (token.expect("t="), key.expect("k="));
        assert_eq!(key, server_key, "k is the key the browser subscribed with");
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3, "a JWS in compact form");
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "ES256");
        let verifying =
            VerifyingKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(key).unwrap()).unwrap();
        let signature =
            Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).expect("r and s");
        verifying
            .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
            .expect("the token is signed by the server's key");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["aud"], origin);
        assert_eq!(claims["sub"], contact);
        let exp = claims["exp"].as_i64().expect("exp");
        assert!(
            exp > now && exp <= now + 24 * 3600,
            "exp {exp} is not within a day of {now}"
        );
    }
}

/// HMAC-SHA-256.
fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// What a browser does with a push message (RFC 8291 §3.4, RFC 8188 §2), for a body of one
/// record: HKDF written out as HMACs (extract: `HMAC(salt, ikm)`; expand to one block:
/// `HMAC(prk, info || 0x01)`).
#[track_caller]
pub fn decrypt(body: &[u8], browser: &Browser) -> Vec<u8> {
    assert!(body.len() > 21, "a body holds at least its header");
    let salt = &body[..16];
    let record_size = u32::from_be_bytes(body[16..20].try_into().unwrap()) as usize;
    let id_len = body[20] as usize;
    let sender_public = &body[21..21 + id_len];
    let sealed = &body[21 + id_len..];
    assert_eq!(id_len, 65, "the key id is the sender's uncompressed point");
    assert!(sealed.len() <= record_size, "one record");

    let sender = PublicKey::from_sec1_bytes(sender_public).expect("a P-256 point");
    let shared = diffie_hellman(browser.secret.to_nonzero_scalar(), sender.as_affine());
    let browser_public = browser.secret.public_key().to_encoded_point(false);
    let prk_key = hmac(&browser.auth, &[shared.raw_secret_bytes().as_slice()]);
    let ikm = hmac(
        &prk_key,
        &[
            b"WebPush: info\0",
            browser_public.as_bytes(),
            sender_public,
            &[1],
        ],
    );
    let prk = hmac(salt, &[&ikm]);
    let cek = &hmac(&prk, &[b"Content-Encoding: aes128gcm\0", &[1]])[..16];
    let nonce = &hmac(&prk, &[b"Content-Encoding: nonce\0", &[1]])[..12];
    let cipher = Aes128Gcm::new_from_slice(cek).unwrap();
    let mut record = cipher
        .decrypt(nonce.into(), sealed)
        .expect("the message decrypts with the browser's keys");
    // Padding is zeros after the delimiter, which is 2 in the last record.
    while record.last() == Some(&0) {
        record.pop();
    }
    assert_eq!(record.pop(), Some(2), "the last record's delimiter");
    record
}

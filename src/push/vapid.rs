//! The server's identity towards push services (VAPID, RFC 8292): one P-256 key pair per
//! Tandem, kept in the database so every instance signs with the same key (a subscription is
//! bound to the public key it was made with), and a short-lived ES256 token per request.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use p256::{
    SecretKey,
    ecdsa::{Signature, SigningKey, signature::Signer},
    elliptic_curve::sec1::ToEncodedPoint,
};

use crate::{
    config::Config,
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
};

/// How long a token is valid. RFC 8292 allows up to a day; a job signs a fresh one per
/// request, so a short life costs nothing.
pub const TOKEN_LIFE: Duration = Duration::hours(12);

/// The key pair push services know this Tandem by.
pub struct VapidKeys {
    secret: SecretKey,
    /// The uncompressed public point, base64url: the browser's `applicationServerKey`.
    pub public: String,
}

impl VapidKeys {
    /// The `Authorization` header of a push to `endpoint`: a token for the endpoint's origin,
    /// valid until `at` + [`TOKEN_LIFE`], naming who to contact about it.
    pub fn authorization(&self, endpoint: &url::Url, contact: &str, at: DateTime<Utc>) -> String {
        let claims = serde_json::json!({
            "aud": endpoint.origin().ascii_serialization(),
            "exp": (at + TOKEN_LIFE).timestamp(),
            "sub": contact,
        });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256"}"#),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        // ES256 signs the SHA-256 of the input; the signature is r and s, 32 bytes each.
        let signature: Signature = SigningKey::from(&self.secret).sign(signing_input.as_bytes());
        let token = format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        );
        format!("vapid t={token}, k={}", self.public)
    }

    fn from_secret(secret: SecretKey) -> VapidKeys {
        let public = URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes());
        VapidKeys { secret, public }
    }
}

/// Who push services may contact about our pushes (RFC 8292 §2.1): the sender address of
/// Tandem's mail when mail is set up, otherwise the address Tandem is reached at.
pub fn contact(config: &Config) -> String {
    let from = &config.smtp_from;
    // "Tandem <tandem@example.org>" or a bare address.
    let address = match (from.find('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => &from[open + 1..close],
        _ => from.as_str(),
    }
    .trim();
    if config.smtp_host.is_some() && address.contains('@') {
        format!("mailto:{address}")
    } else {
        config.base_url().as_str().trim_end_matches('/').to_owned()
    }
}

/// The key pair, made on first use. Two instances making it at once both insert, one wins,
/// and both read back the winner's.
pub async fn keys(h: &mut impl Handle) -> AppResult<VapidKeys> {
    if let Some(keys) = stored(h).await? {
        return Ok(keys);
    }
    let made = VapidKeys::from_secret(super::encrypt::fresh_secret());
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO push_keys (id, private_key, public_key, created_at)
         VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING"
    )
    .bind(URL_SAFE_NO_PAD.encode(made.secret.to_bytes()))
    .bind(&made.public)
    .bind(now())
    .execute(c)
    .await)?;
    stored(h)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the VAPID key pair was not stored")))
}

async fn stored(h: &mut impl Handle) -> AppResult<Option<VapidKeys>> {
    let row: Option<String> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT private_key FROM push_keys WHERE id = 1"
    )
    .fetch_optional(c)
    .await)?;
    let Some(encoded) = row else {
        return Ok(None);
    };
    let secret = URL_SAFE_NO_PAD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| SecretKey::from_slice(&bytes).ok())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the stored VAPID key does not read")))?;
    Ok(Some(VapidKeys::from_secret(secret)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contact_is_the_mail_sender_when_mail_is_set_up_else_the_public_url() {
        let mut config = Config::for_database("/tmp".into(), "sqlite::memory:");
        config.base_url = Some(url::Url::parse("https://tandem.example/").unwrap());
        assert_eq!(contact(&config), "https://tandem.example");
        config.smtp_host = Some("smtp.example".into());
        config.smtp_from = "Tandem <hello@tandem.example>".into();
        assert_eq!(contact(&config), "mailto:hello@tandem.example");
        config.smtp_from = "hello@tandem.example".into();
        assert_eq!(contact(&config), "mailto:hello@tandem.example");
    }
}

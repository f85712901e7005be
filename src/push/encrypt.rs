//! Message encryption for Web Push (RFC 8291) in the `aes128gcm` content coding (RFC 8188):
//! a fresh key pair and salt per message, the browser's public key and auth secret, one record.
//! Only the browser that subscribed can read what the push service carries.

use aes_gcm::{Aes128Gcm, KeyInit, aead::Aead};
use hkdf::Hkdf;
use p256::{PublicKey, SecretKey, ecdh::diffie_hellman, elliptic_curve::sec1::ToEncodedPoint};
use rand::RngCore;
use sha2::Sha256;

/// The record size we announce. One record holds every message we send (RFC 8291 §4 caps a
/// push message at 4096 bytes), so it only has to be larger than the payload.
const RECORD_SIZE: u32 = 4096;

/// The most plaintext one message may carry: 4096 bytes of body, less the header (86), the
/// padding delimiter (1) and the tag (16).
pub const MAX_PLAINTEXT: usize = 4096 - 86 - 1 - 16;

/// What a subscription gives the sender: the browser's public key and its auth secret.
pub struct Receiver<'a> {
    /// The uncompressed P-256 point (65 bytes).
    pub p256dh: &'a [u8],
    /// 16 random bytes.
    pub auth: &'a [u8],
}

#[derive(Debug, thiserror::Error)]
pub enum EncryptError {
    #[error("the subscription's public key is not a P-256 point")]
    BadPublicKey,
    #[error("the subscription's auth secret is not 16 bytes")]
    BadAuth,
    #[error("the message is longer than a push message may be")]
    TooLong,
}

/// Encrypts `plaintext` for the browser, with a fresh key pair and salt.
pub fn encrypt(receiver: &Receiver<'_>, plaintext: &[u8]) -> Result<Vec<u8>, EncryptError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    encrypt_with(receiver, plaintext, &fresh_secret(), &salt)
}

/// A random P-256 secret key. A random 32-byte string is a valid scalar except with
/// probability about 2^-32; such a draw is simply drawn again.
pub(super) fn fresh_secret() -> SecretKey {
    loop {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        if let Ok(key) = SecretKey::from_slice(&bytes) {
            return key;
        }
    }
}

/// Encrypts with a given sender key and salt: [`encrypt`] draws them, the RFC's example fixes
/// them.
pub fn encrypt_with(
    receiver: &Receiver<'_>,
    plaintext: &[u8],
    sender: &SecretKey,
    salt: &[u8; 16],
) -> Result<Vec<u8>, EncryptError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(EncryptError::TooLong);
    }
    let auth: &[u8; 16] = receiver
        .auth
        .try_into()
        .map_err(|_| EncryptError::BadAuth)?;
    let ua_public =
        PublicKey::from_sec1_bytes(receiver.p256dh).map_err(|_| EncryptError::BadPublicKey)?;
    let ua_point = ua_public.to_encoded_point(false);
    let as_point = sender.public_key().to_encoded_point(false);
    let shared = diffie_hellman(sender.to_nonzero_scalar(), ua_public.as_affine());

    // RFC 8291 §3.4: the auth secret and both public keys go into the input keying material.
    let mut key_info = Vec::with_capacity(14 + 65 + 65);
    key_info.extend_from_slice(b"WebPush: info\0");
    key_info.extend_from_slice(ua_point.as_bytes());
    key_info.extend_from_slice(as_point.as_bytes());
    let mut ikm = [0u8; 32];
    expand(
        Some(auth),
        shared.raw_secret_bytes().as_slice(),
        &key_info,
        &mut ikm,
    );

    // RFC 8188 §2.2 and §2.3: the content encryption key and the nonce of the one record.
    let mut cek = [0u8; 16];
    expand(Some(salt), &ikm, b"Content-Encoding: aes128gcm\0", &mut cek);
    let mut nonce = [0u8; 12];
    expand(Some(salt), &ikm, b"Content-Encoding: nonce\0", &mut nonce);

    // The last (and only) record ends with the delimiter 0x02 and no padding.
    let mut record = Vec::with_capacity(plaintext.len() + 1);
    record.extend_from_slice(plaintext);
    record.push(2);
    let cipher = Aes128Gcm::new(&cek.into());
    let sealed = cipher
        .encrypt(&nonce.into(), record.as_slice())
        .map_err(|_| EncryptError::TooLong)?;

    // The header: salt, record size, and the sender's public key as the key id.
    let mut body = Vec::with_capacity(16 + 4 + 1 + 65 + sealed.len());
    body.extend_from_slice(salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(65);
    body.extend_from_slice(as_point.as_bytes());
    body.extend_from_slice(&sealed);
    Ok(body)
}

/// HKDF-SHA-256, extract then expand into `out` (whose lengths here are all within one block).
fn expand(salt: Option<&[u8]>, ikm: &[u8], info: &[u8], out: &mut [u8]) {
    Hkdf::<Sha256>::new(salt, ikm)
        .expand(info, out)
        .unwrap_or_else(|_| unreachable!("HKDF-SHA-256 gives up to 8160 bytes"));
}

#[cfg(test)]
mod tests {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

    use super::*;

    fn b64(s: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(s).unwrap()
    }

    /// RFC 8291 Appendix A: fixed keys and salt give exactly the published message.
    #[test]
    fn the_rfc_8291_example_encrypts_to_the_published_bytes() {
        let sender =
            SecretKey::from_slice(&b64("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw")).unwrap();
        assert_eq!(
            sender.public_key().to_encoded_point(false).as_bytes(),
            b64(
                "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"
            )
        );
        let ua_public = b64(
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
        );
        let auth = b64("BTBZMqHH6r4Tts7J_aSIgg");
        let salt: [u8; 16] = b64("DGv6ra1nlYgDCS1FRnbzlw").try_into().unwrap();
        let body = encrypt_with(
            &Receiver {
                p256dh: &ua_public,
                auth: &auth,
            },
            b"When I grow up, I want to be a watermelon",
            &sender,
            &salt,
        )
        .unwrap();
        assert_eq!(
            URL_SAFE_NO_PAD.encode(body),
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"
        );
    }

    #[test]
    fn keys_of_the_wrong_shape_and_long_messages_are_refused() {
        let ua = fresh_secret().public_key().to_encoded_point(false);
        let good = Receiver {
            p256dh: ua.as_bytes(),
            auth: &[7; 16],
        };
        assert!(encrypt(&good, b"hi").is_ok());
        assert!(matches!(
            encrypt(&good, &[b'x'; MAX_PLAINTEXT + 1]),
            Err(EncryptError::TooLong)
        ));
        assert_eq!(encrypt(&good, &[b'x'; MAX_PLAINTEXT]).unwrap().len(), 4096);
        let short_auth = Receiver {
            auth: &[7; 15],
            ..good
        };
        assert!(matches!(
            encrypt(&short_auth, b"hi"),
            Err(EncryptError::BadAuth)
        ));
        let not_a_point = [4u8; 65];
        let bad_point = Receiver {
            p256dh: &not_a_point,
            auth: &[7; 16],
        };
        assert!(matches!(
            encrypt(&bad_point, b"hi"),
            Err(EncryptError::BadPublicKey)
        ));
    }
}

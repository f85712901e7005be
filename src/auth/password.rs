//! Password hashing (argon2id) and the rules for a password people can live with.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};

use crate::error::{AppError, AppResult};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 200;

/// Hashes off the async threads: argon2 is deliberately slow.
pub async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)
}

/// Checks a password against a stored hash. With no hash (unknown account) it still spends the
/// same time on a dummy hash, so response times do not reveal which emails have accounts.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && matches
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0fWfvSMqOI1WAtjOnMxXs3Q8ndBYWExfaAhCMaQpl2s";

const COMMON: &[&str] = &[
    "password", "passw0rd", "123456", "qwerty", "letmein", "iloveyou", "welcome", "monkey",
    "dragon", "football", "baseball", "sunshine", "princess", "abc123", "admin", "trustno1",
    "mother", "tandem", "azerty", "111111", "000000",
];

/// Refuses weak passwords with a message that says how to make a good one.
/// `personal` are things an attacker would try first: the email's name part, the display name.
pub fn check_strength(password: &str, personal: &[&str]) -> Result<(), String> {
    const HINT: &str =
        "A few unrelated words with spaces work well, like “kettle river sunday moss”.";
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(format!("Use at least {MIN_LENGTH} characters. {HINT}"));
    }
    if len > MAX_LENGTH {
        return Err(format!("Use at most {MAX_LENGTH} characters."));
    }
    let lower = password.to_lowercase();
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 5 {
        return Err(format!(
            "This password repeats too few characters to be safe. {HINT}"
        ));
    }
    let squashed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    if COMMON
        .iter()
        .any(|c| squashed.starts_with(c) && squashed.len() <= c.len() + 4)
        || is_sequence(&squashed)
    {
        return Err(format!(
            "This password is one of the first that attackers try. {HINT}"
        ));
    }
    for p in personal {
        let p = p.trim().to_lowercase();
        if p.chars().count() >= 4 && lower.contains(&p) {
            return Err(format!(
                "Please do not build your password from your name or email. {HINT}"
            ));
        }
    }
    Ok(())
}

/// "1234567890", "abcdefghij", "9876543210": runs of neighbouring characters.
fn is_sequence(s: &str) -> bool {
    let b: Vec<u32> = s.chars().map(|c| c as u32).collect();
    b.len() >= 2
        && (b.windows(2).all(|w| w[1] == w[0] + 1) || b.windows(2).all(|w| w[0] == w[1] + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_with_a_helpful_message() {
        for weak in [
            "short",
            "password123",
            "1234567890",
            "aaaaaaaaaaaa",
            "abababababab",
            "qwerty2024",
        ] {
            let err = check_strength(weak, &[]).unwrap_err();
            assert!(!err.is_empty(), "{weak}");
        }
        let err = check_strength("maria.lopez rocks", &["maria.lopez", "Maria"]).unwrap_err();
        assert!(err.contains("name or email"));
    }

    #[test]
    fn good_passwords_pass() {
        assert!(check_strength("kettle river sunday moss", &["anna"]).is_ok());
        assert!(check_strength("Zz9!plum-otter", &[]).is_ok());
    }

    #[tokio::test]
    async fn hash_and_verify_round_trip() {
        let h = hash("kettle river sunday".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify("kettle river sunday".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("kettle river monday".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}

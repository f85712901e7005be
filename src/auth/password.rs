//! Password hashing (argon2id) and the rules for a password people can live with.

use std::sync::{LazyLock, Mutex};

use argon2::{
    Algorithm, Argon2, Block, Params, PasswordHash, Version,
    password_hash::{Output, ParamsString, SaltString, rand_core::OsRng},
};
use tokio::sync::Semaphore;

use crate::{
    error::{AppError, AppResult},
    i18n::Msg,
};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 200;

/// argon2id needs a 19 MiB work area per hash. Allocating one per login would let a burst of
/// logins claim gigabytes, and the allocator keeps what it was given. So a few work areas are
/// made once and reused, and hashes wait their turn: as many at once as there are cores.
struct Workspace {
    turns: Semaphore,
    areas: Mutex<Vec<Vec<Block>>>,
}

static WORKSPACE: LazyLock<Workspace> = LazyLock::new(|| Workspace {
    turns: Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())),
    areas: Mutex::new(Vec::new()),
});

/// Runs `work` on a blocking thread with a reused work area of at least `blocks` blocks.
async fn with_work_area<R: Send + 'static>(
    blocks: usize,
    work: impl FnOnce(&mut [Block]) -> R + Send + 'static,
) -> AppResult<R> {
    let _turn = WORKSPACE
        .turns
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut area = WORKSPACE
        .areas
        .lock()
        .map(|mut a| a.pop())
        .ok()
        .flatten()
        .unwrap_or_default();
    if area.len() < blocks {
        area = vec![Block::new(); blocks];
    }
    let (result, area) = tokio::task::spawn_blocking(move || {
        let result = work(&mut area[..blocks]);
        (result, area)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    if let Ok(mut areas) = WORKSPACE.areas.lock() {
        areas.push(area);
    }
    Ok(result)
}

/// Computes the raw argon2id output for `password` with the parameters and salt given.
fn compute(
    params: &Params,
    version: Version,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
    area: &mut [Block],
) -> bool {
    Argon2::new(Algorithm::Argon2id, version, params.clone())
        .hash_password_into_with_memory(password, salt, out, area)
        .is_ok()
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
pub async fn hash(password: String) -> AppResult<String> {
    let params = Params::default();
    let salt = SaltString::generate(&mut OsRng);
    let blocks = params.block_count();
    let phc = with_work_area(blocks, move |area| {
        let mut raw_salt = [0u8; 64];
        let raw_salt = salt.as_salt().decode_b64(&mut raw_salt).ok()?;
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        if !compute(
            &params,
            Version::V0x13,
            password.as_bytes(),
            raw_salt,
            &mut out,
            area,
        ) {
            return None;
        }
        let hash = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).ok()?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).ok()?),
        };
        Some(hash.to_string())
    })
    .await?;
    phc.ok_or_else(|| AppError::Internal(anyhow::anyhow!("password hashing failed")))
}

/// Checks a password against a stored hash. With no hash (unknown account) it still spends the
/// same time on a dummy hash, so response times do not reveal which emails have accounts.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    let known = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
    let Ok(parsed) = PasswordHash::new(&stored) else {
        return Ok(false);
    };
    let (Ok(params), Some(salt), Some(expected)) =
        (Params::try_from(&parsed), parsed.salt, parsed.hash)
    else {
        return Ok(false);
    };
    let version = parsed
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    let mut raw_salt = [0u8; 64];
    let Ok(raw_salt) = salt.decode_b64(&mut raw_salt) else {
        return Ok(false);
    };
    let raw_salt = raw_salt.to_vec();
    let blocks = params.block_count();
    let matches = with_work_area(blocks, move |area| {
        let mut out = vec![0u8; expected.len()];
        // `Output` compares in constant time.
        compute(
            &params,
            version,
            password.as_bytes(),
            &raw_salt,
            &mut out,
            area,
        ) && Output::new(&out).is_ok_and(|computed| computed == expected)
    })
    .await?;
    Ok(known && matches)
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
pub fn check_strength(password: &str, personal: &[&str]) -> Result<(), Msg> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(Msg::with(
            "auth-password-too-short",
            [("min", MIN_LENGTH.into())],
        ));
    }
    if len > MAX_LENGTH {
        return Err(Msg::with(
            "auth-password-too-long",
            [("max", MAX_LENGTH.into())],
        ));
    }
    let lower = password.to_lowercase();
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 5 {
        return Err(Msg::new("auth-password-too-few-characters"));
    }
    let squashed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    if COMMON
        .iter()
        .any(|c| squashed.starts_with(c) && squashed.len() <= c.len() + 4)
        || is_sequence(&squashed)
    {
        return Err(Msg::new("auth-password-common"));
    }
    for p in personal {
        let p = p.trim().to_lowercase();
        if p.chars().count() >= 4 && lower.contains(&p) {
            return Err(Msg::new("auth-password-personal"));
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
            let err = check_strength(weak, &[]).unwrap_err().to_string();
            assert!(!err.is_empty(), "{weak}");
        }
        let err = check_strength("maria.lopez rocks", &["maria.lopez", "Maria"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("name or email"));
    }

    #[test]
    fn good_passwords_pass() {
        assert!(check_strength("kettle river sunday moss", &["anna"]).is_ok());
        assert!(check_strength("Zz9!plum-otter", &[]).is_ok());
    }

    #[tokio::test]
    async fn hashes_are_standard_argon2id_strings() {
        use argon2::PasswordVerifier;
        let h = hash("kettle river sunday".into()).await.unwrap();
        // Any argon2 implementation can check what we store, and we can check theirs.
        let parsed = PasswordHash::new(&h).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"kettle river sunday", &parsed)
                .is_ok()
        );
        let theirs = {
            use argon2::PasswordHasher;
            Argon2::default()
                .hash_password(b"plum otter", &SaltString::generate(&mut OsRng))
                .unwrap()
                .to_string()
        };
        assert!(verify("plum otter".into(), Some(theirs)).await.unwrap());
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

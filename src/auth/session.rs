//! Server-side sessions in the database, so several instances on one PostgreSQL share them.
//! The cookie holds a random token; the table holds only its SHA-256, so a copy of the
//! database does not let anyone in.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, request::Parts},
};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{
    app::AppState,
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::{AccountId, Member, MemberId, Role, member_in_family},
    i18n::Tr,
    web::cookies,
};

/// How long a session lives without being used.
pub const SESSION_DAYS: i64 = 30;
/// Refresh a session's expiry at most this often, so reading a page rarely writes.
const TOUCH_EVERY: Duration = Duration::hours(1);

/// A new random token (for sessions, invitations and resets): 256 bits, URL-safe.
pub fn new_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session for `account` and returns the token for the cookie.
pub async fn create(h: &mut impl Handle, account: &AccountId) -> AppResult<String> {
    let token = new_token();
    let now = now();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO sessions (id_hash, account_id, acting_member_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, NULL, $3, $3, $4)"
    )
    .bind(token_hash(&token))
    .bind(account)
    .bind(now)
    .bind(now + Duration::days(SESSION_DAYS))
    .execute(c)
    .await
    })?;
    Ok(token)
}

/// Ends the session whose token the request carries, if any.
pub async fn destroy(h: &mut impl Handle, headers: &HeaderMap) -> AppResult<()> {
    if let Some(token) = cookies::read(headers, cookies::SESSION_COOKIE) {
        db_exec!(h, |c| sqlx::query(
            "DELETE FROM sessions WHERE id_hash = $1"
        )
        .bind(token_hash(&token))
        .execute(c)
        .await)?;
    }
    Ok(())
}

/// Ends every session of an account except `keep` (after a password change or reset).
pub async fn destroy_others(
    h: &mut impl Handle,
    account: &AccountId,
    keep: Option<&str>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM sessions WHERE account_id = $1 AND id_hash <> $2"
    )
    .bind(account)
    .bind(keep.unwrap_or(""))
    .execute(c)
    .await)?;
    Ok(())
}

/// Sets or clears together mode: the mother uses Tandem with her son's managed profile.
pub async fn set_acting(
    h: &mut impl Handle,
    session_hash: &str,
    member: Option<&crate::family::MemberId>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE sessions SET acting_member_id = $1 WHERE id_hash = $2"
    )
    .bind(member)
    .bind(session_hash)
    .execute(c)
    .await)?;
    Ok(())
}

/// The signed-in person behind a request. Obtaining one is the only way into member pages.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub session_hash: String,
    pub account_id: AccountId,
    pub email: String,
    /// The viewer's own member profile.
    pub member: Member,
    /// The name of the viewer's family (read with the session: every page shows it).
    pub family_name: String,
    /// In together mode, the managed son profile the mother is using Tandem with.
    pub together: Option<Member>,
    /// For a mother not in together mode: the sons without a login of her own she could use
    /// Tandem with, offered in every page's header.
    pub together_offer: Option<TogetherOffer>,
    /// The language the viewer reads in: their choice, else the browser's.
    pub tr: Tr,
}

impl Viewer {
    /// Who entries are made by and for: the son in together mode, otherwise the viewer.
    pub fn actor(&self) -> &Member {
        self.together.as_ref().unwrap_or(&self.member)
    }

    pub fn together_with(&self) -> Option<&Member> {
        self.together.as_ref()
    }

    pub fn is_mother(&self) -> bool {
        self.member.role == Role::Mother
    }
}

/// Together mode as every page's header offers it: straight in with her one managed son, or
/// a choice among several (on the family page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TogetherOffer {
    With { son: MemberId, name: String },
    Choose,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    member: Member,
    email: String,
    family_name: String,
    acting_member_id: Option<String>,
    last_seen_at: DateTime<Utc>,
    managed_sons: i64,
    first_managed_id: Option<MemberId>,
    first_managed_name: Option<String>,
}

/// The family's sons without a login of their own (the ones together mode is for), as three
/// columns of the session's one query: how many, and the first by name.
macro_rules! managed_sons_of_m {
    () => {
        "(SELECT COUNT(*) FROM members o WHERE o.family_id = m.family_id AND o.role = 'son' \
           AND o.account_id IS NULL AND o.left_at IS NULL) AS managed_sons, \
         (SELECT o.id FROM members o WHERE o.family_id = m.family_id AND o.role = 'son' \
           AND o.account_id IS NULL AND o.left_at IS NULL \
           ORDER BY o.display_name, o.id LIMIT 1) AS first_managed_id, \
         (SELECT o.display_name FROM members o WHERE o.family_id = m.family_id AND o.role = 'son' \
           AND o.account_id IS NULL AND o.left_at IS NULL \
           ORDER BY o.display_name, o.id LIMIT 1) AS first_managed_name"
    };
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, AppError> {
        let token = cookies::read(&parts.headers, cookies::SESSION_COOKIE)
            .ok_or(AppError::LoginRequired)?;
        let mut conn = state.db.conn().await?;
        load(&mut conn, &token)
            .await?
            .ok_or(AppError::LoginRequired)
    }
}

/// Finds the live session for `token`, refreshing its expiry now and then.
pub async fn load(h: &mut impl Handle, token: &str) -> AppResult<Option<Viewer>> {
    let hash = token_hash(token);
    let now = now();
    let row: Option<SessionRow> = db_run!(h, |c| {
        sqlx::query_as::<_, SessionRow>(concat!(
            "SELECT ",
            crate::member_columns_of_m!(),
            ", a.email, f.name AS family_name, s.acting_member_id, s.last_seen_at, ",
            managed_sons_of_m!(),
            "
         FROM sessions s
         JOIN accounts a ON a.id = s.account_id
         JOIN members m ON m.account_id = a.id
         JOIN families f ON f.id = m.family_id
         WHERE s.id_hash = $1 AND s.expires_at > $2"
        ))
        .bind(&hash)
        .bind(now)
        .fetch_optional(c)
        .await
    })?;
    let Some(row) = row else { return Ok(None) };
    if now - row.last_seen_at > TOUCH_EVERY {
        db_exec!(h, |c| sqlx::query(
            "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id_hash = $3"
        )
        .bind(now)
        .bind(now + Duration::days(SESSION_DAYS))
        .bind(&hash)
        .execute(c)
        .await)?;
    }
    // Together mode holds only while the profile is still a managed son of her family.
    let together = match (&row.acting_member_id, row.member.role) {
        (Some(id), Role::Mother) => member_in_family(h, &row.member.family_id, id)
            .await
            .ok()
            .filter(|m| m.role == Role::Son && m.is_managed()),
        _ => None,
    };
    let together_offer = match (row.member.role, &together, row.managed_sons) {
        (Role::Mother, None, 1) => row
            .first_managed_id
            .zip(row.first_managed_name)
            .map(|(son, name)| TogetherOffer::With { son, name }),
        (Role::Mother, None, 2..) => Some(TogetherOffer::Choose),
        _ => None,
    };
    let account_id = row
        .member
        .account_id
        .clone()
        .ok_or(AppError::LoginRequired)?;
    // The member's own choice of language outranks the browser's for the rest of the request
    // (its error pages too).
    let tr = row
        .member
        .language
        .as_deref()
        .and_then(Tr::from_tag)
        .unwrap_or_else(Tr::current);
    tr.use_for_request();
    Ok(Some(Viewer {
        tr,
        session_hash: hash,
        account_id,
        email: row.email,
        family_name: row.family_name,
        member: row.member,
        together,
        together_offer,
    }))
}

impl axum::extract::OptionalFromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Viewer>, AppError> {
        match <Viewer as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(viewer) => Ok(Some(viewer)),
            Err(AppError::LoginRequired) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed_for_storage() {
        let t = new_token();
        assert_eq!(t.len(), 43);
        assert_ne!(t, new_token());
        let h = token_hash(&t);
        assert_eq!(h.len(), 64);
        assert_ne!(h, t);
        assert_eq!(h, token_hash(&t));
    }
}

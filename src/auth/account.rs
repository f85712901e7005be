//! Accounts: the login behind a member (email and password hash).

use crate::{
    auth::Email,
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::AccountId,
};

/// Creates an account; `None` when the email is already taken (decided by the unique index,
/// so two simultaneous sign-ups cannot both win).
pub async fn create(
    h: &mut impl Handle,
    email: &Email,
    password_hash: &str,
) -> AppResult<Option<AccountId>> {
    let id = AccountId::new();
    let now = now();
    let inserted: Option<AccountId> = db_run!(h, |c| sqlx::query_scalar(
        "INSERT INTO accounts (id, email, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (email) DO NOTHING
         RETURNING id"
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(password_hash)
    .bind(now)
    .fetch_optional(c)
    .await)?;
    Ok(inserted)
}

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: AccountId,
    pub password_hash: String,
}

pub async fn credentials(h: &mut impl Handle, email: &str) -> AppResult<Option<Credentials>> {
    Ok(db_run!(h, |c| sqlx::query_as::<_, Credentials>(
        "SELECT id, password_hash FROM accounts WHERE email = $1"
    )
    .bind(email)
    .fetch_optional(c)
    .await)?)
}

pub async fn password_hash(h: &mut impl Handle, account: &AccountId) -> AppResult<String> {
    Ok(db_run!(h, |c| sqlx::query_scalar(
        "SELECT password_hash FROM accounts WHERE id = $1"
    )
    .bind(account)
    .fetch_one(c)
    .await)?)
}

pub async fn set_password(
    h: &mut impl Handle,
    account: &AccountId,
    password_hash: &str,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(password_hash)
    .bind(now())
    .bind(account)
    .execute(c)
    .await)?;
    Ok(())
}

/// The email address of an account (for mail to a member).
pub async fn email_of(h: &mut impl Handle, account: &AccountId) -> AppResult<Option<String>> {
    Ok(db_run!(h, |c| sqlx::query_scalar(
        "SELECT email FROM accounts WHERE id = $1"
    )
    .bind(account)
    .fetch_optional(c)
    .await)?)
}

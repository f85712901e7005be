//! Accounts: the login behind a member (email and password hash).

use crate::{
    auth::Email,
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::AccountId,
};

/// Creates an account whose address counts as confirmed (e.g. the demo family's);
/// `None` when the email is already taken (decided by the unique index, so two simultaneous
/// sign-ups cannot both win).
pub async fn create(
    h: &mut impl Handle,
    email: &Email,
    password_hash: &str,
) -> AppResult<Option<AccountId>> {
    insert(h, email, password_hash, true).await
}

/// Creates an account that signs in only once its owner opened the link mailed to the
/// address; `None` when the email is already taken.
pub async fn create_unconfirmed(
    h: &mut impl Handle,
    email: &Email,
    password_hash: &str,
) -> AppResult<Option<AccountId>> {
    insert(h, email, password_hash, false).await
}

async fn insert(
    h: &mut impl Handle,
    email: &Email,
    password_hash: &str,
    confirmed: bool,
) -> AppResult<Option<AccountId>> {
    let id = AccountId::new();
    let now = now();
    let inserted: Option<AccountId> = db_run!(h, |c| {
        sqlx::query_scalar(
        "INSERT INTO accounts (id, email, password_hash, created_at, updated_at, email_confirmed_at)
         VALUES ($1, $2, $3, $4, $4, $5)
         ON CONFLICT (email) DO NOTHING
         RETURNING id"
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(password_hash)
    .bind(now)
    .bind(confirmed.then_some(now))
    .fetch_optional(c)
    .await
    })?;
    Ok(inserted)
}

/// Marks the account's address as confirmed (its owner opened a link mailed to it).
pub async fn confirm_email(h: &mut impl Handle, account: &AccountId) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE accounts SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL"
    )
    .bind(now())
    .bind(account)
    .execute(c)
    .await)?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: AccountId,
    pub password_hash: String,
    /// `None` until the owner opened the confirmation link mailed at sign-up.
    pub email_confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn credentials(h: &mut impl Handle, email: &str) -> AppResult<Option<Credentials>> {
    Ok(db_run!(h, |c| sqlx::query_as::<_, Credentials>(
        "SELECT id, password_hash, email_confirmed_at FROM accounts WHERE email = $1"
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

/// Whether the account's owner showed she reads mail at its address.
pub async fn email_confirmed(h: &mut impl Handle, account: &AccountId) -> AppResult<bool> {
    let at: Option<Option<chrono::DateTime<chrono::Utc>>> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT email_confirmed_at FROM accounts WHERE id = $1"
    )
    .bind(account)
    .fetch_optional(c)
    .await)?;
    Ok(at.flatten().is_some())
}

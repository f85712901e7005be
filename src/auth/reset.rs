//! Password reset by an emailed, single-use link that expires after an hour.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Duration;
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::{
        Email, account,
        limits::{self, Action, Refusal},
        login::{self, ClientIp},
        password, session,
    },
    db::{Handle, new_id, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::AccountId,
    i18n::{Msg, Tr},
    mail::{self, MailKind},
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, ok, render},
    },
};

pub const RESET_VALID_FOR: Duration = Duration::hours(1);

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    layout: Layout,
    email: String,
    errors: FieldErrors,
    sent: bool,
    smtp_configured: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

pub async fn forgot_page(State(state): State<AppState>) -> Response {
    ok(&ForgotPage {
        layout: Layout::visitor(Tr::current().t("forgot-title"), Section::LogIn),
        email: String::new(),
        errors: FieldErrors::default(),
        sent: false,
        smtp_configured: state.mailer.is_smtp(),
    })
}

#[derive(Template)]
#[template(path = "mail/password_reset.txt")]
struct ResetMail<'a> {
    tr: Tr,
    link: &'a str,
    minutes: i64,
}

pub async fn forgot_submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(form): Form<ForgotForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let email = errors.take("email", Email::parse(&form.email));
    let mut page = ForgotPage {
        layout: Layout::visitor(Tr::current().t("forgot-title"), Section::LogIn),
        email: form.email,
        errors: FieldErrors::default(),
        sent: false,
        smtp_configured: state.mailer.is_smtp(),
    };
    if !errors.is_empty() {
        page.errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    // Counted for every address asked about, known or not, so a refusal tells nothing
    // about who has an account here.
    let mut conn = state.db.conn().await?;
    match limits::admit(&mut conn, Action::ResetMail, email.as_str(), &ip).await? {
        None => {}
        Some(Refusal::Subject) => {
            return Err(AppError::TooManyRequests(Msg::new(
                "auth-reset-mails-limit",
            )));
        }
        Some(Refusal::Source) => {
            return Err(AppError::TooManyRequests(Msg::new(
                "auth-too-many-resets-network",
            )));
        }
    }
    drop(conn);
    let mut tx = state.db.begin().await?;
    // The page says the same whether or not the account exists, so it cannot be used to find
    // out who has an account here.
    if let Some(credentials) = account::credentials(&mut tx, email.as_str()).await? {
        let token = session::new_token();
        let now = now();
        db_exec!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO password_resets (id, account_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(new_id())
        .bind(&credentials.id)
        .bind(session::token_hash(&token))
        .bind(now)
        .bind(now + RESET_VALID_FOR)
        .execute(c)
        .await
        })?;
        let member: Option<(String, Option<String>)> = db_run!(&mut tx, |c| sqlx::query_as(
            "SELECT family_id, language FROM members WHERE account_id = $1"
        )
        .bind(&credentials.id)
        .fetch_optional(c)
        .await)?;
        let link = state.config.link(&format!("/password/reset/{token}"));
        // In the account's own language, else the one the request was made in.
        let (family, language) = member.unzip();
        let tr = language
            .flatten()
            .as_deref()
            .and_then(Tr::from_tag)
            .unwrap_or_else(Tr::current);
        let letter = ResetMail {
            tr,
            link: &link,
            minutes: RESET_VALID_FOR.num_minutes(),
        };
        mail::queue(
            &mut tx,
            mail::Mail::compose(MailKind::PasswordReset, email.as_str(), &letter)?
                .in_family(family.map(crate::family::FamilyId)),
        )
        .await?;
    }
    tx.commit().await?;
    page.sent = true;
    Ok(ok(&page))
}

/// Ends every reset link of the account still waiting (after a reset or a password change):
/// a link mailed earlier, perhaps to a mailbox someone else reads, must not undo the change.
pub async fn void_links(h: &mut impl Handle, account: &AccountId) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL"
    )
    .bind(now())
    .bind(account)
    .execute(c)
    .await)?;
    Ok(())
}

/// The account a live reset token belongs to, or a clear "this link no longer works".
async fn live_reset(h: &mut impl Handle, token: &str) -> AppResult<AccountId> {
    let row: Option<(
        AccountId,
        Option<chrono::DateTime<chrono::Utc>>,
        chrono::DateTime<chrono::Utc>,
    )> = db_run!(h, |c| sqlx::query_as(
        "SELECT account_id, used_at, expires_at FROM password_resets WHERE token_hash = $1"
    )
    .bind(session::token_hash(token))
    .fetch_optional(c)
    .await)?;
    match row {
        None => Err(AppError::LinkInvalid(Msg::new(
            "auth-reset-link-not-made-by-tandem",
        ))),
        Some((_, Some(_), _)) => Err(AppError::LinkInvalid(Msg::new(
            "auth-reset-link-already-used",
        ))),
        Some((_, None, expires)) if expires <= now() => Err(AppError::LinkInvalid(Msg::new(
            "auth-reset-link-has-expired",
        ))),
        Some((account, None, _)) => Ok(account),
    }
}

#[derive(Template)]
#[template(path = "auth/reset.html")]
struct ResetPage {
    layout: Layout,
    token: String,
    errors: FieldErrors,
}

pub async fn reset_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    live_reset(&mut conn, &token).await?;
    Ok(ok(&ResetPage {
        layout: Layout::visitor(
            Tr::current().t("auth-title-choose-a-new-password"),
            Section::LogIn,
        ),
        token,
        errors: FieldErrors::default(),
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    password: String,
}

pub async fn reset_submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let account_id = live_reset(&mut conn, &token).await?;
    let email: String = db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT email FROM accounts WHERE id = $1"
    )
    .bind(&account_id)
    .fetch_one(c)
    .await)?;
    let local = email.split('@').next().unwrap_or("");
    if let Err(message) = password::check_strength(&form.password, &[local]) {
        let mut errors = FieldErrors::default();
        errors.add("password", message);
        let page = ResetPage {
            layout: Layout::visitor(
                Tr::current().t("auth-title-choose-a-new-password"),
                Section::LogIn,
            ),
            token,
            errors,
        };
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    drop(conn);
    let hash = password::hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    account::set_password(&mut tx, &account_id, &hash).await?;
    // Re-checked in the transaction: a link used or expired meanwhile changes nothing.
    let now = now();
    let used: u64 = db_exec!(&mut tx, |c| sqlx::query(
        "UPDATE password_resets SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1"
    )
    .bind(now)
    .bind(session::token_hash(&token))
    .execute(c)
    .await)?;
    if used != 1 {
        // Another request used the link between our check and now; the rollback keeps the
        // old password.
        return Err(AppError::LinkInvalid(Msg::new("auth-reset-link-used")));
    }
    // Whoever had the old password is signed out everywhere, and every other link to reset
    // it stops working.
    session::destroy_others(&mut tx, &account_id, None).await?;
    void_links(&mut tx, &account_id).await?;
    // The reset proved she owns the address: her login locks lift, and an address never
    // confirmed at sign-up counts as confirmed now.
    login::lift_lockout(&mut tx, &email).await?;
    limits::forget(&mut tx, Action::CurrentPassword, &email).await?;
    account::confirm_email(&mut tx, &account_id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/login?reset=done").into_response())
}

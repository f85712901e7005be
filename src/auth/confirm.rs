//! Confirming an email address. Sign-up and accepting an invitation answer the same whether
//! or not the address already has an account ("check your mail"); the mail to the address
//! says what happened: a link that finishes the sign-up, or a note that an account exists.
//! So nobody learns from Tandem who has an account here, and every account that signs in has
//! shown it reads its mail.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Duration;

use crate::{
    app::AppState,
    auth::{
        Email, account, device,
        limits::{self, Action, Refusal},
        session,
        signup::signed_in_redirect,
    },
    config::Config,
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::AccountId,
    i18n::Msg,
    i18n::Tr,
    mail::{self, MailKind},
    web::page::{Layout, Section, ok},
};

pub const CONFIRM_VALID_FOR: Duration = Duration::days(2);
/// Where sign-up and acceptance send every visitor, whatever happened.
pub const CHECK_MAIL: &str = "/signup/check-mail";

#[derive(Template)]
#[template(path = "mail/confirm_email.txt")]
struct ConfirmMail<'a> {
    tr: Tr,
    link: &'a str,
    hours: i64,
}

#[derive(Template)]
#[template(path = "mail/account_exists.txt")]
struct AccountExistsMail<'a> {
    tr: Tr,
    login: &'a str,
    reset: &'a str,
}

/// Counts a mail about a sign-up towards the address and the client (whether or not the
/// address has an account, so a refusal says nothing about that).
pub async fn admit_account_mail(h: &mut impl Handle, email: &Email, ip: &str) -> AppResult<()> {
    match limits::admit(h, Action::AccountMail, email.as_str(), ip).await? {
        None => Ok(()),
        Some(Refusal::Subject) => Err(AppError::TooManyRequests(Msg::new(
            "auth-confirm-mails-limit",
        ))),
        Some(Refusal::Source) => Err(AppError::TooManyRequests(Msg::new(
            "auth-too-many-sign-ups-network",
        ))),
    }
}

/// Queues the mail for a sign-up or an acceptance: a confirmation link for a new `account`,
/// or, when the address was taken (`None`), a note to its owner.
pub async fn mail_outcome(
    h: &mut impl Handle,
    config: &Config,
    email: &Email,
    account: Option<&AccountId>,
) -> AppResult<()> {
    let message = match account {
        Some(account) => {
            let token = session::new_token();
            let now = now();
            db_exec!(h, |c| sqlx::query(
                "INSERT INTO email_confirmations (token_hash, account_id, created_at, expires_at)
                 VALUES ($1, $2, $3, $4)"
            )
            .bind(session::token_hash(&token))
            .bind(account)
            .bind(now)
            .bind(now + CONFIRM_VALID_FOR)
            .execute(c)
            .await)?;
            let link = config.link(&format!("/signup/confirm/{token}"));
            // Whoever signs up reads the language the sign-up page was in.
            let letter = ConfirmMail {
                tr: Tr::current(),
                link: &link,
                hours: CONFIRM_VALID_FOR.num_hours(),
            };
            mail::Mail::compose(MailKind::Account, email.as_str(), &letter)?
        }
        None => {
            let letter = AccountExistsMail {
                tr: Tr::current(),
                login: &config.link("/login"),
                reset: &config.link("/password/forgot"),
            };
            mail::Mail::compose(MailKind::Account, email.as_str(), &letter)?
        }
    };
    mail::queue(h, message).await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "auth/check_mail.html")]
struct CheckMailPage {
    layout: Layout,
    smtp_configured: bool,
}

pub async fn check_mail_page(State(state): State<AppState>) -> Response {
    ok(&CheckMailPage {
        layout: Layout::visitor(
            Tr::current().t("auth-title-check-your-mail"),
            Section::SignUp,
        ),
        smtp_configured: state.mailer.is_smtp(),
    })
}

/// The answer to every sign-up and acceptance that passed its checks.
pub fn check_mail_redirect() -> Response {
    Redirect::to(CHECK_MAIL).into_response()
}

#[derive(Template)]
#[template(path = "auth/confirm.html")]
struct ConfirmPage {
    layout: Layout,
    token: String,
}

/// The link from the mail shows a button: a mail scanner that opens links signs nobody in.
pub async fn confirm_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    live_confirmation(&mut conn, &token).await?;
    Ok(ok(&ConfirmPage {
        layout: Layout::visitor(
            Tr::current().t("auth-title-finish-signing-up"),
            Section::SignUp,
        ),
        token,
    }))
}

pub async fn confirm_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    // Used and checked in one statement: of two clicks at once, one signs in.
    let account: Option<AccountId> = db_run!(&mut tx, |c| sqlx::query_scalar(
        "UPDATE email_confirmations SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING account_id"
    )
    .bind(now())
    .bind(session::token_hash(&token))
    .fetch_optional(c)
    .await)?;
    let Some(account) = account else {
        drop(tx);
        let mut conn = state.db.conn().await?;
        live_confirmation(&mut conn, &token).await?;
        return Err(AppError::LinkInvalid(Msg::new("auth-link-used-moment-ago")));
    };
    account::confirm_email(&mut tx, &account).await?;
    session::destroy(&mut tx, &headers).await?;
    let session_token = session::create(&mut tx, &account).await?;
    let secure = state.config.secure_cookies();
    let device_cookie = device::remember(&mut tx, &account, None, secure).await?;
    tx.commit().await?;
    let mut response = signed_in_redirect(&session_token, secure, "/");
    if let Some(cookie) = device_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Says why a confirmation link no longer works, or nothing when it does.
async fn live_confirmation(h: &mut impl Handle, token: &str) -> AppResult<()> {
    let row: Option<(
        Option<chrono::DateTime<chrono::Utc>>,
        chrono::DateTime<chrono::Utc>,
    )> = db_run!(h, |c| sqlx::query_as(
        "SELECT used_at, expires_at FROM email_confirmations WHERE token_hash = $1"
    )
    .bind(session::token_hash(token))
    .fetch_optional(c)
    .await)?;
    match row {
        None => Err(AppError::LinkInvalid(Msg::new(
            "auth-link-not-made-by-tandem",
        ))),
        Some((Some(_), _)) => Err(AppError::LinkInvalid(Msg::new(
            "auth-link-already-used-address",
        ))),
        Some((None, expires)) if expires <= now() => Err(AppError::LinkInvalid(Msg::new(
            "auth-link-has-expired-they",
        ))),
        Some(_) => Ok(()),
    }
}

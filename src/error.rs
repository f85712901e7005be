//! The one error type of the web layer. Every variant renders as a friendly HTML page with the
//! right status; details of internal failures go to the log, never to the page.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    i18n::{Msg, Tr},
    web::page::{ErrorPage, render},
};

/// The refusals carry a [`Msg`] (a key of the catalogue), rendered in the reader's language
/// when the error page is.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Unknown path, or something that exists but belongs to someone else: both look the same.
    #[error("not found")]
    NotFound,
    /// The page needs a signed-in member; answered with a redirect to the login page.
    #[error("login required")]
    LoginRequired,
    #[error("bad request: {0}")]
    BadRequest(Msg),
    /// A request Tandem could read but not accept, e.g. a form field that is not valid text.
    #[error("unprocessable: {0}")]
    Unprocessable(Msg),
    #[error("forbidden: {0}")]
    Forbidden(Msg),
    /// The change no longer fits what is stored, e.g. answering a question twice.
    #[error("conflict: {0}")]
    Conflict(Msg),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("too many requests: {0}")]
    TooManyRequests(Msg),
    /// Too many wrong passwords: a 429 whose page offers a reset, which lifts the lock.
    #[error("login limited: {0}")]
    LoginLimited(Msg),
    /// An invitation or reset link that is unknown, used, revoked or expired.
    #[error("link no longer valid: {0}")]
    LinkInvalid(Msg),
    /// Tandem cannot do this just now — its storage failed (a full disk, a database server
    /// that went away) or it took too long: a 503 that asks to try again in a moment.
    #[error("unavailable")]
    Unavailable,
    /// The client stopped sending its request's body.
    #[error("request body stalled")]
    BodyStalled,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::LoginRequired => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) | AppError::LoginLimited(_) => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::LinkInvalid(_) => StatusCode::GONE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::BodyStalled => StatusCode::REQUEST_TIMEOUT,
            AppError::Database(e) if crate::db::is_storage_fault(e) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let tr = Tr::current();
        let (title, message): (&str, String) = match &self {
            AppError::LoginRequired => return Redirect::to("/login").into_response(),
            AppError::LoginLimited(m) => return crate::auth::locked_page(m),
            AppError::NotFound => ("error-not-found-title", tr.t("error-not-found-message")),
            AppError::BadRequest(m) | AppError::Unprocessable(m) => {
                ("error-bad-request-title", m.render(&tr))
            }
            AppError::Forbidden(m) => ("error-forbidden-title", m.render(&tr)),
            AppError::Conflict(m) => ("error-conflict-title", m.render(&tr)),
            AppError::PayloadTooLarge => ("error-too-large-title", tr.t("error-too-large-message")),
            AppError::TooManyRequests(m) => ("error-wait-title", m.render(&tr)),
            AppError::LinkInvalid(m) => ("error-link-invalid-title", m.render(&tr)),
            AppError::Unavailable => ("error-unavailable-title", tr.t("error-unavailable-message")),
            AppError::BodyStalled => ("error-stalled-title", tr.t("error-stalled-message")),
            AppError::Database(e) if crate::db::is_storage_fault(e) => {
                tracing::error!(error = %e, "the database could not do its work");
                ("error-unavailable-title", tr.t("error-unavailable-message"))
            }
            AppError::Database(e) => {
                tracing::error!(error = %e, "database error");
                ("error-internal-title", tr.t("error-internal-message"))
            }
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                ("error-internal-title", tr.t("error-internal-message"))
            }
        };
        let mut response = render(status, &ErrorPage::new(status, tr.t(title), message));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            // Storage faults and overload pass: a client that retries may come back soon.
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, 5.into());
        }
        response
    }
}

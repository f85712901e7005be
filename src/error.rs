//! The one error type of the web layer. Every variant renders as a friendly HTML page with the
//! right status; details of internal failures go to the log, never to the page.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use crate::web::page::{ErrorPage, render};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Unknown path, or something that exists but belongs to someone else: both look the same.
    #[error("not found")]
    NotFound,
    /// The page needs a signed-in member; answered with a redirect to the login page.
    #[error("login required")]
    LoginRequired,
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A request Tandem could read but not accept, e.g. a form field that is not valid text.
    #[error("unprocessable: {0}")]
    Unprocessable(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The change no longer fits what is stored, e.g. answering a question twice.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("too many requests: {0}")]
    TooManyRequests(String),
    /// Too many wrong passwords: a 429 whose page offers a reset, which lifts the lock.
    #[error("login limited: {0}")]
    LoginLimited(String),
    /// An invitation or reset link that is unknown, used, revoked or expired.
    #[error("link no longer valid: {0}")]
    LinkInvalid(String),
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
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title, message): (&str, String) = match &self {
            AppError::LoginRequired => return Redirect::to("/login").into_response(),
            AppError::LoginLimited(m) => return crate::auth::locked_page(m),
            AppError::NotFound => (
                "Page not found",
                "There is nothing here. The link may be mistyped, or the page is not yours to see."
                    .into(),
            ),
            AppError::BadRequest(m) | AppError::Unprocessable(m) => {
                ("That did not work", m.clone())
            }
            AppError::Forbidden(m) => ("Not allowed", m.clone()),
            AppError::Conflict(m) => ("Already done", m.clone()),
            AppError::PayloadTooLarge => (
                "Too much at once",
                "What you sent is larger than Tandem accepts. Please shorten it and try again."
                    .into(),
            ),
            AppError::TooManyRequests(m) => ("Please wait a little", m.clone()),
            AppError::LinkInvalid(m) => ("This link no longer works", m.clone()),
            AppError::Database(e) => {
                tracing::error!(error = %e, "database error");
                (
                    "Something went wrong",
                    "Tandem could not finish this. Nothing was changed; please try again in a moment."
                        .into(),
                )
            }
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                (
                    "Something went wrong",
                    "Tandem could not finish this. Nothing was changed; please try again in a moment."
                        .into(),
                )
            }
        };
        render(status, &ErrorPage::new(status, title, message))
    }
}

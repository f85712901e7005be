//! Form input: an extractor whose failures render as pages, and the cleaning every text field
//! goes through (trim, Unicode NFC, length limit) before it reaches a domain type.

use std::collections::BTreeMap;

use axum::{
    extract::{FromRequest, Request, rejection::FormRejection},
    http::StatusCode,
};
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::error::AppError;

/// Like `axum::Form`, but a body that cannot be read becomes an [`AppError`] page
/// (413 when too large, 400 otherwise) instead of a bare text reply.
pub struct Form<T>(pub T);

impl<S, T> FromRequest<S> for Form<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) => Err(match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                _ => AppError::BadRequest(describe(&rejection)),
            }),
        }
    }
}

fn describe(rejection: &FormRejection) -> String {
    format!(
        "Tandem could not read this form ({}). Please go back and try again.",
        rejection.body_text()
    )
}

/// Messages for the fields of a form that did not pass, shown next to each field.
#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<&'static str, String>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Records the error of a cleaning step and keeps its value (or a default) for re-display.
    pub fn take<T: Default>(&mut self, field: &'static str, result: Result<T, String>) -> T {
        result.unwrap_or_else(|message| {
            self.add(field, message);
            T::default()
        })
    }
}

/// Trims, normalises to NFC and checks the length (in characters) of a free-text field.
/// `what` names the field in the message, e.g. "Your name".
pub fn text(raw: &str, what: &str, min: usize, max: usize) -> Result<String, String> {
    let cleaned: String = raw.trim().nfc().collect();
    let len = cleaned.chars().count();
    if len < min {
        if min == 1 {
            Err(format!("{what} is needed."))
        } else {
            Err(format!("{what} needs at least {min} characters."))
        }
    } else if len > max {
        Err(format!(
            "{what} can be at most {max} characters (it has {len})."
        ))
    } else if cleaned
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Err(format!("{what} contains characters Tandem cannot store."))
    } else {
        Ok(cleaned)
    }
}

/// A one-line text (names, titles): like [`text`] but without line breaks.
pub fn line(raw: &str, what: &str, min: usize, max: usize) -> Result<String, String> {
    let cleaned = text(raw, what, min, max)?;
    if cleaned.contains(['\n', '\r', '\t']) {
        return Err(format!("{what} must fit on one line."));
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_normalised_and_limited() {
        assert_eq!(text("  Zoë  ", "Name", 1, 10).unwrap(), "Zoë");
        // "e" + combining acute becomes one character.
        assert_eq!(text("e\u{301}", "Name", 1, 1).unwrap(), "é");
        assert!(text("   ", "Name", 1, 10).unwrap_err().contains("needed"));
        assert!(
            text("abcdef", "Name", 1, 5)
                .unwrap_err()
                .contains("at most 5")
        );
        assert!(text("a\u{0}b", "Name", 1, 5).is_err());
        assert_eq!(
            text("Łukasz 李雷 🙂", "Name", 1, 20).unwrap(),
            "Łukasz 李雷 🙂"
        );
    }

    #[test]
    fn a_line_refuses_line_breaks() {
        assert!(line("a\nb", "Name", 1, 10).is_err());
    }
}

//! Addresses with control characters (`%00`, `%0A`, …) are refused before any handler sees
//! them: no page of Tandem has one, and PostgreSQL refuses a NUL in text, which would turn a
//! mistyped link into a server error.

use axum::{extract::Request, middleware::Next, response::Response};

use crate::{error::AppError, i18n::Msg};

/// A path with an encoded control character is not found; a query string with one is a bad
/// request.
pub async fn refuse_control_characters(request: Request, next: Next) -> Result<Response, AppError> {
    let uri = request.uri();
    if has_encoded_control(uri.path()) {
        return Err(AppError::NotFound);
    }
    if uri.query().is_some_and(has_encoded_control) {
        return Err(AppError::BadRequest(Msg::new("error-unreadable-address")));
    }
    Ok(next.run(request).await)
}

/// Whether `%XX` somewhere in `raw` stands for a C0 control or DEL (a URI cannot hold them
/// unencoded).
fn has_encoded_control(raw: &str) -> bool {
    raw.as_bytes().windows(3).any(|w| {
        let hex = |b: u8| char::from(b).to_digit(16);
        w[0] == b'%'
            && hex(w[1])
                .zip(hex(w[2]))
                .is_some_and(|(h, l)| h * 16 + l < 0x20 || h * 16 + l == 0x7F)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_controls_are_found_and_other_escapes_are_not() {
        for bad in ["/a/%00", "/a%0a", "x=%1F", "%7f"] {
            assert!(has_encoded_control(bad), "{bad}");
        }
        for good in ["/a/b", "/caf%C3%A9", "x=%20y", "100%", "%4"] {
            assert!(!has_encoded_control(good), "{good}");
        }
    }
}

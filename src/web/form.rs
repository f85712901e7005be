//! Form input: an extractor whose failures render as pages, and the cleaning every field goes
//! through before it reaches a domain type: text (trim, Unicode NFC, length limit, no invisible
//! controls in a line), dates (within years Tandem can compute with), times and same-site paths.

use std::collections::BTreeMap;

use axum::{
    body::{Body, Bytes},
    extract::{FromRequest, Request},
    http::{Method, StatusCode},
};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::{
    error::AppError,
    i18n::{Arg, Key, Msg, Tr},
};

/// Like `axum::Form`, but a body that cannot be read becomes an [`AppError`] page (413 when too
/// large, 400 otherwise) instead of a bare text reply, and a field that is not UTF-8 once
/// percent-decoded is refused with 422 naming it (axum would store U+FFFD in its place).
pub struct Form<T>(pub T);

impl<S, T> FromRequest<S> for Form<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|rejection| unreadable(rejection.status(), &rejection.body_text()))?;
        // A GET form travels in the query string; any other in the body.
        let encoded = if matches!(parts.method, Method::GET | Method::HEAD) {
            parts.uri.query().unwrap_or_default().as_bytes()
        } else {
            &bytes
        };
        if let Some(field) = field_not_utf8(encoded) {
            return Err(not_utf8(&field));
        }
        let req = Request::from_parts(parts, Body::from(bytes));
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) => Err(unreadable(rejection.status(), &rejection.body_text())),
        }
    }
}

/// The refusal of a form field whose bytes are not UTF-8 (urlencoded or multipart).
pub fn not_utf8(field: &str) -> AppError {
    let field: String = field.chars().filter(|c| !c.is_control()).take(40).collect();
    AppError::Unprocessable(Msg::with("form-field-not-utf8", [("field", field.into())]))
}

fn unreadable(status: StatusCode, detail: &str) -> AppError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => AppError::BadRequest(Msg::with("form-unreadable", [("detail", detail.into())])),
    }
}

/// The name of the first field of an urlencoded form whose value is not UTF-8 once
/// percent-decoded ("a field" when the name itself is not).
fn field_not_utf8(encoded: &[u8]) -> Option<String> {
    encoded.split(|b| *b == b'&').find_map(|pair| {
        let mut halves = pair.splitn(2, |b| *b == b'=');
        let name = String::from_utf8(percent_decoded(halves.next().unwrap_or_default()));
        let value = percent_decoded(halves.next().unwrap_or_default());
        match (name, std::str::from_utf8(&value)) {
            (Ok(_), Ok(_)) => None,
            (Ok(name), Err(_)) => Some(name),
            (Err(_), _) => Some("a field".to_owned()),
        }
    })
}

/// The bytes an urlencoded name or value stands for (`+` is a space, `%XX` a byte).
fn percent_decoded(encoded: &[u8]) -> Vec<u8> {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while i < encoded.len() {
        let escaped = match encoded[i..] {
            [b'%', high, low, ..] => hex(high).zip(hex(low)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match (escaped, encoded[i]) {
            (Some(byte), _) => {
                bytes.push(byte);
                i += 3;
            }
            (None, b'+') => {
                bytes.push(b' ');
                i += 1;
            }
            (None, other) => {
                bytes.push(other);
                i += 1;
            }
        }
    }
    bytes
}

/// The first and last years a date from a request may have. Every date Tandem is given lies in
/// this range, so date arithmetic on it (weeks, months, rhythms, time zones) cannot overflow.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// A date as a date field sends it (`2027-03-14`), within [`FIRST_YEAR`]..=[`LAST_YEAR`];
/// `None` for anything else, so each caller gives its field's own message.
pub fn date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year()))
}

/// The last day [`date`] accepts: a bound for computing with dates read back from storage.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A wall-clock time as a time field sends it: `HH:MM`, or `HH:MM:SS` when a step asks for
/// seconds.
pub fn time(raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim();
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .ok()
}

/// A path of this site to send someone back to: it must start with `within` (itself a path
/// starting with one `/`) and be printable ASCII with no `//` or backslash, so it can neither leave
/// the site nor break the `Location` header.
pub fn same_site_path<'a>(raw: &'a str, within: &str) -> Option<&'a str> {
    let printable = raw.bytes().all(|b| b.is_ascii_graphic());
    (printable && raw.starts_with(within) && !raw.contains("//") && !raw.contains('\\'))
        .then_some(raw)
}

/// Messages for the fields of a form that did not pass, shown next to each field.
#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<&'static str, Msg>);

impl FieldErrors {
    /// Records `message` for `field`, unless the field already has one (the first problem
    /// found is the one to fix first).
    pub fn add(&mut self, field: &'static str, message: Msg) {
        self.0.entry(field).or_insert(message);
    }

    /// The field's message in the language of the request being answered.
    pub fn get(&self, field: &str) -> Option<String> {
        self.0.get(field).map(|m| m.render(&Tr::current()))
    }

    /// The field's message, not yet in a language.
    pub fn message(&self, field: &str) -> Option<&Msg> {
        self.0.get(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields did not pass.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Records the error of a cleaning step and keeps its value (or a default) for re-display.
    pub fn take<T: Default>(&mut self, field: &'static str, result: Result<T, Msg>) -> T {
        result.unwrap_or_else(|message| {
            self.add(field, message);
            T::default()
        })
    }
}

/// Trims, normalises to NFC and checks the length (in characters) of a free-text field.
/// `what` names the field in the message: a key such as `field-your-name`.
pub fn text(raw: &str, what: Key, min: usize, max: usize) -> Result<String, Msg> {
    let cleaned: String = raw.trim().nfc().collect();
    let len = cleaned.chars().count();
    let what = ("what", Arg::from(what));
    if len < min {
        if min == 1 {
            Err(Msg::with("form-needed", [what]))
        } else {
            Err(Msg::with("form-at-least", [what, ("min", min.into())]))
        }
    } else if len > max {
        Err(Msg::with(
            "form-at-most",
            [what, ("max", max.into()), ("len", len.into())],
        ))
    } else if cleaned
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Err(Msg::with("form-unstorable", [what]))
    } else {
        Ok(cleaned)
    }
}

/// A one-line text (names, titles): like [`text`] but without line breaks, and without the
/// invisible characters that can make a name look like another (see [`is_invisible`]).
pub fn line(raw: &str, what: Key, min: usize, max: usize) -> Result<String, Msg> {
    let cleaned = text(raw, what, min, max)?;
    if cleaned.contains(['\n', '\r', '\t']) {
        return Err(Msg::with("form-one-line", [("what", what.into())]));
    }
    if cleaned.chars().any(is_invisible) {
        return Err(Msg::with("form-invisible", [("what", what.into())]));
    }
    Ok(cleaned)
}

/// Bidirectional controls (which can reverse how a name reads) and zero-width characters
/// (which make two names look alike): never wanted in a name or a title.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Key = Key("field-your-name");
    const NOTE: Key = Key("field-the-note");

    fn english(result: Result<String, Msg>) -> String {
        result.unwrap_err().render(&Tr::english())
    }

    #[test]
    fn text_is_trimmed_normalised_and_limited() {
        assert_eq!(text("  Zoë  ", NAME, 1, 10).unwrap(), "Zoë");
        // "e" + combining acute becomes one character.
        assert_eq!(text("e\u{301}", NAME, 1, 1).unwrap(), "é");
        assert!(english(text("   ", NAME, 1, 10)).contains("needed"));
        assert_eq!(
            english(text("abcdef", NAME, 1, 5)),
            "Your name can be at most 5 characters (it has 6)."
        );
        assert!(text("a\u{0}b", NAME, 1, 5).is_err());
        assert_eq!(
            text("Łukasz 李雷 🙂", NAME, 1, 20).unwrap(),
            "Łukasz 李雷 🙂"
        );
    }

    #[test]
    fn a_line_refuses_line_breaks() {
        assert!(line("a\nb", NAME, 1, 10).is_err());
    }

    #[test]
    fn a_line_refuses_direction_overrides_and_zero_width_characters() {
        for bad in [
            "Iker\u{202E}rekI",
            "Ik\u{200B}er",
            "\u{2066}Iker",
            "Ik\u{FEFF}er",
        ] {
            assert!(
                english(line(bad, NAME, 1, 40)).contains("invisible"),
                "{bad:?}"
            );
        }
        // Right-to-left scripts themselves are welcome.
        assert_eq!(line("مريم", NAME, 1, 40).unwrap(), "مريم");
        // Multi-line text keeps them (a letter may quote anything).
        assert!(text("a\u{200D}b", NOTE, 1, 40).is_ok());
    }

    #[test]
    fn dates_are_bounded_where_they_are_parsed() {
        assert_eq!(date(" 2027-03-14 "), NaiveDate::from_ymd_opt(2027, 3, 14));
        for bad in [
            "+262142-12-31",
            "-262143-01-01",
            "1899-12-31",
            "2201-01-01",
            "",
            "x",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
        assert_eq!(date("2200-12-31"), Some(last_day()));
    }

    #[test]
    fn times_come_with_or_without_seconds() {
        assert_eq!(time("18:30"), NaiveTime::from_hms_opt(18, 30, 0));
        assert_eq!(time("18:30:05"), NaiveTime::from_hms_opt(18, 30, 5));
        assert_eq!(time("25:00"), None);
    }

    #[test]
    fn a_same_site_path_stays_on_the_site_and_in_the_header() {
        let home = "/bonds/b/together/activities";
        assert_eq!(
            same_site_path("/bonds/b/together/activities?x=1", home),
            Some("/bonds/b/together/activities?x=1")
        );
        for bad in [
            "https://evil.example/",
            "/bonds/b/together/activities/\u{7}",
            "/bonds/b/together/activities//evil.example",
            "/bonds/b/together/activities\\evil",
            "/bonds/b/together/activities\n",
            "/elsewhere",
        ] {
            assert_eq!(same_site_path(bad, home), None, "{bad:?}");
        }
    }

    #[test]
    fn percent_decoding_finds_the_field_that_is_not_utf8() {
        assert_eq!(field_not_utf8(b"title=Caf%C3%A9&note=a+b"), None);
        assert_eq!(field_not_utf8(b"title=ok&note=%FF%FE"), Some("note".into()));
        assert_eq!(field_not_utf8(b"note=\xff"), Some("note".into()));
        assert_eq!(field_not_utf8(b"%FF=x"), Some("a field".into()));
        // A stray % is kept as it is, as browsers and axum read it.
        assert_eq!(field_not_utf8(b"note=100%&x=%4"), None);
    }
}

/// The `?saved=…` a form's redirect adds, so the page it lands on can say what was saved.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

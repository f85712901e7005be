//! Writing iCalendar text (RFC 5545): content lines ending in CRLF, folded at 75 octets
//! without splitting a character, TEXT values escaped. Written by hand: the few property
//! kinds we need are simpler to get exactly right here than through a builder, and the tests
//! read the result back with an independent parser.

use chrono::{DateTime, NaiveDateTime, Utc};

/// The longest content line, in octets, before it is folded (CRLF not counted).
const LINE_OCTETS: usize = 75;

/// An iCalendar document being written.
#[derive(Debug, Default)]
pub struct Ics {
    out: String,
}

impl Ics {
    pub fn new() -> Ics {
        Ics::default()
    }

    /// A property whose value is written as given (dates, numbers, rules, URIs); `name` may
    /// carry parameters, e.g. `DTSTART;TZID=Europe/Lisbon`.
    pub fn prop(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.prop(name, &escape(value));
    }

    pub fn begin(&mut self, component: &str) {
        self.prop("BEGIN", component);
    }

    pub fn end(&mut self, component: &str) {
        self.prop("END", component);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded: each continuation starts with one space, and no line is
/// longer than 75 octets.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A local DATE-TIME, e.g. `20270314T100000` (used with a TZID).
pub fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// A UTC DATE-TIME, e.g. `20270314T090000Z`.
pub fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A UTC offset, e.g. `+0100`, `-0430`, or with seconds when it has them.
pub fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("Walk, then tea; bring \\ boots\r\nor not\nok"),
            "Walk\\, then tea\\; bring \\\\ boots\\nor not\\nok"
        );
        assert_eq!(escape("a\u{7}b\tc"), "ab\tc");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut ics = Ics::new();
        let summary =
            "Caminhada à beira-rio com o Iker — depois café e pastéis de nata 🥐🥐🥐 e conversa";
        ics.text("SUMMARY", summary);
        let out = ics.finish();
        assert!(out.ends_with("\r\n"));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 1);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        // Unfolding gives the line back.
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{summary}"));
        assert!(!out.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn offsets_and_times_are_written_as_the_rfc_asks() {
        assert_eq!(offset(3600), "+0100");
        assert_eq!(offset(-4 * 3600 - 1800), "-0430");
        assert_eq!(offset(0), "+0000");
        assert_eq!(offset(-(9 * 60 + 21)), "-000921");
        let at = NaiveDateTime::parse_from_str("2027-03-14 10:05", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(local(at), "20270314T100500");
        assert_eq!(utc(at.and_utc()), "20270314T100500Z");
    }
}

//! What the form macros of `templates/macros.html` need from Rust: a choice of a select or a
//! group of radio buttons, and the attributes that tie a control to its hint and its error.
//!
//! # Adding a form control to a page
//! 1. Use a macro of `templates/macros.html` (`field`, `textarea`, `select`, `choices`), never
//!    a hand-written `<input>` with its own `aria-*`: the macro gives the label, the hint, the
//!    error paragraph and their wiring for screen readers in one place.
//! 2. Pass the field's error as `errors.get("name")` and its words from the catalogue
//!    (`layout.t("…")`); a select or radio group takes a list of [`Choice`]s built by the page.
//! 3. A control no macro fits (a select with groups) calls [`wiring`] for its `aria-*`.

use std::fmt::Display;

use crate::i18n::Tr;

/// One option of a select or one radio button: the value sent and the words shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Display, label: impl Into<String>) -> Self {
        Choice {
            value: value.to_string(),
            label: label.into(),
        }
    }

    /// Whether this is the choice the form holds.
    pub fn is(&self, selected: &str) -> bool {
        self.value == selected
    }
}

/// A value a form offers among others (a kind, a visibility), with its words in the catalogue.
pub trait Labelled: Copy {
    /// The catalogue key of its words for people.
    fn label_key(self) -> &'static str;
}

// Templates hold values by reference (`{% if let Some(band) = … %}`).
impl<T: Labelled> Labelled for &T {
    fn label_key(self) -> &'static str {
        (*self).label_key()
    }
}

/// Every value of `all` as a choice, in the reader's language (`layout.choices(…)` in a
/// template).
pub fn choices<T: Labelled + Display>(all: impl IntoIterator<Item = T>, tr: &Tr) -> Vec<Choice> {
    all.into_iter()
        .map(|value| Choice::new(value, tr.t(value.label_key())))
        .collect()
}

/// The id of a control: the one given, else the field's name.
pub fn control_id(id: &str, name: &str) -> String {
    if id.is_empty() { name } else { id }.to_owned()
}

/// The attributes that tell a screen reader a control's hint and error: `aria-describedby`
/// naming the `<id>-hint` and `<id>-error` paragraphs that are present, and `aria-invalid`
/// when there is an error. Written into the tag unescaped, so the id must be one of ours:
/// characters that could end the attribute are dropped.
pub fn wiring(id: &str, hint: bool, error: bool) -> String {
    let id: String = id
        .chars()
        .filter(|c| !matches!(c, '"' | '\'' | '<' | '>' | '&') && !c.is_whitespace())
        .collect();
    let described: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(present, _)| *present)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    let mut attributes = String::new();
    if error {
        attributes.push_str(" aria-invalid=\"true\"");
    }
    if !described.is_empty() {
        attributes.push_str(&format!(" aria-describedby=\"{}\"", described.join(" ")));
    }
    attributes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The opening tags of the form controls in a template (`<textarea`, `<select`,
    /// `<fieldset`, and `<input` that takes text or a choice among many), whole: a tag ends at
    /// the first `>` outside `{{ … }}` and `{% … %}`.
    fn control_tags(template: &str) -> Vec<String> {
        let mut tags = vec![];
        let mut rest = template;
        while let Some(start) = rest.find('<') {
            rest = &rest[start..];
            let mut end = 1;
            let bytes = rest.as_bytes();
            while end < bytes.len() && bytes[end] != b'>' {
                if bytes[end] == b'{' && matches!(bytes.get(end + 1), Some(b'{' | b'%')) {
                    let close = if bytes[end + 1] == b'{' { "}}" } else { "%}" };
                    end += rest[end..].find(close).map_or(bytes.len(), |i| i + 1);
                }
                end += 1;
            }
            let end = (end + 1).min(rest.len());
            let tag = &rest[..end];
            let name: String = tag[1..]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            let not_a_choice = ["hidden", "checkbox", "radio", "submit", "file"]
                .iter()
                .any(|kind| tag.contains(&format!("type=\"{kind}\"")));
            let control = match name.as_str() {
                "textarea" | "select" | "fieldset" => true,
                "input" => !not_a_choice && !tag.contains("readonly"),
                _ => false,
            };
            if control {
                tags.push(tag.to_owned());
            }
            rest = &rest[end..];
        }
        tags
    }

    #[test]
    fn every_control_comes_from_a_macro_or_is_wired() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut unwired = vec![];
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let relative = path.strip_prefix(&root).unwrap().to_string_lossy();
                if relative == "macros.html" || !relative.ends_with(".html") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let bad: Vec<String> = control_tags(&text)
                    .into_iter()
                    .filter(|tag| !tag.contains("controls::wiring("))
                    .collect();
                if !bad.is_empty() {
                    unwired.push(format!("{relative}: {bad:#?}"));
                }
            }
        }
        assert!(
            unwired.is_empty(),
            "controls written by hand; use a macro of templates/macros.html or \
             crate::web::controls::wiring:\n{}",
            unwired.join("\n")
        );
    }

    #[test]
    fn the_control_scan_finds_a_control_whose_tag_holds_template_code() {
        let tags = control_tags(
            r#"<p>x</p><input type="hidden" name="a"><textarea id="b" rows="{{ r }}"
            {%- if e > 0 %} aria-invalid="true"{% endif %}>{{ v }}</textarea>
            <input id="c" name="c" type="email">"#,
        );
        assert_eq!(tags.len(), 2, "{tags:#?}");
        assert!(tags[0].ends_with("{% endif %}>"), "{}", tags[0]);
        assert!(tags[1].starts_with("<input id=\"c\""));
    }

    #[test]
    fn a_control_names_the_hint_and_the_error_it_has() {
        assert_eq!(wiring("email", false, false), "");
        assert_eq!(
            wiring("email", true, false),
            " aria-describedby=\"email-hint\""
        );
        assert_eq!(
            wiring("email", true, true),
            " aria-invalid=\"true\" aria-describedby=\"email-hint email-error\""
        );
        assert_eq!(
            wiring("a\" onmouseover=\"x", false, true),
            " aria-invalid=\"true\" aria-describedby=\"aonmouseover=x-error\""
        );
    }

    #[test]
    fn a_control_without_an_id_takes_its_name() {
        assert_eq!(control_id("", "body"), "body");
        assert_eq!(control_id("reply-body", "body"), "reply-body");
        assert!(Choice::new(30, "Half an hour").is("30"));
    }
}

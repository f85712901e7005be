//! The message catalogue: every sentence, label and date a person reads comes from
//! `locales/<language>/*.ftl` (Fluent), looked up by key in the reader's language
//! (docs/adr/0022-message-catalogue.md).
//!
//! A [`Tr`] is a language to speak in. Rust code says `tr.t("nav-today")`, or
//! `tr.t_with("form-at-most", &[("max", n.into()), …])` with Fluent arguments (text,
//! numbers, and a member's role for her/his); templates say `{{ layout.t("nav-today") }}`.
//! Messages decided before the language is known (form errors, [`AppError`]
//! refusals) are a [`Msg`]: a key with its arguments, rendered when the page is.
//!
//! The language of a request is the member's own choice (`members.language`), else the best
//! match of the browser's `Accept-Language`, else English ([`choose_language`], then the
//! session extractor). Mail is written in its recipient's language, with [`Tr::for_member`].
//! `en-XA` is a pseudo-language for tests: every message wrapped in `⟦…⟧` and lengthened,
//! its placeables left as they are, so a page with text outside the catalogue shows it.
//!
//! # Adding a string
//! 1. A line `<feature>-<what> = …` in `locales/en/<feature>.ftl` (the feature's own file;
//!    `common.ftl` for the frame, errors and forms, `dates.ftl` for dates). Plurals and
//!    her/his are Fluent selectors: `{ $count -> [one] … *[other] … }`,
//!    `{ $role -> [mother] her [son] his *[other] their }`.
//! 2. Use it by its key, written out in full (`t("…")`, `t_with("…", …)`, `t_html("…", …)`,
//!    `Msg::new("…")`, `Key("…")`): the catalogue's tests find keys in the source by these calls and by
//!    literals, and fail on a key used but missing, or present but never used. A key chosen
//!    at run time (a section's label, a month) is a literal in a `match` or an array.
//! 3. No sentence is built by joining pieces in Rust or in a template: a placeable
//!    (`{ $name }`) takes the piece, so a language can put it where its grammar wants it.
//! 4. Markup inside a message (`<strong>{ $name }</strong>`) only through [`Tr::t_html`],
//!    which escapes the arguments.
//!
//! # Adding a language
//! 1. A folder `locales/<tag>/` (a BCP 47 tag: `fr`, `pt-BR`) with the same files and keys
//!    as `locales/en/`, `language-name` being the language's name in itself. A key it lacks
//!    falls back to English. Months and weekdays are keys too (`dates.ftl`).
//! 2. Rebuild: the catalogue is compiled into the binary. Settings then offers the language,
//!    and browsers asking for it get it.

pub mod dates;
mod negotiate;
mod pseudo;
mod zone_links;
pub mod zones;

use std::{borrow::Cow, cell::Cell, collections::HashMap, sync::LazyLock};

use axum::{extract::Request, http::header, middleware::Next, response::Response};
use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use crate::family::{Member, Role};

// Every language of `locales/`, compiled in.
fluent_templates::static_loader! {
    static CATALOGUE = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around placeables would end up in mail subjects, `value`
        // attributes and tests; names in right-to-left scripts are isolated by the page
        // (`dir="auto"` where they are shown), not by the catalogue.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

// The same catalogue, its text (never its placeables) lengthened: the pseudo-language.
fluent_templates::static_loader! {
    static PSEUDO = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_transform(Some(pseudo::lengthen));
        },
    };
}

/// The tag of the pseudo-language: never offered, chosen by tests.
pub const PSEUDO_TAG: &str = "en-XA";
const ENGLISH_TAG: &str = "en";

/// A language Tandem can speak.
#[derive(Debug)]
pub struct Language {
    /// Its BCP 47 tag, as in `<html lang>` and `members.language`.
    pub tag: String,
    id: LanguageIdentifier,
    pseudo: bool,
}

/// The catalogue's languages, English first, then the pseudo-language last.
static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    let mut real: Vec<&LanguageIdentifier> = CATALOGUE.locales().collect();
    real.sort_by_key(|id| (id.to_string() != ENGLISH_TAG, id.to_string()));
    let english = real.first().map(|id| (*id).clone()).unwrap_or_default();
    real.into_iter()
        .map(|id| Language {
            tag: id.to_string(),
            id: id.clone(),
            pseudo: false,
        })
        .chain([Language {
            tag: PSEUDO_TAG.to_owned(),
            id: english,
            pseudo: true,
        }])
        .collect()
});

/// The languages a member can choose in Settings (not the pseudo-language).
pub fn offered() -> impl Iterator<Item = Tr> {
    LANGUAGES
        .iter()
        .filter(|l| !l.pseudo)
        .map(|language| Tr { language })
}

/// A language to speak in: the handle every message is looked up through.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    language: &'static Language,
}

impl PartialEq for Tr {
    fn eq(&self, other: &Tr) -> bool {
        std::ptr::eq(self.language, other.language)
    }
}

impl Eq for Tr {}

impl Default for Tr {
    fn default() -> Tr {
        Tr::english()
    }
}

/// One Fluent argument: text (a name, a title), a number (plurals select on it), or a
/// message of the catalogue looked up in the same language (a field's name inside a form
/// error).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
    Key(&'static str),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Text((*s).to_owned())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::from(*n)
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize);

/// A key of the catalogue handed to code that words a message around it (a field's name,
/// "Your name", inside "… is needed.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub &'static str);

impl From<Key> for Arg {
    fn from(key: Key) -> Arg {
        Arg::Key(key.0)
    }
}

/// A role selects her/his/their: `{ $role -> [mother] her [son] his *[other] their }`.
impl From<Role> for Arg {
    fn from(role: Role) -> Arg {
        Arg::Text(role.as_str().to_owned())
    }
}

impl From<&Role> for Arg {
    fn from(role: &Role) -> Arg {
        Arg::from(*role)
    }
}

tokio::task_local! {
    /// The language of the request being answered (see [`choose_language`]).
    static REQUEST_LANGUAGE: Cell<Tr>;
}

/// Middleware: answers the request in the browser's language ([`negotiate`]d from
/// `Accept-Language`); the session extractor then switches to the member's own choice.
/// Pages and error pages read it through [`Tr::current`].
pub async fn choose_language(request: Request, next: Next) -> Response {
    let tr = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(negotiate::best)
        .unwrap_or_default();
    REQUEST_LANGUAGE
        .scope(Cell::new(tr), next.run(request))
        .await
}

impl Tr {
    pub fn english() -> Tr {
        Tr {
            language: &LANGUAGES[0],
        }
    }

    /// The language with this tag (as stored in `members.language`), if Tandem has it.
    pub fn from_tag(tag: &str) -> Option<Tr> {
        LANGUAGES
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
            .map(|language| Tr { language })
    }

    /// The language a member reads in: their choice, else English (a mail has no browser to
    /// ask).
    pub fn for_member(member: &Member) -> Tr {
        member
            .language
            .as_deref()
            .and_then(Tr::from_tag)
            .unwrap_or_default()
    }

    /// The language of the request being answered; English outside a request.
    pub fn current() -> Tr {
        REQUEST_LANGUAGE.try_with(Cell::get).unwrap_or_default()
    }

    /// Makes this the language of the rest of the request (the member's own choice).
    pub fn use_for_request(self) {
        // Outside a request (a test calling an extractor directly) there is nothing to set.
        let _ = REQUEST_LANGUAGE.try_with(|cell| cell.set(self));
    }

    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(&self) -> &'static str {
        &self.language.tag
    }

    pub fn is_pseudo(&self) -> bool {
        self.language.pseudo
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.t_with(key, &[])
    }

    /// The message `key` with its arguments.
    pub fn t_with(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        self.lookup(key, args, |s| s)
    }

    /// A message that holds markup (`<strong>`): its arguments are HTML-escaped, the
    /// catalogue's own text is trusted. Use it with `|safe` in a template.
    pub fn t_html(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        self.lookup(key, args, escape_html)
    }

    fn lookup(
        &self,
        key: &str,
        args: &[(&'static str, Arg)],
        text: impl Fn(String) -> String,
    ) -> String {
        let fluent_args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(s) => FluentValue::from(text(s.clone())),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Key(key) => FluentValue::from(self.t(key)),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        let found = if self.language.pseudo {
            PSEUDO
                .try_lookup_with_args(&self.language.id, key, &fluent_args)
                .map(|s| format!("⟦{s}⟧"))
        } else {
            // Falls back to English for a key the language lacks.
            CATALOGUE.try_lookup_with_args(&self.language.id, key, &fluent_args)
        };
        found.unwrap_or_else(|| {
            // Never a panic over a missing word: the key shows, and the log says why.
            tracing::error!(
                key,
                language = self.tag(),
                "message missing from the catalogue"
            );
            key.to_owned()
        })
    }
}

fn escape_html(s: String) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A message decided before its reader's language is known: a form error, the reason of a
/// refusal. Rendered with [`Msg::render`] when the page is.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
    /// Sentences that follow this one (one per refused photo, say).
    then: Vec<Msg>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg::with(key, [])
    }

    pub fn with(key: &'static str, args: impl IntoIterator<Item = (&'static str, Arg)>) -> Msg {
        Msg {
            key,
            args: args.into_iter().collect(),
            then: vec![],
        }
    }

    /// Several messages shown one after another; `None` when there are none.
    pub fn sentences(messages: impl IntoIterator<Item = Msg>) -> Option<Msg> {
        let mut messages = messages.into_iter();
        let mut first = messages.next()?;
        first.then.extend(messages);
        Some(first)
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    pub fn render(&self, tr: &Tr) -> String {
        let mut text = tr.t_with(self.key, &self.args);
        for next in &self.then {
            text.push(' ');
            text.push_str(&next.render(tr));
        }
        text
    }
}

impl std::fmt::Display for Msg {
    /// In English, for logs and `AppError`'s `Display`; pages use [`Msg::render`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(&Tr::english()))
    }
}

#[cfg(test)]
mod tests;

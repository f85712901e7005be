//! Every word a page shows comes from the message catalogue: each page is read in the
//! pseudo-language `en-XA`, where every message is wrapped in `⟦…⟧`, and any visible text
//! (or `placeholder`, `aria-label`, `title`, `alt`, button `value`) outside the markers fails,
//! unless it is what the test itself typed in (names, titles), a number or punctuation.
//!
//! Pages not yet converted to the catalogue are listed in `NOT_YET_CONVERTED`: they are
//! fetched too, and the test fails when one of them has become clean, so the list only
//! shrinks.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use scraper::{Html, Node};

use crate::both_backends;
use crate::harness::{TestApp, User};

/// Who asks for a page.
#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    Mother,
    Son,
}

/// Pages whose every word comes from the catalogue: `{bond}` is the bond's id.
const CONVERTED: &[(Who, &str, StatusCode)] = &[
    (Who::Mother, "/settings", StatusCode::OK),
    (Who::Son, "/settings", StatusCode::OK),
    (Who::Mother, "/no-such-page", StatusCode::NOT_FOUND),
    (Who::Anonymous, "/no-such-page", StatusCode::NOT_FOUND),
    (Who::Son, "/bonds/not-a-bond/talk", StatusCode::NOT_FOUND),
    (Who::Mother, "/bonds/{bond}/notes", StatusCode::OK),
    (Who::Anonymous, "/", StatusCode::OK),
    (Who::Anonymous, "/login", StatusCode::OK),
    (Who::Anonymous, "/signup", StatusCode::OK),
    (Who::Mother, "/settings/reminders", StatusCode::OK),
    (Who::Anonymous, "/password/forgot", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/notes", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/history", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/starters", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/requests", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/repairs", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/talk/starters", StatusCode::OK),
    (Who::Mother, "/settings/support", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/check-in", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/words", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/insights", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/toolbox", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/needs", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/feelings/coaching",
        StatusCode::OK,
    ),
    (Who::Mother, "/bonds/{bond}/feelings/words", StatusCode::OK),
    (Who::Son, "/settings/support", StatusCode::OK),
];

/// Pages still holding English outside the catalogue. Converting one moves it to
/// [`CONVERTED`]; the test says when. (`/talk`, `/feelings` and `/together` lead a member
/// with one bond straight to the bond's page, listed here.)
const NOT_YET_CONVERTED: &[(Who, &str)] = &[
    (Who::Mother, "/"),
    (Who::Son, "/"),
    (Who::Mother, "/family"),
    (Who::Mother, "/outbox"),
    (Who::Mother, "/bonds/{bond}/together"),
    (Who::Mother, "/bonds/{bond}/together/activities"),
    (Who::Mother, "/bonds/{bond}/together/activities/new"),
    (Who::Mother, "/bonds/{bond}/together/interests"),
    (Who::Mother, "/bonds/{bond}/together/plans"),
    (Who::Mother, "/bonds/{bond}/together/plans/new"),
    (Who::Mother, "/bonds/{bond}/together/memories"),
    (Who::Mother, "/bonds/{bond}/together/memories/new"),
];

/// What the test typed in, which pages show as it is.
const USER_DATA: &[&str] = &["Rosa", "Iker", "The Testers", "We built a den today"];

async fn every_converted_page_speaks_only_from_the_catalogue(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(14).await;
    app.post(
        &mother,
        &format!("/bonds/{bond}/notes"),
        &[("body", "We built a den today"), ("visibility", "shared")],
    )
    .await;
    // Both read Tandem in the pseudo-language; a visitor asks for it by header.
    app.exec("UPDATE members SET language = 'en-XA'", &[]).await;
    let emails = [mother.email.clone(), son.email.clone()];
    let content = content_texts();
    let mut allowed: Vec<&str> = USER_DATA.to_vec();
    allowed.extend(emails.iter().map(String::as_str));
    allowed.extend(content.iter().map(String::as_str));
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));

    let mut failures = vec![];
    for (who, path, status) in CONVERTED {
        let path = path.replace("{bond}", &bond);
        let page = get(&app, user(*who, &mother, &son), &path).await;
        assert_eq!(page.0, *status, "{who:?} {path}: {}", page.1);
        assert!(page.1.contains("lang=\"en-XA\""), "{who:?} {path}");
        let unmarked = unmarked_text(&page.1, &allowed);
        if !unmarked.is_empty() {
            failures.push(format!("{who:?} {path}: {unmarked:?}"));
        }
    }
    for (who, path) in NOT_YET_CONVERTED {
        let path = path.replace("{bond}", &bond);
        let page = get(&app, user(*who, &mother, &son), &path).await;
        assert_eq!(page.0, StatusCode::OK, "{who:?} {path}: {}", page.1);
        if unmarked_text(&page.1, &allowed).is_empty() {
            failures.push(format!(
                "{who:?} {path} is now all from the catalogue: move it to CONVERTED"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "text outside the catalogue:\n{}",
        failures.join("\n")
    );
}
both_backends!(every_converted_page_speaks_only_from_the_catalogue);

/// Every text of `content/` (activities, starters, feelings words…): content is data written
/// per language apart from the catalogue (content/README.md), so a page may show it as it is.
pub fn content_texts() -> Vec<String> {
    fn strings(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(text) if !text.trim().is_empty() => out.push(text.clone()),
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut texts = vec![];
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let table: toml::Table = text.parse().unwrap();
                table.values().for_each(|v| strings(v, &mut texts));
            }
        }
    }
    assert!(texts.len() > 100, "content/ read: {} texts", texts.len());
    texts
}

fn user<'a>(who: Who, mother: &'a User, son: &'a User) -> &'a User {
    static ANONYMOUS: std::sync::OnceLock<User> = std::sync::OnceLock::new();
    match who {
        Who::Anonymous => ANONYMOUS.get_or_init(User::anonymous),
        Who::Mother => mother,
        Who::Son => son,
    }
}

/// A page as a browser that prefers the pseudo-language gets it.
async fn get(app: &TestApp, user: &User, path: &str) -> (StatusCode, String) {
    let request = Request::get(path).header("accept-language", "en-XA");
    let response = app.send_raw(user, request, Body::empty()).await;
    (
        response.status,
        String::from_utf8_lossy(&response.bytes).into_owned(),
    )
}

/// The pieces of a page's text outside `⟦…⟧`, less what `allowed` holds (longest first),
/// numbers and punctuation: each one is a sentence or a word that bypassed the catalogue.
pub fn unmarked_text(html: &str, allowed: &[&str]) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut found = vec![];
    let mut depth = 0usize;
    for node in document.tree.root().descendants() {
        match node.value() {
            Node::Text(text) => {
                // Scripts are not read; text marked as another language (a language's name
                // in itself, in the Settings list) is meant to stay as it is.
                let hidden = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "script" | "style" | "noscript")
                            || e.attr("lang").is_some_and(|lang| lang != "en-XA")
                    })
                });
                if !hidden {
                    let outside = outside_markers(text, &mut depth);
                    if is_words(&outside, allowed) {
                        found.push(text.trim().to_owned());
                    }
                }
            }
            Node::Element(element) => {
                // An input button shows its value; a `<button>` shows its content, and its
                // value is only sent (`helped=yes`).
                let button = element.name() == "input"
                    && matches!(element.attr("type"), Some("submit" | "button" | "reset"));
                for attribute in ["placeholder", "aria-label", "title", "alt", "value"] {
                    if attribute == "value" && !button {
                        continue;
                    }
                    if let Some(value) = element.attr(attribute) {
                        let outside = outside_markers(value, &mut 0);
                        if is_words(&outside, allowed) {
                            found.push(format!("{attribute}=\"{value}\""));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The characters of `text` outside the markers; `depth` carries an open `⟦` from one text
/// node to the next (a message with markup, such as `<strong>`, spans several nodes).
fn outside_markers(text: &str, depth: &mut usize) -> String {
    let mut outside = String::new();
    for c in text.chars() {
        match c {
            '⟦' => *depth += 1,
            '⟧' => *depth = depth.saturating_sub(1),
            c if *depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
}

/// Whether `outside` still holds a word once time zone names, user data, numbers and
/// punctuation are taken away.
fn is_words(outside: &str, allowed: &[&str]) -> bool {
    // Time zones first: "America/Rosario" holds the name "Rosa".
    let mut rest = outside
        .split_whitespace()
        .filter(|word| !is_time_zone(word))
        .collect::<Vec<_>>()
        .join(" ");
    // Longest first, so a name inside a longer text does not split it.
    for data in allowed {
        if !rest.chars().any(char::is_alphabetic) {
            break;
        }
        if rest.contains(data) {
            rest = rest.replace(data, " ");
        }
    }
    rest.split_whitespace()
        .any(|word| word.chars().any(char::is_alphabetic))
}

/// An IANA time zone name (`Europe/Lisbon`, `America/Argentina/Rosario`): data, not words.
fn is_time_zone(word: &str) -> bool {
    word.parse::<chrono_tz::Tz>().is_ok()
        || (word.contains('/')
            && word.split('/').all(|part| {
                part.starts_with(|c: char| c.is_ascii_uppercase())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
            }))
}

#[test]
fn the_check_finds_a_hard_coded_sentence_and_passes_marked_text() {
    let page = "<html><body><h1>⟦Séétttííngs⟧</h1><p>⟦Yóóúú lóóg íín áás <strong>Rosa</strong>.⟧</p>\
                <p>Iker · 14</p><button>Save</button><select><option>Europe/Lisbon</option>\
                <option>America/Rosario</option><option lang=\"en\">English</option></select>\
                <p>Your profile is saved.</p></body></html>";
    assert_eq!(
        unmarked_text(page, &["Rosa", "Iker"]),
        vec!["Save".to_owned(), "Your profile is saved.".to_owned()]
    );
}

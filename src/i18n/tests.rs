//! The catalogue against the source: every key used exists in English, every English key is
//! used, every file parses, and the pseudo-language keeps placeables.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

use fluent_bundle::FluentResource;

use super::*;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// The calls whose first argument is a key written out.
const KEY_CALLS: &[&str] = &[
    "t(\"",
    "t_with(\"",
    "t_html(\"",
    "Msg::new(\"",
    "Msg::with(\"",
    "Key(\"",
];

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The messages of one language: key -> file, failing on a file that does not parse and on
/// a key defined twice (the bundle would refuse it at start-up).
fn messages_of(language: &str) -> BTreeMap<String, PathBuf> {
    let mut files = vec![];
    files_under(
        &Path::new(MANIFEST).join("locales").join(language),
        "ftl",
        &mut files,
    );
    assert!(!files.is_empty(), "no .ftl files for {language}");
    let mut keys = BTreeMap::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        if let Err((_, errors)) = FluentResource::try_new(source.clone()) {
            panic!("{} does not parse: {errors:?}", file.display());
        }
        for line in source.lines() {
            // A message starts a line with its id; terms (`-brand`), comments and the
            // continuation lines of a message start otherwise.
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            let id = id.trim_end();
            let is_message = line.starts_with(|c: char| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !is_message {
                continue;
            }
            if let Some(first) = keys.insert(id.to_owned(), file.clone()) {
                panic!(
                    "{id} is defined in {} and {}",
                    first.display(),
                    file.display()
                );
            }
        }
    }
    keys
}

/// Source and templates, without this file (its keys are made up on purpose).
fn sources() -> Vec<(PathBuf, String)> {
    let mut files = vec![];
    files_under(&Path::new(MANIFEST).join("src"), "rs", &mut files);
    files_under(&Path::new(MANIFEST).join("templates"), "html", &mut files);
    files_under(&Path::new(MANIFEST).join("templates"), "txt", &mut files);
    files
        .into_iter()
        .filter(|f| !f.ends_with("src/i18n/tests.rs"))
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect()
}

/// The keys written out in a key call (`t("…")`, `Msg::new("…")`, …), outside comments.
fn called_keys(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut keys = vec![];
    for call in KEY_CALLS {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(call) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + call.len()..];
            // `t("` must be the whole name, not the end of `start("`.
            if (call.starts_with('t') || call.starts_with('K'))
                && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            if let Some(end) = rest.find('"') {
                keys.push(rest[..end].to_owned());
            }
        }
    }
    keys
}

#[test]
fn every_key_the_source_uses_is_in_english() {
    let english = messages_of("en");
    let mut missing = BTreeSet::new();
    for (file, text) in sources() {
        for key in called_keys(&text) {
            if !english.contains_key(&key) {
                missing.insert(format!("{key} ({})", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from locales/en: {missing:#?}"
    );
}

#[test]
fn every_english_key_is_used_somewhere() {
    let english = messages_of("en");
    let sources = sources();
    let mut catalogue = vec![];
    files_under(
        &Path::new(MANIFEST).join("locales/en"),
        "ftl",
        &mut catalogue,
    );
    let catalogue: Vec<String> = catalogue
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let unused: Vec<&String> = english
        .keys()
        .filter(|key| {
            let quoted = format!("\"{key}\"");
            // A message may also be a part of another one: `{ auth-password-hint }`.
            let referenced = format!("{{ {key} }}");
            !sources.iter().any(|(_, text)| text.contains(&quoted))
                && !catalogue.iter().any(|text| text.contains(&referenced))
        })
        .collect();
    assert!(
        unused.is_empty(),
        "keys in locales/en that nothing uses: {unused:#?}"
    );
}

#[test]
fn every_language_has_a_name_and_no_key_english_lacks() {
    let english = messages_of("en");
    for tr in offered() {
        let keys = messages_of(tr.tag());
        assert!(keys.contains_key("language-name"), "{}", tr.tag());
        let extra: Vec<&String> = keys.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            extra.is_empty(),
            "{} has keys English lacks: {extra:?}",
            tr.tag()
        );
    }
    assert_eq!(offered().next().map(|tr| tr.tag()), Some("en"));
    assert!(offered().all(|tr| !tr.is_pseudo()));
}

#[test]
fn a_missing_key_shows_the_key_instead_of_failing() {
    assert_eq!(Tr::english().t("no-such-key"), "no-such-key");
    let pseudo = Tr::from_tag(PSEUDO_TAG).unwrap();
    assert_eq!(pseudo.t("no-such-key"), "no-such-key");
}

#[test]
fn plurals_and_roles_select_the_english_words() {
    let tr = Tr::english();
    let at_most = |max: usize| {
        Msg::with(
            "form-at-most",
            [
                ("what", Arg::Key("field-the-title")),
                ("max", max.into()),
                ("len", 7.into()),
            ],
        )
        .render(&tr)
    };
    assert_eq!(
        at_most(1),
        "The title can be at most 1 character (it has 7)."
    );
    assert_eq!(
        at_most(3),
        "The title can be at most 3 characters (it has 7)."
    );
    let banner = |role: Role| tr.t_with("acting-banner-whose", &[("role", role.into())]);
    assert_eq!(banner(Role::Son), "What you write now is his.");
    assert_eq!(banner(Role::Mother), "What you write now is hers.");
}

#[test]
fn the_pseudo_language_marks_and_lengthens_text_but_not_placeables() {
    let pseudo = Tr::from_tag("en-xa").unwrap();
    assert!(pseudo.is_pseudo());
    assert_eq!(pseudo.tag(), "en-XA");
    assert_eq!(pseudo.t("nav-today"), "⟦Tóódááy⟧");
    let text = pseudo.t_with("page-title", &[("page", "Iker's plans".into())]);
    assert_eq!(text, "⟦Iker's plans · Táándéém⟧");
    let english = Tr::english().t("error-not-found-message");
    let long = pseudo.t("error-not-found-message");
    assert!(long.chars().count() as f64 >= english.chars().count() as f64 * 1.3);
}

#[test]
fn html_messages_escape_their_arguments() {
    let tr = Tr::english();
    let html = tr.t_html("acting-banner", &[("son", "<b>Iker</b>".into())]);
    assert!(
        html.contains("<strong>&lt;b&gt;Iker&lt;/b&gt;</strong>"),
        "{html}"
    );
}

#[test]
fn a_message_renders_in_the_readers_language() {
    let msg = Msg::with("form-needed", [("what", Arg::Key("field-your-name"))]);
    assert_eq!(msg.render(&Tr::english()), "Your name is needed.");
    assert_eq!(msg.to_string(), "Your name is needed.");
    let pseudo = msg.render(&Tr::from_tag(PSEUDO_TAG).unwrap());
    assert!(
        pseudo.starts_with("⟦⟦Yóóúúr") && pseudo.ends_with("⟧"),
        "{pseudo}"
    );
}

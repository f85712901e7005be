//! The feelings words: each reader meets the examples of their own stage of life, no page
//! shows where a word sits beyond its quadrant, and the guides name what they rest on.

use super::*;
use tandem::feelings::vocabulary::{self, Feeling};

/// The examples shown under the words of a words page, quotes and all.
fn examples_on(page: &Response) -> Vec<String> {
    page.select("dl.vocabulary dd em")
}

fn quoted(example: &str) -> String {
    en_with(
        "feelings-words-example",
        &[("example", example.to_owned().into())],
    )
}

/// Every word of the page comes with the example `pick` chooses, and never the other one.
#[track_caller]
fn assert_examples(page: &Response, pick: impl Fn(&Feeling) -> (&str, &str)) {
    let shown = examples_on(page);
    assert_eq!(shown.len(), vocabulary::all().len(), "{}", page.body);
    for f in vocabulary::all() {
        let (wanted, other) = pick(f);
        assert!(
            shown.contains(&quoted(wanted)),
            "{}: {wanted:?} missing",
            f.id
        );
        assert!(!shown.contains(&quoted(other)), "{}: {other:?} shown", f.id);
    }
}

async fn a_teen_reads_the_young_examples_and_his_mother_the_grown_up_ones(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let words = format!("/bonds/{bond}/feelings/words");
    let his = app.get(&son, &words).await;
    assert_examples(&his, |f| {
        (f.example_young.as_str(), f.example_grown.as_str())
    });
    his.assert_text_contains("dd em", "my PE kit was missing");
    let hers = app.get(&mother, &words).await;
    assert_examples(&hers, |f| {
        (f.example_grown.as_str(), f.example_young.as_str())
    });
    hers.assert_text_contains("dd em", "my meeting started at nine");
}
both_backends!(a_teen_reads_the_young_examples_and_his_mother_the_grown_up_ones);

async fn a_grown_son_reads_the_grown_up_examples(app: TestApp) {
    let (_, son, bond) = app.mother_and_son(22).await;
    let page = app
        .get(&son, &format!("/bonds/{bond}/feelings/words"))
        .await;
    assert_examples(&page, |f| {
        (f.example_grown.as_str(), f.example_young.as_str())
    });
}
both_backends!(a_grown_son_reads_the_grown_up_examples);

/// Marks a page would carry if it placed words on a grid of numbers.
const PLACED: &[&str] = &[
    "[data-pleasant]",
    "[data-energy]",
    "[data-intensity]",
    "[data-x]",
    "[data-y]",
    "[style*='--x']",
    "[style*='--y']",
];

#[track_caller]
fn assert_no_coordinates(page: &Response, words: &str) {
    for css in PLACED {
        page.assert_none(css);
    }
    let texts = page.select(words);
    assert!(!texts.is_empty(), "no {words} in:\n{}", page.body);
    for text in texts {
        assert!(
            !text.chars().any(|c| c.is_ascii_digit()),
            "{words} reads {text:?}"
        );
    }
}

async fn no_page_shows_where_a_word_sits_beyond_its_quadrant(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    for who in [&son, &mother] {
        let page = app.get(who, &format!("{home}/words")).await;
        assert_no_coordinates(&page, "dl.vocabulary dt");
    }
    for q in ["bright", "calm", "stormy", "heavy"] {
        let page = app
            .get(&son, &format!("{home}/check-in?quadrant={q}"))
            .await;
        page.assert_status(StatusCode::OK);
        assert_no_coordinates(&page, "label.word-choice");
    }
}
both_backends!(no_page_shows_where_a_word_sits_beyond_its_quadrant);

async fn the_words_and_the_coaching_guide_name_what_they_rest_on(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    for who in [&son, &mother] {
        app.get(who, &format!("{home}/words"))
            .await
            .assert_text("p.basis", &en("feelings-words-basis"))
            .assert_text_contains("p.basis", "circumplex model of affect")
            .assert_text_contains("p.basis", "Russell, 1980");
    }
    app.get(&mother, &format!("{home}/coaching"))
        .await
        .assert_text("p.basis", &en("feelings-coaching-basis"))
        .assert_text_contains("p.basis", "John Gottman's emotion-coaching model");
}
both_backends!(the_words_and_the_coaching_guide_name_what_they_rest_on);

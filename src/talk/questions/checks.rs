//! The library's rules of wording, voice and safety that a reader can check word by word (see
//! `content/README.md`): the mother's side speaks to her about him, and nothing assumes she has
//! been there since his birth.

use super::*;

/// Said on the mother's side, these can only be the son speaking of himself ("at my age"), or
/// they take for granted that she has known him since he was born.
const NOT_HER_VOICE: &[&str] = &["my age", "me as a", "when i was tiny", "raising me"];

/// A text as the check reads it: lowercase, with plain apostrophes.
pub(crate) fn plain(text: &str) -> String {
    text.to_lowercase().replace('\u{2019}', "'")
}

/// The texts of `texts` holding one of `words`, as "id: text".
pub(crate) fn holding<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    words: &[&str],
) -> Vec<String> {
    texts
        .into_iter()
        .filter(|(_, text)| words.iter().any(|w| plain(text).contains(w)))
        .map(|(id, text)| format!("{id}: {text}"))
        .collect()
}

#[test]
fn the_mothers_side_names_him_and_never_speaks_as_him() {
    let mothers = all()
        .iter()
        .filter_map(|q| Some((q.id.as_str(), q.mother.as_deref()?)));
    let wrong = holding(mothers, NOT_HER_VOICE);
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The check reads what it should.
    assert_eq!(
        holding([("x", "What did you play at My Age?")], NOT_HER_VOICE).len(),
        1
    );
}

/// What a deep question for a son under thirteen never touches.
const NOT_FOR_A_YOUNG_SON: &[&str] = &[
    "crush",
    "crushes",
    "dating",
    "date",
    "dates",
    "going out with",
    "girlfriend",
    "boyfriend",
    "kiss",
    "kissing",
    "kissed",
    "bodies",
    "secret",
    "secrets",
];

/// What nothing said to a son under thirteen asks for.
const NO_SECRETS: &[&str] = &["secret", "secrets", "never tell", "almost not tell"];

/// The texts holding one of `phrases` as whole words, as "id: text".
fn with_words<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    phrases: &[&str],
) -> Vec<String> {
    let words = |text: &str| {
        let words: Vec<String> = plain(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        format!(" {} ", words.join(" "))
    };
    texts
        .into_iter()
        .filter(|(_, text)| {
            phrases
                .iter()
                .any(|p| words(text).contains(&format!(" {p} ")))
        })
        .map(|(id, text)| format!("{id}: {text}"))
        .collect()
}

fn young(ages: &[AgeBand]) -> bool {
    ages.iter()
        .any(|a| matches!(a, AgeBand::Little | AgeBand::Child | AgeBand::Tween))
}

#[test]
fn nothing_for_a_young_son_probes_romance_bodies_or_secrets() {
    let deep = all()
        .iter()
        .filter(|q| q.depth() == Depth::Deep && young(&q.ages))
        .flat_map(|q| [q.for_mother(), q.for_son()].map(|t| (q.id.as_str(), t)));
    let mut wrong = with_words(deep, NOT_FOR_A_YOUNG_SON);
    let starters = crate::talk::starters::all()
        .iter()
        .filter(|s| young(&s.ages))
        .map(|s| (s.id.as_str(), s.text.as_str()));
    wrong.extend(with_words(starters, NO_SECRETS));
    let talk = crate::together::activities::library::all()
        .iter()
        .filter(|a| young(&a.ages))
        .flat_map(|a| a.talk.iter().map(|t| (a.id.as_str(), t.as_str())));
    wrong.extend(with_words(talk, NO_SECRETS));
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Whole words: asking for a secret counts, "secretly love" does not.
    let probe = [
        ("a", "What would your puppet never tell my puppet?"),
        ("b", "Who is your crush?"),
        ("c", "Which one did you secretly love?"),
    ];
    assert_eq!(with_words(probe, NO_SECRETS).len(), 1);
    assert_eq!(with_words(probe, NOT_FOR_A_YOUNG_SON).len(), 1);
}

/// The opening that would make every day's question sound the same.
const SAME_OPENINGS: &[&str] = &["what's a ", "what's an ", "what's something", "what's one "];

/// Whether a text opens the same way as too many others.
fn opens_the_same_way(text: &str) -> bool {
    SAME_OPENINGS.iter().any(|o| plain(text).starts_with(o))
}

#[test]
fn at_most_a_quarter_of_a_deck_opens_with_whats_a() {
    assert!(opens_the_same_way("What’s one thing…") && !opens_the_same_way("Which one…"));
    for band in AgeBand::ALL {
        let deck: Vec<&Question> = for_band(band).collect();
        for side in [
            Question::for_mother as fn(&Question) -> &str,
            Question::for_son,
        ] {
            let same = deck.iter().filter(|q| opens_the_same_way(side(q))).count();
            assert!(
                same * 4 <= deck.len(),
                "{band:?}: {same} of {} open with \"What's a…\"",
                deck.len()
            );
        }
    }
}

/// Where a question is about a dream had asleep, not a hope.
const ASLEEP: &[&str] = &[
    "woke up from",
    "last night",
    "nightmare",
    "in a dream",
    "in your dreams",
    "dreamt",
];

#[test]
fn from_thirteen_a_deck_holds_at_most_four_sleep_dreams() {
    let grown = [AgeBand::Teen, AgeBand::YoungAdult, AgeBand::Adult];
    let asleep = |q: &Question| q.cluster.as_deref() == Some("night-dreams");
    // A dream had asleep is in the cluster, so the count below sees it.
    let uncounted: Vec<_> = all()
        .iter()
        .filter(|q| q.ages.iter().any(|a| grown.contains(a)) && !asleep(q))
        .flat_map(|q| [q.for_mother(), q.for_son()].map(|t| (q.id.as_str(), t)))
        .collect();
    let uncounted = holding(uncounted, ASLEEP);
    assert!(uncounted.is_empty(), "{uncounted:#?}");
    for band in grown {
        let n = for_band(band).filter(|q| asleep(q)).count();
        assert!(n <= 4, "{band:?}: {n} questions about dreams had asleep");
    }
}

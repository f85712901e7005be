//! Checks shared by every content file's tests: unique ids, sane lengths, no near-duplicate
//! texts. They return the problems found, so one test run lists all of them at once.

use std::collections::{BTreeSet, HashSet};

/// Ids that occur more than once.
pub fn duplicate_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.into_iter()
        .filter(|id| !seen.insert(*id))
        .map(str::to_owned)
        .collect()
}

/// An id is lowercase ASCII letters, digits, hyphens and underscores.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The text's characters are between 1 and `max`, with no stray whitespace around it.
pub fn length_problem(what: &str, text: &str, max: usize) -> Option<String> {
    let len = text.chars().count();
    if text.trim().is_empty() {
        Some(format!("{what}: empty"))
    } else if len > max {
        Some(format!("{what}: {len} characters, at most {max}"))
    } else if text.trim() != text {
        Some(format!("{what}: whitespace around the text"))
    } else {
        None
    }
}

/// The set of lowercase words of a text, punctuation removed.
pub fn word_set(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Pairs of texts (by label) whose word sets overlap by 80 % or more (Jaccard): the same
/// question said twice in slightly different words.
pub fn near_duplicates<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let sets: Vec<(&str, BTreeSet<String>)> = texts
        .into_iter()
        .map(|(label, t)| (label, word_set(t)))
        .collect();
    let mut found = Vec::new();
    for (i, (a, wa)) in sets.iter().enumerate() {
        for (b, wb) in &sets[i + 1..] {
            let common = wa.intersection(wb).count();
            let all = wa.union(wb).count();
            if all > 0 && common * 5 >= all * 4 {
                found.push(format!("{a} ~ {b}"));
            }
        }
    }
    found
}

/// Whether two texts open with the same `n` words (case and punctuation aside): a summary that
/// merely repeats the start of the text it sums up.
pub fn same_opening(a: &str, b: &str, n: usize) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .take(n)
            .map(str::to_owned)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    wa.len() == n && wa == wb
}

/// Whether a text is one sentence ending with a full stop: no `.`, `?` or `!` before its end
/// that is followed by a space.
pub fn is_one_sentence(text: &str) -> bool {
    let Some(body) = text.strip_suffix('.') else {
        return false;
    };
    !body.is_empty()
        && !body
            .split_whitespace()
            .any(|w| w.ends_with(['.', '?', '!']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_ignore_case_and_punctuation() {
        let found = near_duplicates([
            ("a", "What's your favourite smell?"),
            ("b", "what's your FAVOURITE smell"),
            ("c", "Which song makes you dance?"),
        ]);
        assert_eq!(found, vec!["a ~ b".to_owned()]);
    }

    #[test]
    fn ids_and_lengths_are_checked() {
        assert_eq!(duplicate_ids(["a", "b", "a"]), vec!["a".to_owned()]);
        assert!(is_valid_id("dreams-001") && !is_valid_id("Dreams 1"));
        assert!(length_problem("x", "", 5).is_some());
        assert!(length_problem("x", "abcdef", 5).is_some());
        assert!(length_problem("x", " ab", 5).is_some());
        assert!(length_problem("x", "abc", 5).is_none());
    }

    #[test]
    fn openings_and_sentences_are_recognised() {
        assert!(same_opening(
            "Mix one batter.",
            "mix, one BATTER and more",
            3
        ));
        assert!(!same_opening("Mix one batter.", "Mix two batters.", 3));
        assert!(!same_opening("Mix.", "Mix.", 3));
        assert!(is_one_sentence("Invent toppings and score them."));
        assert!(!is_one_sentence("Invent toppings. Score them."));
        assert!(!is_one_sentence("Who wins?"));
        assert!(!is_one_sentence("No full stop"));
    }
}

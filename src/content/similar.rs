//! Near-repeats by meaning across the whole library: the question of the day, the
//! conversation starters and the activities' talk lines are all things one of the pair asks
//! the other, so "If you could be any animal for a day…" must not come back as a starter or a
//! talk line in nearly the same words. Two texts are compared by their *content words* (the
//! words left once the words every question shares — "what", "your", "would" — are gone,
//! plurals folded), and a pair sharing half of them or more (Jaccard ≥ 0.5, and at least two
//! words) is a near-repeat.
//!
//! The checks live in the tests below, over every text of the library; a pair that is meant
//! to come back (a ritual such as "the best bit of today") is listed in `rituals.toml` beside
//! the questions, with the reason.

use std::collections::BTreeSet;

use serde::Deserialize;

/// Words too common in questions to say what a question is about.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "age",
    "all",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "each",
    "ever",
    "every",
    "favourite",
    "feel",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "let",
    "like",
    "me",
    "might",
    "mine",
    "more",
    "most",
    "much",
    "mum",
    "must",
    "my",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "or",
    "other",
    "our",
    "out",
    "over",
    "really",
    "rather",
    "remember",
    "she",
    "should",
    "small",
    "so",
    "some",
    "someone",
    "something",
    "son",
    "still",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "to",
    "too",
    "up",
    "us",
    "very",
    "was",
    "way",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "want",
    "wanted",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "you",
    "young",
    "your",
    "yours",
    "yourself",
];

/// The content words of a text: lowercase, apostrophe endings ("you'd", "mum's") and stop
/// words dropped, a plural "s" folded ("animals" and "animal" are one word). The `{name}` mark
/// for the other's name is no word of the text: like "me" or "your son", it names the other.
pub fn content_words(text: &str) -> BTreeSet<String> {
    text.replace(crate::talk::questions::OTHER_NAME, " ")
        .to_lowercase()
        .replace('’', "'")
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.split('\'').next().unwrap_or_default())
        .filter(|w| w.len() > 1 && !STOP_WORDS.contains(w))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => w.to_owned(),
        })
        .collect()
}

/// How much two sets of content words share (Jaccard), 0 when both are empty.
pub fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let all = a.union(b).count();
    if all == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / all as f64
}

/// A text one of the pair may be asked: where it lives (`question fun-001 son`, `starter
/// walk-011`, `talk sports-animal-walk-races`), the group it may repeat within (a question's
/// two sides mirror each other; a cluster's questions are kept apart by the daily draw), and
/// the words.
#[derive(Debug, Clone)]
pub struct Asked<'a> {
    pub label: String,
    pub group: Option<String>,
    pub text: &'a str,
}

/// The pairs of texts sharing half their content words or more (two at least), unless they
/// are of one group or listed together as a ritual.
pub fn near_repeats(texts: &[Asked<'_>], rituals: &[Ritual]) -> Vec<String> {
    let words: Vec<BTreeSet<String>> = texts.iter().map(|t| content_words(t.text)).collect();
    let mut found = Vec::new();
    for (i, a) in texts.iter().enumerate() {
        for (j, b) in texts.iter().enumerate().skip(i + 1) {
            if a.group.is_some() && a.group == b.group {
                continue;
            }
            // Two words at least: one shared word of two ("dream") is a topic, not a repeat.
            let shared = words[i].intersection(&words[j]).count();
            let share = overlap(&words[i], &words[j]);
            if shared >= 2 && share >= 0.5 && !rituals.iter().any(|r| r.allows(&a.label, &b.label))
            {
                found.push(format!(
                    "{} ~ {} ({share:.2}): {:?} / {:?}",
                    a.label, b.label, a.text, b.text
                ));
            }
        }
    }
    found
}

/// Texts meant to come back in nearly the same words, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ritual {
    pub why: String,
    /// Labels as [`Asked::label`] gives them, without the side of a question (`question
    /// gratitude-001`): any two of them may share their words.
    pub members: Vec<String>,
}

impl Ritual {
    fn allows(&self, a: &str, b: &str) -> bool {
        let holds = |label: &str| self.members.iter().any(|m| names(m, label));
        holds(a) && holds(b)
    }
}

/// Whether a ritual's `member` is the text `label`, or a side of it: `question gratitude-001`
/// names `question gratitude-001 text`, never `question gratitude-0010 text`.
fn names(member: &str, label: &str) -> bool {
    label
        .strip_prefix(member)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_leave_out_what_every_question_says() {
        let words = content_words("If you could be any animal for one day, which would you pick?");
        let expected: BTreeSet<String> = ["animal", "day", "pick"].map(str::to_owned).into();
        assert_eq!(words, expected);
        assert_eq!(
            content_words("Which animals? Your mum's cats!"),
            ["animal", "cat"].map(str::to_owned).into()
        );
        // "glass" keeps its s; a short word too.
        assert!(content_words("a glass of gas").contains("glass"));
        // The other's name is filled in later: it says nothing about the question.
        assert_eq!(
            content_words("What was {name} like at three?"),
            ["three"].map(str::to_owned).into()
        );
    }

    #[test]
    fn a_question_said_again_as_a_talk_line_is_found_unless_it_is_a_ritual() {
        let texts = [
            Asked {
                label: "question fun-001 text".into(),
                group: Some("fun-001".into()),
                text: "If you could be any animal for one day, which would you pick?",
            },
            Asked {
                label: "talk sports-animal-walk-races".into(),
                group: None,
                text: "If you could be any animal for a whole day, which would you pick?",
            },
            Asked {
                label: "starter walk-001".into(),
                group: None,
                text: "Which bird is the loudest here?",
            },
        ];
        let found = near_repeats(&texts, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("question fun-001 text ~ talk sports-animal-walk-races"));
        let ritual = Ritual {
            why: "both on purpose".into(),
            members: vec![
                "question fun-001".into(),
                "talk sports-animal-walk-races".into(),
            ],
        };
        assert!(near_repeats(&texts, &[ritual]).is_empty());
    }

    #[derive(Deserialize)]
    struct RitualsFile {
        #[serde(default)]
        ritual: Vec<Ritual>,
    }

    /// Every text of the library one of the pair may be asked, with its label and group.
    fn library() -> Vec<Asked<'static>> {
        let mut texts = Vec::new();
        for q in crate::talk::questions::all() {
            let group = Some(q.cluster.clone().unwrap_or_else(|| q.id.clone()));
            let sides = [("text", &q.text), ("mother", &q.mother), ("son", &q.son)];
            for (side, text) in sides {
                if let Some(text) = text {
                    texts.push(Asked {
                        label: format!("question {} {side}", q.id),
                        group: group.clone(),
                        text,
                    });
                }
            }
        }
        for s in crate::talk::starters::all() {
            texts.push(Asked {
                label: format!("starter {}", s.id),
                group: None,
                text: &s.text,
            });
        }
        for a in crate::together::activities::library::all() {
            for line in &a.talk {
                texts.push(Asked {
                    label: format!("talk {}", a.id),
                    group: Some(format!("talk {}", a.id)),
                    text: line,
                });
            }
        }
        texts
    }

    #[test]
    fn nothing_in_the_library_is_asked_twice_in_nearly_the_same_words() {
        let rituals: RitualsFile =
            crate::content::parse("rituals.toml", include_str!("../../content/rituals.toml"));
        let labels: Vec<String> = library().iter().map(|t| t.label.clone()).collect();
        for r in &rituals.ritual {
            assert!(!r.why.trim().is_empty(), "{:?} says why", r.members);
            for m in &r.members {
                assert!(labels.iter().any(|l| names(m, l)), "{m}: no such text");
            }
        }
        let found = near_repeats(&library(), &rituals.ritual);
        assert!(
            found.is_empty(),
            "{} near-repeats:\n{}",
            found.len(),
            found.join("\n")
        );
    }
}

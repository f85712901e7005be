//! Listening without judgement: the reflective starters offered wherever one member answers
//! what the other shared, and the one-tap reactions (`content/talk/listening.toml`).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::{content::parse, text_enum};

text_enum! {
    /// What a starter does: reflect back, thank, offer, or wonder gently.
    pub enum StarterKind { Reflect => "reflect", Thanks => "thanks", Offer => "offer", Wonder => "wonder" }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starter {
    pub id: String,
    pub kind: String,
    pub text: String,
}

/// A one-tap answer to something shared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reaction {
    pub id: String,
    pub label: String,
    /// `pleasant` for reactions that only fit good news ("So glad to hear that").
    #[serde(default)]
    pub only_when: Option<String>,
}

impl Reaction {
    /// Whether the reaction fits an answer to something pleasant or not.
    pub fn fits(&self, pleasant: bool) -> bool {
        match self.only_when.as_deref() {
            Some("pleasant") => pleasant,
            Some("unpleasant") => !pleasant,
            _ => true,
        }
    }
}

#[derive(Deserialize)]
struct ListeningFile {
    starter: Vec<Starter>,
    reaction: Vec<Reaction>,
}

static LISTENING: LazyLock<ListeningFile> = LazyLock::new(|| {
    parse(
        "talk/listening.toml",
        include_str!("../../content/talk/listening.toml"),
    )
});

pub fn starters() -> &'static [Starter] {
    &LISTENING.starter
}

pub fn reactions() -> &'static [Reaction] {
    &LISTENING.reaction
}

pub fn reaction(id: &str) -> Option<&'static Reaction> {
    reactions().iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::check::{duplicate_ids, length_problem, near_duplicates};

    #[test]
    fn starters_cover_reflecting_thanking_offering_and_wondering() {
        let all = starters();
        assert!(all.len() >= 16);
        assert!(duplicate_ids(all.iter().map(|s| s.id.as_str())).is_empty());
        for (kind, floor) in [
            (StarterKind::Reflect, 6),
            (StarterKind::Thanks, 3),
            (StarterKind::Offer, 3),
            (StarterKind::Wonder, 3),
        ] {
            let n = all
                .iter()
                .filter(|s| StarterKind::parse(&s.kind) == Some(kind))
                .count();
            assert!(n >= floor, "{kind}: {n}");
        }
        assert!(all.iter().all(|s| StarterKind::parse(&s.kind).is_some()));
        for must in [
            "It sounds like you felt … because …",
            "Thank you for telling me",
            "Do you want me to just listen or help?",
        ] {
            assert!(all.iter().any(|s| s.text == must), "missing {must}");
        }
        let texts = all.iter().map(|s| (s.id.as_str(), s.text.as_str()));
        assert_eq!(near_duplicates(texts), Vec::<String>::new());
    }

    #[test]
    fn reactions_are_few_and_short() {
        let all = reactions();
        assert!((6..=8).contains(&all.len()));
        assert!(duplicate_ids(all.iter().map(|r| r.id.as_str())).is_empty());
        for r in all {
            assert_eq!(length_problem(&r.id, &r.label, 24), None);
            let when = r.only_when.as_deref();
            assert!(
                matches!(when, None | Some("pleasant" | "unpleasant")),
                "{}",
                r.id
            );
        }
        // Hard news must still have plenty of ways to answer with one tap.
        assert!(all.iter().filter(|r| r.fits(false)).count() >= 4);
    }
}

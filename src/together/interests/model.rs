//! Interests: the tag list (`content/interests/tags.toml`), each tag with the activities that
//! suit it; how two members' interests are compared (the same tag, or the same words once
//! case, spacing, punctuation and Unicode forms are set aside); and the activities that go
//! with what both like, or with what one of them could show the other ("try my world").

use std::{
    collections::{BTreeSet, HashMap, HashSet},
    hash::{DefaultHasher, Hash, Hasher},
    sync::LazyLock,
};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::content::parse;
use crate::together::activities::{
    catalogue::ActivityView,
    library::{Category, by_id},
};

/// One interest of the list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub id: String,
    pub label: String,
    /// A few words on what it covers.
    pub about: String,
    /// Every activity of these categories suits it…
    #[serde(default)]
    pub categories: Vec<Category>,
    /// …and these ones.
    #[serde(default)]
    pub activities: Vec<String>,
}

impl Tag {
    pub fn suits(&self, a: &ActivityView) -> bool {
        self.categories.contains(&a.category) || self.activities.contains(&a.id)
    }
}

#[derive(Deserialize)]
struct TagsFile {
    interest: Vec<Tag>,
}

static TAGS: LazyLock<Vec<Tag>> = LazyLock::new(|| {
    parse::<TagsFile>(
        "interests/tags.toml",
        include_str!("../../../content/interests/tags.toml"),
    )
    .interest
});

pub fn tags() -> &'static [Tag] {
    &TAGS
}

pub fn tag(id: &str) -> Option<&'static Tag> {
    TAGS.iter().find(|t| t.id == id)
}

/// Words as compared: Unicode compatibility form, lower case, punctuation and runs of spaces
/// set aside. "  Rock-Climbing " and "rock climbing" are the same interest.
pub fn normalise(words: &str) -> String {
    let folded: String = words
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What an interest is compared by: `tag:<id>` for a tag of the list, and for words of one's
/// own too when they name a tag ("Cooking" is the cooking tag); `words:<normalised>` otherwise.
pub fn match_key(tag_id: Option<&str>, words: Option<&str>) -> String {
    if let Some(id) = tag_id {
        return format!("tag:{id}");
    }
    let words = normalise(words.unwrap_or_default());
    match TAGS.iter().find(|t| normalise(&t.label) == words) {
        Some(t) => format!("tag:{}", t.id),
        None => format!("words:{words}"),
    }
}

/// The tag a match key stands for, if any.
pub fn tag_of_key(key: &str) -> Option<&'static Tag> {
    key.strip_prefix("tag:").and_then(tag)
}

/// One member's interest as compared: its key and how the member put it.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub key: String,
    pub label: String,
}

/// What the two lists have in common and what only one of them holds.
#[derive(Debug, Default, PartialEq)]
pub struct Overlap {
    /// Keys both hold, labelled as I put it.
    pub both: Vec<Held>,
    pub only_mine: Vec<Held>,
    pub only_theirs: Vec<Held>,
}

pub fn overlap(mine: &[Held], theirs: &[Held]) -> Overlap {
    let my_keys: HashSet<&str> = mine.iter().map(|h| h.key.as_str()).collect();
    let their_keys: HashSet<&str> = theirs.iter().map(|h| h.key.as_str()).collect();
    Overlap {
        both: mine
            .iter()
            .filter(|h| their_keys.contains(h.key.as_str()))
            .cloned()
            .collect(),
        only_mine: mine
            .iter()
            .filter(|h| !their_keys.contains(h.key.as_str()))
            .cloned()
            .collect(),
        only_theirs: theirs
            .iter()
            .filter(|h| !my_keys.contains(h.key.as_str()))
            .cloned()
            .collect(),
    }
}

/// A word with a plain English ending taken off, so that "maps" finds "map" and "cooking"
/// finds "cook".
fn stem(word: &str) -> &str {
    match word.strip_suffix("ing").or_else(|| word.strip_suffix('s')) {
        Some(stem) if stem.chars().count() >= 3 => stem,
        _ => word,
    }
}

/// The stems of a text's words.
fn stems(text: &str) -> BTreeSet<String> {
    normalise(text)
        .split(' ')
        .map(|w| stem(w).to_owned())
        .collect()
}

/// The stems of an interest's words of four letters or more: the ones worth looking for
/// ("old maps" looks for "map", not "old").
fn telling_words(text: &str) -> BTreeSet<String> {
    normalise(text)
        .split(' ')
        .filter(|w| w.chars().count() >= 4)
        .map(|w| stem(w).to_owned())
        .collect()
}

/// The activities that go with an interest: those of its tag, or for words of one's own, those
/// whose title (first) or description use one of its words.
pub fn suiting<'a>(key: &str, among: &'a [ActivityView]) -> Vec<&'a ActivityView> {
    if let Some(tag) = tag_of_key(key) {
        return among.iter().filter(|a| tag.suits(a)).collect();
    }
    let wanted = telling_words(key.strip_prefix("words:").unwrap_or(key));
    if wanted.is_empty() {
        return Vec::new();
    }
    let uses = |text: &str| !stems(text).is_disjoint(&wanted);
    let mut found: Vec<&ActivityView> = among.iter().filter(|a| uses(&a.title)).collect();
    found.extend(among.iter().filter(|a| !uses(&a.title) && uses(&a.how)));
    found
}

/// A stable choice of up to `n` of `options` for this bond and interest: the same page shows
/// the same ideas until the interests change, and two bonds get different ones.
pub fn pick<'a>(
    options: Vec<&'a ActivityView>,
    bond: &str,
    key: &str,
    n: usize,
) -> Vec<&'a ActivityView> {
    if options.len() <= n {
        return options;
    }
    let mut hasher = DefaultHasher::new();
    (bond, key).hash(&mut hasher);
    let start = (hasher.finish() % options.len() as u64) as usize;
    (0..n)
        .map(|i| options[(start + i) % options.len()])
        .collect()
}

/// Ideas for what both like: up to `per_interest` for each shared interest, none twice.
pub fn for_both<'a>(
    shared: &[Held],
    among: &'a [ActivityView],
    bond: &str,
    per_interest: usize,
) -> Vec<(Held, Vec<&'a ActivityView>)> {
    let mut seen: HashSet<&str> = HashSet::new();
    shared
        .iter()
        .map(|h| {
            let fresh: Vec<&ActivityView> = suiting(&h.key, among)
                .into_iter()
                .filter(|a| !seen.contains(a.id.as_str()))
                .collect();
            let chosen = pick(fresh, bond, &h.key, per_interest);
            seen.extend(chosen.iter().map(|a| a.id.as_str()));
            (h.clone(), chosen)
        })
        .filter(|(_, chosen)| !chosen.is_empty())
        .collect()
}

/// "Try my world": for each interest only one of the two holds, one activity in which its
/// holder can show it to the other (or none, when nothing in the library goes with it).
pub fn try_my_world<'a>(
    only: &[Held],
    among: &'a [ActivityView],
    bond: &str,
) -> Vec<(Held, Option<&'a ActivityView>)> {
    only.iter()
        .map(|h| {
            let one = pick(suiting(&h.key, among), bond, &h.key, 1);
            (h.clone(), one.into_iter().next())
        })
        .collect()
}

/// How many activities of the library suit each tag, by id (for the tests and the list).
pub fn library_counts(among: &[ActivityView]) -> HashMap<&'static str, usize> {
    TAGS.iter()
        .map(|t| (t.id.as_str(), among.iter().filter(|a| t.suits(a)).count()))
        .collect()
}

/// Every id the tags name that the library does not have.
pub fn unknown_activities() -> Vec<String> {
    TAGS.iter()
        .flat_map(|t| t.activities.iter())
        .filter(|id| by_id(id).is_none())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        content::check::{duplicate_ids, is_valid_id, length_problem, near_duplicates},
        family::AgeBand,
        together::activities,
    };

    fn band(b: AgeBand) -> Vec<ActivityView> {
        activities::for_band(b).map(ActivityView::from).collect()
    }

    fn held(key: &str, label: &str) -> Held {
        Held {
            key: key.into(),
            label: label.into(),
        }
    }

    #[test]
    fn the_list_has_about_forty_tags_each_well_written() {
        assert!((35..=60).contains(&tags().len()), "{} tags", tags().len());
        assert_eq!(
            duplicate_ids(tags().iter().map(|t| t.id.as_str())),
            Vec::<String>::new()
        );
        let mut problems = Vec::new();
        for t in tags() {
            if !is_valid_id(&t.id) {
                problems.push(format!("{}: id", t.id));
            }
            problems.extend(length_problem(&t.id, &t.label, 30));
            problems.extend(length_problem(&t.id, &t.about, 120));
            if t.categories.is_empty() && t.activities.is_empty() {
                problems.push(format!("{}: suits nothing", t.id));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
        let labels = tags().iter().map(|t| (t.id.as_str(), t.label.as_str()));
        assert_eq!(near_duplicates(labels), Vec::<String>::new());
        let labels: Vec<String> = tags().iter().map(|t| normalise(&t.label)).collect();
        assert_eq!(
            duplicate_ids(labels.iter().map(String::as_str)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn every_tag_names_real_activities_and_has_enough_of_them() {
        assert_eq!(unknown_activities(), Vec::<String>::new());
        let by_band: Vec<HashMap<&str, usize>> = AgeBand::ALL
            .iter()
            .map(|b| library_counts(&band(*b)))
            .collect();
        for t in tags() {
            let best = by_band.iter().map(|c| c[t.id.as_str()]).max().unwrap();
            assert!(best >= 3, "{}: at most {best} activities for any age", t.id);
        }
        // Whatever his age, most of the list leads somewhere.
        for (b, counts) in AgeBand::ALL.iter().zip(&by_band) {
            let leading = counts.values().filter(|n| **n >= 1).count();
            assert!(
                leading * 4 >= tags().len() * 3,
                "{b:?}: {leading} tags lead somewhere"
            );
        }
    }

    #[test]
    fn words_are_compared_without_case_spacing_punctuation_or_unicode_forms() {
        assert_eq!(normalise("  Rock-Climbing  "), "rock climbing");
        assert_eq!(normalise("CAFE\u{301}S"), normalise("cafés"));
        assert_eq!(normalise("ｆｏｏｔｂａｌｌ"), "football");
        assert_eq!(match_key(None, "Jazz  piano".into()), "words:jazz piano");
        // Words that name a tag are that tag.
        let t = &tags()[0];
        assert_eq!(
            match_key(None, Some(&t.label.to_uppercase())),
            format!("tag:{}", t.id)
        );
    }

    #[test]
    fn the_overlap_splits_both_mine_and_theirs() {
        let mine = [held("tag:a", "A"), held("words:jazz", "Jazz")];
        let theirs = [held("words:jazz", "jazz!"), held("tag:b", "B")];
        let o = overlap(&mine, &theirs);
        assert_eq!(o.both, vec![held("words:jazz", "Jazz")]);
        assert_eq!(o.only_mine, vec![held("tag:a", "A")]);
        assert_eq!(o.only_theirs, vec![held("tag:b", "B")]);
    }

    #[test]
    fn words_of_ones_own_find_activities_by_their_words() {
        let all = band(AgeBand::Teen);
        let found = suiting("words:chess club", &all);
        assert!(
            found
                .iter()
                .any(|a| a.title.to_lowercase().contains("chess"))
        );
        assert!(suiting("words:zqxv", &all).is_empty());
        // A plain ending does not hide a match: old maps lead to maps first.
        let maps = suiting("words:old maps", &all);
        assert!(
            maps[0].title.to_lowercase().contains("map"),
            "{}",
            maps[0].title
        );
        // The same bond and interest: the same picks.
        let a = pick(suiting("words:walk", &all), "bond1", "words:walk", 2);
        let b = pick(suiting("words:walk", &all), "bond1", "words:walk", 2);
        assert_eq!(
            a.iter().map(|x| &x.id).collect::<Vec<_>>(),
            b.iter().map(|x| &x.id).collect::<Vec<_>>()
        );
    }
}

//! The question library (`content/questions/<topic>.toml`): questions both members answer, by
//! topic, depth and the son's age band, some worded differently for the mother and the son.

use std::{collections::HashMap, sync::LazyLock};

use serde::Deserialize;

use crate::{content::parse, family::AgeBand, text_enum, web::controls::Labelled};

text_enum! {
    /// A deck of questions.
    pub enum Topic {
        Dreams => "dreams", Fears => "fears", Aspirations => "aspirations",
        Memories => "memories", Values => "values", Fun => "fun",
        WouldYouRather => "would-you-rather", Gratitude => "gratitude",
        AboutUs => "about-us", TheFuture => "the-future", Feelings => "feelings",
        GrowingUp => "growing-up", Roots => "roots",
    }
}

impl Labelled for Topic {
    fn label_key(self) -> &'static str {
        match self {
            Topic::Dreams => "talk-topic-dreams",
            Topic::Fears => "talk-topic-fears",
            Topic::Aspirations => "talk-topic-aspirations",
            Topic::Memories => "talk-topic-memories",
            Topic::Values => "talk-topic-values",
            Topic::Fun => "talk-topic-fun",
            Topic::WouldYouRather => "talk-topic-would-you-rather",
            Topic::Gratitude => "talk-topic-gratitude",
            Topic::AboutUs => "talk-topic-about-us",
            Topic::TheFuture => "talk-topic-the-future",
            Topic::Feelings => "talk-topic-feelings",
            Topic::GrowingUp => "talk-topic-growing-up",
            Topic::Roots => "talk-topic-roots",
        }
    }
}

text_enum! {
    /// How deep a question goes. Deep ones are always optional to answer.
    pub enum Depth { Light => "light", Medium => "medium", Deep => "deep" }
}

/// One question of the library.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub depth: String,
    pub ages: Vec<AgeBand>,
    /// The same words for both, or…
    pub text: Option<String>,
    /// …the mother's and the son's wording of the same question.
    pub mother: Option<String>,
    pub son: Option<String>,
    /// Questions of one cluster ask the same thing in other words ("be an animal for a day"):
    /// the daily draw keeps them [`crate::talk::daily::CLUSTER_GAP_DAYS`] apart.
    #[serde(default)]
    pub cluster: Option<String>,
}

impl Question {
    pub fn topic(&self) -> Topic {
        Topic::parse(&self.topic).unwrap_or(Topic::Fun)
    }

    pub fn depth(&self) -> Depth {
        Depth::parse(&self.depth).unwrap_or(Depth::Light)
    }

    pub fn fits(&self, band: AgeBand) -> bool {
        self.ages.contains(&band)
    }

    /// The question as one side reads it.
    pub fn for_mother(&self) -> &str {
        self.mother
            .as_deref()
            .or(self.text.as_deref())
            .unwrap_or_default()
    }

    pub fn for_son(&self) -> &str {
        self.son
            .as_deref()
            .or(self.text.as_deref())
            .unwrap_or_default()
    }

    /// The wording for a member: the mother's or the son's, as written.
    pub fn for_role(&self, role: crate::family::Role) -> &str {
        match role {
            crate::family::Role::Mother => self.for_mother(),
            crate::family::Role::Son => self.for_son(),
        }
    }

    /// The wording a member of `bond` reads: theirs, with the other named where it says
    /// [`OTHER_NAME`] (a side's text speaks to its reader and names the other; see
    /// `content/README.md`).
    pub fn for_reader(&self, role: crate::family::Role, bond: &crate::family::Bond) -> String {
        let other = match role {
            crate::family::Role::Mother => &bond.son,
            crate::family::Role::Son => &bond.mother,
        };
        self.for_role(role).replace(OTHER_NAME, &other.display_name)
    }
}

/// Where a side's text names the other member of the pair.
pub const OTHER_NAME: &str = "{name}";

#[derive(Deserialize)]
struct QuestionsFile {
    question: Vec<Question>,
}

/// Every topic's file, embedded.
const FILES: &[(&str, &str)] = &[
    (
        "dreams",
        include_str!("../../content/questions/dreams.toml"),
    ),
    ("fears", include_str!("../../content/questions/fears.toml")),
    (
        "aspirations",
        include_str!("../../content/questions/aspirations.toml"),
    ),
    (
        "memories",
        include_str!("../../content/questions/memories.toml"),
    ),
    (
        "values",
        include_str!("../../content/questions/values.toml"),
    ),
    ("fun", include_str!("../../content/questions/fun.toml")),
    (
        "would-you-rather",
        include_str!("../../content/questions/would-you-rather.toml"),
    ),
    (
        "gratitude",
        include_str!("../../content/questions/gratitude.toml"),
    ),
    (
        "about-us",
        include_str!("../../content/questions/about-us.toml"),
    ),
    (
        "the-future",
        include_str!("../../content/questions/the-future.toml"),
    ),
    (
        "feelings",
        include_str!("../../content/questions/feelings.toml"),
    ),
    (
        "growing-up",
        include_str!("../../content/questions/growing-up.toml"),
    ),
    ("roots", include_str!("../../content/questions/roots.toml")),
];

static QUESTIONS: LazyLock<Vec<Question>> = LazyLock::new(|| {
    FILES
        .iter()
        .flat_map(|(topic, text)| {
            parse::<QuestionsFile>(&format!("questions/{topic}.toml"), text).question
        })
        .collect()
});

static BY_ID: LazyLock<HashMap<&'static str, &'static Question>> =
    LazyLock::new(|| QUESTIONS.iter().map(|q| (q.id.as_str(), q)).collect());

pub fn all() -> &'static [Question] {
    &QUESTIONS
}

pub fn by_id(id: &str) -> Option<&'static Question> {
    BY_ID.get(id).copied()
}

/// The questions that fit a band, in library order.
pub fn for_band(band: AgeBand) -> impl Iterator<Item = &'static Question> {
    QUESTIONS.iter().filter(move |q| q.fits(band))
}

#[cfg(test)]
pub(crate) mod checks;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::check::{duplicate_ids, is_valid_id, length_problem, near_duplicates};
    use std::collections::HashSet;

    #[test]
    fn the_library_has_enough_questions_for_every_topic_and_age() {
        assert!(all().len() >= 400, "{} questions", all().len());
        for topic in Topic::ALL {
            let n = all().iter().filter(|q| q.topic == topic.as_str()).count();
            assert!(n >= 30, "{topic}: {n}");
        }
        for band in AgeBand::ALL {
            let n = for_band(band).count();
            assert!(n >= 80, "{band:?}: {n}");
            // From six on, a year of daily questions without a repeat; a little one's shorter
            // deck comes round about twice a year.
            let year = if band == AgeBand::Little { 180 } else { 366 };
            assert!(n >= year, "{band:?}: {n} questions, fewer than {year}");
            for depth in [Depth::Light, Depth::Medium] {
                let n = for_band(band).filter(|q| q.depth() == depth).count();
                assert!(n >= 20, "{band:?} {depth}: {n}");
            }
        }
    }

    #[test]
    fn every_question_is_tagged_and_worded_properly() {
        assert!(duplicate_ids(all().iter().map(|q| q.id.as_str())).is_empty());
        let mut problems = Vec::new();
        for q in all() {
            if !is_valid_id(&q.id) || !q.id.starts_with(&format!("{}-", q.topic)) {
                problems.push(format!("{}: id", q.id));
            }
            if Topic::parse(&q.topic).is_none() || Depth::parse(&q.depth).is_none() {
                problems.push(format!("{}: topic or depth", q.id));
            }
            if q.ages.is_empty() {
                problems.push(format!("{}: no age band", q.id));
            }
            // Deep questions are never put to a little one.
            if q.depth() == Depth::Deep && q.fits(AgeBand::Little) {
                problems.push(format!("{}: deep for little", q.id));
            }
            match (&q.text, &q.mother, &q.son) {
                (Some(t), None, None) => problems.extend(length_problem(&q.id, t, 120)),
                (None, Some(m), Some(s)) => {
                    problems.extend(length_problem(&q.id, m, 120));
                    problems.extend(length_problem(&q.id, s, 120));
                }
                _ => problems.push(format!("{}: needs text, or mother and son", q.id)),
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// How much two bands' decks share (Jaccard of their question ids).
    fn deck_overlap(a: AgeBand, b: AgeBand) -> f64 {
        let ids = |band| {
            for_band(band)
                .map(|q| q.id.as_str())
                .collect::<HashSet<_>>()
        };
        let (a, b) = (ids(a), ids(b));
        a.intersection(&b).count() as f64 / a.union(&b).count() as f64
    }

    #[test]
    fn grown_ups_have_decks_of_their_own() {
        use AgeBand::{Adult, Teen, YoungAdult};
        let adult_only = all().iter().filter(|q| q.ages == [Adult]).count();
        let young_adult_only = all().iter().filter(|q| q.ages == [YoungAdult]).count();
        assert!(adult_only >= 80, "{adult_only} questions for adults only");
        assert!(
            young_adult_only >= 40,
            "{young_adult_only} for young adults only"
        );
        let (ya, teen) = (deck_overlap(YoungAdult, Adult), deck_overlap(Teen, Adult));
        assert!(ya < 0.60, "young adult and adult decks overlap {ya:.2}");
        assert!(teen < 0.50, "teen and adult decks overlap {teen:.2}");
    }

    #[test]
    fn the_only_mark_filled_in_is_the_other_members_name() {
        for q in all() {
            for text in [&q.text, &q.mother, &q.son].into_iter().flatten() {
                let rest = text.replace(OTHER_NAME, "");
                assert!(
                    !rest.contains(['{', '}']),
                    "{}: {text:?} holds a {{…}} mark the app does not fill in",
                    q.id
                );
            }
        }
    }

    #[test]
    fn clusters_are_named_and_hold_at_least_two_questions() {
        let mut sizes: HashMap<&str, usize> = HashMap::new();
        for q in all() {
            if let Some(c) = q.cluster.as_deref() {
                assert!(is_valid_id(c), "{}: cluster {c:?}", q.id);
                *sizes.entry(c).or_default() += 1;
            }
        }
        let alone: Vec<_> = sizes.iter().filter(|(_, n)| **n < 2).collect();
        assert!(
            alone.is_empty(),
            "a cluster of one is a misspelt name: {alone:?}"
        );
        assert!(sizes.len() >= 25, "{} clusters", sizes.len());
    }

    #[test]
    fn no_question_is_asked_twice_in_other_words() {
        // Each side's wording against every other question's same side (a question's own two
        // sides may mirror each other on purpose).
        for side in [
            Question::for_mother as fn(&Question) -> &str,
            Question::for_son,
        ] {
            let texts = all().iter().map(|q| (q.id.as_str(), side(q)));
            assert_eq!(near_duplicates(texts), Vec::<String>::new());
        }
    }
}

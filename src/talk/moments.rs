//! The moment a reply answers: a dinosaur drawing, a won match, a lost friend and a row are
//! not answered alike. Every listening starter is tagged with the moments it fits, and this
//! module is the one place that says which moment a check-in, a revealed question or a note is.
//!
//! Adding a moment:
//! 1. a variant here, with where it comes from in [`Moment::of_feeling`],
//!    [`Moment::of_question`] or [`Moment::of_note`];
//! 2. starters tagged with it in `content/talk/listening.toml`, enough for the mother's side
//!    and for each of the son's age bands that has typed starters (a unit test of
//!    `talk::listening` counts them).

use serde::Deserialize;

use crate::{
    feelings::vocabulary::Quadrant,
    privacy::Visibility,
    talk::questions::{Depth, Question, Topic},
    text_enum,
};

text_enum! {
    /// What kind of moment is being answered: `light` (fun, silly, everyday), `happy` (warm or
    /// big joy), `proud` (something done well), `sad` (loss, hurt, loneliness), `worried`
    /// (fear, nerves, too much at once), `angry` (cross, treated unfairly), `tired` (worn
    /// out, flat, bored) and `thoughtful` (a memory, a value, a deep question).
    pub enum Moment {
        Light => "light", Happy => "happy", Proud => "proud", Sad => "sad",
        Worried => "worried", Angry => "angry", Tired => "tired", Thoughtful => "thoughtful",
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Moment::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown moment {text:?}")))
    }
}

/// Words of the vocabulary (by id) whose moment is not the default of their quadrant. A
/// word missing from the vocabulary fails a unit test, so a renamed word cannot slip out.
const PROUD_WORDS: &[&str] = &["proud", "confident", "brave", "determined", "motivated"];
const BIG_JOY_WORDS: &[&str] = &[
    "ecstatic",
    "thrilled",
    "elated",
    "delighted",
    "joyful",
    "exhilarated",
];
const THOUGHTFUL_WORDS: &[&str] = &["reflective", "nostalgic", "thoughtful", "dreamy"];
const SLEEPY_WORDS: &[&str] = &["sleepy"];
const ANGRY_WORDS: &[&str] = &[
    "furious",
    "frustrated",
    "cross",
    "annoyed",
    "impatient",
    "disgusted",
    "defensive",
    "jealous",
    "betrayed",
];
const TIRED_WORDS: &[&str] = &[
    "exhausted",
    "tired",
    "sluggish",
    "bored",
    "flat",
    "indifferent",
];

impl Moment {
    /// The moment of a check-in: its word where the word says more than its quadrant
    /// ("proud", "furious", "exhausted"), else the quadrant's. A word of the member's own
    /// (no id) has only its quadrant.
    pub fn of_feeling(quadrant: Quadrant, word_id: Option<&str>) -> Moment {
        let is = |list: &[&str]| word_id.is_some_and(|w| list.contains(&w));
        match quadrant {
            Quadrant::Bright if is(PROUD_WORDS) => Moment::Proud,
            Quadrant::Bright if is(BIG_JOY_WORDS) => Moment::Happy,
            // Happy, excited, silly, curious…: everyday good news, answered lightly.
            Quadrant::Bright => Moment::Light,
            Quadrant::Calm if is(SLEEPY_WORDS) => Moment::Tired,
            Quadrant::Calm if is(THOUGHTFUL_WORDS) => Moment::Thoughtful,
            // Loved, thankful, relieved, content: warm, quieter joy.
            Quadrant::Calm => Moment::Happy,
            Quadrant::Stormy if is(ANGRY_WORDS) => Moment::Angry,
            Quadrant::Stormy => Moment::Worried,
            Quadrant::Heavy if is(TIRED_WORDS) => Moment::Tired,
            Quadrant::Heavy => Moment::Sad,
        }
    }

    /// The moment of a revealed question of the day: light questions (and the fun decks) are
    /// answered lightly; a gratitude question warmly; fears as worries; a family's roots,
    /// even lightly asked, are a story to take in; anything else that goes beyond light
    /// (feelings and growing up among them) is something to think about together. A light
    /// growing-up question is as often a wish ("a journey you'd like to make alone") as a
    /// thing done, so it is answered lightly, not as a proud moment.
    pub fn of_question(question: &Question) -> Moment {
        match (question.depth(), question.topic()) {
            (_, Topic::Roots) => Moment::Thoughtful,
            (_, Topic::Fun | Topic::WouldYouRather) | (Depth::Light, _) => Moment::Light,
            (_, Topic::Gratitude) => Moment::Happy,
            (_, Topic::Fears) => Moment::Worried,
            _ => Moment::Thoughtful,
        }
    }

    /// The moment of a note. Notes are the app's little gestures ("thanks for the lift",
    /// "good luck today"), answered lightly; a sealed note is a letter written for a day to
    /// come, and answering it is a thoughtful moment. Its words are the member's own, so
    /// nothing finer can be read from them without guessing at a hurt that may not be there —
    /// and light and thoughtful starters both stay clear of hard moments' words.
    pub fn of_note(visibility: Visibility) -> Moment {
        match visibility {
            Visibility::Sealed => Moment::Thoughtful,
            Visibility::Shared | Visibility::Private => Moment::Light,
        }
    }

    /// A moment where something hurts: light and playful answers never fit it.
    pub fn is_hard(self) -> bool {
        matches!(
            self,
            Moment::Sad | Moment::Worried | Moment::Angry | Moment::Tired
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feelings::vocabulary;

    fn of_word(id: &str) -> Moment {
        let feeling = vocabulary::by_id(id).unwrap_or_else(|| panic!("no word {id}"));
        Moment::of_feeling(feeling.quadrant(), Some(id))
    }

    #[test]
    fn a_note_is_light_and_a_letter_for_later_thoughtful_never_hard() {
        assert_eq!(Moment::of_note(Visibility::Shared), Moment::Light);
        assert_eq!(Moment::of_note(Visibility::Sealed), Moment::Thoughtful);
        assert!(
            Visibility::ALL
                .iter()
                .all(|v| !Moment::of_note(*v).is_hard())
        );
    }

    #[test]
    fn everyday_good_news_is_light_and_big_news_is_happy() {
        for word in [
            "happy", "excited", "silly", "cheerful", "curious", "playful",
        ] {
            assert_eq!(of_word(word), Moment::Light, "{word}");
        }
        for word in ["thrilled", "ecstatic", "loved", "thankful", "relieved"] {
            assert_eq!(of_word(word), Moment::Happy, "{word}");
        }
        assert_eq!(of_word("proud"), Moment::Proud);
        assert_eq!(of_word("brave"), Moment::Proud);
    }

    #[test]
    fn hard_feelings_get_the_moment_their_word_names() {
        for (word, moment) in [
            ("sad", Moment::Sad),
            ("lonely", Moment::Sad),
            ("heartbroken", Moment::Sad),
            ("exhausted", Moment::Tired),
            ("bored", Moment::Tired),
            ("sleepy", Moment::Tired),
            ("worried", Moment::Worried),
            ("nervous", Moment::Worried),
            ("scared", Moment::Worried),
            ("furious", Moment::Angry),
            ("frustrated", Moment::Angry),
            ("nostalgic", Moment::Thoughtful),
        ] {
            assert_eq!(of_word(word), moment, "{word}");
        }
    }

    #[test]
    fn an_own_word_takes_its_quadrants_moment() {
        assert_eq!(Moment::of_feeling(Quadrant::Bright, None), Moment::Light);
        assert_eq!(Moment::of_feeling(Quadrant::Calm, None), Moment::Happy);
        assert_eq!(Moment::of_feeling(Quadrant::Stormy, None), Moment::Worried);
        assert_eq!(Moment::of_feeling(Quadrant::Heavy, None), Moment::Sad);
    }

    #[test]
    fn every_word_named_here_is_in_the_vocabulary_in_the_right_quadrant() {
        let lists: [(&[&str], Quadrant); 6] = [
            (PROUD_WORDS, Quadrant::Bright),
            (BIG_JOY_WORDS, Quadrant::Bright),
            (THOUGHTFUL_WORDS, Quadrant::Calm),
            (SLEEPY_WORDS, Quadrant::Calm),
            (ANGRY_WORDS, Quadrant::Stormy),
            (TIRED_WORDS, Quadrant::Heavy),
        ];
        for (list, quadrant) in lists {
            for id in list {
                let word = vocabulary::by_id(id).unwrap_or_else(|| panic!("no word {id}"));
                assert_eq!(word.quadrant(), quadrant, "{id}");
            }
        }
        // Every word of the library has a moment, and no pleasant word a hard one.
        for word in vocabulary::all() {
            let moment = of_word(&word.id);
            assert_eq!(
                moment.is_hard() && word.quadrant().is_pleasant(),
                moment == Moment::Tired && word.id == "sleepy",
                "{}",
                word.id
            );
        }
    }

    #[test]
    fn questions_take_their_moment_from_depth_and_deck() {
        let moment_of = |topic: &str, depth: &str| {
            Moment::of_question(&Question {
                id: "q".into(),
                topic: topic.into(),
                depth: depth.into(),
                ages: vec![],
                text: Some("?".into()),
                mother: None,
                son: None,
                cluster: None,
            })
        };
        assert_eq!(moment_of("memories", "light"), Moment::Light);
        assert_eq!(moment_of("fun", "medium"), Moment::Light);
        assert_eq!(moment_of("would-you-rather", "deep"), Moment::Light);
        assert_eq!(moment_of("gratitude", "medium"), Moment::Happy);
        assert_eq!(moment_of("fears", "medium"), Moment::Worried);
        assert_eq!(moment_of("values", "deep"), Moment::Thoughtful);
        assert_eq!(moment_of("dreams", "medium"), Moment::Thoughtful);
        assert_eq!(moment_of("feelings", "light"), Moment::Light);
        assert_eq!(moment_of("feelings", "medium"), Moment::Thoughtful);
        assert_eq!(moment_of("growing-up", "light"), Moment::Light);
        assert_eq!(moment_of("growing-up", "medium"), Moment::Thoughtful);
        assert_eq!(moment_of("roots", "light"), Moment::Thoughtful);
    }
}

//! The feelings vocabulary: about a hundred words in four quadrants of pleasantness and energy
//! (the circumplex model of affect), ordered by intensity within each quadrant and offered
//! from an age band on (`content/feelings/words.toml`). Children's words for feelings roughly
//! double every two years, pleasant ones first; the grading follows that. No word has
//! coordinates: see `docs/adr/0037-feelings-by-quadrant-and-intensity.md`.

use std::{collections::HashMap, sync::LazyLock};

use serde::Deserialize;

use crate::{
    family::{AgeBand, Role},
    text_enum,
    web::controls::Labelled,
};

text_enum! {
    /// A quarter of the grid. The names are Tandem's own.
    pub enum Quadrant { Bright => "bright", Calm => "calm", Stormy => "stormy", Heavy => "heavy" }
}

impl Quadrant {
    /// Pleasant quadrants first: that is the order for the youngest, and it does no harm later.
    pub const SHOWN: [Quadrant; 4] = [
        Quadrant::Bright,
        Quadrant::Calm,
        Quadrant::Stormy,
        Quadrant::Heavy,
    ];

    pub fn is_pleasant(self) -> bool {
        matches!(self, Quadrant::Bright | Quadrant::Calm)
    }

    /// The catalogue key of what the quadrant holds, in words anyone understands.
    pub fn hint_key(self) -> &'static str {
        match self {
            Quadrant::Bright => "feelings-quadrant-bright-hint",
            Quadrant::Calm => "feelings-quadrant-calm-hint",
            Quadrant::Stormy => "feelings-quadrant-stormy-hint",
            Quadrant::Heavy => "feelings-quadrant-heavy-hint",
        }
    }
}

impl Labelled for Quadrant {
    fn label_key(self) -> &'static str {
        match self {
            Quadrant::Bright => "feelings-quadrant-bright",
            Quadrant::Calm => "feelings-quadrant-calm",
            Quadrant::Stormy => "feelings-quadrant-stormy",
            Quadrant::Heavy => "feelings-quadrant-heavy",
        }
    }
}

text_enum! {
    /// When checking in with a word offers its author people to talk to (the reach-out card):
    /// whatever the strength, or only when it is felt strongly (4 or 5 of 5, or no strength
    /// given).
    pub enum ReachOut { Always => "always", Strong => "strong" }
}

crate::content::deserialize_as_text!(Quadrant, ReachOut);

/// One feeling word of the library.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feeling {
    pub id: String,
    pub word: String,
    quadrant: Quadrant,
    /// How strong the feeling is within its quadrant: 1 mild and everyday … 4 the strongest.
    /// It orders the words; it is never shown, and it is not a check-in's strength.
    pub intensity: u8,
    /// The first age band the word is offered to.
    pub from: AgeBand,
    /// The face drawn for the youngest (only on words offered from `little`).
    pub face: Option<String>,
    /// Definition for a child.
    pub simple: String,
    /// Definition for a teen or an adult.
    pub full: String,
    /// An example from a child's or a teen's life (school, friends, home, games).
    pub example_young: String,
    /// An example from a grown-up's life (work, a home of one's own, a partner, bills).
    pub example_grown: String,
    /// Set on the most intense heavy and stormy words only.
    pub reach_out: Option<ReachOut>,
}

impl Feeling {
    pub fn quadrant(&self) -> Quadrant {
        self.quadrant
    }

    /// The definition in the reading level of a band.
    pub fn definition(&self, band: &AgeBand) -> &str {
        if *band <= AgeBand::Child {
            &self.simple
        } else {
            &self.full
        }
    }

    /// Whether a check-in with this word, at this strength, offers its author the reach-out
    /// card. A strength left empty counts as strong: leaving it out must not hide the card.
    pub fn reaches_out_at(&self, intensity: Option<i64>) -> bool {
        match self.reach_out {
            Some(ReachOut::Always) => true,
            Some(ReachOut::Strong) => intensity.is_none_or(|i| i >= 4),
            None => false,
        }
    }

    pub fn offered_to(&self, band: AgeBand) -> bool {
        self.from <= band
    }

    /// The example that fits the reader's life: a son reads the one of his own stage, a
    /// child's or teen's up to `teen` and a grown-up's from `young_adult`; a mother always
    /// the grown-up's.
    pub fn example_for(&self, reader: Role, son_band: AgeBand) -> &str {
        if reader == Role::Mother || son_band >= AgeBand::YoungAdult {
            &self.example_grown
        } else {
            &self.example_young
        }
    }
}

#[derive(Deserialize)]
struct WordsFile {
    feeling: Vec<Feeling>,
}

static WORDS: LazyLock<Vec<Feeling>> = LazyLock::new(|| {
    crate::content::parse::<WordsFile>(
        "feelings/words.toml",
        include_str!("../../content/feelings/words.toml"),
    )
    .feeling
});

/// All the words.
pub fn all() -> &'static [Feeling] {
    &WORDS
}

static BY_ID: LazyLock<HashMap<&'static str, &'static Feeling>> =
    LazyLock::new(|| WORDS.iter().map(|f| (f.id.as_str(), f)).collect());

pub fn by_id(id: &str) -> Option<&'static Feeling> {
    BY_ID.get(id).copied()
}

/// The word of a stored check-in: the library's word for its id, or the member's own.
pub fn word_of<'a>(feeling_id: Option<&str>, custom_word: Option<&'a str>) -> &'a str {
    match (feeling_id.and_then(by_id), custom_word) {
        (Some(f), _) => &f.word,
        (None, Some(own)) => own,
        (None, None) => "",
    }
}

/// The words offered to a band, in a quadrant or all: pleasant quadrants first, within a
/// quadrant the everyday, milder words before the strongest ones, and words of one intensity
/// in the order of the file.
pub fn offered(band: AgeBand, quadrant: Option<Quadrant>) -> Vec<&'static Feeling> {
    let mut words: Vec<&Feeling> = WORDS
        .iter()
        .filter(|f| f.offered_to(band) && quadrant.is_none_or(|q| f.quadrant() == q))
        .collect();
    words.sort_by_key(|f| {
        let q = Quadrant::SHOWN.iter().position(|q| *q == f.quadrant());
        (q, f.intensity)
    });
    words
}

#[cfg(test)]
mod tests;

//! The feelings vocabulary: 100 words on a grid of pleasantness × energy, 25 per quadrant,
//! each offered from an age band on (`content/feelings/words.toml`). Children's words for
//! feelings roughly double every two years, pleasant ones first; the grading follows that.

use std::{collections::HashMap, sync::LazyLock};

use serde::Deserialize;

use crate::{family::AgeBand, text_enum, web::controls::Labelled};

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

    pub fn of(pleasant: i8, energy: i8) -> Quadrant {
        match (pleasant > 0, energy > 0) {
            (true, true) => Quadrant::Bright,
            (true, false) => Quadrant::Calm,
            (false, true) => Quadrant::Stormy,
            (false, false) => Quadrant::Heavy,
        }
    }

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

impl<'de> Deserialize<'de> for ReachOut {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ReachOut::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown reach_out {text:?}")))
    }
}

/// One feeling word of the library.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feeling {
    pub id: String,
    pub word: String,
    /// 1..5 pleasant, -1..-5 unpleasant.
    pub pleasant: i8,
    /// 1..5 higher energy, -1..-5 lower energy.
    pub energy: i8,
    /// The first age band the word is offered to.
    pub from: AgeBand,
    /// The face drawn for the youngest (only on words offered from `little`).
    pub face: Option<String>,
    /// Definition for a child.
    pub simple: String,
    /// Definition for a teen or an adult.
    pub full: String,
    pub example: String,
    /// Set on the most intense heavy and stormy words only.
    pub reach_out: Option<ReachOut>,
}

impl Feeling {
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.pleasant, self.energy)
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

/// All 100 words.
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
/// quadrant the everyday, milder words before the extreme ones.
pub fn offered(band: AgeBand, quadrant: Option<Quadrant>) -> Vec<&'static Feeling> {
    let mut words: Vec<&Feeling> = WORDS
        .iter()
        .filter(|f| f.offered_to(band) && quadrant.is_none_or(|q| f.quadrant() == q))
        .collect();
    words.sort_by_key(|f| {
        let q = Quadrant::SHOWN.iter().position(|q| *q == f.quadrant());
        (q, f.pleasant.abs() + f.energy.abs(), -f.energy)
    });
    words
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content::check::{duplicate_ids, is_valid_id, length_problem};

    #[test]
    fn the_grid_holds_25_words_per_quadrant_one_per_cell() {
        assert_eq!(all().len(), 100);
        for q in Quadrant::ALL {
            let cells: HashSet<(i8, i8)> = all()
                .iter()
                .filter(|f| f.quadrant() == *q)
                .map(|f| (f.pleasant.abs(), f.energy.abs()))
                .collect();
            let count = all().iter().filter(|f| f.quadrant() == *q).count();
            assert_eq!(count, 25, "{q} has {count} words");
            assert_eq!(cells.len(), 25, "{q}: two words share a cell");
            assert!(
                cells
                    .iter()
                    .all(|(p, e)| (1..=5).contains(p) && (1..=5).contains(e))
            );
        }
    }

    #[test]
    fn words_are_unique_and_fully_written() {
        let ids = all().iter().map(|f| f.id.as_str());
        assert!(duplicate_ids(ids).is_empty());
        let words = all().iter().map(|f| f.word.as_str());
        assert!(duplicate_ids(words).is_empty());
        let mut problems = Vec::new();
        for f in all() {
            if !is_valid_id(&f.id) {
                problems.push(format!("bad id {}", f.id));
            }
            problems.extend(length_problem(&f.id, &f.word, 18));
            problems.extend(length_problem(&format!("{} simple", f.id), &f.simple, 90));
            problems.extend(length_problem(&format!("{} full", f.id), &f.full, 140));
            problems.extend(length_problem(
                &format!("{} example", f.id),
                &f.example,
                120,
            ));
            if f.simple.to_lowercase().contains(&f.word.to_lowercase()) {
                problems.push(format!("{}: the simple definition uses the word", f.id));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn the_vocabulary_grows_with_age_pleasant_words_first() {
        let count = |band| offered(band, None).len();
        let little = count(AgeBand::Little);
        assert!((8..=12).contains(&little), "little: {little}");
        let pleasant = offered(AgeBand::Little, None)
            .iter()
            .filter(|f| f.quadrant().is_pleasant())
            .count();
        assert!(
            pleasant * 2 >= little,
            "little: {pleasant} pleasant of {little}"
        );
        let child = count(AgeBand::Child);
        let tween = count(AgeBand::Tween);
        assert!((18..=30).contains(&child), "child: {child}");
        assert!((40..=60).contains(&tween), "tween: {tween}");
        for band in [AgeBand::Teen, AgeBand::YoungAdult, AgeBand::Adult] {
            assert_eq!(count(band), 100);
        }
        // Every band can name a feeling in every quadrant.
        for band in AgeBand::ALL {
            for q in Quadrant::ALL {
                assert!(!offered(band, Some(*q)).is_empty(), "{band:?} lacks {q}");
            }
        }
        // The first words a little one sees are pleasant ones.
        assert!(offered(AgeBand::Little, None)[0].quadrant().is_pleasant());
    }

    #[test]
    fn only_the_most_intense_unpleasant_words_reach_out_and_never_for_the_youngest() {
        let marked: Vec<&Feeling> = all().iter().filter(|f| f.reach_out.is_some()).collect();
        assert!((5..=15).contains(&marked.len()), "{} words", marked.len());
        for f in &marked {
            assert!(!f.quadrant().is_pleasant(), "{} is pleasant", f.id);
            assert!(f.pleasant <= -3, "{} is not intense enough", f.id);
            // Together mode with a little one never meets the card: no such word is his.
            assert!(f.from > AgeBand::Little, "{} is offered to little", f.id);
        }
        for q in [Quadrant::Heavy, Quadrant::Stormy] {
            assert!(marked.iter().any(|f| f.quadrant() == q), "none in {q}");
        }
        let hopeless = by_id("hopeless").unwrap();
        assert_eq!(hopeless.reach_out, Some(ReachOut::Always));
        assert!(hopeless.reaches_out_at(Some(1)) && hopeless.reaches_out_at(None));
        let strong = marked
            .iter()
            .find(|f| f.reach_out == Some(ReachOut::Strong))
            .unwrap();
        assert!(strong.reaches_out_at(Some(4)) && strong.reaches_out_at(None));
        assert!(!strong.reaches_out_at(Some(3)));
        assert!(!by_id("sad").unwrap().reaches_out_at(Some(5)));
    }

    #[test]
    fn the_youngest_get_a_distinct_face_for_each_word() {
        let mut faces = HashSet::new();
        for f in all() {
            match (&f.face, f.from) {
                (Some(face), AgeBand::Little) => {
                    assert!(
                        super::super::faces::svg(face).is_some(),
                        "{}: no face {face}",
                        f.id
                    );
                    assert!(faces.insert(face.clone()), "face {face} used twice");
                }
                (None, AgeBand::Little) => panic!("{} is for little but has no face", f.id),
                (Some(_), _) => panic!("{} has a face but is not for little", f.id),
                (None, _) => {}
            }
        }
    }
}

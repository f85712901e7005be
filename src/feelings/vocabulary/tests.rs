use std::collections::HashSet;

use super::*;
use crate::content::check::{duplicate_ids, is_valid_id, length_problem};

#[test]
fn each_quadrant_orders_its_words_by_intensity_and_none_is_a_grid_of_25() {
    for q in Quadrant::ALL {
        let words: Vec<&Feeling> = all().iter().filter(|f| f.quadrant() == *q).collect();
        assert!(
            (20..=30).contains(&words.len()),
            "{q}: {} words",
            words.len()
        );
        let used: HashSet<u8> = words.iter().map(|f| f.intensity).collect();
        assert_eq!(
            used,
            HashSet::from([1, 2, 3, 4]),
            "{q}: intensities {used:?}"
        );
        // Shown from mild to strong, whatever the band.
        for band in AgeBand::ALL {
            let shown = offered(band, Some(*q));
            assert!(
                shown.windows(2).all(|w| w[0].intensity <= w[1].intensity),
                "{q} for {band:?} is out of order"
            );
        }
    }
    // Four quadrants of exactly 25 words would copy a known licensed tool's layout.
    let sizes: HashSet<usize> = Quadrant::ALL
        .iter()
        .map(|q| all().iter().filter(|f| f.quadrant() == *q).count())
        .collect();
    assert_ne!(sizes, HashSet::from([25]));
}

/// The file, read as plain TOML rather than through `Feeling`, so that the test still speaks
/// if the type ever grows coordinates again.
fn raw_words() -> Vec<toml::Table> {
    let file: toml::Table = toml::from_str(include_str!("../../../content/feelings/words.toml"))
        .expect("words.toml parses");
    file["feeling"]
        .as_array()
        .expect("an array of feelings")
        .iter()
        .map(|f| f.as_table().expect("a table").clone())
        .collect()
}

#[test]
fn no_word_sits_in_a_cell_of_a_ten_by_ten_grid_not_even_the_six_once_placed_like_the_tool() {
    const SHAPE: &[&str] = &[
        "id",
        "word",
        "quadrant",
        "intensity",
        "from",
        "face",
        "simple",
        "full",
        "example_young",
        "example_grown",
        "reach_out",
    ];
    let raw = raw_words();
    assert_eq!(raw.len(), all().len());
    for f in &raw {
        let id = f["id"].as_str().unwrap_or_default();
        let extra: Vec<&String> = f.keys().filter(|k| !SHAPE.contains(&k.as_str())).collect();
        assert!(extra.is_empty(), "{id} carries {extra:?}");
        let intensity = f["intensity"].as_integer();
        assert!(matches!(intensity, Some(1..=4)), "{id}: {intensity:?}");
    }
    for id in [
        "ecstatic",
        "exhilarated",
        "jittery",
        "frustrated",
        "worried",
        "sleepy",
    ] {
        let f = raw.iter().find(|f| f["id"].as_str() == Some(id));
        let f = f.unwrap_or_else(|| panic!("{id} is gone"));
        assert!(
            !f.contains_key("pleasant") && !f.contains_key("energy"),
            "{id}"
        );
    }
}

#[test]
fn words_are_unique_and_fully_written_with_an_example_for_each_stage_of_life() {
    let ids = all().iter().map(|f| f.id.as_str());
    assert!(duplicate_ids(ids).is_empty());
    let words = all().iter().map(|f| f.word.as_str());
    assert!(duplicate_ids(words).is_empty());
    let examples = all()
        .iter()
        .flat_map(|f| [f.example_young.as_str(), f.example_grown.as_str()]);
    assert!(
        duplicate_ids(examples).is_empty(),
        "an example is used twice"
    );
    let mut problems = Vec::new();
    for f in all() {
        if !is_valid_id(&f.id) {
            problems.push(format!("bad id {}", f.id));
        }
        problems.extend(length_problem(&f.id, &f.word, 18));
        problems.extend(length_problem(&format!("{} simple", f.id), &f.simple, 90));
        problems.extend(length_problem(&format!("{} full", f.id), &f.full, 140));
        for (stage, example) in [("young", &f.example_young), ("grown", &f.example_grown)] {
            let what = format!("{} example_{stage}", f.id);
            problems.extend(length_problem(&what, example, 120));
            // Each example shows the word at work ("left-out" may be written "left out").
            let plain = |t: &str| t.to_lowercase().replace('-', " ");
            if !plain(example).contains(&plain(&f.word)) {
                problems.push(format!("{what} does not use the word"));
            }
        }
        if f.simple.to_lowercase().contains(&f.word.to_lowercase()) {
            problems.push(format!("{}: the simple definition uses the word", f.id));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_son_reads_the_example_of_his_stage_and_his_mother_the_grown_up_one() {
    let okay = by_id("okay").unwrap();
    for band in [
        AgeBand::Little,
        AgeBand::Child,
        AgeBand::Tween,
        AgeBand::Teen,
    ] {
        assert_eq!(okay.example_for(Role::Son, band), okay.example_young);
        assert_eq!(okay.example_for(Role::Mother, band), okay.example_grown);
    }
    for band in [AgeBand::YoungAdult, AgeBand::Adult] {
        assert_eq!(okay.example_for(Role::Son, band), okay.example_grown);
        assert_eq!(okay.example_for(Role::Mother, band), okay.example_grown);
    }
}

#[test]
fn the_vocabulary_grows_with_age_pleasant_words_first() {
    let count = |band| offered(band, None).len();
    let little = count(AgeBand::Little);
    // A neutral word and the everyday ones (bored, grumpy, shy, hurt…) belong to a
    // little one too, so the youngest have more than the dozen they once had.
    assert!((12..=18).contains(&little), "little: {little}");
    let pleasant = offered(AgeBand::Little, None)
        .iter()
        .filter(|f| f.quadrant().is_pleasant())
        .count();
    assert!(
        pleasant * 5 >= little * 2,
        "little: {pleasant} pleasant of {little}"
    );
    let child = count(AgeBand::Child);
    let tween = count(AgeBand::Tween);
    assert!((18..=34).contains(&child), "child: {child}");
    assert!((40..=60).contains(&tween), "tween: {tween}");
    for band in [AgeBand::Teen, AgeBand::YoungAdult, AgeBand::Adult] {
        assert_eq!(count(band), all().len());
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
fn a_little_one_can_say_okay_and_the_everyday_feelings_each_with_a_face() {
    for id in [
        "okay",
        "bored",
        "grumpy",
        "surprised",
        "hurt",
        "proud",
        "shy",
    ] {
        let f = by_id(id).unwrap_or_else(|| panic!("no word {id}"));
        assert_eq!(f.from, AgeBand::Little, "{id}");
        assert!(f.face.is_some(), "{id} has no face");
    }
    // A neutral word: neither high nor strong.
    let okay = by_id("okay").unwrap();
    assert_eq!((okay.quadrant(), okay.intensity), (Quadrant::Calm, 1));
    for id in ["embarrassed", "jealous"] {
        assert_eq!(by_id(id).unwrap().from, AgeBand::Child, "{id}");
    }
}

#[test]
fn only_the_most_intense_unpleasant_words_reach_out_and_never_for_the_youngest() {
    let marked: Vec<&Feeling> = all().iter().filter(|f| f.reach_out.is_some()).collect();
    assert!((5..=15).contains(&marked.len()), "{} words", marked.len());
    for f in &marked {
        assert!(!f.quadrant().is_pleasant(), "{} is pleasant", f.id);
        assert!(f.intensity >= 3, "{} is not intense enough", f.id);
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

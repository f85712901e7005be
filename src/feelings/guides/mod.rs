//! The written guides of the feelings practice, loaded from `content/feelings/`: what one may
//! need right now, the calm-down toolbox, the needs-profile prompts, the emotion-coaching
//! guide for the mother and the son's own guide (`feelings/son_guide.toml`): the mother's
//! guide speaks about him, so it is hers alone; at the same address he reads his own.

pub mod page;
pub mod son_page;

use std::sync::LazyLock;

use serde::Deserialize;

use crate::{
    content::{ByBand, parse},
    family::AgeBand,
    text_enum,
    web::controls::Labelled,
};

/// A choice for "what I need right now".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: String,
    pub label: String,
    pub simple: String,
}

impl Need {
    pub fn label_for(&self, band: AgeBand) -> &str {
        if band <= AgeBand::Child {
            &self.simple
        } else {
            &self.label
        }
    }
}

text_enum! {
    /// The kinds of calm-down strategy, to group the toolbox.
    pub enum StrategyKind {
        Breathe => "breathe", Move => "move", Create => "create", Music => "music",
        Talk => "talk", Rest => "rest", Outside => "outside", Senses => "senses",
    }
}

impl Labelled for StrategyKind {
    fn label_key(self) -> &'static str {
        match self {
            StrategyKind::Breathe => "feelings-kind-breathe",
            StrategyKind::Move => "feelings-kind-move",
            StrategyKind::Create => "feelings-kind-create",
            StrategyKind::Music => "feelings-kind-music",
            StrategyKind::Talk => "feelings-kind-talk",
            StrategyKind::Rest => "feelings-kind-rest",
            StrategyKind::Outside => "feelings-kind-outside",
            StrategyKind::Senses => "feelings-kind-senses",
        }
    }
}

/// One calm-down strategy of the toolbox.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub id: String,
    pub kind: String,
    pub ages: Vec<AgeBand>,
    pub title: String,
    pub how: String,
}

impl Strategy {
    pub fn kind(&self) -> Option<StrategyKind> {
        StrategyKind::parse(&self.kind)
    }
}

/// One prompt of the needs profile, worded for the mother and for the son by his age band.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedsPrompt {
    pub id: String,
    pub mother: String,
    pub mother_hint: String,
    pub son: ByBand,
    pub son_hint: ByBand,
}

/// One step of emotion coaching, with a scene for each age band.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoachingStep {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub why: String,
    pub avoid: String,
    pub examples: ByBand,
}

/// "When to get help", the coaching guide's last section: signs that a feeling needs more
/// than everyday coaching, and what to do.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GetHelp {
    pub intro: String,
    pub sign: Vec<HelpSign>,
    pub step: Vec<HelpStep>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpSign {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpStep {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// One part of the son's own guide, worded for each age band: what it is about, a few lines
/// to him, and something he could say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SonGuidePart {
    pub id: String,
    pub title: ByBand,
    pub text: ByBand,
    pub say: ByBand,
}

#[derive(Deserialize)]
struct SonGuideFile {
    part: Vec<SonGuidePart>,
}

#[derive(Deserialize)]
struct NeedsFile {
    need: Vec<Need>,
}
#[derive(Deserialize)]
struct CalmFile {
    strategy: Vec<Strategy>,
}
#[derive(Deserialize)]
struct ProfileFile {
    prompt: Vec<NeedsPrompt>,
}
#[derive(Deserialize)]
struct CoachingFile {
    step: Vec<CoachingStep>,
}

static NEEDS: LazyLock<Vec<Need>> = LazyLock::new(|| {
    parse::<NeedsFile>(
        "feelings/needs.toml",
        include_str!("../../../content/feelings/needs.toml"),
    )
    .need
});
static STRATEGIES: LazyLock<Vec<Strategy>> = LazyLock::new(|| {
    parse::<CalmFile>(
        "feelings/calm.toml",
        include_str!("../../../content/feelings/calm.toml"),
    )
    .strategy
});
static PROMPTS: LazyLock<Vec<NeedsPrompt>> = LazyLock::new(|| {
    parse::<ProfileFile>(
        "feelings/needs_profile.toml",
        include_str!("../../../content/feelings/needs_profile.toml"),
    )
    .prompt
});
static COACHING: LazyLock<Vec<CoachingStep>> = LazyLock::new(|| {
    parse::<CoachingFile>(
        "feelings/coaching.toml",
        include_str!("../../../content/feelings/coaching.toml"),
    )
    .step
});

static SON_GUIDE: LazyLock<Vec<SonGuidePart>> = LazyLock::new(|| {
    parse::<SonGuideFile>(
        "feelings/son_guide.toml",
        include_str!("../../../content/feelings/son_guide.toml"),
    )
    .part
});

static GET_HELP: LazyLock<GetHelp> = LazyLock::new(|| {
    parse::<GetHelp>(
        "feelings/get_help.toml",
        include_str!("../../../content/feelings/get_help.toml"),
    )
});

pub fn get_help() -> &'static GetHelp {
    &GET_HELP
}

pub fn needs() -> &'static [Need] {
    &NEEDS
}

pub fn need(id: &str) -> Option<&'static Need> {
    NEEDS.iter().find(|n| n.id == id)
}

pub fn strategies() -> &'static [Strategy] {
    &STRATEGIES
}

pub fn strategy(id: &str) -> Option<&'static Strategy> {
    STRATEGIES.iter().find(|s| s.id == id)
}

/// The strategies that fit a band, grouped by kind in the order of [`StrategyKind::ALL`].
pub fn toolbox(band: AgeBand) -> Vec<(StrategyKind, Vec<&'static Strategy>)> {
    StrategyKind::ALL
        .iter()
        .map(|kind| {
            let fitting = STRATEGIES
                .iter()
                .filter(|s| s.kind() == Some(*kind) && s.ages.contains(&band))
                .collect();
            (*kind, fitting)
        })
        .filter(|(_, list): &(_, Vec<_>)| !list.is_empty())
        .collect()
}

pub fn needs_prompts() -> &'static [NeedsPrompt] {
    &PROMPTS
}

pub fn coaching() -> &'static [CoachingStep] {
    &COACHING
}

pub fn son_guide() -> &'static [SonGuidePart] {
    &SON_GUIDE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::check::{duplicate_ids, is_valid_id, length_problem};

    #[test]
    fn when_to_get_help_names_signs_and_what_to_do() {
        let help = get_help();
        assert!(length_problem("intro", &help.intro, 240).is_none());
        assert!((3..=8).contains(&help.sign.len()));
        assert!((3..=6).contains(&help.step.len()));
        let ids = help
            .sign
            .iter()
            .map(|s| s.id.as_str())
            .chain(help.step.iter().map(|s| s.id.as_str()));
        assert!(duplicate_ids(ids).is_empty());
        let mut problems = Vec::new();
        for s in &help.sign {
            problems.extend(length_problem(&s.id, &s.text, 160));
        }
        for s in &help.step {
            problems.extend(length_problem(&s.id, &s.title, 50));
            problems.extend(length_problem(&s.id, &s.text, 240));
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn needs_are_those_of_the_practice_and_nothing_last() {
        // "To know what's next" serves a son who needs to see what is coming (issue 16); food
        // and rest are the needs a hungry or tired little one cannot name.
        let ids: Vec<_> = needs().iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "heard", "space", "help", "comfort", "fun", "together", "next", "rest", "nothing"
            ]
        );
        for n in needs() {
            assert!(length_problem(&n.id, &n.label, 24).is_none());
            assert!(length_problem(&n.id, &n.simple, 24).is_none());
        }
    }

    #[test]
    fn the_toolbox_has_enough_for_every_age() {
        assert!(
            strategies().len() >= 32,
            "{} strategies",
            strategies().len()
        );
        assert!(duplicate_ids(strategies().iter().map(|s| s.id.as_str())).is_empty());
        let mut problems = Vec::new();
        for s in strategies() {
            if s.kind().is_none() || !is_valid_id(&s.id) || s.ages.is_empty() {
                problems.push(format!("{}: bad kind, id or ages", s.id));
            }
            problems.extend(length_problem(&s.id, &s.title, 40));
            problems.extend(length_problem(&s.id, &s.how, 220));
        }
        assert!(problems.is_empty(), "{problems:#?}");
        for kind in StrategyKind::ALL {
            let n = strategies()
                .iter()
                .filter(|s| s.kind() == Some(*kind))
                .count();
            assert!(n >= 3, "{kind}: {n}");
        }
        for band in AgeBand::ALL {
            let n: usize = toolbox(band).iter().map(|(_, l)| l.len()).sum();
            assert!(n >= 12, "{band:?}: {n} strategies");
        }
    }

    #[test]
    fn the_needs_profile_asks_four_things_worded_for_every_age() {
        let ids: Vec<_> = needs_prompts().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["helps", "unhelpful", "comfort", "signs"]);
        let mut problems = Vec::new();
        for p in needs_prompts() {
            problems.extend(length_problem(&p.id, &p.mother, 90));
            problems.extend(length_problem(&p.id, &p.mother_hint, 100));
            for (band, text) in p.son.all().chain(p.son_hint.all()) {
                problems.extend(length_problem(&format!("{} {band:?}", p.id), text, 100));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn coaching_has_the_five_steps_with_a_scene_for_every_age() {
        let ids: Vec<_> = coaching().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["notice", "connect", "listen", "name", "solve"]);
        let mut problems = Vec::new();
        for s in coaching() {
            problems.extend(length_problem(&s.id, &s.title, 40));
            problems.extend(length_problem(&s.id, &s.summary, 200));
            problems.extend(length_problem(&s.id, &s.why, 200));
            problems.extend(length_problem(&s.id, &s.avoid, 160));
            for (band, text) in s.examples.all() {
                problems.extend(length_problem(&format!("{} {band:?}", s.id), text, 320));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn the_sons_guide_speaks_to_him_about_three_things_at_every_age() {
        let ids: Vec<_> = son_guide().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["say-what-you-need", "ask-for-space", "when-mum-is-upset"]
        );
        let mut problems = Vec::new();
        for p in son_guide() {
            for (band, title) in p.title.all() {
                problems.extend(length_problem(
                    &format!("{} {band:?} title", p.id),
                    title,
                    50,
                ));
            }
            for (band, text) in p.text.all() {
                problems.extend(length_problem(
                    &format!("{} {band:?} text", p.id),
                    text,
                    280,
                ));
            }
            for (band, say) in p.say.all() {
                problems.extend(length_problem(&format!("{} {band:?} say", p.id), say, 100));
            }
            // Written to him, never about him: no "he", "his", "him" in what he reads.
            for (band, text) in p.title.all().chain(p.text.all()).chain(p.say.all()) {
                let words = crate::content::check::word_set(text);
                if ["he", "his", "him", "son"]
                    .iter()
                    .any(|w| words.contains(*w))
                {
                    problems.push(format!("{} {band:?}: speaks about him", p.id));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

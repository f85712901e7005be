//! Listening without judgement: the starters offered wherever one member answers what the
//! other shared, and the one-tap reactions (`content/talk/listening.toml`).
//!
//! A starter is written for one side (the mother answering her son, or the son answering his
//! mother), for the moments it fits ([`Moment`]) and, on the son's side, for the age bands
//! that would say it. A reply form offers three of those that fit, the same three every time
//! the same thing is answered ([`suggested`]).
//!
//! Adding a starter: an entry in the content file with a new `id`, its `side`, `kind`,
//! `moments` and (for the son) `ages`; the tests below check the tags, the counts each
//! moment needs on each side and band, and that it says something new.

use std::sync::LazyLock;

use serde::Deserialize;

use super::moments::Moment;
use crate::{
    content::parse,
    family::{AgeBand, Role},
    text_enum,
};

text_enum! {
    /// What a starter does: enjoy it along, reflect back, thank, offer, or wonder gently.
    pub enum StarterKind {
        Enjoy => "enjoy", Reflect => "reflect", Thanks => "thanks", Offer => "offer",
        Wonder => "wonder",
    }
}

/// How many starters a reply form offers.
pub const OFFERED: usize = 3;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starter {
    pub id: String,
    /// `mother` or `son`: who writes it.
    pub side: String,
    /// The son's age bands that would say it; empty on the mother's side.
    #[serde(default)]
    pub ages: Vec<AgeBand>,
    pub kind: String,
    pub moments: Vec<Moment>,
    pub text: String,
}

impl Starter {
    pub fn side(&self) -> Option<Role> {
        Role::parse(&self.side)
    }

    pub fn kind(&self) -> Option<StarterKind> {
        StarterKind::parse(&self.kind)
    }

    /// Whether the starter fits a reply by `side` to a `moment`; `band` is the son's, and
    /// only matters on his side.
    pub fn fits(&self, side: Role, moment: Moment, band: AgeBand) -> bool {
        self.side() == Some(side)
            && self.moments.contains(&moment)
            && (side == Role::Mother || self.ages.contains(&band))
    }
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

/// The starters a reply form offers: [`OFFERED`] of those that fit, of different kinds where
/// it can, picked by `subject` (what is being answered) so that reloading the page, or
/// coming back to it, shows the same ones, while another subject may show others.
pub fn suggested(
    side: Role,
    moment: Moment,
    band: AgeBand,
    subject: &str,
) -> Vec<&'static Starter> {
    let fitting: Vec<&Starter> = starters()
        .iter()
        .filter(|s| s.fits(side, moment, band))
        .collect();
    if fitting.is_empty() {
        return fitting;
    }
    let start = stable_hash(subject) as usize % fitting.len();
    let turn = fitting[start..].iter().chain(&fitting[..start]);
    let mut chosen: Vec<&Starter> = Vec::with_capacity(OFFERED);
    // A mix first (something to enjoy, to ask, to offer), then whatever is left.
    for s in turn.clone() {
        if chosen.len() < OFFERED && chosen.iter().all(|c| c.kind != s.kind) {
            chosen.push(s);
        }
    }
    for s in turn {
        if chosen.len() < OFFERED && !chosen.iter().any(|c| c.id == s.id) {
            chosen.push(s);
        }
    }
    chosen
}

/// FNV-1a: the same number for the same text in every build and on every machine (the
/// standard library's hasher promises neither), so suggestions do not move after an upgrade.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content::check::{duplicate_ids, is_valid_id, length_problem, near_duplicates};

    /// The son's bands that type their own answers (a little one's mother writes for him).
    const TYPING_BANDS: [AgeBand; 5] = [
        AgeBand::Child,
        AgeBand::Tween,
        AgeBand::Teen,
        AgeBand::YoungAdult,
        AgeBand::Adult,
    ];

    #[test]
    fn every_starter_is_tagged_with_a_side_kind_moments_and_fitting_ages() {
        let all = starters();
        assert!(duplicate_ids(all.iter().map(|s| s.id.as_str())).is_empty());
        let mut problems = Vec::new();
        for s in all {
            if !is_valid_id(&s.id) || s.kind().is_none() || s.moments.is_empty() {
                problems.push(format!("{}: bad id, kind or moments", s.id));
            }
            match s.side() {
                Some(Role::Mother) if !s.ages.is_empty() => {
                    problems.push(format!("{}: the mother's side has no ages", s.id))
                }
                Some(Role::Son) if s.ages.is_empty() || s.ages.contains(&AgeBand::Little) => {
                    problems.push(format!("{}: the son's side needs typing ages", s.id))
                }
                None => problems.push(format!("{}: unknown side {}", s.id, s.side)),
                _ => {}
            }
            // Light news is never answered with words for hard times.
            if s.moments.contains(&Moment::Light) && s.moments.iter().any(|m| m.is_hard()) {
                problems.push(format!("{}: light and hard at once", s.id));
            }
            problems.extend(length_problem(&s.id, &s.text, 80));
        }
        assert!(problems.is_empty(), "{problems:#?}");
        for must in [
            "It sounds like you felt … because …",
            "Thank you for telling me.",
            "Do you want me to just listen or help?",
        ] {
            assert!(all.iter().any(|s| s.text == must), "missing {must}");
        }
        for side in [Role::Mother, Role::Son] {
            let texts = all
                .iter()
                .filter(|s| s.side() == Some(side))
                .map(|s| (s.id.as_str(), s.text.as_str()));
            assert_eq!(near_duplicates(texts), Vec::<String>::new());
        }
    }

    #[test]
    fn every_moment_has_enough_starters_for_each_side_and_age() {
        let mut short = Vec::new();
        for moment in Moment::ALL {
            let count = |side, band| {
                starters()
                    .iter()
                    .filter(|s| s.fits(side, *moment, band))
                    .count()
            };
            let mother = count(Role::Mother, AgeBand::Teen);
            if mother < OFFERED + 1 {
                short.push(format!("mother {moment}: {mother}"));
            }
            for band in TYPING_BANDS {
                let n = count(Role::Son, band);
                if n < OFFERED {
                    short.push(format!("son {band:?} {moment}: {n}"));
                }
            }
            assert_eq!(count(Role::Son, AgeBand::Little), 0);
        }
        assert!(short.is_empty(), "{short:#?}");
    }

    #[test]
    fn three_fitting_starters_of_different_kinds_stay_put_for_one_subject() {
        let light = suggested(Role::Mother, Moment::Light, AgeBand::Child, "checkin-1");
        assert_eq!(light.len(), OFFERED);
        assert!(
            light
                .iter()
                .all(|s| s.fits(Role::Mother, Moment::Light, AgeBand::Child))
        );
        let kinds: HashSet<&str> = light.iter().map(|s| s.kind.as_str()).collect();
        assert!(kinds.len() >= 2, "{light:?}");
        let again = suggested(Role::Mother, Moment::Light, AgeBand::Child, "checkin-1");
        let ids = |l: &[&Starter]| l.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&light), ids(&again));
        // Some other subject gets another three.
        let others: HashSet<Vec<String>> = (0..20)
            .map(|i| {
                ids(&suggested(
                    Role::Mother,
                    Moment::Sad,
                    AgeBand::Teen,
                    &format!("c{i}"),
                ))
            })
            .collect();
        assert!(others.len() > 1);
        // A little one's side offers nothing to type.
        assert!(suggested(Role::Son, Moment::Sad, AgeBand::Little, "c").is_empty());
    }

    #[test]
    fn the_son_is_offered_his_own_words_for_his_age() {
        for moment in Moment::ALL {
            for band in TYPING_BANDS {
                let offered = suggested(Role::Son, *moment, band, "day-1");
                assert_eq!(offered.len(), OFFERED, "{moment} {band:?}");
                assert!(
                    offered
                        .iter()
                        .all(|s| s.side() == Some(Role::Son) && s.ages.contains(&band))
                );
            }
        }
        let child: HashSet<&str> = starters()
            .iter()
            .filter(|s| s.side() == Some(Role::Son) && s.ages.contains(&AgeBand::Child))
            .map(|s| s.id.as_str())
            .collect();
        let teen: HashSet<&str> = starters()
            .iter()
            .filter(|s| s.side() == Some(Role::Son) && s.ages.contains(&AgeBand::Teen))
            .map(|s| s.id.as_str())
            .collect();
        assert!(child.intersection(&teen).count() * 4 < child.len());
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

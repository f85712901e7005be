//! Conversation starters for everyday moments (`content/starters/<setting>.toml`): things to say
//! in the car, while cooking, on a walk, at bedtime, at a meal, on a video call or in a waiting
//! room, by age band, some for the son to start a conversation with his mum.

pub mod page;

use std::sync::LazyLock;

use serde::Deserialize;

use crate::{content::parse, family::AgeBand, text_enum, web::controls::Labelled};

text_enum! {
    /// Where the two of them are.
    pub enum Setting {
        CarRide => "car_ride", Cooking => "cooking", Walk => "walk", Bedtime => "bedtime",
        Meal => "meal", VideoCall => "video_call", WaitingRoom => "waiting_room",
    }
}

impl Labelled for Setting {
    fn label_key(self) -> &'static str {
        match self {
            Setting::CarRide => "talk-starter-setting-car-ride",
            Setting::Cooking => "talk-starter-setting-cooking",
            Setting::Walk => "talk-starter-setting-walk",
            Setting::Bedtime => "talk-starter-setting-bedtime",
            Setting::Meal => "talk-starter-setting-meal",
            Setting::VideoCall => "talk-starter-setting-video-call",
            Setting::WaitingRoom => "talk-starter-setting-waiting-room",
        }
    }
}

text_enum! {
    /// Who says a starter.
    pub enum Side { Mother => "mother", Son => "son", Both => "both" }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starter {
    pub id: String,
    pub setting: String,
    pub ages: Vec<AgeBand>,
    pub side: String,
    pub text: String,
}

impl Starter {
    pub fn setting(&self) -> Option<Setting> {
        Setting::parse(&self.setting)
    }

    /// Whether a member of this role may say it.
    pub fn said_by(&self, role: crate::family::Role) -> bool {
        match Side::parse(&self.side) {
            Some(Side::Both) => true,
            Some(Side::Mother) => role == crate::family::Role::Mother,
            Some(Side::Son) => role == crate::family::Role::Son,
            None => false,
        }
    }
}

#[derive(Deserialize)]
struct StartersFile {
    starter: Vec<Starter>,
}

const FILES: &[(&str, &str)] = &[
    (
        "car_ride",
        include_str!("../../../content/starters/car_ride.toml"),
    ),
    (
        "cooking",
        include_str!("../../../content/starters/cooking.toml"),
    ),
    ("walk", include_str!("../../../content/starters/walk.toml")),
    (
        "bedtime",
        include_str!("../../../content/starters/bedtime.toml"),
    ),
    ("meal", include_str!("../../../content/starters/meal.toml")),
    (
        "video_call",
        include_str!("../../../content/starters/video_call.toml"),
    ),
    (
        "waiting_room",
        include_str!("../../../content/starters/waiting_room.toml"),
    ),
];

static STARTERS: LazyLock<Vec<Starter>> = LazyLock::new(|| {
    FILES
        .iter()
        .flat_map(|(setting, text)| {
            parse::<StartersFile>(&format!("starters/{setting}.toml"), text).starter
        })
        .collect()
});

pub fn all() -> &'static [Starter] {
    &STARTERS
}

/// The starters a member may say in a setting (or any), for the son's band.
pub fn fitting(
    band: AgeBand,
    role: crate::family::Role,
    setting: Option<Setting>,
) -> Vec<&'static Starter> {
    STARTERS
        .iter()
        .filter(|s| s.ages.contains(&band) && s.said_by(role))
        .filter(|s| setting.is_none_or(|wanted| s.setting() == Some(wanted)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        content::check::{duplicate_ids, is_valid_id, length_problem, near_duplicates},
        family::Role,
    };

    #[test]
    fn there_are_starters_for_every_setting_age_and_side() {
        assert!(all().len() >= 120, "{} starters", all().len());
        assert!(duplicate_ids(all().iter().map(|s| s.id.as_str())).is_empty());
        let mut problems = Vec::new();
        for s in all() {
            if !is_valid_id(&s.id) || s.setting().is_none() || Side::parse(&s.side).is_none() {
                problems.push(format!("{}: id, setting or side", s.id));
            }
            if s.ages.is_empty() {
                problems.push(format!("{}: no age band", s.id));
            }
            problems.extend(length_problem(&s.id, &s.text, 120));
        }
        assert!(problems.is_empty(), "{problems:#?}");
        for setting in Setting::ALL {
            let n = all()
                .iter()
                .filter(|s| s.setting() == Some(*setting))
                .count();
            assert!(n >= 15, "{setting}: {n}");
        }
        // A son of any age can start a conversation with his mum.
        for band in AgeBand::ALL {
            assert!(fitting(band, Role::Mother, None).len() >= 20, "{band:?}");
            let his = all()
                .iter()
                .filter(|s| s.ages.contains(&band) && s.side == "son")
                .count();
            assert!(his >= 5, "{band:?}: {his} son-side starters");
        }
        let texts = all().iter().map(|s| (s.id.as_str(), s.text.as_str()));
        assert_eq!(near_duplicates(texts), Vec::<String>::new());
    }

    #[test]
    fn no_starter_takes_for_granted_that_she_was_there_from_his_birth() {
        use crate::talk::questions::checks::holding;
        // Said aloud, "my" is the speaker's own: his, of himself as a baby; hers, of him.
        let said_by = |side: &'static str| {
            all()
                .iter()
                .filter(move |s| s.side == side)
                .map(|s| (s.id.as_str(), s.text.as_str()))
        };
        let his = [
            "me as a baby",
            "when i was a baby",
            "when i was tiny",
            "when i was small",
            "when i was little",
        ];
        let hers = [
            "when you were a baby",
            "when you were tiny",
            "since you were born",
        ];
        let mut wrong = holding(said_by("son"), &his);
        wrong.extend(holding(said_by("mother"), &hers));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}

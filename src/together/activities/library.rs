//! The activity library (`content/activities/<category>.toml`): things a mother and son can do
//! together, each with a one-line summary for its card, tagged with the son's age bands, time,
//! cost, place, season and energy, with what it needs, how it goes, a free variant where it
//! costs something, and one or two things to talk about while doing it.

use std::{collections::HashMap, sync::LazyLock};

use serde::Deserialize;

use crate::{content::parse, family::AgeBand, text_enum, web::controls::Labelled};

text_enum! {
    /// The shelves of the library.
    pub enum Category {
        Sports => "sports", Art => "art", Cooking => "cooking", Nature => "nature",
        Adventure => "adventure", Games => "games", Learning => "learning",
        HelpingOthers => "helping_others", DailyRoutines => "daily_routines",
        AtADistance => "at_a_distance",
    }
}

impl Labelled for Category {
    fn label_key(self) -> &'static str {
        match self {
            Category::Sports => "together-category-sports",
            Category::Art => "together-category-art",
            Category::Cooking => "together-category-cooking",
            Category::Nature => "together-category-nature",
            Category::Adventure => "together-category-adventure",
            Category::Games => "together-category-games",
            Category::Learning => "together-category-learning",
            Category::HelpingOthers => "together-category-helping-others",
            Category::DailyRoutines => "together-category-daily-routines",
            Category::AtADistance => "together-category-at-a-distance",
        }
    }
}

text_enum! {
    /// What it costs, from nothing up. Ordered: a filter "up to low" keeps free and low.
    pub enum Cost { Free => "free", Low => "low", Medium => "medium", High => "high" }
}

impl Labelled for Cost {
    fn label_key(self) -> &'static str {
        match self {
            Cost::Free => "together-cost-free",
            Cost::Low => "together-cost-low",
            Cost::Medium => "together-cost-medium",
            Cost::High => "together-cost-high",
        }
    }
}

impl Cost {
    /// Position from free (0) up, for "at most this much".
    pub fn rank(self) -> usize {
        self as usize
    }
}

text_enum! {
    /// Where it happens. `Either` works indoors and out.
    pub enum Place { Indoor => "indoor", Outdoor => "outdoor", Either => "either" }
}

impl Labelled for Place {
    fn label_key(self) -> &'static str {
        match self {
            Place::Indoor => "together-place-indoor",
            Place::Outdoor => "together-place-outdoor",
            Place::Either => "together-place-either",
        }
    }
}

impl Place {
    /// Whether an activity of this place suits someone who wants `wanted`.
    pub fn suits(self, wanted: Place) -> bool {
        self == wanted || self == Place::Either
    }
}

text_enum! {
    /// When in the year it fits; `Any` is all year round.
    pub enum Season {
        Any => "any", Spring => "spring", Summer => "summer", Autumn => "autumn", Winter => "winter",
    }
}

impl Labelled for Season {
    fn label_key(self) -> &'static str {
        match self {
            Season::Any => "together-season-any",
            Season::Spring => "together-season-spring",
            Season::Summer => "together-season-summer",
            Season::Autumn => "together-season-autumn",
            Season::Winter => "together-season-winter",
        }
    }
}

text_enum! {
    /// How much energy it takes.
    pub enum Energy { Low => "low", Medium => "medium", High => "high" }
}

impl Labelled for Energy {
    fn label_key(self) -> &'static str {
        match self {
            Energy::Low => "together-energy-low",
            Energy::Medium => "together-energy-medium",
            Energy::High => "together-energy-high",
        }
    }
}

crate::content::deserialize_as_text!(Category, Cost, Place, Season, Energy);

/// One activity of the library.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: String,
    pub title: String,
    /// One sentence for the activity's card: what the two of you actually do.
    pub summary: String,
    pub category: Category,
    pub ages: Vec<AgeBand>,
    pub minutes: u32,
    pub cost: Cost,
    pub place: Place,
    pub seasons: Vec<Season>,
    pub energy: Energy,
    /// What to have ready; empty when nothing is needed.
    pub needs: Vec<String>,
    pub how: String,
    /// One plain line on keeping it safe, where it needs one (water, small food, balloons,
    /// heat, blades, a child out of arm's reach).
    pub safety: Option<String>,
    /// How to do it for nothing, when it costs something.
    pub free: Option<String>,
    /// The same fun when moving is hard (a wheelchair, a body that tires, a mother in bed):
    /// every high-energy activity has one.
    pub adapt: Option<String>,
    /// One or two things to talk about while doing it.
    pub talk: Vec<String>,
}

impl Activity {
    pub fn fits(&self, band: AgeBand) -> bool {
        self.ages.contains(&band)
    }

    /// Whether it fits a season (an all-year activity fits every one).
    pub fn in_season(&self, season: Season) -> bool {
        season == Season::Any
            || self
                .seasons
                .iter()
                .any(|s| *s == season || *s == Season::Any)
    }
}

#[derive(Deserialize)]
struct ActivitiesFile {
    activity: Vec<Activity>,
}

/// Every category's file, embedded.
const FILES: &[(Category, &str)] = &[
    (
        Category::Sports,
        include_str!("../../../content/activities/sports.toml"),
    ),
    (
        Category::Art,
        include_str!("../../../content/activities/art.toml"),
    ),
    (
        Category::Cooking,
        include_str!("../../../content/activities/cooking.toml"),
    ),
    (
        Category::Nature,
        include_str!("../../../content/activities/nature.toml"),
    ),
    (
        Category::Adventure,
        include_str!("../../../content/activities/adventure.toml"),
    ),
    (
        Category::Games,
        include_str!("../../../content/activities/games.toml"),
    ),
    (
        Category::Learning,
        include_str!("../../../content/activities/learning.toml"),
    ),
    (
        Category::HelpingOthers,
        include_str!("../../../content/activities/helping_others.toml"),
    ),
    (
        Category::DailyRoutines,
        include_str!("../../../content/activities/daily_routines.toml"),
    ),
    (
        Category::AtADistance,
        include_str!("../../../content/activities/at_a_distance.toml"),
    ),
];

static ACTIVITIES: LazyLock<Vec<Activity>> = LazyLock::new(|| {
    FILES
        .iter()
        .flat_map(|(category, text)| {
            parse::<ActivitiesFile>(&format!("activities/{category}.toml"), text).activity
        })
        .collect()
});

static BY_ID: LazyLock<HashMap<&'static str, &'static Activity>> =
    LazyLock::new(|| ACTIVITIES.iter().map(|a| (a.id.as_str(), a)).collect());

pub fn all() -> &'static [Activity] {
    &ACTIVITIES
}

pub fn by_id(id: &str) -> Option<&'static Activity> {
    BY_ID.get(id).copied()
}

/// The activities that fit a band, in library order.
pub fn for_band(band: AgeBand) -> impl Iterator<Item = &'static Activity> {
    ACTIVITIES.iter().filter(move |a| a.fits(band))
}

/// The longest a summary may be: one line on a phone card.
pub const SUMMARY_MAX: usize = 110;

/// The prefix of the pair's own activities' ids. No category is called this, and every library
/// id starts with its category, so the two kinds of id never meet.
pub const OWN_PREFIX: &str = "own-";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::check::{
        duplicate_ids, is_one_sentence, is_valid_id, length_problem, near_duplicates, same_opening,
    };

    /// How many activities a category must offer each age band. Most must offer 15; a few
    /// pairs make less sense and have a lower floor, on purpose:
    /// - a 3–5-year-old is rarely apart from his mother for long, and a call with him is short:
    ///   "at a distance" offers little ones fewer (for a mother away for work, or two homes);
    /// - a 6–9-year-old apart from his mother (two homes, a mother working away) has more, but
    ///   still fewer than a son who has left home.
    fn floor(category: Category, band: AgeBand) -> usize {
        match (category, band) {
            (Category::AtADistance, AgeBand::Little) => 5,
            (Category::AtADistance, AgeBand::Child) => 10,
            _ => 15,
        }
    }

    #[test]
    fn the_library_has_enough_activities_for_every_category_and_age() {
        assert!(all().len() >= 200, "{} activities", all().len());
        let mut short = Vec::new();
        for category in Category::ALL {
            let n = all().iter().filter(|a| a.category == *category).count();
            if n < 15 {
                short.push(format!("{category}: {n} in all"));
            }
            for band in AgeBand::ALL {
                let n = for_band(band).filter(|a| a.category == *category).count();
                if n < floor(*category, band) {
                    short.push(format!("{category} {band:?}: {n}"));
                }
            }
        }
        assert!(short.is_empty(), "{short:#?}");
        for band in AgeBand::ALL {
            // Enough of each kind of day: calm and lively, indoors and out, free.
            let n = |f: &dyn Fn(&Activity) -> bool| for_band(band).filter(|a| f(a)).count();
            assert!(n(&|a| a.energy == Energy::Low) >= 15, "{band:?} calm");
            assert!(n(&|a| a.energy != Energy::Low) >= 15, "{band:?} lively");
            assert!(n(&|a| a.place.suits(Place::Indoor)) >= 15, "{band:?} in");
            assert!(n(&|a| a.place.suits(Place::Outdoor)) >= 15, "{band:?} out");
            assert!(n(&|a| a.cost == Cost::Free) >= 15, "{band:?} free");
            for season in Season::ALL {
                assert!(n(&|a| a.in_season(*season)) >= 50, "{band:?} {season}");
            }
        }
    }

    #[test]
    fn every_activity_is_tagged_and_worded_properly() {
        assert_eq!(
            duplicate_ids(all().iter().map(|a| a.id.as_str())),
            Vec::<String>::new()
        );
        let mut problems = Vec::new();
        for a in all() {
            let id = a.id.as_str();
            let mut found = Vec::new();
            let mut problem = |p: &str| found.push(format!("{id}: {p}"));
            if !is_valid_id(id) || !id.starts_with(&format!("{}-", a.category)) {
                problem("id must be the category, a hyphen and lowercase words");
            }
            if id.starts_with(OWN_PREFIX) {
                problem("id looks like one of a pair's own activities");
            }
            if a.ages.is_empty() || !duplicate_ids(a.ages.iter().map(|b| b.as_str())).is_empty() {
                problem("age bands");
            }
            if a.seasons.is_empty()
                || (a.seasons.contains(&Season::Any) && a.seasons.len() > 1)
                || !duplicate_ids(a.seasons.iter().map(|s| s.as_str())).is_empty()
            {
                problem("seasons: \"any\" alone, or some of the four");
            }
            if !(5..=480).contains(&a.minutes) {
                problem("minutes between 5 and 480");
            }
            if !(1..=2).contains(&a.talk.len()) {
                problem("one or two things to talk about");
            }
            // Something that costs money says how to do it for nothing; a free one needs no such line.
            match (a.cost, &a.free) {
                (Cost::Free, Some(_)) => problem("free already, no free variant needed"),
                (Cost::Low | Cost::Medium | Cost::High, None) => problem("needs a free variant"),
                _ => {}
            }
            let mut texts = vec![(&a.title, 50), (&a.how, 240)];
            texts.extend(a.free.iter().map(|f| (f, 160)));
            texts.extend(a.safety.iter().map(|f| (f, 160)));
            texts.extend(a.talk.iter().map(|t| (t, 120)));
            texts.extend(a.needs.iter().map(|n| (n, 80)));
            for t in &a.talk {
                if !t.ends_with('?') {
                    problem(&format!("a thing to talk about is a question: {t}"));
                }
            }
            for (text, max) in texts {
                found.extend(length_problem(id, text, max));
            }
            problems.extend(found);
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// What in an activity for a 3–5-year-old calls for a safety line, by what the text says.
    const NEEDS_SAFETY_FOR_LITTLE: &[(&str, &[&str])] = &[
        (
            "water",
            &[
                "bath",
                "baths",
                "bathtime",
                "pool",
                "pools",
                "paddle",
                "paddling",
                "puddle",
                "puddles",
                "stream",
                "streams",
                "river",
                "rivers",
                "pond",
                "ponds",
                "lake",
                "lakes",
                "sea",
                "seaside",
                "beach",
                "tide",
                "swim",
                "swimming",
                "splash",
                "bowl of water",
                "tub of water",
            ],
        ),
        (
            "small food",
            &[
                "grape",
                "grapes",
                "nuts",
                "peanuts",
                "popcorn",
                "raisin",
                "raisins",
                "marshmallow",
                "marshmallows",
                "sweets",
                "olives",
                "blueberries",
                "cherry tomato",
                "cherry tomatoes",
                "tiny tastes",
                "small bits of food",
            ],
        ),
        (
            "small things",
            &[
                "small toys",
                "small objects",
                "small object",
                "small things",
                "marbles",
                "beads",
                "magnet",
                "magnets",
            ],
        ),
        ("balloons", &["balloon", "balloons"]),
        (
            "out of arm's reach",
            &[
                "hide",
                "hides",
                "hider",
                "hide-and-seek",
                "goes ahead",
                "out of sight",
                "out of reach",
                "waits outside",
                "by himself",
                "walk alone",
                "walks alone",
            ],
        ),
        (
            "heat and blades",
            &[
                "oven",
                "hob",
                "heat",
                "heats",
                "hot pan",
                "boiling water",
                "knife",
                "knives",
                "candle",
                "candles",
            ],
        ),
    ];

    /// The keywords of [`NEEDS_SAFETY_FOR_LITTLE`] that a text contains as whole words.
    fn safety_reasons(text: &str) -> Vec<&'static str> {
        let words: Vec<String> = text
            .to_lowercase()
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let padded = format!(" {} ", words.join(" "));
        NEEDS_SAFETY_FOR_LITTLE
            .iter()
            .filter(|(_, keys)| keys.iter().any(|k| padded.contains(&format!(" {k} "))))
            .map(|(reason, _)| *reason)
            .collect()
    }

    #[test]
    fn the_safety_keywords_match_whole_words_only() {
        assert_eq!(safety_reasons("Fill the bath."), ["water"]);
        assert_eq!(
            safety_reasons("Grape eyes and a balloon"),
            ["small food", "balloons"]
        );
        assert!(safety_reasons("Paint with watercolours, a bird bathes; minutes").is_empty());
        assert_eq!(
            safety_reasons("One goes ahead, the other follows"),
            ["out of arm's reach"]
        );
    }

    #[test]
    fn every_activity_for_a_little_one_with_water_small_food_balloons_or_distance_says_how_to_keep_it_safe()
     {
        let mut missing = Vec::new();
        for a in for_band(AgeBand::Little) {
            let mut text = vec![a.title.as_str(), a.summary.as_str(), a.how.as_str()];
            text.extend(a.needs.iter().map(String::as_str));
            text.extend(a.free.as_deref());
            text.extend(a.talk.iter().map(String::as_str));
            let reasons = safety_reasons(&text.join(" \n "));
            if !reasons.is_empty() && a.safety.is_none() {
                missing.push(format!("{}: {reasons:?}", a.id));
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
        // The notes are there for the ones the issue named.
        for id in [
            "cooking-fruit-faces",
            "sports-balloon-keepy-up",
            "daily_routines-bath-boat-stories",
            "sports-pool-session",
            "adventure-chalk-arrow-trail",
        ] {
            assert!(by_id(id).and_then(|a| a.safety.as_ref()).is_some(), "{id}");
        }
    }

    /// The shortest summary that still says what you do.
    const SUMMARY_MIN: usize = 30;

    #[test]
    fn every_activity_has_a_one_line_summary_of_its_own() {
        let mut problems = Vec::new();
        for a in all() {
            let (id, summary) = (a.id.as_str(), a.summary.as_str());
            problems.extend(length_problem(id, summary, SUMMARY_MAX));
            if summary.chars().count() < SUMMARY_MIN {
                problems.push(format!("{id}: summary under {SUMMARY_MIN} characters"));
            }
            if !is_one_sentence(summary) {
                problems.push(format!(
                    "{id}: summary is one sentence ending in a full stop"
                ));
            }
            // A summary adds something: not the title again, not the first words of `how`.
            if !near_duplicates([("title", a.title.as_str()), ("summary", summary)]).is_empty() {
                problems.push(format!("{id}: summary repeats the title"));
            }
            if same_opening(summary, &a.how, 3) {
                problems.push(format!("{id}: summary opens like `how`"));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn each_file_holds_its_own_category() {
        for (category, text) in FILES {
            let file = parse::<ActivitiesFile>("test", text);
            assert!(file.activity.iter().all(|a| a.category == *category));
        }
    }

    #[test]
    fn no_activity_is_written_twice_in_other_words() {
        let titles = all().iter().map(|a| (a.id.as_str(), a.title.as_str()));
        assert_eq!(near_duplicates(titles), Vec::<String>::new());
        let hows = all().iter().map(|a| (a.id.as_str(), a.how.as_str()));
        assert_eq!(near_duplicates(hows), Vec::<String>::new());
        let summaries = all().iter().map(|a| (a.id.as_str(), a.summary.as_str()));
        assert_eq!(near_duplicates(summaries), Vec::<String>::new());
        let talk = all()
            .iter()
            .flat_map(|a| a.talk.iter().map(|t| (a.id.as_str(), t.as_str())));
        assert_eq!(near_duplicates(talk), Vec::<String>::new());
    }

    #[test]
    fn every_active_activity_has_another_way_to_join_in() {
        let mut problems = Vec::new();
        for a in all() {
            match (&a.adapt, a.energy) {
                (None, Energy::High) => problems.push(format!("{}: high energy, no adapt", a.id)),
                (Some(adapt), _) => {
                    problems.extend(length_problem(&a.id, adapt, 200));
                    if adapt == &a.how || adapt.to_lowercase().contains("disab") {
                        problems.push(format!("{}: adapt is another way, never a label", a.id));
                    }
                }
                (None, _) => {}
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn places_and_seasons_match_as_people_expect() {
        assert!(Place::Either.suits(Place::Indoor) && Place::Either.suits(Place::Outdoor));
        assert!(!Place::Indoor.suits(Place::Outdoor));
        let winter = all()
            .iter()
            .find(|a| a.seasons == [Season::Winter])
            .unwrap();
        assert!(winter.in_season(Season::Winter) && winter.in_season(Season::Any));
        assert!(!winter.in_season(Season::Summer));
        assert!(Cost::Free.rank() < Cost::High.rank());
    }
}

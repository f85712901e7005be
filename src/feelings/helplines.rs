//! Helplines (`content/helplines/*.toml`): people to call, text or write to when a feeling is
//! too heavy to carry alone. International ones for everyone, and well-known services of the
//! countries a member can choose in their support settings. Shown on the reach-out card and in
//! the coaching guide's "when to get help"; the numbers were checked in the month `checked`.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::{
    content::parse,
    i18n::{Tr, dates},
};

/// A country a member can choose, with its emergency number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2, e.g. `GB`.
    pub code: String,
    pub name: String,
    /// What to call when someone is in danger right now, e.g. "999 or 112".
    pub emergency: String,
}

/// One helpline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    pub id: String,
    pub name: String,
    /// The countries it serves (ISO 3166-1 alpha-2); none for an international one.
    #[serde(default)]
    pub countries: Vec<String>,
    /// A number to call, as people write it.
    pub phone: Option<String>,
    /// How to text it, e.g. "Text SHOUT to 85258".
    pub text: Option<String>,
    pub web: Option<String>,
    /// Only where we are sure of them.
    pub hours: Option<String>,
    pub about: String,
    /// Who it is for, in words.
    pub serves: String,
    /// The ages it is meant for, in years, when it is meant for some only.
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
}

impl Helpline {
    /// The number for a `tel:` link: digits (and a leading `+`) only.
    pub fn tel(&self) -> Option<String> {
        self.phone.as_ref().map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect()
        })
    }

    pub fn is_international(&self) -> bool {
        self.countries.is_empty()
    }

    /// Whether it is meant for someone of this age. An unknown age (a mother, a son without
    /// a birth date) is an adult's: lines with an upper age limit are left out.
    pub fn serves_age(&self, age: Option<u32>) -> bool {
        match age {
            Some(age) => {
                self.age_min.is_none_or(|min| age >= min)
                    && self.age_max.is_none_or(|max| age <= max)
            }
            None => self.age_max.is_none(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HelplinesFile {
    /// The month the numbers were last checked, "YYYY-MM".
    checked: String,
    #[serde(default)]
    country: Vec<Country>,
    helpline: Vec<Helpline>,
}

const FILES: &[(&str, &str)] = &[
    (
        "helplines/international.toml",
        include_str!("../../content/helplines/international.toml"),
    ),
    (
        "helplines/countries.toml",
        include_str!("../../content/helplines/countries.toml"),
    ),
];

static FILES_PARSED: LazyLock<Vec<HelplinesFile>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, text)| parse::<HelplinesFile>(name, text))
        .collect()
});

/// The countries a member can choose, by name.
static COUNTRIES: LazyLock<Vec<&'static Country>> = LazyLock::new(|| {
    let mut all: Vec<&Country> = FILES_PARSED.iter().flat_map(|f| &f.country).collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
});

fn helplines() -> impl Iterator<Item = &'static Helpline> {
    FILES_PARSED.iter().flat_map(|f| &f.helpline)
}

pub fn countries() -> &'static [&'static Country] {
    &COUNTRIES
}

pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().copied().find(|c| c.code == code)
}

/// The oldest month any file was checked in: what the pages say.
pub fn checked() -> &'static str {
    FILES_PARSED
        .iter()
        .map(|f| f.checked.as_str())
        .min()
        .unwrap_or_default()
}

/// What a member is shown: the helplines of their country first (if they chose one), then
/// the international ones, all fitting their age.
#[derive(Debug, Clone)]
pub struct Support {
    pub country: Option<&'static Country>,
    pub helplines: Vec<&'static Helpline>,
}

impl Support {
    pub fn for_member(country: Option<&'static Country>, age: Option<u32>) -> Support {
        let in_country = helplines().filter(|h| {
            country.is_some_and(|c| h.countries.contains(&c.code)) && h.serves_age(age)
        });
        let international = helplines().filter(|h| h.is_international() && h.serves_age(age));
        Support {
            country,
            helplines: in_country.chain(international).collect(),
        }
    }

    pub fn checked(&self) -> &'static str {
        checked()
    }

    /// The month the numbers were last checked, as a reader says it ("December 2026").
    pub fn checked_on(&self, tr: &Tr) -> String {
        chrono::NaiveDate::parse_from_str(&format!("{}-01", checked()), "%Y-%m-%d")
            .map(|month| dates::month_year(tr, &month))
            .unwrap_or_else(|_| checked().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content::check::{duplicate_ids, is_valid_id, length_problem};

    /// Every officially assigned ISO 3166-1 alpha-2 code.
    const ISO_3166_ALPHA_2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE \
        BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR \
        CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF \
        GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT \
        JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME \
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU \
        NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI \
        SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA \
        UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    fn is_iso_country(code: &str) -> bool {
        ISO_3166_ALPHA_2.split_whitespace().any(|c| c == code)
    }

    #[test]
    fn the_iso_list_is_complete_and_refuses_lookalikes() {
        assert_eq!(ISO_3166_ALPHA_2.split_whitespace().count(), 249);
        assert!(is_iso_country("GB") && is_iso_country("NZ"));
        for wrong in ["UK", "EU", "gb", "GBR", ""] {
            assert!(!is_iso_country(wrong), "{wrong}");
        }
    }

    #[test]
    fn helplines_are_unique_reachable_and_tagged_with_real_countries() {
        let all: Vec<&Helpline> = helplines().collect();
        assert!(all.len() >= 20, "{} helplines", all.len());
        assert_eq!(
            duplicate_ids(all.iter().map(|h| h.id.as_str())),
            Vec::<String>::new()
        );
        let codes: Vec<&str> = countries().iter().map(|c| c.code.as_str()).collect();
        assert_eq!(duplicate_ids(codes.iter().copied()), Vec::<String>::new());
        let mut problems = Vec::new();
        for c in countries() {
            if !is_iso_country(&c.code) {
                problems.push(format!("{}: not an ISO 3166-1 alpha-2 code", c.code));
            }
            problems.extend(length_problem(&c.code, &c.name, 40));
            problems.extend(length_problem(&c.code, &c.emergency, 20));
            if !helplines().any(|h| h.countries.contains(&c.code)) {
                problems.push(format!("{}: a country with no helpline", c.code));
            }
        }
        for h in &all {
            let id = h.id.as_str();
            if !is_valid_id(id) {
                problems.push(format!("{id}: bad id"));
            }
            if h.phone.is_none() && h.text.is_none() && h.web.is_none() {
                problems.push(format!("{id}: no way to reach it"));
            }
            for code in &h.countries {
                if !codes.contains(&code.as_str()) {
                    problems.push(format!("{id}: {code} is not a listed country"));
                }
            }
            if let Some(web) = &h.web
                && !web.starts_with("https://")
            {
                problems.push(format!("{id}: the address is not https"));
            }
            if let Some(tel) = h.tel()
                && tel.len() < 3
            {
                problems.push(format!("{id}: the number is too short"));
            }
            if let (Some(min), Some(max)) = (h.age_min, h.age_max)
                && min > max
            {
                problems.push(format!("{id}: ages"));
            }
            problems.extend(length_problem(id, &h.name, 50));
            problems.extend(length_problem(id, &h.about, 160));
            problems.extend(length_problem(id, &h.serves, 60));
            for t in [&h.phone, &h.text, &h.hours].into_iter().flatten() {
                problems.extend(length_problem(id, t, 40));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
        // Everyone, wherever they live, has somewhere to turn.
        assert!(all.iter().filter(|h| h.is_international()).count() >= 2);
    }

    #[test]
    fn every_file_says_when_it_was_checked() {
        for f in FILES_PARSED.iter() {
            let (year, month) = f.checked.split_once('-').unwrap();
            assert_eq!(year.len(), 4);
            assert!(year.parse::<u32>().is_ok());
            assert!((1..=12).contains(&month.parse::<u32>().unwrap()));
        }
        assert_eq!(checked(), "2026-12");
    }

    #[test]
    fn a_member_sees_their_country_first_then_the_international_lines_for_their_age() {
        let gb = country("GB").unwrap();
        let teen = Support::for_member(Some(gb), Some(15));
        let ids: Vec<&str> = teen.helplines.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"gb-childline"));
        assert!(ids.contains(&"gb-ie-samaritans") && ids.contains(&"find-a-helpline"));
        assert!(!ids.contains(&"us-988") && !ids.contains(&"au-kids-helpline"));
        let mother = Support::for_member(Some(gb), None);
        let ids: HashSet<&str> = mother.helplines.iter().map(|h| h.id.as_str()).collect();
        assert!(!ids.contains("gb-childline") && ids.contains("gb-ie-samaritans"));
        let nowhere = Support::for_member(None, Some(15));
        assert!(nowhere.helplines.iter().all(|h| h.is_international()));
        assert!(!nowhere.helplines.is_empty());
        let au = Support::for_member(country("AU"), Some(4));
        assert!(!au.helplines.iter().any(|h| h.id == "au-kids-helpline"));
    }
}

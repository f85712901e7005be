//! Choosing a time zone: the zones of the time-zone database a person can recognise — by
//! region, by city, with the offset they have today — and nothing else. Aliases ("Europe/Kiev",
//! "Asia/Calcutta", "US/Eastern") fold into the zone they name, and the `Etc/GMT±N` zones,
//! whose signs read backwards ("Etc/GMT+1" is one hour *behind* UTC), are not offered at all:
//! UTC is.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::zone_links::LINKS;

/// The regions of the database, in the order a list shows them, with their catalogue keys.
const REGIONS: &[(&str, &str)] = &[
    ("Africa", "zones-region-africa"),
    ("America", "zones-region-america"),
    ("Antarctica", "zones-region-antarctica"),
    ("Asia", "zones-region-asia"),
    ("Atlantic", "zones-region-atlantic"),
    ("Australia", "zones-region-australia"),
    ("Europe", "zones-region-europe"),
    ("Indian", "zones-region-indian"),
    ("Pacific", "zones-region-pacific"),
];

/// Alias → zone.
static ALIASES: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| LINKS.iter().copied().collect());

/// A region's catalogue key, and its zones, each with the aliases that fold into it.
type Region = (&'static str, Vec<(Tz, Vec<&'static str>)>);

/// Every zone offered, by region.
static OFFERED: LazyLock<Vec<Region>> = LazyLock::new(|| {
    REGIONS
        .iter()
        .map(|(region, key)| {
            let mut zones: Vec<(Tz, Vec<&'static str>)> = chrono_tz::TZ_VARIANTS
                .iter()
                .filter(|tz| region_of(tz.name()) == Some(*region))
                .filter(|tz| !ALIASES.contains_key(tz.name()))
                .map(|tz| {
                    let aliases = LINKS
                        .iter()
                        .filter(|(_, zone)| *zone == tz.name())
                        .map(|(alias, _)| *alias)
                        .collect();
                    (*tz, aliases)
                })
                .collect();
            zones.sort_by_key(|(tz, _)| city(tz.name()));
            (*key, zones)
        })
        .collect()
});

fn region_of(name: &str) -> Option<&'static str> {
    let first = name.split('/').next()?;
    name.contains('/')
        .then(|| REGIONS.iter().find(|(r, _)| *r == first).map(|(r, _)| *r))
        .flatten()
}

/// The name of a zone as people say it: "Buenos Aires, Argentina" for
/// `America/Argentina/Buenos_Aires`, "Lisbon" for `Europe/Lisbon`.
pub fn city(name: &str) -> String {
    let parts: Vec<String> = name
        .split('/')
        .skip(1)
        .map(|p| p.replace('_', " "))
        .collect();
    match parts.as_slice() {
        [country, place] => format!("{place}, {country}"),
        [place] => place.clone(),
        _ => name.replace('_', " "),
    }
}

/// The zone a name stands for, if it is one Tandem offers: an alias becomes its zone, UTC
/// stays UTC, `Etc/…` and names outside the regions are `None`.
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name == "UTC" {
        return Some("UTC");
    }
    let zone = ALIASES.get(name).copied().unwrap_or(name);
    let tz: Tz = zone.parse().ok()?;
    (region_of(tz.name()).is_some() && !ALIASES.contains_key(tz.name())).then_some(tz.name())
}

/// One choice of the list.
pub struct ZoneChoice {
    pub name: &'static str,
    pub city: String,
    /// The offset from UTC at the moment of the list ("+01:00").
    pub offset: String,
    /// Other names of the same zone, space-separated, so a browser's or an older name finds it.
    pub aliases: String,
}

/// The offset of a zone at `at`, as "+05:30" or "−03:00".
pub fn offset(tz: Tz, at: DateTime<Utc>) -> String {
    let seconds = tz
        .offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc();
    let sign = if seconds < 0 { '−' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The zones offered, by region (each with its catalogue key), cities in order, with their
/// offsets at `at`.
pub fn by_region(at: DateTime<Utc>) -> Vec<(&'static str, Vec<ZoneChoice>)> {
    OFFERED
        .iter()
        .map(|(key, zones)| {
            let choices = zones
                .iter()
                .map(|(tz, aliases)| ZoneChoice {
                    name: tz.name(),
                    city: city(tz.name()),
                    offset: offset(*tz, at),
                    aliases: aliases.join(" "),
                })
                .collect();
            (*key, choices)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_and_zone_of_the_links_is_known_to_chrono_tz() {
        for (alias, zone) in LINKS {
            assert!(alias.parse::<Tz>().is_ok(), "{alias}");
            assert!(zone.parse::<Tz>().is_ok(), "{zone}");
        }
    }

    #[test]
    fn aliases_fold_into_their_zone_and_backwards_zones_are_refused() {
        assert_eq!(canonical("Europe/Kiev"), Some("Europe/Kyiv"));
        assert_eq!(canonical("Asia/Calcutta"), Some("Asia/Kolkata"));
        assert_eq!(canonical("US/Eastern"), Some("America/New_York"));
        assert_eq!(canonical(" Europe/Lisbon "), Some("Europe/Lisbon"));
        assert_eq!(canonical("UTC"), Some("UTC"));
        assert_eq!(canonical("Etc/GMT+1"), None);
        assert_eq!(canonical("Mars/Olympus"), None);
    }

    #[test]
    fn the_list_has_each_zone_once_under_its_region_with_todays_offset() {
        let at = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        let regions = by_region(at);
        let names: Vec<&str> = regions
            .iter()
            .flat_map(|(_, zones)| zones.iter().map(|z| z.name))
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert!(names.contains(&"Europe/Kyiv"));
        assert!(!names.contains(&"Europe/Kiev"));
        assert!(names.iter().all(|n| !n.starts_with("Etc/")));
        assert!(names.len() > 300 && names.len() < 460, "{}", names.len());
        let europe = &regions
            .iter()
            .find(|(k, _)| *k == "zones-region-europe")
            .unwrap()
            .1;
        let lisbon = europe.iter().find(|z| z.name == "Europe/Lisbon").unwrap();
        assert_eq!(
            (lisbon.city.as_str(), lisbon.offset.as_str()),
            ("Lisbon", "+01:00")
        );
        let kyiv = europe.iter().find(|z| z.name == "Europe/Kyiv").unwrap();
        assert!(kyiv.aliases.split(' ').any(|a| a == "Europe/Kiev"));
        let india = offset(chrono_tz::Asia::Kolkata, at);
        assert_eq!(india, "+05:30");
        assert_eq!(offset(chrono_tz::America::St_Johns, at), "−02:30");
        assert_eq!(
            city("America/Argentina/Buenos_Aires"),
            "Buenos Aires, Argentina"
        );
    }
}

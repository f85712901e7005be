//! Faces for the youngest: one small drawing per feeling word offered to a little one, so he
//! can point at how he feels before he can read. Drawn for Tandem: a round face, and eyes,
//! brows and mouth that change.

/// Eyes, brows and mouth of each face, as SVG shapes on a 64 × 64 face.
const FEATURES: &[(&str, &str)] = &[
    (
        "happy",
        r#"<circle cx="23" cy="26" r="3.5"/><circle cx="41" cy="26" r="3.5"/><path d="M20 38 Q32 50 44 38" fill="none"/>"#,
    ),
    (
        "excited",
        r#"<path d="M17 17 Q23 12 29 16 M35 16 Q41 12 47 17" fill="none"/><circle cx="23" cy="25" r="4"/><circle cx="41" cy="25" r="4"/><path d="M18 36 H46 Q44 52 32 52 Q20 52 18 36 Z" class="open"/>"#,
    ),
    (
        "calm",
        r#"<path d="M18 27 Q23 31 28 27 M36 27 Q41 31 46 27" fill="none"/><path d="M24 41 Q32 46 40 41" fill="none"/>"#,
    ),
    (
        "silly",
        r#"<circle cx="23" cy="26" r="3.5"/><path d="M36 26 H46" fill="none"/><path d="M20 38 Q32 48 44 38" fill="none"/><path d="M30 43 Q31 52 36 51 Q39 50 38 43" class="open"/>"#,
    ),
    (
        "loved",
        r#"<path d="M23 30 L18 25 A3 3 0 0 1 23 21 A3 3 0 0 1 28 25 Z M41 30 L36 25 A3 3 0 0 1 41 21 A3 3 0 0 1 46 25 Z" class="open"/><path d="M21 39 Q32 49 43 39" fill="none"/><circle cx="15" cy="36" r="3" class="cheek"/><circle cx="49" cy="36" r="3" class="cheek"/>"#,
    ),
    (
        "sad",
        r#"<path d="M17 21 L27 18 M37 18 L47 21" fill="none"/><circle cx="23" cy="28" r="3.5"/><circle cx="41" cy="28" r="3.5"/><path d="M21 47 Q32 37 43 47" fill="none"/><path d="M44 33 Q46 38 44 40 Q42 38 44 33 Z" class="tear"/>"#,
    ),
    (
        "angry",
        r#"<path d="M16 18 L28 24 M48 18 L36 24" fill="none"/><circle cx="23" cy="29" r="3.5"/><circle cx="41" cy="29" r="3.5"/><path d="M21 46 Q32 39 43 46" fill="none"/>"#,
    ),
    (
        "scared",
        r#"<path d="M17 17 Q23 13 28 17 M36 17 Q41 13 47 17" fill="none"/><circle cx="23" cy="27" r="5" class="ring"/><circle cx="23" cy="27" r="2"/><circle cx="41" cy="27" r="5" class="ring"/><circle cx="41" cy="27" r="2"/><ellipse cx="32" cy="44" rx="5" ry="6" class="open"/>"#,
    ),
    (
        "tired",
        r#"<path d="M18 28 H28 M36 28 H46" fill="none"/><path d="M19 31 Q23 33 27 31 M37 31 Q41 33 45 31" fill="none"/><path d="M27 44 H37" fill="none"/><path d="M47 10 H53 L47 16 H53" fill="none" class="zz"/>"#,
    ),
    (
        "worried",
        r#"<path d="M17 22 L27 18 M37 18 L47 22" fill="none"/><circle cx="23" cy="28" r="3.5"/><circle cx="41" cy="28" r="3.5"/><path d="M21 44 Q25 40 29 44 Q33 48 37 44 Q40 41 43 44" fill="none"/>"#,
    ),
    (
        "okay",
        r#"<circle cx="23" cy="27" r="3.5"/><circle cx="41" cy="27" r="3.5"/><path d="M24 43 H40" fill="none"/>"#,
    ),
    (
        "surprised",
        r#"<path d="M17 15 Q23 9 29 15 M35 15 Q41 9 47 15" fill="none"/><circle cx="23" cy="26" r="3.5"/><circle cx="41" cy="26" r="3.5"/><ellipse cx="32" cy="44" rx="4" ry="5" class="open"/>"#,
    ),
    (
        "proud",
        r#"<path d="M18 28 Q23 22 28 28 M36 28 Q41 22 46 28" fill="none"/><path d="M20 38 Q32 50 44 38" fill="none"/><path d="M53 6 L55 11 L60 11 L56 14 L58 19 L53 16 L48 19 L50 14 L46 11 L51 11 Z" class="star"/>"#,
    ),
    (
        "shy",
        r#"<circle cx="24" cy="30" r="3"/><circle cx="42" cy="30" r="3"/><path d="M28 43 Q32 46 36 43" fill="none"/><circle cx="15" cy="38" r="3.5" class="cheek"/><circle cx="49" cy="38" r="3.5" class="cheek"/>"#,
    ),
    (
        "grumpy",
        r#"<path d="M16 21 L28 23 M36 23 L48 21" fill="none"/><circle cx="23" cy="28" r="3.5"/><circle cx="41" cy="28" r="3.5"/><path d="M24 46 Q32 41 40 46" fill="none"/>"#,
    ),
    (
        "bored",
        r#"<path d="M18 25 H29 M35 25 H46" fill="none"/><circle cx="24" cy="28" r="3"/><circle cx="42" cy="28" r="3"/><path d="M25 45 L39 43" fill="none"/>"#,
    ),
    (
        "hurt",
        r#"<path d="M18 20 L27 17 M37 17 L46 20" fill="none"/><path d="M18 29 Q23 25 28 29 M36 29 Q41 25 46 29" fill="none"/><path d="M22 47 Q32 40 42 47" fill="none"/><path d="M47 33 Q49 38 47 40 Q45 38 47 33 Z" class="tear"/>"#,
    ),
];

/// The names of all faces.
pub fn names() -> impl Iterator<Item = &'static str> {
    FEATURES.iter().map(|(name, _)| *name)
}

/// The whole drawing of a face, decorative (the word beside it is what is read out).
/// The words with faces a little one points at, each with its drawing, when the one checking
/// in through `access` is a little son (in together mode); none for anyone else. Today and the
/// feelings page both start a little one's check-in from these, not from the grid.
pub fn for_little(
    access: &crate::privacy::BondAccess,
) -> Vec<(&'static super::vocabulary::Feeling, String)> {
    use crate::family::AgeBand;
    if super::checkin::band_of(access) != AgeBand::Little {
        return Vec::new();
    }
    super::vocabulary::offered(AgeBand::Little, None)
        .into_iter()
        .map(|f| (f, f.face.as_deref().and_then(svg).unwrap_or_default()))
        .collect()
}

pub fn svg(name: &str) -> Option<String> {
    let (_, features) = FEATURES.iter().find(|(n, _)| *n == name)?;
    Some(format!(
        r#"<svg class="face" viewBox="0 0 64 64" width="48" height="48" aria-hidden="true" focusable="false"><circle cx="32" cy="32" r="29" class="skin"/><g class="features">{features}</g></svg>"#
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_face_is_drawn_once() {
        let names: Vec<_> = super::names().collect();
        assert_eq!(names.len(), 17);
        for name in &names {
            let svg = super::svg(name).unwrap();
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        }
        assert!(super::svg("grumpy-cat").is_none());
    }
}

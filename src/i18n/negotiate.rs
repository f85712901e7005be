//! The browser's language: the best match of `Accept-Language` among the catalogue's.

use super::Tr;

/// The language to answer a browser in: its most wanted one that Tandem has, exactly
/// (`pt-BR`) or by its language alone (`en-GB` reads `en`); English when none fits.
pub fn best(accept_language: &str) -> Tr {
    let mut wanted: Vec<(f32, usize, &str)> = accept_language
        .split(',')
        .enumerate()
        .filter_map(|(order, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && quality > 0.0).then_some((quality, order, tag))
        })
        .collect();
    // Most wanted first; among equals, the order the browser gave.
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted
        .iter()
        .find_map(|(_, _, tag)| {
            Tr::from_tag(tag).or_else(|| {
                let language = tag.split(['-', '_']).next()?;
                super::offered().find(|tr| tr.tag().eq_ignore_ascii_case(language))
            })
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_wanted_language_tandem_has_is_chosen() {
        assert_eq!(best("en-GB,en;q=0.9").tag(), "en");
        assert_eq!(best("xx, en;q=0.5").tag(), "en");
        assert_eq!(best("en-XA").tag(), "en-XA");
        assert_eq!(best("fr;q=0.9, en-XA;q=0.1").tag(), "en-XA");
        assert_eq!(best("").tag(), "en");
        assert_eq!(best(";;,q=").tag(), "en");
        assert_eq!(best("en-XA;q=0").tag(), "en");
    }
}

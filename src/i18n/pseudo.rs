//! The pseudo-language `en-XA`: English with every vowel accented and doubled (about 40 %
//! longer, as many languages are), so a page shows both text that bypasses the catalogue
//! (no `⟦…⟧` around it) and layouts that break when words grow.

use std::borrow::Cow;

/// Lengthens the text of a message, leaving markup (`<strong>`) and entities as they are.
/// Fluent calls it on the message's own text only, never on a placeable's value.
pub fn lengthen(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut in_tag = false;
    let mut in_entity = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '&' => in_entity = true,
            ';' if in_entity => in_entity = false,
            _ => {}
        }
        let accented = match c {
            _ if in_tag || in_entity => None,
            'a' => Some('á'),
            'e' => Some('é'),
            'i' => Some('í'),
            'o' => Some('ó'),
            'u' => Some('ú'),
            'A' => Some('Á'),
            'E' => Some('É'),
            'I' => Some('Í'),
            'O' => Some('Ó'),
            'U' => Some('Ú'),
            _ => None,
        };
        match accented {
            Some(a) => {
                out.push(a);
                out.push(a);
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vowels_are_doubled_and_markup_kept() {
        assert_eq!(lengthen("Log out"), "Lóóg óóúút");
        assert_eq!(lengthen("with <strong>"), "wííth <strong>");
        assert_eq!(lengthen("a &amp; b"), "áá &amp; b");
    }
}

//! The library's rules of wording, voice and safety that a reader can check word by word (see
//! `content/README.md`): the mother's side speaks to her about him, and nothing assumes she has
//! been there since his birth.

use super::*;

/// Said on the mother's side, these can only be the son speaking of himself ("at my age"), or
/// they take for granted that she has known him since he was born.
const NOT_HER_VOICE: &[&str] = &["my age", "me as a", "when i was tiny", "raising me"];

/// A text as the check reads it: lowercase, with plain apostrophes.
pub(crate) fn plain(text: &str) -> String {
    text.to_lowercase().replace('\u{2019}', "'")
}

/// The texts of `texts` holding one of `words`, as "id: text".
pub(crate) fn holding<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    words: &[&str],
) -> Vec<String> {
    texts
        .into_iter()
        .filter(|(_, text)| words.iter().any(|w| plain(text).contains(w)))
        .map(|(id, text)| format!("{id}: {text}"))
        .collect()
}

#[test]
fn the_mothers_side_names_him_and_never_speaks_as_him() {
    let mothers = all()
        .iter()
        .filter_map(|q| Some((q.id.as_str(), q.mother.as_deref()?)));
    let wrong = holding(mothers, NOT_HER_VOICE);
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The check reads what it should.
    assert_eq!(
        holding([("x", "What did you play at My Age?")], NOT_HER_VOICE).len(),
        1
    );
}

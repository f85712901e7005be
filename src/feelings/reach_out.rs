//! The safety net under hard feelings: after a check-in with one of the most intense heavy or
//! stormy words (`reach_out` in `content/feelings/words.toml`), its author sees a gentle card
//! (`content/feelings/reach_out.toml`): talk to someone you trust, a one-tap "I'd like to
//! talk" to the other member, and helplines of the author's country.
//!
//! The card is for the one who checked in only. It is decided from the word and the strength,
//! never from the note (private writing is not read), and it leaves no trace: nothing is
//! stored when it is shown, so no page, count, chart, mail or metric of the other member's
//! can mention it. The one-tap "I'd like to talk" is the talk page's own form, sent with no
//! topic: the same request, the same route (so not even a metric tells it apart), and no link
//! to the check-in.

use std::sync::LazyLock;

use serde::Deserialize;

use super::{
    checkin::{Checkin, band_of},
    helplines::Support,
    support::support_for,
};
use crate::{
    auth::Viewer,
    content::parse,
    db::Handle,
    error::AppResult,
    family::{AgeBand, Role},
    privacy::BondAccess,
    talk::requests::{TalkSetting, Urgency, Wish},
};

/// The card's words for some age bands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voice {
    pub id: String,
    pub bands: Vec<AgeBand>,
    pub heading: String,
    pub body: String,
    /// "Talk to someone you trust", in this voice.
    pub trusted: String,
    /// The one-tap button.
    pub ask: String,
    /// Introduces the helplines.
    pub helplines: String,
    /// Ends with "call", followed by the emergency number.
    pub danger: String,
}

#[derive(Deserialize)]
struct VoicesFile {
    voice: Vec<Voice>,
}

static VOICES: LazyLock<Vec<Voice>> = LazyLock::new(|| {
    parse::<VoicesFile>(
        "feelings/reach_out.toml",
        include_str!("../../content/feelings/reach_out.toml"),
    )
    .voice
});

/// The voice for the one who checked in: the son's band, or the grown-up one for a mother
/// (whose band [`band_of`] gives as adult).
pub fn voice_for(band: AgeBand) -> Option<&'static Voice> {
    VOICES.iter().find(|v| v.bands.contains(&band))
}

/// What the card shows.
pub struct ReachOutCard {
    pub voice: &'static Voice,
    pub support: Support,
    /// Whether to offer the one-tap request to the other member. A son always may ask his
    /// mother; a mother asks a son only once he is grown up, so that a boy is never made his
    /// mother's support in a crisis.
    pub can_ask: bool,
    pub partner_name: String,
}

impl ReachOutCard {
    /// The talk-request form's fields for the one tap: to be listened to, side by side,
    /// today if they can.
    pub fn ask_fields(&self) -> [(&'static str, &'static str); 3] {
        [
            ("wish", Wish::Listen.as_str()),
            ("setting", TalkSetting::SideBySide.as_str()),
            ("urgency", Urgency::Today.as_str()),
        ]
    }
}

/// The card for a check-in, when its reader should see one: only its author, not in together
/// mode (the mother holds the phone then; a little one is never offered such words anyway),
/// and only for a word that reaches out at the strength given.
pub async fn card_for(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: &BondAccess,
    checkin: &Checkin,
) -> AppResult<Option<ReachOutCard>> {
    let author = viewer.actor();
    if &checkin.author_id != access.me()
        || viewer.together_with().is_some()
        || !checkin
            .feeling()
            .is_some_and(|f| f.reaches_out_at(checkin.intensity))
    {
        return Ok(None);
    }
    let Some(voice) = voice_for(band_of(access)) else {
        return Ok(None);
    };
    let son_band = access.bond().son.age_band();
    let can_ask = match author.role {
        Role::Son => true,
        Role::Mother => son_band.is_some_and(|b| b >= AgeBand::YoungAdult),
    };
    Ok(Some(ReachOutCard {
        voice,
        support: support_for(h, author).await?,
        can_ask,
        partner_name: access.partner().display_name.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        content::check::{duplicate_ids, length_problem},
        feelings::vocabulary,
    };

    #[test]
    fn every_band_that_meets_a_reaching_word_has_one_voice() {
        assert_eq!(
            duplicate_ids(VOICES.iter().map(|v| v.id.as_str())),
            Vec::<String>::new()
        );
        for band in AgeBand::ALL {
            let voices = VOICES.iter().filter(|v| v.bands.contains(&band)).count();
            let meets = vocabulary::all()
                .iter()
                .any(|f| f.reach_out.is_some() && f.offered_to(band));
            assert!(voices <= 1, "{band:?} has {voices} voices");
            assert!(!meets || voices == 1, "{band:?} meets such words, no voice");
        }
        // The mother reads the grown-up voice.
        assert!(voice_for(AgeBand::Adult).is_some());
        let mut problems = Vec::new();
        for v in VOICES.iter() {
            for (text, max) in [
                (&v.heading, 60),
                (&v.body, 200),
                (&v.trusted, 200),
                (&v.ask, 30),
                (&v.helplines, 200),
                (&v.danger, 120),
            ] {
                problems.extend(length_problem(&v.id, text, max));
            }
            if !v.danger.ends_with("call") {
                problems.push(format!("{}: the danger line ends with \"call\"", v.id));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

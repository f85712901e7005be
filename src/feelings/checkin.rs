//! A check-in: how one member feels right now, as a word of the vocabulary (or their own word
//! placed on the grid), with an optional intensity, note and need. Private unless shared.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::{
    guides::{self, Need},
    vocabulary::{self, Feeling, Quadrant},
};
use crate::{
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::{AgeBand, MemberId},
    i18n::{Key, Msg, Tr, dates},
    privacy::{Bind, BondAccess, BondRecord, Visibility, update_own},
    web::form::{FieldErrors, line, text},
};

pub const NOTE_MAX: usize = 1000;
pub const CUSTOM_WORD_MAX: usize = 30;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Checkin {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    pub feeling_id: Option<String>,
    pub custom_word: Option<String>,
    pub quadrant: Quadrant,
    pub intensity: Option<i64>,
    pub note: Option<String>,
    pub need: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl BondRecord for Checkin {
    const TABLE: &'static str = "checkins";
    const COLUMNS: &'static str = "id, author_id, visibility, made_together, feeling_id, \
        custom_word, quadrant, intensity, note, need, created_at, updated_at";
}

impl Checkin {
    pub fn feeling(&self) -> Option<&'static Feeling> {
        self.feeling_id.as_deref().and_then(vocabulary::by_id)
    }

    /// The word as the member chose or wrote it.
    pub fn word(&self) -> &str {
        vocabulary::word_of(self.feeling_id.as_deref(), self.custom_word.as_deref())
    }

    pub fn need(&self) -> Option<&'static Need> {
        self.need.as_deref().and_then(guides::need)
    }

    pub fn is_shared(&self) -> bool {
        self.visibility == Visibility::Shared
    }

    /// The day it was written, in the author's time zone.
    pub fn day_in(&self, tz: chrono_tz::Tz) -> NaiveDate {
        self.created_at.with_timezone(&tz).date_naive()
    }

    /// "Sat 21 Nov, 18:05" in the reader's language and time zone.
    pub fn when(&self, tr: &Tr, tz: chrono_tz::Tz) -> String {
        dates::weekday_day_month_short_time(tr, &self.created_at.with_timezone(&tz))
    }
}

/// What the check-in form sends. Everything is text, so that any input can be answered with
/// a message rather than a rejected request.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct CheckinForm {
    pub quadrant: String,
    pub feeling: String,
    pub custom_word: String,
    pub intensity: String,
    pub note: String,
    pub need: String,
    pub visibility: String,
}

/// A check-in about to be written, already checked.
#[derive(Debug)]
pub struct NewCheckin {
    pub feeling_id: Option<String>,
    pub custom_word: Option<String>,
    pub quadrant: Quadrant,
    pub intensity: Option<i64>,
    pub note: Option<String>,
    pub need: Option<String>,
    pub visibility: Visibility,
}

impl CheckinForm {
    /// The form as it was filled for an existing check-in (to edit it).
    pub fn from_checkin(c: &Checkin) -> CheckinForm {
        CheckinForm {
            quadrant: c.quadrant.as_str().into(),
            feeling: c.feeling_id.clone().unwrap_or_default(),
            custom_word: c.custom_word.clone().unwrap_or_default(),
            intensity: c.intensity.map(|i| i.to_string()).unwrap_or_default(),
            note: c.note.clone().unwrap_or_default(),
            need: c.need.clone().unwrap_or_default(),
            visibility: c.visibility.as_str().into(),
        }
    }

    pub fn quadrant(&self) -> Option<Quadrant> {
        Quadrant::parse(self.quadrant.trim())
    }

    pub fn validate(&self, partner_name: &str, errors: &mut FieldErrors) -> Option<NewCheckin> {
        let own = self.custom_word.trim();
        let (feeling_id, custom_word, quadrant) = if !own.is_empty() {
            let word = errors.take(
                "custom_word",
                line(own, Key("field-your-own-word"), 1, CUSTOM_WORD_MAX),
            );
            let quadrant = self.quadrant();
            if quadrant.is_none() {
                errors.add("quadrant", Msg::new("feelings-choose-part-grid-own"));
            }
            (None, Some(word), quadrant)
        } else if self.feeling.trim().is_empty() {
            errors.add("feeling", Msg::new("feelings-pick-word-closest-how"));
            (None, None, None)
        } else {
            match vocabulary::by_id(self.feeling.trim()) {
                Some(f) => (Some(f.id.clone()), None, Some(f.quadrant())),
                None => {
                    errors.add("feeling", Msg::new("feelings-unknown-feeling-word"));
                    (None, None, None)
                }
            }
        };
        let intensity = match self.intensity.trim() {
            "" => None,
            value => match value.parse::<i64>() {
                Ok(i) if (1..=5).contains(&i) => Some(i),
                _ => {
                    errors.add("intensity", Msg::new("feelings-strength-goes-from-1"));
                    None
                }
            },
        };
        let note = errors.take("note", text(&self.note, Key("field-the-note"), 0, NOTE_MAX));
        let need = match self.need.trim() {
            "" => None,
            id => match guides::need(id) {
                Some(n) => Some(n.id.clone()),
                None => {
                    errors.add("need", Msg::new("feelings-please-choose-one-needs"));
                    None
                }
            },
        };
        let visibility = match Visibility::parse(self.visibility.trim()) {
            Some(v @ (Visibility::Private | Visibility::Shared)) => Some(v),
            _ => {
                errors.add(
                    "visibility",
                    Msg::with(
                        "feelings-private-or-shared-with",
                        [("partner", partner_name.into())],
                    ),
                );
                None
            }
        };
        if !errors.is_empty() {
            return None;
        }
        Some(NewCheckin {
            feeling_id,
            custom_word,
            quadrant: quadrant?,
            intensity,
            note: (!note.is_empty()).then_some(note),
            need,
            visibility: visibility?,
        })
    }
}

/// Writes a check-in as the acting member of the bond, made at `at` (now, except for the demo
/// family's history).
pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    c: &NewCheckin,
    at: DateTime<Utc>,
) -> AppResult<String> {
    let id = new_id();
    db_exec!(h, |conn| sqlx::query(
        "INSERT INTO checkins (id, bond_id, author_id, visibility, made_together, feeling_id,
             custom_word, quadrant, intensity, note, need, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(c.visibility)
    .bind(made_together)
    .bind(&c.feeling_id)
    .bind(&c.custom_word)
    .bind(c.quadrant)
    .bind(c.intensity)
    .bind(&c.note)
    .bind(&c.need)
    .bind(at)
    .execute(conn)
    .await)?;
    Ok(id)
}

/// Rewrites one of the acting member's own check-ins; a change to private hides it from the
/// partner at once, because every read filters on the stored visibility.
pub async fn update(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
    c: &NewCheckin,
) -> AppResult<()> {
    let text_or_null = |v: &Option<String>| v.clone().map(Bind::Text).unwrap_or(Bind::Null);
    update_own::<Checkin>(
        h,
        access,
        id,
        vec![
            (col!("feeling_id"), text_or_null(&c.feeling_id)),
            (col!("custom_word"), text_or_null(&c.custom_word)),
            (col!("quadrant"), Bind::Text(c.quadrant.as_str().into())),
            (
                col!("intensity"),
                c.intensity.map(Bind::Int).unwrap_or(Bind::NullInt),
            ),
            (col!("note"), text_or_null(&c.note)),
            (col!("need"), text_or_null(&c.need)),
            (col!("visibility"), Bind::Text(c.visibility.as_str().into())),
            (col!("updated_at"), Bind::Time(now())),
        ],
    )
    .await
}

/// The age band whose words and wording the acting member sees: the son's own band, the
/// full set for a mother (and for a son whose birth date is unknown).
pub fn band_of(access: &BondAccess) -> AgeBand {
    let bond = access.bond();
    if access.me() == &bond.son.id {
        bond.son.age_band().unwrap_or(AgeBand::Teen)
    } else {
        AgeBand::Adult
    }
}

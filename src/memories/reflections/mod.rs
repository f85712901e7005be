//! One member's perspective on a moment the two lived: the highlight, something I learned
//! about you, how I felt (a word of the feelings vocabulary, or one's own words). On a memory
//! made directly it is shared at once; on a plan it stays private until both have reflected.
//! A moment is named by a text key: `memory:<id>` for a memory made directly, and the plan
//! occurrence's own key for a plan.

pub mod on_plans;
pub mod page;

use chrono::{DateTime, Utc};

use crate::{
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::{AppError, AppResult},
    family::{AgeBand, MemberId},
    feelings::{
        checkin::band_of,
        vocabulary::{self, Feeling, Quadrant},
    },
    i18n::{Key, Msg},
    memories::photos::upload::PhotoForm,
    privacy::{Bind, BondAccess, BondRecord, Visibility, update_own, visible},
    web::form::{FieldErrors, line, text},
};

pub const HIGHLIGHT_MAX: usize = 1000;
pub const LEARNED_MAX: usize = 1000;
pub const FEELING_WORDS_MAX: usize = 120;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reflection {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    pub moment_key: String,
    pub highlight: String,
    pub learned: String,
    pub feeling_id: Option<String>,
    pub feeling_words: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl BondRecord for Reflection {
    const TABLE: &'static str = "reflections";
    const COLUMNS: &'static str = "id, author_id, visibility, made_together, moment_key, \
         highlight, learned, feeling_id, feeling_words, created_at, updated_at";
}

impl Reflection {
    /// How the author felt, in the library's word or their own (or both).
    pub fn feeling(&self) -> String {
        let word = self
            .feeling_id
            .as_deref()
            .and_then(vocabulary::by_id)
            .map(|f| f.word.as_str());
        match (word, self.feeling_words.as_str()) {
            (Some(w), "") => w.to_owned(),
            (Some(w), own) => format!("{w} — {own}"),
            (None, own) => own.to_owned(),
        }
    }
}

/// The fields of a perspective as typed, kept for re-display when something is wrong.
#[derive(Debug, Default, Clone)]
pub struct PerspectiveForm {
    pub highlight: String,
    pub learned: String,
    pub feeling: String,
    pub feeling_words: String,
}

/// A checked perspective.
#[derive(Debug, Clone)]
pub struct Perspective {
    pub highlight: String,
    pub learned: String,
    pub feeling_id: Option<String>,
    pub feeling_words: String,
}

/// Whose side a form's perspective fields hold: the acting member's own (`highlight`…), or,
/// in together mode, his mother's beside his on the same form (`hers_highlight`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormSide {
    #[default]
    Own,
    Hers,
}

impl FormSide {
    /// The form's name for one of the perspective fields on this side.
    pub fn name(self, field: &'static str) -> &'static str {
        match (self, field) {
            (FormSide::Own, _) => field,
            (FormSide::Hers, "highlight") => "hers_highlight",
            (FormSide::Hers, "learned") => "hers_learned",
            (FormSide::Hers, "feeling") => "hers_feeling",
            (FormSide::Hers, "feeling_words") => "hers_feeling_words",
            (FormSide::Hers, other) => other,
        }
    }
}

impl PerspectiveForm {
    /// The perspective fields of a form with photos.
    pub fn read(upload: &PhotoForm) -> PerspectiveForm {
        PerspectiveForm::read_side(upload, FormSide::Own)
    }

    /// The fields of one side of a form with photos.
    pub fn read_side(upload: &PhotoForm, side: FormSide) -> PerspectiveForm {
        let field = |name| upload.text(side.name(name)).to_owned();
        PerspectiveForm {
            highlight: field("highlight"),
            learned: field("learned"),
            feeling: field("feeling"),
            feeling_words: field("feeling_words"),
        }
    }

    /// Nothing typed at all (her side of a together form may be left for later).
    pub fn is_blank(&self) -> bool {
        [
            &self.highlight,
            &self.learned,
            &self.feeling,
            &self.feeling_words,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }

    pub fn from_reflection(r: &Reflection) -> PerspectiveForm {
        PerspectiveForm {
            highlight: r.highlight.clone(),
            learned: r.learned.clone(),
            feeling: r.feeling_id.clone().unwrap_or_default(),
            feeling_words: r.feeling_words.clone(),
        }
    }

    /// Checks the fields; a feeling word must be one offered to the author's age band.
    pub fn validate(&self, band: AgeBand, errors: &mut FieldErrors) -> Option<Perspective> {
        self.validate_side(band, errors, FormSide::Own)
    }

    /// [`PerspectiveForm::validate`] for one side of a form: errors under that side's names.
    pub fn validate_side(
        &self,
        band: AgeBand,
        errors: &mut FieldErrors,
        side: FormSide,
    ) -> Option<Perspective> {
        let before = errors.len();
        let highlight = errors.take(
            side.name("highlight"),
            text(
                &self.highlight,
                Key("field-the-highlight"),
                1,
                HIGHLIGHT_MAX,
            ),
        );
        let learned = errors.take(
            side.name("learned"),
            text(&self.learned, Key("field-what-you-learned"), 0, LEARNED_MAX),
        );
        let feeling_words = errors.take(
            side.name("feeling_words"),
            line(
                &self.feeling_words,
                Key("field-your-own-words"),
                0,
                FEELING_WORDS_MAX,
            ),
        );
        let feeling_id = match self.feeling.trim() {
            "" => None,
            id => match vocabulary::by_id(id).filter(|f| f.offered_to(band)) {
                Some(f) => Some(f.id.clone()),
                None => {
                    errors.add(
                        side.name("feeling"),
                        Msg::new("memories-please-choose-one-words"),
                    );
                    None
                }
            },
        };
        (errors.len() == before).then_some(Perspective {
            highlight,
            learned,
            feeling_id,
            feeling_words,
        })
    }
}

/// What the perspective fields of a form need (`templates/together/_perspective_fields.html`).
pub struct PerspectiveView {
    pub form: PerspectiveForm,
    /// The feelings words offered to the acting member, by part of the grid: those of the
    /// son's band for him, all of them for his mother.
    pub groups: Vec<(Quadrant, Vec<&'static Feeling>)>,
    /// Photos were chosen but the form is shown again: they have to be chosen again.
    pub photos_dropped: bool,
    /// A little one's side, written by his mother with him: words read aloud to him.
    pub little: bool,
    /// Whose fields these are on the form.
    pub side: FormSide,
}

impl PerspectiveView {
    pub fn new(access: &BondAccess, form: PerspectiveForm, photos_dropped: bool) -> Self {
        let band = band_of(access);
        let groups = Quadrant::SHOWN
            .iter()
            .map(|q| (*q, vocabulary::offered(band, Some(*q))))
            .filter(|(_, words)| !words.is_empty())
            .collect();
        PerspectiveView {
            form,
            groups,
            photos_dropped,
            little: band == crate::family::AgeBand::Little,
            side: FormSide::Own,
        }
    }

    /// The same, for her side beside his on one together form (no photos of its own: the
    /// photos of the moment go with his side).
    pub fn hers(mother: &BondAccess, form: PerspectiveForm) -> Self {
        PerspectiveView {
            side: FormSide::Hers,
            ..PerspectiveView::new(mother, form, false)
        }
    }

    /// The form's name (and the errors' key) of one of its fields.
    pub fn name(&self, field: &'static str) -> &'static str {
        self.side.name(field)
    }

    /// Whether the photo field goes with these fields.
    pub fn has_photos(&self) -> bool {
        self.side == FormSide::Own
    }

    /// Whom the questions speak to: `little` (asked aloud, written down for him) or `other`.
    pub fn reader(&self) -> &'static str {
        if self.little { "little" } else { "other" }
    }

    pub fn is_chosen(&self, feeling: &Feeling) -> bool {
        self.form.feeling.trim() == feeling.id
    }
}

/// The acting member's own perspective on a moment, if written.
pub async fn mine(
    h: &mut impl Handle,
    access: &BondAccess,
    moment_key: &str,
) -> AppResult<Option<Reflection>> {
    Ok(visible::<Reflection>(access)
        .mine()
        .filter(col!("moment_key").eq(Bind::Text(moment_key.into())))
        .limit(1)
        .list(h)
        .await?
        .into_iter()
        .next())
}

/// The perspectives on these moments the acting member may see, oldest first.
pub async fn of_moments(
    h: &mut impl Handle,
    access: &BondAccess,
    moment_keys: &[&str],
) -> AppResult<Vec<Reflection>> {
    visible::<Reflection>(access)
        .any_text_of(col!("moment_key"), moment_keys)
        .order_by("created_at ASC, id ASC")
        .limit(2000)
        .list(h)
        .await
}

/// Writes the acting member's perspective on a moment; a second one on the same moment is
/// refused by the database and reported as a conflict. Returns the new id.
pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    moment_key: &str,
    p: &Perspective,
    visibility: Visibility,
    made_together: bool,
) -> AppResult<String> {
    let id = new_id();
    let at = now();
    let inserted = db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO reflections (id, bond_id, author_id, visibility, made_together, moment_key,
             highlight, learned, feeling_id, feeling_words, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
         ON CONFLICT (bond_id, moment_key, author_id) DO NOTHING"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(visibility)
    .bind(made_together)
    .bind(moment_key)
    .bind(&p.highlight)
    .bind(&p.learned)
    .bind(&p.feeling_id)
    .bind(&p.feeling_words)
    .bind(at)
    .execute(c)
    .await
    })?;
    if inserted == 0 {
        return Err(AppError::Conflict(Msg::new(
            "memories-have-already-written-part",
        )));
    }
    Ok(id)
}

/// The author changes their own perspective's words (visibility stays as it is).
pub async fn update(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
    p: &Perspective,
) -> AppResult<()> {
    update_own::<Reflection>(
        h,
        access,
        id,
        vec![
            (col!("highlight"), Bind::Text(p.highlight.clone())),
            (col!("learned"), Bind::Text(p.learned.clone())),
            (
                col!("feeling_id"),
                p.feeling_id.clone().map_or(Bind::Null, Bind::Text),
            ),
            (col!("feeling_words"), Bind::Text(p.feeling_words.clone())),
            (col!("updated_at"), Bind::Time(now())),
        ],
    )
    .await
}

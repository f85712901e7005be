//! What the check-in form needs, shared by the page that makes a check-in and the one that
//! edits it, and the address of a bond's feelings pages.

use crate::feelings::{
    checkin::{CheckinForm, band_of},
    faces,
    guides::{self, Need},
    vocabulary::{self, Feeling, Quadrant},
};
use crate::{
    app::AppState,
    family::AgeBand,
    i18n::Tr,
    privacy::{BondAccess, Visibility},
    web::{controls::Choice, form::FieldErrors},
};

/// The address of a bond's feelings pages.
pub fn home_path(access: &BondAccess) -> String {
    access.href("feelings")
}

/// The full link to a bond's feelings page, for mail.
pub(super) fn feelings_link(state: &AppState, access: &BondAccess) -> String {
    state.config.link(&home_path(access))
}

/// Everything the check-in form needs, shared by the new and the edit page.
pub struct CheckinFormView {
    pub action: String,
    pub editing: bool,
    pub band: AgeBand,
    pub quadrant: Option<Quadrant>,
    pub words: Vec<&'static Feeling>,
    pub form: CheckinForm,
    pub errors: FieldErrors,
    pub partner_name: String,
}

impl CheckinFormView {
    pub(super) fn new(
        access: &BondAccess,
        action: String,
        editing: bool,
        mut form: CheckinForm,
        errors: FieldErrors,
    ) -> Self {
        let band = band_of(access);
        // A known word brings its quadrant, so that a form sent without one (forged, or from
        // an old page) still shows its words and the messages next to them.
        if form.quadrant().is_none()
            && let Some(f) = vocabulary::by_id(form.feeling.trim())
        {
            form.quadrant = f.quadrant().as_str().into();
        }
        // A little one sees all his words at once, with faces; older ones pick a quadrant first.
        let quadrant = form.quadrant();
        let words = if band == AgeBand::Little {
            vocabulary::offered(band, None)
        } else {
            quadrant
                .map(|q| vocabulary::offered(band, Some(q)))
                .unwrap_or_default()
        };
        CheckinFormView {
            action,
            editing,
            band,
            quadrant,
            words,
            form,
            errors,
            partner_name: access.partner().display_name.clone(),
        }
    }

    pub fn quadrants(&self) -> &'static [Quadrant] {
        &Quadrant::SHOWN
    }

    pub fn face(&self, f: &Feeling) -> String {
        f.face.as_deref().and_then(faces::svg).unwrap_or_default()
    }

    pub fn definition<'a>(&self, f: &'a Feeling) -> &'a str {
        f.definition(&self.band)
    }

    pub fn needs(&self) -> &'static [Need] {
        guides::needs()
    }

    /// "What I need right now", in the words of the reader's age.
    pub fn need_choices(&self) -> Vec<Choice> {
        self.needs()
            .iter()
            .map(|n| Choice::new(&n.id, n.label_for(self.band)))
            .collect()
    }

    /// How strong, from 1 to 5.
    pub fn intensities(&self) -> Vec<Choice> {
        (1..=5).map(|i| Choice::new(i, i.to_string())).collect()
    }

    /// How strong, for a little one: a small, a middle and a big face (stored as 1, 3 and 5
    /// on the same scale as everyone's), each with its catalogue key and its size.
    pub fn strengths(&self) -> [(&'static str, &'static str, &'static str); 3] {
        [
            ("1", "feelings-strength-small", "small"),
            ("3", "feelings-strength-medium", "medium"),
            ("5", "feelings-strength-big", "big"),
        ]
    }

    /// The face the strength choices are drawn with: the one he picked, else a calm one.
    pub fn strength_face(&self) -> String {
        super::super::vocabulary::by_id(&self.form.feeling)
            .and_then(|f| f.face.as_deref())
            .and_then(faces::svg)
            .or_else(|| faces::svg("calm"))
            .unwrap_or_default()
    }

    /// Who sees an edited check-in: only its author, or both.
    pub fn visibility_choices(&self, tr: &Tr) -> Vec<Choice> {
        vec![
            Choice::new(Visibility::Private, tr.t("feelings-form-only-me")),
            Choice::new(
                Visibility::Shared,
                tr.t_with(
                    "feelings-form-me-and",
                    &[("partner", self.partner_name.as_str().into())],
                ),
            ),
        ]
    }

    pub fn show_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// The optional details start open when one of them needs fixing or is already filled.
    pub fn details_open(&self) -> bool {
        ["intensity", "note", "need"]
            .iter()
            .any(|f| self.errors.get(f).is_some())
            || !(self.form.intensity.is_empty()
                && self.form.note.is_empty()
                && self.form.need.is_empty())
    }

    pub fn is_current(&self, q: &Quadrant) -> bool {
        self.quadrant == Some(*q)
    }

    pub fn is_little(&self) -> bool {
        self.band == AgeBand::Little
    }

    /// The messages of the fields that are only drawn beside the words: shown on their own
    /// when no part of the grid is chosen, so that a refused form always says why.
    pub fn loose_errors(&self) -> Vec<String> {
        [
            "feeling",
            "custom_word",
            "intensity",
            "note",
            "need",
            "visibility",
        ]
        .iter()
        .filter_map(|f| self.errors.get(f))
        .collect()
    }
}

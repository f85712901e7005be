//! Finding something to do: the browse page with its filters, a page of twenty cards at a time,
//! and one activity's page.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use super::{
    catalogue::{self, ActivityView, Facet, FilterForm, band_words, son_band},
    favourites::{self, Favourites},
    library::{Category, Cost, Energy, Place, Season},
};
use crate::{
    app::AppState,
    auth::Viewer,
    error::{AppError, AppResult},
    family::AgeBand,
    privacy::BondAccess,
    web::{
        form::FieldErrors,
        page::{Layout, Section, ok, render},
        pager::{self, Pager},
    },
};

#[derive(Template)]
#[template(path = "together/activities.html")]
struct BrowsePage {
    layout: Layout,
    access: BondAccess,
    band: AgeBand,
    form: FilterForm,
    errors: FieldErrors,
    /// This page's cards of all that pass the filters.
    results: Vec<ActivityView>,
    pager: Pager,
    liked: Favourites,
    /// "Surprise us" found nothing that passes the filters.
    no_surprise: bool,
    /// When nothing passes: filters that, left out, would let something through.
    loosen: Vec<Facet>,
}

impl BrowsePage {
    fn categories(&self) -> &'static [Category] {
        Category::ALL
    }
    fn costs(&self) -> &'static [Cost] {
        Cost::ALL
    }
    fn places(&self) -> [Place; 2] {
        [Place::Indoor, Place::Outdoor]
    }
    fn seasons(&self) -> &'static [Season] {
        &Season::ALL[1..]
    }
    fn energies(&self) -> &'static [Energy] {
        Energy::ALL
    }
    /// This page with its filters and its number, to come back to after starring one.
    fn here(&self) -> String {
        self.pager.path(self.pager.number())
    }
    /// Back to this page, at the activity's card.
    fn back_to(&self, a: &ActivityView) -> String {
        format!("{}#a-{}", self.here(), a.id)
    }
    fn band_words(&self) -> String {
        band_words(&self.layout.tr, self.band)
    }
    /// The filters to leave out, as a list: "the kind, the cost or the season".
    fn loosen_words(&self) -> String {
        let tr = &self.layout.tr;
        let mut words: Vec<String> = self
            .loosen
            .iter()
            .map(|f| {
                tr.t(match f {
                    Facet::Category => "together-loosen-category",
                    Facet::Minutes => "together-loosen-minutes",
                    Facet::Cost => "together-loosen-cost",
                    Facet::Place => "together-loosen-place",
                    Facet::Season => "together-loosen-season",
                    Facet::Energy => "together-loosen-energy",
                    Facet::Favourites => "together-loosen-favourites",
                })
            })
            .collect();
        let Some(last) = words.pop() else {
            return String::new();
        };
        match words.is_empty() {
            true => last,
            false => tr.t_with(
                "together-list-or",
                &[
                    ("first", words.join(&tr.t("together-list-separator")).into()),
                    ("last", last.into()),
                ],
            ),
        }
    }
}

/// Where the results start on the browse page: page links land there.
const RESULTS_ANCHOR: &str = "results-heading";

/// The browse page's path with a form's filters.
fn browse_path(access: &BondAccess, form: &FilterForm) -> String {
    let base = access.href("together/activities");
    match form.query() {
        q if q.is_empty() => base,
        q => format!("{base}?{q}"),
    }
}

/// The browse page for a form of filters, showing page `requested` of what passes them (see
/// [`Pager::new`] for numbers out of range): 422 with messages when a filter is wrong.
pub async fn page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    form: FilterForm,
    requested: usize,
    after_surprise: bool,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let filters = form.parse(&mut errors);
    let mut conn = state.db.conn().await?;
    let all = catalogue::for_bond(&mut conn, &access).await?;
    let liked = favourites::of_bond(&mut conn, &access).await?;
    drop(conn);
    let (status, results, loosen) = if errors.is_empty() {
        let mut results: Vec<ActivityView> = all
            .iter()
            .filter(|a| filters.admits(a, &liked))
            .cloned()
            .collect();
        // The pair's own first, newest first, then the library's: one they just added is on
        // the first page, not the last of eight.
        results.sort_by_key(|a| !a.is_own());
        let loosen = if results.is_empty() {
            filters.to_loosen(&all, &liked)
        } else {
            Vec::new()
        };
        (StatusCode::OK, results, loosen)
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, Vec::new(), Vec::new())
    };
    // Everything is filtered in memory from the two reads above, so every page costs the same
    // queries; only its twenty cards are rendered.
    let pager = Pager::new(
        browse_path(&access, &form),
        RESULTS_ANCHOR,
        requested,
        results.len(),
    );
    let results = pager.window(results);
    let page = BrowsePage {
        layout: Layout::member(
            viewer.tr.t("together-title-find-something-to-do"),
            Section::Together,
            viewer,
        ),
        band: son_band(&access),
        access,
        no_surprise: after_surprise && errors.is_empty(),
        form,
        errors,
        results,
        pager,
        liked,
        loosen,
    };
    Ok(render(status, &page))
}

/// Which page of the results to show (`?page=N`), beside the filters.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Query(form): Query<FilterForm>,
    Query(at): Query<PageQuery>,
) -> AppResult<Response> {
    let requested = pager::requested(&at.page)?;
    page(&state, &viewer, access, form, requested, false).await
}

#[derive(Template)]
#[template(path = "together/activity.html")]
struct ActivityPage {
    layout: Layout,
    access: BondAccess,
    activity: ActivityView,
    liked: Favourites,
    /// Whether the library's activity fits the son's age today (a plan may link to one he has
    /// outgrown).
    fits: bool,
    band: AgeBand,
    /// Present when this came as a surprise: the filters for "another surprise".
    surprise: Option<FilterForm>,
}

impl ActivityPage {
    fn by_me(&self) -> bool {
        self.activity.author.as_ref() == Some(self.access.me())
    }
    fn author_name(&self) -> &str {
        self.activity
            .author
            .as_ref()
            .map(|a| self.access.bond().name_of(a))
            .unwrap_or_default()
    }
    /// "Added by you." or "Added by Rosa."
    fn added_by(&self) -> String {
        let you = if self.by_me() { "yes" } else { "no" };
        self.layout.t_with(
            "together-added-by",
            &[("you", you.into()), ("name", self.author_name().into())],
        )
    }
    fn band_words(&self) -> String {
        band_words(&self.layout.tr, self.band)
    }
    fn here(&self) -> String {
        format!(
            "/bonds/{}/together/activities/{}",
            self.access.id(),
            self.activity.id
        )
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ShownAs {
    surprise: String,
}

pub async fn show(
    State(state): State<AppState>,
    InBondWith(viewer, access, id): InBondWith<String>,
    Query(shown): Query<ShownAs>,
    Query(filters): Query<FilterForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let activity = catalogue::find(&mut conn, &access, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let liked = favourites::of_bond(&mut conn, &access).await?;
    drop(conn);
    let band = son_band(&access);
    let fits = super::library::by_id(&activity.id).is_none_or(|a| a.fits(band));
    Ok(ok(&ActivityPage {
        layout: Layout::member(activity.title.clone(), Section::Together, &viewer),
        access,
        activity,
        liked,
        fits,
        band,
        surprise: (shown.surprise == "1").then_some(filters),
    }))
}

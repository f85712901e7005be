//! What a bond can choose from: the library's activities that fit the son's age band, and the
//! pair's own, seen through one [`ActivityView`]; the filters of the browse page and of
//! "surprise us".

use serde::Deserialize;

use super::{
    favourites::Favourites,
    library::{self, Activity, Category, Cost, Energy, OWN_PREFIX, Place, SUMMARY_MAX, Season},
    own::OwnActivity,
};
use crate::{
    db::Handle,
    error::{AppError, AppResult},
    family::{AgeBand, MemberId},
    i18n::{Msg, Tr},
    privacy::{BondAccess, visible},
    text_enum,
    web::{controls::Labelled, form::FieldErrors},
};

/// One activity as a bond sees it: from the library, or one the pair wrote.
#[derive(Debug, Clone)]
pub struct ActivityView {
    pub id: String,
    pub title: String,
    /// The one line on its card: the library's summary, or for the pair's own the start of
    /// what they wrote under "how", cut to one line (they wrote no summary).
    pub summary: String,
    pub category: Category,
    pub minutes: u32,
    pub cost: Cost,
    pub place: Place,
    pub energy: Energy,
    /// `[Any]` for the pair's own.
    pub seasons: Vec<Season>,
    pub needs: Vec<String>,
    pub how: String,
    /// The library's line on keeping it safe, where it needs one; the pair's own have none.
    pub safety: Option<String>,
    /// How to do it for nothing, when it costs something.
    pub free: Option<String>,
    /// The library's other way to join in when moving is hard; the pair's own have none.
    pub adapt: Option<String>,
    pub talk: Vec<String>,
    /// Who wrote it, for the pair's own; `None` for the library's.
    pub author: Option<MemberId>,
}

impl ActivityView {
    pub fn is_own(&self) -> bool {
        self.author.is_some()
    }

    pub fn in_season(&self, season: Season) -> bool {
        season == Season::Any
            || self
                .seasons
                .iter()
                .any(|s| *s == season || *s == Season::Any)
    }

    /// The seasons in words, e.g. "Spring, Summer", in `tr`'s language.
    pub fn seasons_label(&self, tr: &Tr) -> String {
        let labels: Vec<String> = self.seasons.iter().map(|s| tr.t(s.label_key())).collect();
        labels.join(&tr.t("together-list-separator"))
    }
}

impl From<&Activity> for ActivityView {
    fn from(a: &Activity) -> Self {
        ActivityView {
            id: a.id.clone(),
            title: a.title.clone(),
            summary: a.summary.clone(),
            category: a.category,
            minutes: a.minutes,
            cost: a.cost,
            place: a.place,
            energy: a.energy,
            seasons: a.seasons.clone(),
            needs: a.needs.clone(),
            how: a.how.clone(),
            safety: a.safety.clone(),
            free: a.free.clone(),
            adapt: a.adapt.clone(),
            talk: a.talk.clone(),
            author: None,
        }
    }
}

impl From<OwnActivity> for ActivityView {
    fn from(a: OwnActivity) -> Self {
        let lines = |text: &str| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        ActivityView {
            needs: lines(&a.needs),
            talk: lines(&a.talk),
            summary: one_line(&a.how),
            id: a.id,
            title: a.title,
            category: a.category,
            minutes: u32::try_from(a.minutes).unwrap_or(0),
            cost: a.cost,
            place: a.place,
            energy: a.energy,
            seasons: vec![Season::Any],
            how: a.how,
            safety: None,
            free: None,
            adapt: None,
            author: Some(a.author_id),
        }
    }
}

/// The first line of a text, cut at a word and ended with "…" when longer than a summary.
fn one_line(text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if first.chars().count() <= SUMMARY_MAX {
        return first.to_owned();
    }
    let cut: String = first.chars().take(SUMMARY_MAX - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) => &cut[..space],
        None => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// An age band as a sentence names it ("a teen (13–17)"), in `tr`'s language.
pub fn band_words(tr: &Tr, band: AgeBand) -> String {
    tr.t_with("together-band", &[("band", band.as_str().into())])
}

/// The son's age band today, which selects the library's activities. Without a birth date,
/// the teen band (what the rest of Tandem assumes too).
pub fn son_band(access: &BondAccess) -> AgeBand {
    access.bond().son.age_band().unwrap_or(AgeBand::Teen)
}

/// Everything the bond can choose from now: the library's activities for the son's band, then
/// the pair's own, newest first.
pub async fn for_bond(h: &mut impl Handle, access: &BondAccess) -> AppResult<Vec<ActivityView>> {
    let mut all: Vec<ActivityView> = library::for_band(son_band(access))
        .map(ActivityView::from)
        .collect();
    let own = visible::<OwnActivity>(access).limit(500).list(h).await?;
    all.extend(own.into_iter().map(ActivityView::from));
    Ok(all)
}

/// Any activity id a bond may refer to: one of the library's (whatever the son's age now, so
/// that a plan or a memory made years ago still finds its activity) or one of the pair's own.
/// `None` for an unknown id or another bond's own activity.
pub async fn find(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
) -> AppResult<Option<ActivityView>> {
    if id.starts_with(OWN_PREFIX) {
        match visible::<OwnActivity>(access).get(h, id).await {
            Ok(own) => Ok(Some(own.into())),
            Err(AppError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    } else {
        Ok(library::by_id(id).map(ActivityView::from))
    }
}

text_enum! {
    /// One of the browse page's filters, named when suggesting which one to loosen.
    pub enum Facet {
        Category => "category", Minutes => "minutes", Cost => "cost", Place => "place",
        Season => "season", Energy => "energy", Favourites => "favourites",
    }
}

/// The filters as the form sends them (GET on the browse page, POST for a surprise): empty
/// means "any".
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct FilterForm {
    pub category: String,
    pub minutes: String,
    pub cost: String,
    pub place: String,
    pub season: String,
    pub energy: String,
    pub favourites: String,
}

/// The longest time a filter accepts: a whole day.
pub const MAX_MINUTES: u32 = 1440;

/// Filters checked and typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub category: Option<Category>,
    pub max_minutes: Option<u32>,
    /// At most this much.
    pub cost: Option<Cost>,
    pub place: Option<Place>,
    pub season: Option<Season>,
    pub energy: Option<Energy>,
    /// Only what one of the two has starred.
    pub favourites: bool,
}

fn choice<T>(
    raw: &str,
    field: &'static str,
    parse: fn(&str) -> Option<T>,
    message: Msg,
    errors: &mut FieldErrors,
) -> Option<T> {
    match raw.trim() {
        "" => None,
        s => parse(s).or_else(|| {
            errors.add(field, message);
            None
        }),
    }
}

impl FilterForm {
    /// Checks every filter; unknown values get a message next to their field.
    pub fn parse(&self, errors: &mut FieldErrors) -> Filters {
        let max_minutes = match self.minutes.trim() {
            "" => None,
            s => match s.parse::<u32>() {
                Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(m),
                _ => {
                    errors.add(
                        "minutes",
                        Msg::with("together-minutes-between", [("max", MAX_MINUTES.into())]),
                    );
                    None
                }
            },
        };
        Filters {
            category: choice(
                &self.category,
                "category",
                Category::parse,
                Msg::new("together-choose-kind"),
                errors,
            ),
            max_minutes,
            cost: choice(
                &self.cost,
                "cost",
                Cost::parse,
                Msg::new("together-choose-cost"),
                errors,
            ),
            place: choice(
                &self.place,
                "place",
                Place::parse,
                Msg::new("together-choose-place"),
                errors,
            ),
            season: choice(
                &self.season,
                "season",
                Season::parse,
                Msg::new("together-choose-season"),
                errors,
            ),
            energy: choice(
                &self.energy,
                "energy",
                Energy::parse,
                Msg::new("together-choose-energy"),
                errors,
            ),
            favourites: matches!(self.favourites.as_str(), "1" | "on"),
        }
    }

    /// The filters as a query string (without `?`), to carry them into links.
    pub fn query(&self) -> String {
        let pairs = [
            ("category", &self.category),
            ("minutes", &self.minutes),
            ("cost", &self.cost),
            ("place", &self.place),
            ("season", &self.season),
            ("energy", &self.energy),
            ("favourites", &self.favourites),
        ];
        let mut url = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            if !v.trim().is_empty() {
                url.append_pair(k, v.trim());
            }
        }
        url.finish()
    }

    pub fn is_empty(&self) -> bool {
        self.query().is_empty()
    }
}

impl Filters {
    pub fn admits(&self, a: &ActivityView, favourites: &Favourites) -> bool {
        self.category.is_none_or(|c| a.category == c)
            && self.max_minutes.is_none_or(|m| a.minutes <= m)
            && self.cost.is_none_or(|c| a.cost.rank() <= c.rank())
            && self.place.is_none_or(|p| a.place.suits(p))
            && self.season.is_none_or(|s| a.in_season(s))
            && self.energy.is_none_or(|e| a.energy == e)
            && (!self.favourites || favourites.anyone_likes(&a.id))
    }

    /// The facets in use, each with the filters it would leave without it.
    fn without_each(&self) -> Vec<(Facet, Filters)> {
        let mut found = Vec::new();
        let mut drop = |facet: Facet, set: bool, clear: fn(&mut Filters)| {
            if set {
                let mut looser = self.clone();
                clear(&mut looser);
                found.push((facet, looser));
            }
        };
        drop(Facet::Category, self.category.is_some(), |f| {
            f.category = None
        });
        drop(Facet::Minutes, self.max_minutes.is_some(), |f| {
            f.max_minutes = None
        });
        drop(Facet::Cost, self.cost.is_some(), |f| f.cost = None);
        drop(Facet::Place, self.place.is_some(), |f| f.place = None);
        drop(Facet::Season, self.season.is_some(), |f| f.season = None);
        drop(Facet::Energy, self.energy.is_some(), |f| f.energy = None);
        drop(Facet::Favourites, self.favourites, |f| f.favourites = false);
        found
    }

    /// When nothing passes: the filters which, left out on their own, would let something
    /// through, so the page can suggest loosening one of them.
    pub fn to_loosen(&self, all: &[ActivityView], favourites: &Favourites) -> Vec<Facet> {
        self.without_each()
            .into_iter()
            .filter(|(_, looser)| all.iter().any(|a| looser.admits(a, favourites)))
            .map(|(facet, _)| facet)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_own_activitys_card_line_is_the_first_line_of_how_cut_at_a_word() {
        assert_eq!(
            one_line("\n  Deal seven cards.  \nThen play."),
            "Deal seven cards."
        );
        let long = "word ".repeat(40);
        let line = one_line(&long);
        assert!(line.chars().count() <= SUMMARY_MAX, "{line}");
        assert!(line.ends_with("word…"), "{line}");
        let unbroken = "x".repeat(200);
        assert_eq!(one_line(&unbroken).chars().count(), SUMMARY_MAX);
        assert_eq!(one_line(""), "");
    }

    #[test]
    fn an_age_band_reads_with_its_article_and_ages() {
        let tr = Tr::english();
        assert_eq!(band_words(&tr, AgeBand::Teen), "a teen (13–17)");
        assert_eq!(band_words(&tr, AgeBand::Adult), "an adult (26+)");
        assert_eq!(
            band_words(&tr, AgeBand::YoungAdult),
            "a young adult (18–25)"
        );
    }

    fn form(pairs: &[(&str, &str)]) -> FilterForm {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        serde_urlencoded::from_str(&query).unwrap()
    }

    #[test]
    fn filters_parse_and_refuse_unknown_values() {
        let mut errors = FieldErrors::default();
        let f = form(&[
            ("category", "cooking"),
            ("minutes", "30"),
            ("place", "outdoor"),
        ])
        .parse(&mut errors);
        assert!(errors.is_empty());
        assert_eq!(f.category, Some(Category::Cooking));
        assert_eq!(f.max_minutes, Some(30));
        let mut errors = FieldErrors::default();
        form(&[
            ("category", "knitting"),
            ("minutes", "-5"),
            ("cost", "cheap"),
        ])
        .parse(&mut errors);
        assert!(errors.get("category").is_some());
        assert!(errors.get("minutes").is_some());
        assert!(errors.get("cost").is_some());
        assert!(errors.get("place").is_none());
    }

    #[test]
    fn the_query_string_carries_only_what_is_set() {
        assert_eq!(
            form(&[("category", "art"), ("minutes", " 20 ")]).query(),
            "category=art&minutes=20"
        );
        assert!(FilterForm::default().is_empty());
    }

    #[test]
    fn the_filters_to_loosen_are_those_that_alone_block_everything() {
        let all: Vec<ActivityView> = library::for_band(AgeBand::Teen)
            .map(ActivityView::from)
            .collect();
        let none = Favourites::default();
        let f = Filters {
            category: Some(Category::Cooking),
            max_minutes: Some(5),
            ..Filters::default()
        };
        assert!(!all.iter().any(|a| f.admits(a, &none)));
        let loosen = f.to_loosen(&all, &none);
        assert!(loosen.contains(&Facet::Minutes), "{loosen:?}");
    }
}

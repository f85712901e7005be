//! The pages that teach rather than record: the calm-down toolbox (where tries are recorded),
//! the emotion-coaching guide (the son gets his own there, `son_page`), the feelings words of
//! one's age, and the bond chooser behind the "Feelings" link.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{self as guides, CoachingStep, GetHelp, Strategy, StrategyKind};
use crate::feelings::{
    checkin::band_of,
    checkin_pages::home_path,
    faces,
    helplines::Support,
    support::support_for,
    toolbox::{CalmTry, Helped, HelpedCount, TryForm, my_tries, record, what_helped},
    vocabulary::{self, Feeling, Quadrant},
};
use crate::{
    app::AppState,
    auth::Viewer,
    error::AppResult,
    family::{AgeBand, Role},
    privacy::{BondAccess, Visibility},
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, ok, render},
    },
};

#[derive(Template)]
#[template(path = "feelings/toolbox.html")]
struct ToolboxPage {
    layout: Layout,
    access: BondAccess,
    kinds: Vec<(StrategyKind, Vec<&'static Strategy>)>,
    helped: Vec<HelpedCount>,
    recent: Vec<CalmTry>,
    errors: FieldErrors,
    recorded: bool,
}

impl ToolboxPage {
    fn helped_choices(&self) -> &'static [Helped] {
        Helped::ALL
    }
    /// A recent try: "Belly breathing — It helped · shared".
    fn lately(&self, t: &CalmTry) -> String {
        let key = if t.visibility == Visibility::Shared {
            "feelings-toolbox-try-shared"
        } else {
            "feelings-toolbox-try"
        };
        let strategy = t.strategy().map(|s| s.title.as_str()).unwrap_or_default();
        self.layout.t_with(
            key,
            &[
                ("strategy", strategy.into()),
                ("helped", self.layout.label(t.helped).into()),
            ],
        )
    }
}

async fn toolbox_page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    errors: FieldErrors,
    recorded: bool,
) -> AppResult<ToolboxPage> {
    let mut conn = state.db.conn().await?;
    let tries = my_tries(&mut conn, &access).await?;
    let band = band_of(&access);
    Ok(ToolboxPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-calm-down-toolbox"),
            Section::Feelings,
            viewer,
        ),
        kinds: guides::toolbox(band),
        helped: what_helped(&tries),
        recent: tries.into_iter().take(5).collect(),
        access,
        errors,
        recorded,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Recorded {
    recorded: Option<String>,
}

pub async fn toolbox(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    axum::extract::Query(q): axum::extract::Query<Recorded>,
) -> AppResult<Response> {
    let page = toolbox_page(
        &state,
        &viewer,
        access,
        FieldErrors::default(),
        q.recorded.is_some(),
    )
    .await?;
    Ok(ok(&page))
}

pub async fn record_try(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<TryForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&mut errors) else {
        let page = toolbox_page(&state, &viewer, access, errors, false).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let mut conn = state.db.conn().await?;
    record(&mut conn, &access, viewer.together_with().is_some(), &new).await?;
    Ok(Redirect::to(&format!(
        "{}/toolbox?recorded=1#helped-heading",
        home_path(&access)
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "feelings/coaching.html")]
struct CoachingPage {
    layout: Layout,
    access: BondAccess,
    band: Option<AgeBand>,
    steps: &'static [CoachingStep],
    get_help: &'static GetHelp,
    /// The reader's own helplines (her country, or the international ones).
    support: Support,
}

impl CoachingPage {
    fn other_bands(&self) -> Vec<AgeBand> {
        AgeBand::ALL
            .into_iter()
            .filter(|b| Some(*b) != self.band)
            .collect()
    }
}

pub async fn coaching(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    // The signed-in member's own choice of helplines, even in together mode.
    let support = support_for(&mut conn, &viewer.member).await?;
    // The mother's guide speaks about her son; he (or she, beside her little one in together
    // mode) gets his own guide instead.
    if access.me_member().role == Role::Son {
        return Ok(super::son_page::son_guide(&viewer, access, support));
    }
    Ok(ok(&CoachingPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-emotion-coaching"),
            Section::Feelings,
            &viewer,
        ),
        band: access.bond().son.age_band(),
        access,
        steps: guides::coaching(),
        get_help: guides::get_help(),
        support,
    }))
}

#[derive(Template)]
#[template(path = "feelings/words.html")]
struct WordsPage {
    layout: Layout,
    access: BondAccess,
    band: AgeBand,
    son_band: Option<AgeBand>,
    /// Who reads the page: a son meets the examples of his stage, a mother the grown-up ones.
    reader: Role,
    groups: Vec<(Quadrant, Vec<&'static Feeling>)>,
}

impl WordsPage {
    fn face(&self, f: &Feeling) -> String {
        f.face.as_deref().and_then(faces::svg).unwrap_or_default()
    }
    fn example<'f>(&self, f: &'f Feeling) -> &'f str {
        f.example_for(self.reader, self.band)
    }
    fn total(&self) -> usize {
        self.groups.iter().map(|(_, w)| w.len()).sum()
    }
}

pub async fn words(
    State(_state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    // A mother sees the words her son is offered: that is what they share.
    let son_band = access.bond().son.age_band();
    let reader = viewer.actor().role;
    let band = if reader == Role::Mother {
        son_band.unwrap_or(AgeBand::Adult)
    } else {
        band_of(&access)
    };
    let groups = Quadrant::SHOWN
        .iter()
        .map(|q| (*q, vocabulary::offered(band, Some(*q))))
        .collect();
    Ok(ok(&WordsPage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-feelings-words"),
            Section::Feelings,
            &viewer,
        ),
        access,
        band,
        son_band,
        reader,
        groups,
    }))
}

/// "Feelings" in the navigation.
pub async fn choose(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    crate::web::bond_picker::pick(&state, &viewer, crate::web::page::Section::Feelings).await
}

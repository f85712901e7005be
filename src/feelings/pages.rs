//! The check-in pages: the feelings home of a bond, picking a feeling, one check-in with its
//! answers, editing and deleting one's own.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    checkin::{self, Checkin, CheckinForm, band_of},
    faces,
    guides::{self, Need},
    reach_out::{self, ReachOutCard},
    reciprocity,
    toolbox::{HelpedCount, helped_before},
    vocabulary::{self, Feeling, Quadrant},
};
use crate::{
    app::AppState,
    auth::Viewer,
    db::Handle,
    error::AppResult,
    family::{AgeBand, Member},
    privacy::{Bind, BondAccess, delete_own, visible},
    talk::{
        listening::{self, Reaction, Starter},
        replies::{self, Reply, ReplyForm, UnderCheckin, coach_hint},
    },
    web::{
        form::{FieldErrors, Form},
        page::{Layout, Section, render},
    },
};

/// The address of a bond's feelings pages.
pub fn home_path(access: &BondAccess) -> String {
    access.href("feelings")
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
    fn new(
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

    pub fn need_label<'a>(&self, n: &'a Need) -> &'a str {
        n.label_for(self.band)
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

#[derive(Template)]
#[template(path = "feelings/home.html")]
struct HomePage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    little: Vec<(&'static Feeling, String)>,
    checkins: Vec<Checkin>,
    invited: bool,
}

impl HomePage {
    fn author(&self, c: &Checkin) -> &str {
        self.access.bond().name_of(&c.author_id)
    }
    fn when(&self, c: &Checkin) -> String {
        c.when_in(self.me.tz())
    }
    fn is_mine(&self, c: &Checkin) -> bool {
        &c.author_id == self.access.me()
    }
    fn quadrants(&self) -> &'static [Quadrant] {
        &Quadrant::SHOWN
    }
}

pub async fn home(
    State(state): State<AppState>,
    InBond { viewer, access }: InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let checkins = visible::<Checkin>(&access)
        .limit(30)
        .list(&mut conn)
        .await?;
    let me = viewer.actor().clone();
    let invited = reciprocity::pending(&mut conn, &access, &me).await?;
    let little = if band_of(&access) == AgeBand::Little {
        vocabulary::offered(AgeBand::Little, None)
            .into_iter()
            .map(|f| {
                (
                    f,
                    f.face.as_deref().and_then(faces::svg).unwrap_or_default(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(render(
        StatusCode::OK,
        &HomePage {
            layout: Layout::member("Feelings", Section::Feelings, &viewer),
            access,
            me,
            little,
            checkins,
            invited,
        },
    ))
}

#[derive(Template)]
#[template(path = "feelings/check_in.html")]
struct CheckInPage {
    layout: Layout,
    access: BondAccess,
    form_view: CheckinFormView,
    helped_before: Vec<HelpedCount>,
}

async fn check_in_page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    form: CheckinForm,
    errors: FieldErrors,
) -> AppResult<CheckInPage> {
    let helped_before = helped_before(h, &access, form.quadrant()).await?;
    let action = home_path(&access);
    Ok(CheckInPage {
        layout: Layout::member("Check in", Section::Feelings, viewer),
        form_view: CheckinFormView::new(&access, action, false, form, errors),
        access,
        helped_before,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Pick {
    quadrant: String,
    feeling: String,
}

pub async fn check_in(
    State(state): State<AppState>,
    InBond { viewer, access }: InBond,
    Query(pick): Query<Pick>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut form = CheckinForm {
        quadrant: pick.quadrant,
        feeling: pick.feeling,
        ..Default::default()
    };
    // A word chosen from a link brings its quadrant along.
    if let Some(f) = vocabulary::by_id(&form.feeling) {
        form.quadrant = f.quadrant().as_str().into();
    }
    let page = check_in_page(&mut conn, &viewer, access, form, FieldErrors::default()).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn create(
    State(state): State<AppState>,
    InBond { viewer, access }: InBond,
    Form(form): Form<CheckinForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&access.partner().display_name, &mut errors) else {
        let page = check_in_page(&mut conn, &viewer, access, form, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    drop(conn);
    let mut tx = state.db.begin().await?;
    let id = checkin::insert(
        &mut tx,
        &access,
        viewer.together_with().is_some(),
        &new,
        crate::db::now(),
    )
    .await?;
    if new.visibility == crate::privacy::Visibility::Shared {
        reciprocity::on_shared(&mut tx, &access, &feelings_link(&state, &access)).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/{id}?saved=1", home_path(&access))).into_response())
}

/// The full link to a bond's feelings page, for mail.
fn feelings_link(state: &AppState, access: &BondAccess) -> String {
    state.config.link(&home_path(access))
}

#[derive(Template)]
#[template(path = "feelings/show.html")]
struct ShowPage {
    layout: Layout,
    access: BondAccess,
    me: Member,
    checkin: Checkin,
    replies: Vec<Reply<UnderCheckin>>,
    /// Three questions in a row from the reader: the listening coach suggests reflecting.
    coach: bool,
    helped_before: Vec<HelpedCount>,
    /// Only ever for the check-in's author.
    reach_out: Option<ReachOutCard>,
    just_saved: bool,
    reply: ReplyForm,
    errors: FieldErrors,
}

impl ShowPage {
    fn reply_action(&self) -> String {
        format!("{}/{}/replies", home_path(&self.access), self.checkin.id)
    }
    fn reply_heading(&self) -> String {
        if self.is_mine() {
            "Add something".into()
        } else {
            format!("Answer {}", self.author())
        }
    }
    /// Starters and reactions are for answering the other, not oneself.
    fn offer_listening(&self) -> bool {
        !self.is_mine()
    }
    fn is_mine(&self) -> bool {
        &self.checkin.author_id == self.access.me()
    }
    fn author(&self) -> &str {
        self.access.bond().name_of(&self.checkin.author_id)
    }
    fn when(&self) -> String {
        self.checkin.when_in(self.me.tz())
    }
    fn definition(&self) -> &str {
        self.checkin
            .feeling()
            .map(|f| f.definition(&band_of(&self.access)))
            .unwrap_or_default()
    }
    fn starters(&self) -> &'static [Starter] {
        listening::starters()
    }
    /// The reactions that fit this check-in ("So glad to hear that" only for pleasant ones).
    fn reactions(&self) -> Vec<&'static Reaction> {
        let pleasant = self.checkin.quadrant.is_pleasant();
        listening::reactions()
            .iter()
            .filter(|r| r.fits(pleasant))
            .collect()
    }
    fn need_label(&self) -> &str {
        self.checkin
            .need()
            .map(|n| n.label_for(band_of(&self.access)))
            .unwrap_or_default()
    }
}

async fn show_page(
    h: &mut impl Handle,
    viewer: &Viewer,
    access: BondAccess,
    id: &str,
    just_saved: bool,
    form: ReplyForm,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let checkin = visible::<Checkin>(&access).get(h, id).await?;
    let replies =
        replies::under::<UnderCheckin>(h, &access, Bind::Text(checkin.id.clone())).await?;
    let coach = coach_hint(&replies, access.me());
    let mine = checkin.author_id == *access.me();
    // After a hard feeling, what helped before is the most useful thing to see.
    let helped_before = if mine {
        helped_before(h, &access, Some(checkin.quadrant)).await?
    } else {
        Vec::new()
    };
    let reach_out = reach_out::card_for(h, viewer, &access, &checkin).await?;
    Ok(ShowPage {
        layout: Layout::member("Check-in", Section::Feelings, viewer),
        me: viewer.actor().clone(),
        access,
        checkin,
        replies,
        coach,
        helped_before,
        reach_out,
        just_saved,
        reply: form,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: id,
    }: InBondWith<String>,
    Query(q): Query<crate::web::form::SavedQuery>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let page = show_page(
        &mut conn,
        &viewer,
        access,
        &id,
        q.saved.is_some(),
        ReplyForm::default(),
        FieldErrors::default(),
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn reply(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: id,
    }: InBondWith<String>,
    Form(form): Form<ReplyForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let checkin = visible::<Checkin>(&access).get(&mut conn, &id).await?;
    // Only a shared check-in has someone to answer it.
    if !checkin.is_shared() {
        return Err(crate::error::AppError::NotFound);
    }
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&mut errors) else {
        let page = show_page(&mut conn, &viewer, access, &id, false, form, errors).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    replies::insert::<UnderCheckin>(&mut conn, &access, Bind::Text(checkin.id.clone()), &new)
        .await?;
    Ok(Redirect::to(&format!("{}/{id}#replies", home_path(&access))).into_response())
}

#[derive(Template)]
#[template(path = "feelings/edit.html")]
struct EditPage {
    layout: Layout,
    access: BondAccess,
    form_view: CheckinFormView,
}

fn edit_page(
    viewer: &Viewer,
    access: BondAccess,
    id: &str,
    form: CheckinForm,
    errors: FieldErrors,
) -> EditPage {
    let action = format!("{}/{id}/edit", home_path(&access));
    EditPage {
        layout: Layout::member("Change a check-in", Section::Feelings, viewer),
        form_view: CheckinFormView::new(&access, action, true, form, errors),
        access,
    }
}

/// The acting member's own check-in, or "not found".
async fn own(h: &mut impl Handle, access: &BondAccess, id: &str) -> AppResult<Checkin> {
    visible::<Checkin>(access).mine().get(h, id).await
}

pub async fn edit(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: id,
    }: InBondWith<String>,
    Query(pick): Query<Pick>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let existing = own(&mut conn, &access, &id).await?;
    let mut form = CheckinForm::from_checkin(&existing);
    // Moving to another quadrant starts the word choice again.
    if let Some(q) = Quadrant::parse(&pick.quadrant) {
        if Some(q) != form.quadrant() {
            form.feeling.clear();
            form.custom_word.clear();
        }
        form.quadrant = q.as_str().into();
    }
    Ok(render(
        StatusCode::OK,
        &edit_page(&viewer, access, &id, form, FieldErrors::default()),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    InBondWith {
        viewer,
        access,
        param: id,
    }: InBondWith<String>,
    Form(form): Form<CheckinForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let existing = own(&mut conn, &access, &id).await?;
    let mut errors = FieldErrors::default();
    let Some(new) = form.validate(&access.partner().display_name, &mut errors) else {
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_page(&viewer, access, &id, form, errors),
        ));
    };
    drop(conn);
    let mut tx = state.db.begin().await?;
    checkin::update(&mut tx, &access, &id, &new).await?;
    if new.visibility == crate::privacy::Visibility::Shared && !existing.is_shared() {
        reciprocity::on_shared(&mut tx, &access, &feelings_link(&state, &access)).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/{id}", home_path(&access))).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    InBondWith {
        viewer: _,
        access,
        param: id,
    }: InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    delete_own::<Checkin>(&mut conn, &access, &id).await?;
    Ok(Redirect::to(&home_path(&access)).into_response())
}

pub async fn dismiss_invitation(
    State(state): State<AppState>,
    InBond { viewer, access }: InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    reciprocity::dismiss(&mut conn, &access, viewer.actor()).await?;
    Ok(Redirect::to("/").into_response())
}

//! Each member's interests in a bond (tags of the list and words of their own, shared with the
//! other, removed only by their author), and the page that shows what both like, ideas for
//! both, and "try my world".

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::model::{self as interests, Held, Tag};
use crate::together::activities::catalogue::{self, ActivityView, son_band};
use crate::{
    app::AppState,
    auth::Viewer,
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::{AgeBand, MemberId},
    i18n::{Key, Msg},
    privacy::{BondAccess, BondRecord, delete_own, visible},
    web::{
        flash::Flash,
        form::{FieldErrors, Form, line},
        page::{Layout, Section, render},
    },
};

pub const WORDS_MAX: usize = 60;
/// Enough for anyone's list; more is most likely a mistake or abuse.
pub const MOST_PER_MEMBER: usize = 100;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Interest {
    pub id: String,
    pub author_id: MemberId,
    pub tag_id: Option<String>,
    pub words: Option<String>,
    pub match_key: String,
}

impl BondRecord for Interest {
    const TABLE: &'static str = "interests";
    const COLUMNS: &'static str = "id, author_id, tag_id, words, match_key";
}

impl Interest {
    /// As its member put it: their own words, or the tag's label.
    pub fn label(&self) -> &str {
        match (&self.words, self.tag_id.as_deref().and_then(interests::tag)) {
            (Some(w), _) => w,
            (None, Some(t)) => &t.label,
            (None, None) => "",
        }
    }

    fn held(&self) -> Held {
        Held {
            key: self.match_key.clone(),
            label: self.label().to_owned(),
        }
    }
}

/// Adds an interest for the acting member; one they already hold is left as it is.
pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    tag_id: Option<&str>,
    words: Option<&str>,
) -> AppResult<()> {
    let key = interests::match_key(tag_id, words);
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO interests (id, bond_id, author_id, visibility, made_together, tag_id, words, match_key, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(tag_id)
    .bind(words)
    .bind(&key)
    .bind(now())
    .execute(c)
    .await
    })?;
    Ok(())
}

#[derive(Template)]
#[template(path = "together/interests.html")]
struct InterestsPage {
    layout: Layout,
    access: BondAccess,
    band: AgeBand,
    mine: Vec<Interest>,
    theirs: Vec<Interest>,
    both: Vec<Held>,
    for_both: Vec<(Held, Vec<ActivityView>)>,
    show_them: Vec<(Held, Option<ActivityView>)>,
    show_me: Vec<(Held, Option<ActivityView>)>,
    words: String,
    errors: FieldErrors,
}

impl InterestsPage {
    fn tags(&self) -> &'static [Tag] {
        interests::tags()
    }
    fn is_mine(&self, tag: &Tag) -> bool {
        self.mine
            .iter()
            .any(|i| interests::tag_of_key(&i.match_key).is_some_and(|t| t.id == tag.id))
    }
    fn my_words(&self) -> impl Iterator<Item = &Interest> {
        self.mine.iter().filter(|i| i.words.is_some())
    }
    fn band_words(&self) -> String {
        catalogue::band_words(&self.layout.tr, self.band)
    }
    fn activity_path(&self, a: &ActivityView) -> String {
        self.access.href(&format!("together/activities/{}", a.id))
    }
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    words: String,
    errors: FieldErrors,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let all = visible::<Interest>(&access)
        .order_by("created_at, id")
        .limit(2 * MOST_PER_MEMBER as i64)
        .list(&mut conn)
        .await?;
    let among = catalogue::for_bond(&mut conn, &access).await?;
    drop(conn);
    let (mine, theirs): (Vec<Interest>, Vec<Interest>) =
        all.into_iter().partition(|i| &i.author_id == access.me());
    let held = |list: &[Interest]| list.iter().map(Interest::held).collect::<Vec<_>>();
    let overlap = interests::overlap(&held(&mine), &held(&theirs));
    let bond = access.id().to_string();
    let owned = |found: Vec<&ActivityView>| found.into_iter().cloned().collect::<Vec<_>>();
    let for_both = interests::for_both(&overlap.both, &among, &bond, 3)
        .into_iter()
        .map(|(h, found)| (h, owned(found)))
        .collect();
    let world = |only: &[Held]| {
        interests::try_my_world(only, &among, &bond)
            .into_iter()
            .map(|(h, a)| (h, a.cloned()))
            .collect()
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &InterestsPage {
            layout: Layout::member(
                viewer.tr.t("together-title-interests"),
                Section::Together,
                viewer,
            ),
            band: son_band(&access),
            show_them: world(&overlap.only_mine),
            show_me: world(&overlap.only_theirs),
            both: overlap.both,
            for_both,
            access,
            mine,
            theirs,
            words,
            errors,
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    page(
        &state,
        &viewer,
        access,
        String::new(),
        FieldErrors::default(),
    )
    .await
}

fn back(access: &BondAccess) -> Response {
    Redirect::to(&access.href("together/interests")).into_response()
}

/// The tag checkboxes: the acting member's tags become exactly those ticked, in one
/// transaction. An unknown tag changes nothing.
pub async fn save_tags(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let ticked: Vec<&str> = form
        .iter()
        .filter(|(k, _)| k == "tag")
        .map(|(_, v)| v.as_str())
        .collect();
    if ticked.iter().any(|t| interests::tag(t).is_none()) || ticked.len() > MOST_PER_MEMBER {
        let mut errors = FieldErrors::default();
        errors.add("tags", Msg::new("together-please-choose-from-interests"));
        return page(&state, &viewer, access, String::new(), errors).await;
    }
    let made_together = viewer.together_with().is_some();
    let mut tx = state.db.begin().await?;
    // Words that name a tag count as that tag, so unticking it removes them too.
    let held = visible::<Interest>(&access)
        .mine()
        .limit(MOST_PER_MEMBER as i64)
        .list(&mut tx)
        .await?;
    for old in &held {
        if interests::tag_of_key(&old.match_key).is_some_and(|t| !ticked.contains(&t.id.as_str())) {
            delete_own::<Interest>(&mut tx, &access, &old.id).await?;
        }
    }
    for t in ticked {
        insert(&mut tx, &access, made_together, Some(t), None).await?;
    }
    tx.commit().await?;
    Ok((Flash::InterestsSaved, back(&access)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WordsForm {
    words: String,
}

/// An interest in the member's own words.
pub async fn add_words(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
    Form(form): Form<WordsForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mut errors = FieldErrors::default();
    let words = errors.take(
        "words",
        line(&form.words, Key("field-your-interest"), 1, WORDS_MAX).and_then(|w| {
            if interests::normalise(&w).is_empty() {
                Err(Msg::new("together-interest-needs-letter"))
            } else {
                Ok(w)
            }
        }),
    );
    if errors.is_empty() {
        let held = visible::<Interest>(&access).mine().count(&mut conn).await?;
        if held >= MOST_PER_MEMBER as i64 {
            errors.add("words", Msg::new("together-list-full-remove-one"));
        }
    }
    if !errors.is_empty() {
        drop(conn);
        return page(&state, &viewer, access, form.words, errors).await;
    }
    let made_together = viewer.together_with().is_some();
    insert(&mut conn, &access, made_together, None, Some(&words)).await?;
    Ok(back(&access))
}

pub async fn remove(
    State(state): State<AppState>,
    InBondWith(_, access, id): InBondWith<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    delete_own::<Interest>(&mut conn, &access, &id).await?;
    Ok(back(&access))
}

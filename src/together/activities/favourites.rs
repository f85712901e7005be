//! Favourite activities: each member stars their own, and both see both (a ★ of one's own and
//! "Iker likes this"), so that the pair finds what they both want to do.

use crate::web::bond::InBondWith;
use std::collections::HashSet;

use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::catalogue;
use crate::{
    app::AppState,
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::{AppError, AppResult},
    family::MemberId,
    privacy::{Bind, BondAccess, BondRecord, delete_own, visible},
    web::form::{Form, same_site_path},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Favourite {
    pub id: String,
    pub author_id: MemberId,
    pub activity_id: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Favourite {
    const TABLE: &'static str = "activity_favourites";
    const COLUMNS: &'static str = "id, author_id, activity_id, created_at";
}

/// Which activities each of the two has starred.
#[derive(Debug, Default, Clone)]
pub struct Favourites {
    pub mine: HashSet<String>,
    pub theirs: HashSet<String>,
}

impl Favourites {
    pub fn is_mine(&self, id: &str) -> bool {
        self.mine.contains(id)
    }

    pub fn is_theirs(&self, id: &str) -> bool {
        self.theirs.contains(id)
    }

    pub fn anyone_likes(&self, id: &str) -> bool {
        self.is_mine(id) || self.is_theirs(id)
    }
}

/// Both members' favourites in the bond.
pub async fn of_bond(h: &mut impl Handle, access: &BondAccess) -> AppResult<Favourites> {
    let rows = visible::<Favourite>(access).limit(2000).list(h).await?;
    let mut found = Favourites::default();
    for row in rows {
        if &row.author_id == access.me() {
            found.mine.insert(row.activity_id);
        } else {
            found.theirs.insert(row.activity_id);
        }
    }
    Ok(found)
}

/// Stars or unstars an activity for the acting member. Doing it twice changes nothing.
pub async fn set(
    h: &mut impl Handle,
    access: &BondAccess,
    activity_id: &str,
    on: bool,
) -> AppResult<()> {
    if on {
        db_exec!(h, |c| {
            sqlx::query(
            "INSERT INTO activity_favourites (id, bond_id, author_id, visibility, activity_id, created_at)
             VALUES ($1, $2, $3, 'shared', $4, $5) ON CONFLICT DO NOTHING"
        )
        .bind(new_id())
        .bind(access.id())
        .bind(access.me())
        .bind(activity_id)
        .bind(now())
        .execute(c)
        .await
        })?;
    } else {
        let mine = visible::<Favourite>(access)
            .mine()
            .filter(col!("activity_id").eq(Bind::Text(activity_id.to_owned())))
            .list(h)
            .await?;
        for row in mine {
            delete_own::<Favourite>(h, access, &row.id).await?;
        }
    }
    Ok(())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ToggleForm {
    on: String,
    /// The page to go back to (the browse page with its filters, or the activity's own page).
    back: String,
}

pub async fn toggle(
    State(state): State<AppState>,
    InBondWith(_, access, id): InBondWith<String>,
    Form(form): Form<ToggleForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let activity = catalogue::find(&mut conn, &access, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    set(&mut conn, &access, &activity.id, form.on == "1").await?;
    // Only a page of this bond's activities: never a redirect elsewhere, and anything else
    // (a control character, another site) falls back to the activity's own page.
    let home = access.href("together/activities");
    let back = match same_site_path(&form.back, &home) {
        Some(path) => path.to_owned(),
        None => format!("{home}/{}", activity.id),
    };
    Ok(Redirect::to(&back).into_response())
}

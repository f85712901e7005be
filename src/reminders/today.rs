//! Delivered reminders as the member sees them: the card on Today (until dismissed or
//! past), and the lines of a reminder mail.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};

use std::collections::HashMap;

use super::{NUDGE_COLUMNS, Nudge};
use crate::{
    app::AppState,
    auth::Viewer,
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    events::Told,
    family::{Member, bonds},
    i18n::{Tr, dates},
};

/// How many reminders Today lists at most.
const SHOWN_LIMIT: i64 = 10;

/// One nudge, ready to be read by its member.
pub struct Shown {
    pub nudge: Nudge,
    /// The other member of the bond it is about ("" when it is about no bond).
    pub with: String,
    /// When it happens, on the member's own clock ("" when it has no time).
    pub when: String,
    /// Where it leads: a path on Today, a full address in mail.
    pub link: String,
    /// For news: what happened, as the mail may tell it.
    pub told: Option<Told>,
}

impl Shown {
    /// Dresses nudges of `member` with the partner's name, the member's own time and, for
    /// news, the event in `told` (by event id), written in `tr`.
    pub fn all(
        tr: &Tr,
        nudges: Vec<Nudge>,
        member: &Member,
        members: &[Member],
        told: &HashMap<String, Told>,
        link: impl Fn(&str) -> String,
    ) -> Vec<Shown> {
        let bonds = bonds(members);
        let tz = member.tz();
        nudges
            .into_iter()
            .map(|nudge| Shown {
                with: bonds
                    .iter()
                    .find(|b| Some(&b.id) == nudge.bond_id.as_ref())
                    .map(|b| b.partner_of(&member.id).display_name.clone())
                    .unwrap_or_default(),
                when: nudge
                    .event_at
                    .map(|t| dates::weekday_day_month_time(tr, &t.with_timezone(&tz)))
                    .unwrap_or_default(),
                link: link(&nudge.link),
                told: nudge.event_id.as_ref().and_then(|id| told.get(id)).cloned(),
                nudge,
            })
            .collect()
    }
}

/// The member's delivered in-app reminders that are neither dismissed nor past, soonest first.
/// `members` are the member's family (Today has them already). News is not among them: Today
/// shows every event in its own card from the moment it happens (see [`crate::events`]).
pub async fn for_today(
    h: &mut impl Handle,
    member: &Member,
    members: &[Member],
) -> AppResult<Vec<Shown>> {
    let sql = format!(
        "SELECT {NUDGE_COLUMNS} FROM nudges
         WHERE member_id = $1 AND delivered_at IS NOT NULL AND in_app AND dismissed_at IS NULL
           AND void_at IS NULL AND expires_at > $2 AND kind <> 'news'
         ORDER BY expires_at, id LIMIT $3"
    );
    let nudges = db_run!(h, |c| sqlx::query_as::<_, Nudge>(&sql)
        .bind(&member.id)
        .bind(now())
        .bind(SHOWN_LIMIT)
        .fetch_all(c)
        .await)?;
    Ok(Shown::all(
        &Tr::current(),
        nudges,
        member,
        members,
        &HashMap::new(),
        str::to_owned,
    ))
}

/// "Got it": the reminder leaves Today. Someone else's reminder is "not found".
pub async fn dismiss(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let changed = db_exec!(&mut conn, |c| sqlx::query(
        "UPDATE nudges SET dismissed_at = COALESCE(dismissed_at, $1)
         WHERE id = $2 AND member_id = $3 AND delivered_at IS NOT NULL"
    )
    .bind(now())
    .bind(&id)
    .bind(&viewer.member.id)
    .execute(c)
    .await)?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/").into_response())
}

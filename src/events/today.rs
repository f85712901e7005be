//! Events as their recipient sees them on Today: newest first, those of a kind that comes in
//! numbers folded into one line per bond ("3 notes from Sam"), each with its own "got it".

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};

use super::{EVENT_COLUMNS, Event, EventKind};
use crate::{
    app::AppState,
    auth::Viewer,
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::{BondId, Member, Role},
    i18n::{Tr, dates},
};

/// How many events Today reads at most, before folding.
const READ_LIMIT: i64 = 40;

/// One line of the news card.
pub struct NewsLine {
    /// The newest event of the line: dismissing it dismisses the whole line.
    pub id: String,
    pub kind: EventKind,
    /// How many events the line stands for (more than one only for kinds that group).
    pub count: usize,
    /// Who did it, and their role (her or his, in the words).
    pub name: String,
    pub role: Role,
    pub title: String,
    pub link: String,
    /// When the newest happened, on the reader's clock.
    pub when: String,
}

impl NewsLine {
    /// The line's words, in `tr`'s language.
    pub fn words(&self, tr: &Tr) -> String {
        tr.t_with(
            self.kind.today_key(),
            &[
                ("name", self.name.as_str().into()),
                ("role", self.role.into()),
                ("title", self.title.as_str().into()),
                ("count", self.count.into()),
            ],
        )
    }
}

/// The reader's news on Today, from the bonds in `bonds` only (in together mode, the son's
/// news from the mother he uses Tandem with, never from another bond of his).
pub async fn for_today(
    h: &mut impl Handle,
    tr: &Tr,
    reader: &Member,
    bonds: &[BondId],
    members: &[Member],
) -> AppResult<Vec<NewsLine>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events
         WHERE member_id = $1 AND seen_at IS NULL AND void_at IS NULL
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let events = db_run!(h, |c| sqlx::query_as::<_, Event>(&sql)
        .bind(&reader.id)
        .bind(READ_LIMIT)
        .fetch_all(c)
        .await)?;
    let tz = reader.tz();
    let mut lines: Vec<(Event, usize)> = Vec::new();
    for event in events.into_iter().filter(|e| bonds.contains(&e.bond_id)) {
        let folded = event.kind.groups()
            && lines
                .iter_mut()
                .find(|(first, _)| first.kind == event.kind && first.bond_id == event.bond_id)
                .map(|(_, count)| *count += 1)
                .is_some();
        if !folded {
            lines.push((event, 1));
        }
    }
    Ok(lines
        .into_iter()
        .map(|(event, count)| {
            let actor = members.iter().find(|m| m.id == event.actor_id);
            (event, count, actor)
        })
        .map(|(event, count, actor)| NewsLine {
            name: actor.map(|m| m.display_name.clone()).unwrap_or_default(),
            role: actor.map_or(Role::Son, |m| m.role),
            when: dates::weekday_day_month_time(tr, &event.created_at.with_timezone(&tz)),
            id: event.id,
            kind: event.kind,
            count,
            title: event.title,
            link: event.link,
        })
        .collect())
}

/// "Got it": the line leaves Today and its events are not mailed. For a kind that groups,
/// every event of the line goes (the same kind, bond and reader, up to this one). Someone
/// else's event is "not found".
pub async fn dismiss(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let reader = &viewer.actor().id;
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = $1 AND member_id = $2");
    let event = db_run!(&mut tx, |c| sqlx::query_as::<_, Event>(&sql)
        .bind(&id)
        .bind(reader)
        .fetch_optional(c)
        .await)?
    .ok_or(AppError::NotFound)?;
    let up_to: DateTime<Utc> = event.created_at;
    let at = now();
    match event.kind.groups() {
        true => db_exec!(&mut tx, |c| sqlx::query(
            "UPDATE events SET seen_at = $1
             WHERE member_id = $2 AND bond_id = $3 AND kind = $4 AND created_at <= $5
               AND seen_at IS NULL"
        )
        .bind(at)
        .bind(reader)
        .bind(&event.bond_id)
        .bind(event.kind)
        .bind(up_to)
        .execute(c)
        .await)?,
        false => db_exec!(&mut tx, |c| sqlx::query(
            "UPDATE events SET seen_at = COALESCE(seen_at, $1) WHERE id = $2"
        )
        .bind(at)
        .bind(&event.id)
        .execute(c)
        .await)?,
    };
    tx.commit().await?;
    Ok(Redirect::to("/").into_response())
}

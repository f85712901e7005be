//! Calendar feeds: each member's private, revocable link to the bond's plans, for calendar
//! apps (which cannot log in), and the one-off download of a plan.
//!
//! A link carries a random 256-bit token; the table keeps only its SHA-256, so the link is
//! shown once, when made. Making a new one replaces the old (which stops working at once);
//! turning it off deletes it. An unknown, revoked or malformed token is simply not found.

use crate::web::bond::{InBond, InBondWith};
use askama::Template;
use axum::{
    extract::{Path, State, rejection::PathRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Duration, Utc};

use super::{
    Calendar, Plan, PlanChange,
    calendar_file::{self, FileContext},
    list::plans_path,
};
use crate::{
    app::AppState,
    auth::{
        Viewer,
        session::{new_token, token_hash},
    },
    col,
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    family::Member,
    i18n::{Tr, dates},
    privacy::{Bind, BondAccess, visible},
    web::page::{Layout, Section, render},
};

/// How far back the feed reaches for plans that happened once.
const FEED_PAST_DAYS: i64 = 366;

/// Makes a new feed link for the acting member, replacing any earlier one; returns the token.
pub async fn make_link(h: &mut impl Handle, access: &BondAccess) -> AppResult<String> {
    let token = new_token();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO calendar_feeds (token_hash, bond_id, member_id, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (bond_id, member_id)
         DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at"
    )
    .bind(token_hash(&token))
    .bind(access.id())
    .bind(access.me())
    .bind(now())
    .execute(c)
    .await)?;
    Ok(token)
}

/// Turns the acting member's feed link off.
pub async fn turn_off(h: &mut impl Handle, access: &BondAccess) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM calendar_feeds WHERE bond_id = $1 AND member_id = $2"
    )
    .bind(access.id())
    .bind(access.me())
    .execute(c)
    .await)?;
    Ok(())
}

/// When the acting member's live link was made, if there is one.
pub async fn link_made_at(
    h: &mut impl Handle,
    access: &BondAccess,
) -> AppResult<Option<DateTime<Utc>>> {
    Ok(db_run!(h, |c| sqlx::query_scalar::<_, DateTime<Utc>>(
        "SELECT created_at FROM calendar_feeds WHERE bond_id = $1 AND member_id = $2"
    )
    .bind(access.id())
    .bind(access.me())
    .fetch_optional(c)
    .await)?)
}

#[derive(sqlx::FromRow)]
struct FeedOwner {
    #[sqlx(flatten)]
    member: Member,
    bond_id: String,
}

/// The bond, opened for the member whose link this is; "not found" for anything else.
async fn open_by_token(h: &mut impl Handle, token: &str) -> AppResult<BondAccess> {
    // 32 random bytes in URL-safe base64 without padding: anything else cannot be ours.
    let well_formed = token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Err(AppError::NotFound);
    }
    let owner = db_run!(h, |c| sqlx::query_as::<_, FeedOwner>(concat!(
        "SELECT ",
        crate::member_columns_of_m!(),
        ", f.bond_id
         FROM calendar_feeds f JOIN members m ON m.id = f.member_id
         WHERE f.token_hash = $1"
    ))
    .bind(token_hash(token))
    .fetch_optional(c)
    .await)?
    .ok_or(AppError::NotFound)?;
    BondAccess::open_as_system(h, &owner.member, &owner.bond_id).await
}

/// An iCalendar response; `attachment` names the file for a download.
fn ics_response(body: String, attachment: Option<String>) -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    if let Some(name) = attachment
        && let Ok(value) = format!("attachment; filename=\"{name}\"").parse()
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /calendar/{token}.ics`: the feed, without login. Any path that is not a live link,
/// even one that does not decode, is simply not found.
pub async fn feed(
    State(state): State<AppState>,
    file: Result<Path<String>, PathRejection>,
) -> AppResult<Response> {
    let Ok(Path(file)) = file else {
        return Err(AppError::NotFound);
    };
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let mut conn = state.db.conn().await?;
    let access = open_by_token(&mut conn, token).await?;
    let now = now();
    let calendar =
        Calendar::load_from(&mut conn, &access, now - Duration::days(FEED_PAST_DAYS)).await?;
    drop(conn);
    let link = state.config.link(&plans_path(&access));
    // Written for the member whose link this is, in their language.
    let ctx = FileContext {
        bond: access.bond(),
        link: &link,
        now,
        tr: Tr::for_member(access.me_member()),
    };
    Ok(ics_response(calendar_file::write(&calendar, &ctx), None))
}

/// `GET /bonds/{bond}/together/plans/{id}.ics`: one plan to add to a calendar by hand.
pub async fn download(
    State(state): State<AppState>,
    InBondWith(viewer, access, file): InBondWith<String>,
) -> AppResult<Response> {
    let id = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let mut conn = state.db.conn().await?;
    let plan = visible::<Plan>(&access).get(&mut conn, id).await?;
    let changes = visible::<PlanChange>(&access)
        .filter(col!("plan_id").eq(Bind::Text(plan.id.clone())))
        .order_by("created_at, id")
        .limit(10_000)
        .list(&mut conn)
        .await?;
    drop(conn);
    let name = format!("{}.ics", plan.id);
    let calendar = Calendar {
        plans: vec![plan],
        changes,
    };
    let link = state.config.link(&plans_path(&access));
    let ctx = FileContext {
        bond: access.bond(),
        link: &link,
        now: now(),
        tr: viewer.tr,
    };
    Ok(ics_response(
        calendar_file::write(&calendar, &ctx),
        Some(name),
    ))
}

#[derive(Template)]
#[template(path = "plans/calendar.html")]
struct CalendarPage {
    layout: Layout,
    access: BondAccess,
    /// When the live link was made, for people.
    made_on: Option<String>,
    /// The link itself, only right after it was made.
    new_link: Option<String>,
}

impl CalendarPage {
    /// The same link for apps that open `webcal:` addresses.
    fn webcal(&self, link: &str) -> String {
        match link.split_once("://") {
            Some((_, rest)) => format!("webcal://{rest}"),
            None => link.to_owned(),
        }
    }
}

async fn calendar_page(
    state: &AppState,
    viewer: &Viewer,
    access: BondAccess,
    new_token: Option<String>,
) -> AppResult<Response> {
    let made_at = link_made_at(&mut state.db.conn().await?, &access).await?;
    let tz = access.me_member().tz();
    let page = CalendarPage {
        layout: Layout::member(
            viewer.tr.t("plans-title-calendar"),
            Section::Together,
            viewer,
        ),
        made_on: made_at.map(|t| dates::date_long(&viewer.tr, &t.with_timezone(&tz))),
        new_link: new_token.map(|t| state.config.link(&format!("/calendar/{t}.ics"))),
        access,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn show(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    calendar_page(&state, &viewer, access, None).await
}

/// Makes a new link (replacing the old one) and shows it, this once.
pub async fn new_link(
    State(state): State<AppState>,
    InBond(viewer, access): InBond,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let token = make_link(&mut conn, &access).await?;
    drop(conn);
    calendar_page(&state, &viewer, access, Some(token)).await
}

pub async fn off(State(state): State<AppState>, InBond(_, access): InBond) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    turn_off(&mut conn, &access).await?;
    Ok(Redirect::to(&access.href("together/calendar")).into_response())
}

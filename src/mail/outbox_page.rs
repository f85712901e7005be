//! The Outbox page: mail that Tandem wrote for you, readable in the app when no mail server is
//! set up. Each member sees only mail addressed to them, and the invitations they sent
//! (meant to be handed on); never a reset link of someone else.

use askama::Template;
use axum::{extract::State, response::Response};

use crate::{
    app::AppState,
    auth::Viewer,
    db_run,
    error::AppResult,
    web::page::{Layout, Section, ok},
};

use super::OutboxMail;

#[derive(Template)]
#[template(path = "mail/outbox.html")]
struct OutboxPage {
    layout: Layout,
    mails: Vec<OutboxMail>,
    smtp_configured: bool,
}

pub async fn page(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let mails: Vec<OutboxMail> = db_run!(&mut conn, |c| sqlx::query_as::<_, OutboxMail>(
        "SELECT id, to_email, kind, subject, body, created_at, sent_at FROM outbox
         WHERE to_email = $1 OR (kind = 'invitation' AND sender_member_id = $2 AND family_id = $3)
         ORDER BY created_at DESC LIMIT 50"
    )
    .bind(&viewer.email)
    .bind(&viewer.member.id)
    .bind(&viewer.member.family_id)
    .fetch_all(c)
    .await)?;
    Ok(ok(&OutboxPage {
        layout: Layout::member(viewer.tr.t("outbox-title-outbox"), Section::Outbox, &viewer),
        mails,
        smtp_configured: state.mailer.is_smtp(),
    }))
}

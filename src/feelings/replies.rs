//! Answers to a shared check-in: a few listening words, or a one-tap reaction. Always shared
//! within the bond; shown only under a check-in the reader may see.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::checkin::Checkin;
use crate::{
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::MemberId,
    privacy::{Bind, BondAccess, BondRecord, Visibility, visible},
    talk::listening::{self, Reaction},
    web::form::{FieldErrors, text},
};

pub const REPLY_MAX: usize = 1000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reply {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub checkin_id: String,
    pub reaction: Option<String>,
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Reply {
    const TABLE: &'static str = "checkin_replies";
    const COLUMNS: &'static str =
        "id, author_id, visibility, checkin_id, reaction, body, created_at";
}

impl Reply {
    pub fn reaction(&self) -> Option<&'static Reaction> {
        self.reaction.as_deref().and_then(listening::reaction)
    }
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct ReplyForm {
    pub body: String,
    pub reaction: String,
}

/// A reply about to be written.
pub struct NewReply {
    pub reaction: Option<String>,
    pub body: Option<String>,
}

impl ReplyForm {
    pub fn validate(&self, errors: &mut FieldErrors) -> Option<NewReply> {
        let reaction = match self.reaction.trim() {
            "" => None,
            id => match listening::reaction(id) {
                Some(r) => Some(r.id.clone()),
                None => {
                    errors.add("reaction", "Please pick one of the reactions offered.");
                    None
                }
            },
        };
        let body = errors.take("body", text(&self.body, "Your answer", 0, REPLY_MAX));
        if reaction.is_none() && body.is_empty() && errors.is_empty() {
            errors.add("body", "Write a few words, or tap one of the reactions.");
        }
        errors.is_empty().then(|| NewReply {
            reaction,
            body: (!body.is_empty()).then_some(body),
        })
    }
}

pub async fn insert(
    h: &mut impl Handle,
    access: &BondAccess,
    checkin_id: &str,
    reply: &NewReply,
) -> AppResult<String> {
    let id = new_id();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO checkin_replies (id, bond_id, author_id, visibility, checkin_id, reaction, body, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(checkin_id)
    .bind(&reply.reaction)
    .bind(&reply.body)
    .bind(now())
    .execute(c)
    .await
    })?;
    Ok(id)
}

/// The replies under a check-in, oldest first.
pub async fn under(
    h: &mut impl Handle,
    access: &BondAccess,
    checkin: &Checkin,
) -> AppResult<Vec<Reply>> {
    visible::<Reply>(access)
        .filter("checkin_id = ?", Bind::Text(checkin.id.clone()))
        .order_by("created_at ASC, id ASC")
        .list(h)
        .await
}

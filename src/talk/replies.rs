//! Short replies and one-tap reactions under something both can see: a shared check-in, a
//! revealed pair of answers, or a note both can read. One piece serves them all; each subject
//! has its own table (so that deleting the subject deletes its replies) and names the column
//! that points to it.
//!
//! # Adding a subject
//! 1. A table `<subject>_replies` in both migration sets, shaped like `note_replies` (always
//!    `shared`, `ON DELETE CASCADE` from the subject), declared in `privacy::inventory`.
//! 2. A [`Subject`] below naming the table and the column.
//! 3. The subject's page: [`under`] for the list, a `talk::coach::ListeningCoach` with the
//!    subject's `talk::moments::Moment`, `templates/talk/_thread.html` included, and
//!    `events::seen(.., About::Under("<key>/"))` when it is read.
//! 4. A reply route that checks the subject is one both can read (else "not found") before
//!    [`insert`].
//!
//! The listening coach (`talk::coach`) sits on every reply form; what it counts lives here:
//! after three questions in a row from the same person it suggests reflecting instead.

use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::listening::{self, Reaction};
use crate::{
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    events::{self, EventKind, NewEvent},
    family::MemberId,
    i18n::{Key, Msg},
    privacy::{Bind, BondAccess, BondRecord, Column, Visibility, visible},
    web::form::{FieldErrors, text},
};

pub const REPLY_MAX: usize = 1000;

/// What replies hang under: the table holding them and the column naming the subject.
pub trait Subject: Send + Sync + Unpin + 'static {
    const TABLE: &'static str;
    const KEY: Column;
}

/// Replies under a shared check-in.
pub struct UnderCheckin;
impl Subject for UnderCheckin {
    const TABLE: &'static str = "checkin_replies";
    const KEY: Column = col!("checkin_id");
}

/// Replies under a revealed question of the day.
pub struct UnderAnswers;
impl Subject for UnderAnswers {
    const TABLE: &'static str = "answer_replies";
    const KEY: Column = col!("day");
}

/// Replies under a note both can read (shared, or sealed and opened).
pub struct UnderNote;
impl Subject for UnderNote {
    const TABLE: &'static str = "note_replies";
    const KEY: Column = col!("note_id");
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reply<S> {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub reaction: Option<String>,
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
    #[sqlx(skip)]
    subject: PhantomData<S>,
}

impl<S: Subject> BondRecord for Reply<S> {
    const TABLE: &'static str = S::TABLE;
    const COLUMNS: &'static str = "id, author_id, visibility, reaction, body, created_at";
}

impl<S> Reply<S> {
    pub fn reaction(&self) -> Option<&'static Reaction> {
        self.reaction.as_deref().and_then(listening::reaction)
    }

    /// A reply that asks something (and reflects nothing back).
    pub fn is_question(&self) -> bool {
        self.body
            .as_deref()
            .is_some_and(|b| b.trim_end().ends_with('?'))
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
                    errors.add("reaction", Msg::new("talk-please-pick-one-reactions"));
                    None
                }
            },
        };
        let body = errors.take(
            "body",
            text(&self.body, Key("field-your-answer"), 0, REPLY_MAX),
        );
        if reaction.is_none() && body.is_empty() && errors.is_empty() {
            errors.add("body", Msg::new("talk-write-few-words-tap"));
        }
        errors.is_empty().then(|| NewReply {
            reaction,
            body: (!body.is_empty()).then_some(body),
        })
    }
}

/// Writes a reply under `key` (a check-in or note id, or a day), always shared within the bond, and
/// tells the other of it (an event about `<key>/<reply>`, leading to `link`). Run it in a
/// transaction.
pub async fn insert<S: Subject>(
    h: &mut impl Handle,
    access: &BondAccess,
    key: Bind,
    reply: &NewReply,
    link: String,
) -> AppResult<String> {
    let id = new_id();
    let sql = format!(
        "INSERT INTO {} (id, bond_id, author_id, visibility, {}, reaction, body, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7)",
        S::TABLE,
        S::KEY.name()
    );
    macro_rules! run {
        ($key:expr) => {
            db_exec!(h, |c| sqlx::query(&sql)
                .bind(&id)
                .bind(access.id())
                .bind(access.me())
                .bind($key)
                .bind(&reply.reaction)
                .bind(&reply.body)
                .bind(now())
                .execute(c)
                .await)?
        };
    }
    let under = match key {
        Bind::Date(day) => {
            run!(day);
            day.to_string()
        }
        Bind::Text(text) => {
            run!(&text);
            text
        }
        other => {
            return Err(crate::error::AppError::Internal(anyhow::anyhow!(
                "replies keyed by {other:?}"
            )));
        }
    };
    let replied = NewEvent {
        kind: EventKind::Reply,
        subject: format!("{under}/{id}"),
        title: String::new(),
        link,
    };
    events::tell(h, access, replied).await?;
    Ok(id)
}

/// The replies under `key`, oldest first.
pub async fn under<S: Subject>(
    h: &mut impl Handle,
    access: &BondAccess,
    key: Bind,
) -> AppResult<Vec<Reply<S>>> {
    visible::<Reply<S>>(access)
        .filter(S::KEY.eq(key))
        .order_by("created_at ASC, id ASC")
        .list(h)
        .await
}

/// How many questions in a row `member` has just asked, counting back from the latest reply.
pub fn questions_in_a_row<S>(replies: &[Reply<S>], member: &MemberId) -> usize {
    replies
        .iter()
        .rev()
        .take_while(|r| &r.author_id == member && r.is_question())
        .count()
}

/// The listening coach's nudge: after three questions in a row, reflect before asking more.
pub fn coach_hint<S>(replies: &[Reply<S>], member: &MemberId) -> bool {
    questions_in_a_row(replies, member) >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(author: &str, body: &str) -> Reply<UnderAnswers> {
        Reply {
            id: body.into(),
            author_id: MemberId(author.into()),
            visibility: Visibility::Shared,
            reaction: None,
            body: Some(body.into()),
            created_at: Utc::now(),
            subject: PhantomData,
        }
    }

    #[test]
    fn the_coach_speaks_after_three_questions_in_a_row_only() {
        let me = MemberId("me".into());
        let mut thread = vec![
            reply("me", "Why?"),
            reply("you", "Because."),
            reply("me", "And then?"),
        ];
        assert!(!coach_hint(&thread, &me));
        thread.push(reply("me", "Who was there?"));
        assert_eq!(questions_in_a_row(&thread, &me), 2);
        thread.push(reply("me", "What did they say? "));
        assert!(coach_hint(&thread, &me));
        // A reflection breaks the run; the other's questions never count for me.
        thread.push(reply("me", "It sounds like that stung."));
        assert!(!coach_hint(&thread, &me));
        thread.extend([reply("you", "a?"), reply("you", "b?"), reply("you", "c?")]);
        assert!(!coach_hint(&thread, &me));
        assert!(coach_hint(&thread, &MemberId("you".into())));
    }
}

//! Answering the question of the day: blind answers revealed once both are in (through
//! `privacy::reveal_pair`), his and hers together in together mode, a skip that is final, and
//! what the other is told of each.

use chrono::NaiveDate;

use super::{Answer, Turn, day, load};
use crate::{
    col,
    db::{Db, Handle, Tx, now},
    db_exec,
    error::{AppError, AppResult},
    events::{self, About, EventKind, NewEvent},
    i18n::Msg,
    privacy::{Bind, BondAccess, reveal_pair},
};

/// The state column of the acting member.
fn turn_column(access: &BondAccess) -> &'static str {
    if access.me() == &access.bond().mother.id {
        "mother_state"
    } else {
        "son_state"
    }
}

/// Writes the acting member's answer to the bond's question of `day`; reveals both answers when
/// it is the second. Answering twice or after skipping is refused, and so is a day the bond
/// never had.
pub async fn answer(
    db: &Db,
    access: &BondAccess,
    day: NaiveDate,
    body: &str,
    made_together: bool,
) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    let revealed = answer_in(&mut tx, access, day, body, made_together).await?;
    tx.commit().await?;
    Ok(revealed)
}

/// In together mode, his answer and hers from one screen, in one transaction: both stand or
/// neither does. `hers` is `None` when she had answered on her own already.
pub async fn answer_together(
    db: &Db,
    access: &BondAccess,
    day: NaiveDate,
    his: &str,
    hers: Option<&str>,
) -> AppResult<bool> {
    let mother = access.mother_beside().ok_or(AppError::NotFound)?;
    let mut tx = db.begin().await?;
    let mut revealed = answer_in(&mut tx, access, day, his, true).await?;
    if let Some(hers) = hers {
        revealed = answer_in(&mut tx, &mother, day, hers, false).await?;
    }
    tx.commit().await?;
    Ok(revealed)
}

async fn answer_in(
    tx: &mut Tx,
    access: &BondAccess,
    day: NaiveDate,
    body: &str,
    made_together: bool,
) -> AppResult<bool> {
    let current = load(&mut *tx, access, day)
        .await?
        .ok_or(AppError::NotFound)?;
    match current.turn_of(access, access.me()) {
        Some(Turn::Answered) => {
            return Err(AppError::Conflict(Msg::new(
                "talk-have-already-answered-question",
            )));
        }
        // A skip is final: the other was told their answer stays theirs alone, so answering
        // now must not reveal it.
        Some(Turn::Skipped) => {
            return Err(AppError::Conflict(Msg::new(
                "talk-skipped-question-stays-unanswered",
            )));
        }
        None => {}
    }
    let inserted = db_exec!(&mut *tx, |c| {
        sqlx::query(
        "INSERT INTO answers (id, bond_id, author_id, visibility, made_together, day, question_id, body, created_at)
         VALUES ($1, $2, $3, 'private', $4, $5, $6, $7, $8)
         ON CONFLICT (bond_id, day, author_id) DO NOTHING"
    )
    .bind(crate::db::new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(day)
    .bind(&current.question_id)
    .bind(body)
    .bind(now())
    .execute(c)
    .await
    })?;
    if inserted == 0 {
        return Err(AppError::Conflict(Msg::new(
            "talk-have-already-answered-question",
        )));
    }
    // Only from "not yet": a skip or answer that slipped in since the read above wins, and
    // this one rolls back with the transaction.
    let set_turn = format!(
        "UPDATE daily_questions SET {col} = 'answered'
         WHERE bond_id = $1 AND day = $2 AND {col} IS NULL",
        col = turn_column(access)
    );
    let turned = db_exec!(&mut *tx, |c| sqlx::query(&set_turn)
        .bind(access.id())
        .bind(day)
        .execute(c)
        .await)?;
    if turned == 0 {
        return Err(AppError::Conflict(Msg::new(
            "talk-have-already-answered-skipped",
        )));
    }
    let revealed = reveal_pair::<Answer>(&mut *tx, access, col!("day"), Bind::Date(day)).await?;
    tell_answered(&mut *tx, access, day, revealed).await?;
    if revealed {
        db_exec!(&mut *tx, |c| sqlx::query(
            "UPDATE daily_questions SET revealed_at = $1 WHERE bond_id = $2 AND day = $3"
        )
        .bind(now())
        .bind(access.id())
        .bind(day)
        .execute(c)
        .await)?;
    }
    Ok(revealed)
}

/// Tells the other of an answer: that one waits for theirs, or — when it was the second —
/// that both are open. Either way, what the acting member was told of the day is dealt with.
async fn tell_answered(
    h: &mut impl Handle,
    access: &BondAccess,
    day: NaiveDate,
    revealed: bool,
) -> AppResult<()> {
    let kind = match revealed {
        true => EventKind::AnswersOpen,
        false => EventKind::AnswerWaiting,
    };
    let answered = NewEvent {
        kind,
        subject: day.to_string(),
        title: String::new(),
        link: day::day_path(access, day),
    };
    events::tell(h, access, answered).await?;
    let day = day.to_string();
    events::seen(h, access, &[EventKind::AnswerWaiting], About::Is(&day)).await
}

/// The acting member passes on the day's question for good; the other may still answer (their
/// answer then stays theirs alone).
pub async fn skip(h: &mut impl Handle, access: &BondAccess, day: NaiveDate) -> AppResult<()> {
    let sql = format!(
        "UPDATE daily_questions SET {col} = 'skipped'
         WHERE bond_id = $1 AND day = $2 AND {col} IS NULL",
        col = turn_column(access)
    );
    let changed = db_exec!(h, |c| sqlx::query(&sql)
        .bind(access.id())
        .bind(day)
        .execute(c)
        .await)?;
    if changed == 0 {
        return match load(h, access, day).await? {
            None => Err(AppError::NotFound),
            Some(_) => Err(AppError::Conflict(Msg::new(
                "talk-have-already-answered-skipped",
            ))),
        };
    }
    let day = day.to_string();
    events::seen(h, access, &[EventKind::AnswerWaiting], About::Is(&day)).await
}

//! Favourite days of the question of the day: each member keeps their own, for the history.
//! A favourite is personal; only its member's own list is ever read.

use chrono::NaiveDate;

use crate::{
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    privacy::BondAccess,
};

/// The acting member's favourite days in the bond.
pub async fn days(h: &mut impl Handle, access: &BondAccess) -> AppResult<Vec<NaiveDate>> {
    Ok(db_run!(h, |c| sqlx::query_scalar(
        "SELECT day FROM talk_favourites WHERE bond_id = $1 AND member_id = $2 ORDER BY day DESC"
    )
    .bind(access.id())
    .bind(access.me())
    .fetch_all(c)
    .await)?)
}

/// Marks or unmarks a day the bond had (the foreign key refuses any other day).
pub async fn set(
    h: &mut impl Handle,
    access: &BondAccess,
    day: NaiveDate,
    on: bool,
) -> AppResult<()> {
    if on {
        db_exec!(h, |c| {
            sqlx::query(
            "INSERT INTO talk_favourites (bond_id, member_id, day, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING"
        )
        .bind(access.id())
        .bind(access.me())
        .bind(day)
        .bind(now())
        .execute(c)
        .await
        })?;
    } else {
        db_exec!(h, |c| sqlx::query(
            "DELETE FROM talk_favourites WHERE bond_id = $1 AND member_id = $2 AND day = $3"
        )
        .bind(access.id())
        .bind(access.me())
        .bind(day)
        .execute(c)
        .await)?;
    }
    Ok(())
}

//! The feelings part of the benchmark: each user's bond, a history of one check-in a day for
//! five years (for both members of user 1's bond) behind the insights page, and a count of the
//! stored check-ins to compare with the acknowledged ones.

use std::{net::SocketAddr, path::Path};

use chrono::{Duration, Utc};
use sqlx::{Connection, SqliteConnection};

use crate::{
    Result,
    http::{Conn, form_encode, post, timed},
};

/// Years of daily check-ins behind the insights page.
pub const HISTORY_YEARS: i64 = 5;

/// The words check-ins cycle through, one of each part of the grid.
const WORDS: [(&str, &str); 4] = [
    ("bright", "cheerful"),
    ("calm", "serene"),
    ("stormy", "frustrated"),
    ("heavy", "tired"),
];

/// The form body of the `n`-th generated check-in.
pub fn checkin_body(n: usize) -> String {
    let (quadrant, word) = WORDS[n % WORDS.len()];
    form_encode(&[
        ("quadrant", quadrant),
        ("feeling", word),
        ("intensity", &(n % 5 + 1).to_string()),
        (
            "visibility",
            if n.is_multiple_of(2) {
                "shared"
            } else {
                "private"
            },
        ),
    ])
}

/// The bond of a signed-in mother with one son: "Feelings" redirects to it.
pub async fn bond_of(addr: SocketAddr, cookie: &str) -> Result<String> {
    let mut conn = Conn::connect(addr).await?;
    let request = format!(
        "GET /feelings HTTP/1.1\r\nHost: {addr}\r\nCookie: tandem_session={cookie}\r\n\r\n"
    );
    let r = timed(&mut conn, request.as_bytes()).await?;
    r.headers("location")
        .find_map(|l| l.strip_prefix("/bonds/"))
        .and_then(|rest| rest.strip_suffix("/feelings"))
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "GET /feelings: status {}, no bond in the redirect",
                r.status
            )
            .into()
        })
}

pub fn database(data_dir: &Path) -> String {
    format!("sqlite:{}", data_dir.join("tandem.db").display())
}

/// Posts one check-in a day's worth of history through the app, then moves them back in time
/// one day apart and gives the son the same history, shared. Returns the rows written.
pub async fn seed_history(
    addr: SocketAddr,
    origin: &str,
    cookie: &str,
    bond: &str,
    data_dir: &Path,
) -> Result<usize> {
    let days = (HISTORY_YEARS * 365 + 1) as usize;
    let mut conn = Conn::connect(addr).await?;
    let path = format!("/bonds/{bond}/feelings");
    for n in 0..days {
        let r = timed(
            &mut conn,
            &post(addr, origin, &path, Some(cookie), &checkin_body(n)),
        )
        .await?;
        if r.status != 303 {
            return Err(format!("seeding check-in {n}: expected 303, got {}", r.status).into());
        }
    }
    // The app stamps rows with the time of writing; history needs them spread over the years.
    let mut db = SqliteConnection::connect(&database(data_dir)).await?;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM checkins WHERE bond_id = $1 ORDER BY created_at, id")
            .bind(bond)
            .fetch_all(&mut db)
            .await?;
    let now = Utc::now();
    let mut tx = db.begin().await?;
    for (k, id) in ids.iter().enumerate() {
        let at = now - Duration::days((ids.len() - 1 - k) as i64) - Duration::hours(2);
        sqlx::query("UPDATE checkins SET created_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO checkins (id, bond_id, author_id, visibility, made_together, feeling_id,
             custom_word, quadrant, intensity, note, need, created_at)
         SELECT c.id || 's', c.bond_id, b.son_id, 'shared', c.made_together, c.feeling_id,
             c.custom_word, c.quadrant, c.intensity, c.note, c.need, c.created_at
         FROM checkins c JOIN bonds b ON b.id = c.bond_id WHERE c.bond_id = $1",
    )
    .bind(bond)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(ids.len() * 2)
}

/// All check-ins in the database.
pub async fn stored_checkins(data_dir: &Path) -> Result<i64> {
    let mut db = SqliteConnection::connect(&database(data_dir)).await?;
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM checkins")
        .fetch_one(&mut db)
        .await?)
}

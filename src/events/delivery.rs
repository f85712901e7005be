//! How events travel beyond Today: each becomes a nudge of the reminders (kind `news`) due at
//! the recipient's next batch time, so everything that happened between two batches arrives
//! as one mail, within their channels, quiet hours and weekly cap. Batch times are a few fixed
//! moments of the recipient's own day, since notifications gathered a few times a day are
//! read where constant ones are switched off.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use super::{Event, EventKind};
use crate::{
    db::Handle,
    db_run,
    error::AppResult,
    family::{Member, Role},
    i18n::Tr,
    reminders::{self, NewNudge, Nudge, NudgeKind},
};

/// When, by the recipient's own clock, the news of the day goes out.
const BATCH_TIMES: [(u32, u32); 3] = [(8, 30), (12, 30), (18, 30)];

/// How long a batch line about an event is worth sending. Past it, the event still waits on
/// Today.
const WORTH_MAILING: Duration = Duration::days(3);

/// The first batch time after `at` on the member's clock.
pub fn next_batch(tz: Tz, at: DateTime<Utc>) -> DateTime<Utc> {
    let day = at.with_timezone(&tz).date_naive();
    [day, day + Duration::days(1), day + Duration::days(2)]
        .into_iter()
        .flat_map(|d| {
            BATCH_TIMES.iter().filter_map(move |(h, m)| {
                NaiveTime::from_hms_opt(*h, *m, 0).map(|t| reminders::timing::on(tz, d, t))
            })
        })
        .find(|t| *t > at)
        .unwrap_or(at)
}

/// The nudge that carries an event to the recipient's next batch. A freshened event (the same
/// plan moved again) gets a nudge of its own, since the last one may have gone out already.
pub(super) async fn propose(
    h: &mut impl Handle,
    recipient: &Member,
    event: &Event,
    at: DateTime<Utc>,
) -> AppResult<()> {
    // A young son without a login reads his news on Today, with his mother: nothing to send.
    if recipient.account_id.is_none() {
        return Ok(());
    }
    let due = next_batch(recipient.tz(), at);
    reminders::propose_news(
        h,
        &NewNudge {
            member: recipient,
            bond: Some(&event.bond_id),
            kind: NudgeKind::News,
            subject: format!("{}@{}", event.id, at.timestamp_micros()),
            title: String::new(),
            // When it happened: a batch lists its news in that order.
            event_at: Some(at),
            link: event.link.clone(),
            due_at: due,
            expires_at: due + WORTH_MAILING,
        },
        &event.id,
        at,
    )
    .await
}

/// Whether the event a news nudge carries is still news when the batch goes out: not seen,
/// dismissed or undone since.
pub async fn still_news(h: &mut impl Handle, nudge: &Nudge) -> AppResult<bool> {
    let Some(event_id) = &nudge.event_id else {
        return Ok(false);
    };
    let open: i64 = db_run!(h, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM events WHERE id = $1 AND seen_at IS NULL AND void_at IS NULL"
    )
    .bind(event_id)
    .fetch_one(c)
    .await)?;
    Ok(open > 0)
}

/// An event as a line of a mail: its kind, and its title where the mail may carry it.
#[derive(Debug, Clone)]
pub struct Told {
    pub kind: EventKind,
    /// The role of the one who did it (her or his, in the words).
    pub role: Role,
    pub title: String,
}

impl Told {
    /// The line's words, with the name of the one who did it, in `tr`'s language.
    pub fn words(&self, tr: &Tr, name: &str) -> String {
        tr.t_with(
            self.kind.mail_key(),
            &[
                ("name", name.into()),
                ("role", self.role.into()),
                ("title", self.title.as_str().into()),
            ],
        )
    }
}

/// The events behind the news nudges of a batch, by event id, with their authors' roles: one
/// read for the whole batch.
pub async fn told_in(h: &mut impl Handle, nudges: &[Nudge]) -> AppResult<HashMap<String, Told>> {
    let ids: Vec<&String> = nudges.iter().filter_map(|n| n.event_id.as_ref()).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let markers = (1..=ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT e.id, e.kind, e.title, m.role
         FROM events e JOIN members m ON m.id = e.actor_id
         WHERE e.id IN ({markers})"
    );
    let rows = db_run!(h, |c| {
        let mut query = sqlx::query_as::<_, ToldRow>(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        query.fetch_all(c).await
    })?;
    Ok(rows
        .into_iter()
        .map(|row| {
            // Only a plan's title may travel by mail; other kinds carry no member's words.
            let title = match row.kind.title_in_mail() {
                true => row.title,
                false => String::new(),
            };
            let told = Told {
                kind: row.kind,
                role: row.role,
                title,
            };
            (row.id, told)
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct ToldRow {
    id: String,
    kind: EventKind,
    title: String,
    role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use chrono_tz::{Asia::Tokyo, Europe::Lisbon};

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    #[test]
    fn news_waits_for_the_next_batch_time_on_the_recipients_own_clock() {
        // 10:00 in Lisbon (UTC+0 in winter): the 12:30 batch.
        assert_eq!(
            next_batch(Lisbon, utc("2026-12-04 10:00")),
            utc("2026-12-04 12:30")
        );
        // 10:00 UTC is 19:00 in Tokyo: the next is 08:30 there the day after.
        assert_eq!(
            next_batch(Tokyo, utc("2026-12-04 10:00")),
            utc("2026-12-04 23:30")
        );
        // Exactly at a batch time, the next one.
        assert_eq!(
            next_batch(Lisbon, utc("2026-12-04 12:30")),
            utc("2026-12-04 18:30")
        );
    }

    #[test]
    fn batch_times_follow_daylight_saving() {
        // Lisbon is UTC+1 in summer: 08:30 local is 07:30 UTC.
        assert_eq!(
            next_batch(Lisbon, utc("2026-07-01 05:00")),
            utc("2026-07-01 07:30")
        );
    }
}

//! Reminders of plans: the evening before, at 18:00 on each member's own clock, every member
//! with a login is reminded of an occurrence that is on. An hourly sweep proposes them as
//! nudges, which the nudges module batches, caps and delivers.
//!
//! When an occurrence is over, each member who has not reflected on it yet is invited once,
//! an hour after its end, to say how it was (see `reflections`); the invitation lapses after
//! the week in which a lone reflection still waits for the other.
//!
//! A nudge's subject is the occurrence's key and its start, so a moved occurrence is a new
//! subject: the old reminder is void at delivery (`still_stands`) and the next sweep proposes
//! one for the new time. A cancelled occurrence is never proposed, and void if cancelled later.

use chrono::{DateTime, Duration, DurationRound, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::{
    db::{Db, Handle, now},
    db_run,
    error::{AppError, AppResult},
    family::{FamilyId, Member, bonds, members},
    jobs::{self, Job, Worker},
    memories::reflections::on_plans::{awaiting_reflection, reflect_path},
    plans::{self, Occurrence},
    privacy::BondAccess,
    reminders::{self, NewNudge, Nudge, NudgeKind, timing},
};

/// One hourly sweep (payload `{}`); each run schedules the next first, so a sweep that keeps
/// failing never stops the ones after it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sweep {
    /// The hour this sweep is for. It names the row, so that instances scheduling the same
    /// hour make one; it is not stored, since the sweep looks ahead from its own now.
    #[serde(skip)]
    pub at: DateTime<Utc>,
}

impl Job for Sweep {
    const KIND: &'static str = "together.reminders";

    fn key(&self) -> String {
        self.at.to_rfc3339()
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        let mut conn = worker.db.conn().await?;
        schedule_sweep(&mut conn, now()).await?;
        drop(conn);
        sweep(&worker.db, now()).await
    }
}

/// How far ahead a sweep looks: beyond the latest evening-before (30 hours before a start
/// at 23:59), with room for a few missed hourly runs.
pub const HORIZON: Duration = Duration::hours(36);

/// The usual reminder time, the evening before, on the member's own clock.
pub fn evening() -> NaiveTime {
    NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default()
}

/// The evening before `start` (18:00 on the day before its date, both on the member's clock).
pub fn evening_before(start: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let day = start.with_timezone(&tz).date_naive() - Duration::days(1);
    timing::on(tz, day, evening())
}

/// When a member is to be reminded of an occurrence starting at `start`, seen at `now`: the
/// evening before, or if that has passed, now; never less than an hour before the start
/// (`None`: too late to be of use).
pub fn due(start: DateTime<Utc>, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let due = evening_before(start, tz).max(now);
    (due + timing::MIN_LEAD <= start).then_some(due)
}

/// Who made the plan, or last moved the occurrence, after the usual reminder time knows of it
/// already: a reminder right away would only be noise.
fn made_it_late(member: &Member, occurrence: &Occurrence, usual: DateTime<Utc>) -> bool {
    let (author, at) = match &occurrence.change {
        Some(change) => (&change.author_id, change.created_at),
        None => (&occurrence.plan.author_id, occurrence.plan.created_at),
    };
    author == &member.id && at >= usual
}

/// The nudge subject of an occurrence: its key and its start, so a move is a new subject.
pub fn subject(occurrence: &Occurrence) -> String {
    format!(
        "{}@{}",
        occurrence.key,
        occurrence.starts_at.format("%Y%m%dT%H%M%SZ")
    )
}

/// Where a plan reminder leads.
pub fn link(access: &BondAccess) -> String {
    access.href("together/plans")
}

/// Proposes the reminders of one member for one bond's occurrences starting in the horizon.
async fn propose_for(
    h: &mut impl Handle,
    member: &Member,
    access: &BondAccess,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let tz = member.tz();
    for occurrence in plans::between(h, access, at, at + HORIZON).await? {
        if !occurrence.is_on()
            || made_it_late(
                member,
                &occurrence,
                evening_before(occurrence.starts_at, tz),
            )
        {
            continue;
        }
        let Some(due_at) = due(occurrence.starts_at, tz, at) else {
            continue;
        };
        let nudge = NewNudge {
            member,
            bond: Some(access.id()),
            kind: NudgeKind::Plan,
            subject: subject(&occurrence),
            title: occurrence.plan.title.clone(),
            event_at: Some(occurrence.starts_at),
            link: link(access),
            due_at,
            expires_at: occurrence.starts_at,
        };
        reminders::propose(h, &nudge, at).await?;
    }
    Ok(())
}

/// How long after an occurrence's end the invitation to reflect is due.
pub const REFLECT_AFTER: Duration = Duration::hours(1);
/// How long an invitation to reflect stays worth sending: the week a lone reflection waits.
pub const REFLECT_WITHIN: Duration = Duration::days(7);

/// Proposes one invitation to reflect on each occurrence of the bond that ended lately and
/// that the member has not reflected on. Only endings within the sweep's horizon count, so a
/// first sweep after an upgrade does not invite to everything of the last fortnight.
async fn propose_reflections(
    h: &mut impl Handle,
    member: &Member,
    access: &BondAccess,
    at: DateTime<Utc>,
) -> AppResult<()> {
    for waiting in awaiting_reflection(h, access).await? {
        let occurrence = &waiting.occurrence;
        if occurrence.ends_at + HORIZON < at || occurrence.ends_at > at {
            continue;
        }
        let nudge = NewNudge {
            member,
            bond: Some(access.id()),
            kind: NudgeKind::Reflect,
            subject: occurrence.key.clone(),
            title: occurrence.plan.title.clone(),
            event_at: Some(occurrence.starts_at),
            link: reflect_path(access, &occurrence.key),
            due_at: (occurrence.ends_at + REFLECT_AFTER).max(at),
            expires_at: occurrence.ends_at + REFLECT_WITHIN,
        };
        reminders::propose(h, &nudge, at).await?;
    }
    Ok(())
}

/// One sweep as of `at`: every bond of every family, every member with a login. Safe to run
/// twice: a nudge is proposed once per member and subject. A family whose sweep fails does
/// not hold up the others; the job reports the failure and is retried.
pub async fn sweep(db: &Db, at: DateTime<Utc>) -> anyhow::Result<()> {
    let families: Vec<FamilyId> = {
        let mut conn = db.conn().await?;
        db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
            "SELECT DISTINCT family_id FROM bonds ORDER BY family_id"
        )
        .fetch_all(c)
        .await)?
        .into_iter()
        .map(FamilyId)
        .collect()
    };
    let mut failed = 0;
    for family in &families {
        if let Err(e) = sweep_family(db, family, at).await {
            tracing::warn!(family = %family, error = %e, "reminder sweep failed for a family");
            failed += 1;
        }
    }
    let mut conn = db.conn().await?;
    reminders::deliver_overdue(&mut conn, at).await?;
    if failed > 0 {
        anyhow::bail!(
            "the reminder sweep failed for {failed} of {} families",
            families.len()
        );
    }
    Ok(())
}

/// One family, in one transaction: a nudge and its delivery job are written together.
async fn sweep_family(db: &Db, family: &FamilyId, at: DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let people = members(&mut tx, family).await?;
    for bond in bonds(&people) {
        for member in [&bond.mother, &bond.son] {
            // A managed son has no login of his own: his mother's device is his.
            if member.is_managed() {
                continue;
            }
            let access = BondAccess::open_as_system(&mut tx, member, bond.id.as_str()).await?;
            propose_for(&mut tx, member, &access, at).await?;
            propose_reflections(&mut tx, member, &access, at).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Makes sure the next hourly sweep exists (at start-up and by each run).
pub async fn schedule_sweep(h: &mut impl Handle, after: DateTime<Utc>) -> AppResult<()> {
    let next = after.duration_trunc(TimeDelta::hours(1)).unwrap_or(after) + Duration::hours(1);
    jobs::enqueue(h, &Sweep { at: next }, next).await
}

/// At delivery: a plan reminder stands while its occurrence is on at the same start, and the
/// member still belongs to the bond.
pub async fn still_stands(h: &mut impl Handle, member: &Member, nudge: &Nudge) -> AppResult<bool> {
    let Some(bond) = &nudge.bond_id else {
        return Ok(false);
    };
    let Some((key, _)) = nudge.subject.split_once('@') else {
        return Ok(false);
    };
    let access = match BondAccess::open_as_system(h, member, bond.as_str()).await {
        Ok(access) => access,
        Err(AppError::NotFound) => return Ok(false),
        Err(e) => return Err(e),
    };
    match plans::occurrence(h, &access, key).await {
        Ok(occurrence) => Ok(occurrence.is_on() && subject(&occurrence) == nudge.subject),
        Err(AppError::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// At delivery: an invitation to reflect stands while the member still has not reflected on
/// the occurrence (and it is still on, within the fortnight reflections are asked for).
pub async fn reflection_still_wanted(
    h: &mut impl Handle,
    member: &Member,
    nudge: &Nudge,
) -> AppResult<bool> {
    let Some(bond) = &nudge.bond_id else {
        return Ok(false);
    };
    let access = match BondAccess::open_as_system(h, member, bond.as_str()).await {
        Ok(access) => access,
        Err(AppError::NotFound) => return Ok(false),
        Err(e) => return Err(e),
    };
    Ok(awaiting_reflection(h, &access)
        .await?
        .iter()
        .any(|w| w.occurrence.key == nudge.subject))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use chrono_tz::{America::Toronto, Europe::Lisbon};

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    #[test]
    fn the_evening_before_is_at_six_on_each_members_own_clock() {
        // Saturday 5 December 2026, 15:00 UTC: 15:00 in Lisbon, 10:00 in Toronto.
        let start = utc("2026-12-05 15:00");
        assert_eq!(evening_before(start, Lisbon), utc("2026-12-04 18:00"));
        assert_eq!(evening_before(start, Toronto), utc("2026-12-04 23:00"));
    }

    #[test]
    fn the_evening_before_follows_the_members_day_not_the_plans() {
        // 02:00 UTC on Sunday is still Saturday evening in Toronto.
        let start = utc("2026-12-06 02:00");
        assert_eq!(evening_before(start, Lisbon), utc("2026-12-05 18:00"));
        assert_eq!(evening_before(start, Toronto), utc("2026-12-04 23:00"));
    }

    #[test]
    fn the_evening_before_keeps_its_local_time_across_daylight_saving() {
        // Toronto springs forward in the night to Sunday 14 March 2027: Saturday 18:00 is
        // still standard time (UTC-5), Sunday's start is summer time (UTC-4).
        let start = utc("2027-03-14 15:00");
        assert_eq!(evening_before(start, Toronto), utc("2027-03-13 23:00"));
        assert_eq!(
            start.with_timezone(&Toronto).format("%H:%M").to_string(),
            "11:00"
        );
        // Lisbon springs forward on Sunday 28 March 2027.
        let start = utc("2027-03-29 09:00");
        assert_eq!(evening_before(start, Lisbon), utc("2027-03-28 17:00"));
    }

    #[test]
    fn a_late_plan_is_reminded_now_while_an_hour_is_left() {
        let start = utc("2026-12-05 15:00");
        let now = utc("2026-12-05 09:00");
        assert_eq!(due(start, Lisbon, now), Some(now));
        assert_eq!(
            due(start, Lisbon, utc("2026-12-05 14:00")),
            Some(utc("2026-12-05 14:00"))
        );
        assert_eq!(due(start, Lisbon, utc("2026-12-05 14:01")), None);
        assert_eq!(
            due(start, Lisbon, utc("2026-12-03 09:00")),
            Some(utc("2026-12-04 18:00"))
        );
    }
}

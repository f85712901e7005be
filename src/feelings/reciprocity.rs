//! Two-way sharing: when one member shares a check-in and the other has not shared this week,
//! the other gets one gentle invitation (on Today, and by mail when they have a login). Never
//! twice in a row: after an invitation that went unanswered, the next week stays quiet.
//!
//! Sharing enqueues a job keyed by bond, invitee and the invitee's week, so many shares in a
//! week make one job; the job records the invitation and its mail in one transaction.

use askama::Template;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::checkin::Checkin;
use crate::{
    auth::account,
    col,
    db::{Db, Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::{BondId, FamilyId, Member, MemberId, member_in_family},
    i18n::Tr,
    jobs::{self, Job, Worker},
    mail::{self, Mail, MailKind},
    privacy::{Bind, BondAccess, visible},
};

/// The job that decides and records one invitation to share back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteToShare {
    pub family_id: FamilyId,
    pub bond_id: BondId,
    /// The invitee.
    pub member_id: MemberId,
    /// Where the invitation's mail points.
    pub link: String,
    /// The invitee's week ("2026-W47") when the partner shared. With the bond and the invitee
    /// it names the row, so many shares in a week make one job; it is not stored, since the
    /// run decides by the invitee's week at its own now.
    #[serde(skip)]
    pub week: String,
}

impl Job for InviteToShare {
    const KIND: &'static str = "feelings.invite";

    fn key(&self) -> String {
        format!("{}:{}:{}", self.bond_id, self.member_id, self.week)
    }

    async fn run(self, worker: &Worker) -> anyhow::Result<()> {
        invite(&worker.db, self).await
    }
}

/// The ISO week a member is living in, as text ("2026-W47"), and its first instant.
pub fn week_of(member: &Member, at: DateTime<Utc>) -> (String, DateTime<Utc>) {
    let tz = member.tz();
    let day = at.with_timezone(&tz).date_naive();
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    (week_label(monday), start_of(tz, monday))
}

fn week_label(day: NaiveDate) -> String {
    day.format("%G-W%V").to_string()
}

fn start_of(tz: chrono_tz::Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// Called after the acting member shared a check-in: their own invitation of this week is
/// answered, and the partner's is considered.
pub async fn on_shared(h: &mut impl Handle, access: &BondAccess, link: &str) -> AppResult<()> {
    dismiss(h, access, access.me_member()).await?;
    // In together mode she shared it with him, side by side: nothing to invite her to.
    if access.together() {
        return Ok(());
    }
    let partner = access.partner();
    let (week, _) = week_of(partner, access.now());
    let job = InviteToShare {
        family_id: partner.family_id.clone(),
        bond_id: access.id().clone(),
        member_id: partner.id.clone(),
        link: link.to_owned(),
        week,
    };
    jobs::enqueue(h, &job, now()).await
}

/// Whether the invitee shared a check-in in `[from, to)`; read through the privacy core as
/// the invitee, so only their own entries count.
async fn shared_between(
    h: &mut impl Handle,
    access: &BondAccess,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<bool> {
    let n = visible::<Checkin>(access)
        .mine()
        .filter(col!("visibility").eq(Bind::Text("shared".into())))
        .filter(col!("created_at").at_least(Bind::Time(from)))
        .filter(col!("created_at").before(Bind::Time(to)))
        .count(h)
        .await?;
    Ok(n > 0)
}

/// The invitation's mail, in the invitee's language.
#[derive(Template)]
#[template(path = "mail/feelings_invitation.txt")]
struct InvitationMail<'a> {
    tr: Tr,
    invitee: &'a str,
    partner: &'a str,
    link: &'a str,
}

/// Runs one invitation job. Idempotent: the invitation row's key makes a retry a no-op.
async fn invite(db: &Db, job: InviteToShare) -> anyhow::Result<()> {
    let InviteToShare {
        family_id: family,
        bond_id: bond,
        member_id: member,
        link,
        ..
    } = job;
    let mut tx = db.begin().await?;
    let invitee = match member_in_family(&mut tx, &family, member.as_str()).await {
        Ok(m) => m,
        // The member or the bond is gone: nobody to invite.
        Err(crate::error::AppError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let access = match BondAccess::open_as_system(&mut tx, &invitee, bond.as_str()).await {
        Ok(a) => a,
        Err(crate::error::AppError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let (week, week_start) = week_of(&invitee, now());
    if shared_between(&mut tx, &access, week_start, now() + Duration::minutes(1)).await? {
        return Ok(());
    }
    let last_week_start = week_of(&invitee, week_start - Duration::hours(1));
    let invited_last_week: bool = db_run!(&mut tx, |c| {
        sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM feeling_invitations WHERE bond_id = $1 AND member_id = $2 AND week = $3"
    )
    .bind(access.id())
    .bind(&invitee.id)
    .bind(&last_week_start.0)
    .fetch_one(c)
    .await
    })? > 0;
    if invited_last_week && !shared_between(&mut tx, &access, last_week_start.1, week_start).await?
    {
        return Ok(());
    }
    let inserted = db_exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO feeling_invitations (bond_id, member_id, week, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (bond_id, member_id, week) DO NOTHING"
    )
    .bind(access.id())
    .bind(&invitee.id)
    .bind(&week)
    .bind(now())
    .execute(c)
    .await)?;
    if inserted == 1
        && let Some(account_id) = &invitee.account_id
        && let Some(email) = account::email_of(&mut tx, account_id).await?
    {
        let partner = access.partner();
        let letter = Mail::compose(
            MailKind::FeelingsInvitation,
            &email,
            &InvitationMail {
                tr: Tr::for_member(&invitee),
                invitee: &invitee.display_name,
                partner: &partner.display_name,
                link: &link,
            },
        )?
        .in_family(Some(family.clone()))
        .from_member(&partner.id);
        mail::queue(&mut tx, letter).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the acting member has an open invitation to share back this week.
pub async fn pending(h: &mut impl Handle, access: &BondAccess, me: &Member) -> AppResult<bool> {
    let (week, _) = week_of(me, access.now());
    let n: i64 = db_run!(h, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM feeling_invitations
         WHERE bond_id = $1 AND member_id = $2 AND week = $3 AND dismissed_at IS NULL"
    )
    .bind(access.id())
    .bind(access.me())
    .bind(&week)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// "Not now" (or a check-in shared, which answers it): the acting member's invitation of
/// this week is put away.
pub async fn dismiss(h: &mut impl Handle, access: &BondAccess, me: &Member) -> AppResult<()> {
    let (week, _) = week_of(me, access.now());
    db_exec!(h, |c| sqlx::query(
        "UPDATE feeling_invitations SET dismissed_at = $1
         WHERE bond_id = $2 AND member_id = $3 AND week = $4 AND dismissed_at IS NULL"
    )
    .bind(now())
    .bind(access.id())
    .bind(access.me())
    .bind(&week)
    .execute(c)
    .await)?;
    Ok(())
}

//! Each member's reminder choices: channels (Today, mail, push), quiet hours and the weekly cap. A member who never
//! chose has the defaults.

pub mod page;

use chrono::NaiveTime;

use super::timing::QuietHours;
use crate::{
    db::{Handle, now},
    db_exec, db_run,
    error::AppResult,
    family::MemberId,
};

/// The most nudges a member may ask for in a week (two a day).
pub const MAX_WEEKLY_CAP: i64 = 14;
/// The default weekly cap: a few pushes a week already make many people switch them off.
pub const DEFAULT_WEEKLY_CAP: i64 = 3;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Settings {
    /// Reminders shown on Today.
    pub in_app: bool,
    /// Reminders mailed to the member's login address.
    pub email: bool,
    /// Reminders pushed to the devices where the member turned push on (none at first, so
    /// on by default costs nothing until they do).
    pub push: bool,
    /// Local wall-clock times; the same time twice means no quiet hours.
    pub quiet_start: NaiveTime,
    pub quiet_end: NaiveTime,
    /// Deliveries that count (mail) per ISO week in the member's own time zone.
    pub weekly_cap: i64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            in_app: true,
            email: true,
            push: true,
            quiet_start: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
            quiet_end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            weekly_cap: DEFAULT_WEEKLY_CAP,
        }
    }
}

impl Settings {
    pub fn quiet(&self) -> Option<QuietHours> {
        QuietHours::new(self.quiet_start, self.quiet_end)
    }
}

/// A member's settings, or the defaults.
pub async fn load(h: &mut impl Handle, member: &MemberId) -> AppResult<Settings> {
    let found = db_run!(h, |c| sqlx::query_as::<_, Settings>(
        "SELECT in_app, email, push, quiet_start, quiet_end, weekly_cap FROM nudge_settings
         WHERE member_id = $1"
    )
    .bind(member)
    .fetch_optional(c)
    .await)?;
    Ok(found.unwrap_or_default())
}

pub async fn save(h: &mut impl Handle, member: &MemberId, settings: &Settings) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO nudge_settings
             (member_id, in_app, email, quiet_start, quiet_end, weekly_cap, updated_at, push)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (member_id) DO UPDATE SET in_app = $2, email = $3, quiet_start = $4,
             quiet_end = $5, weekly_cap = $6, updated_at = $7, push = $8"
    )
    .bind(member)
    .bind(settings.in_app)
    .bind(settings.email)
    .bind(settings.quiet_start)
    .bind(settings.quiet_end)
    .bind(settings.weekly_cap)
    .bind(now())
    .bind(settings.push)
    .execute(c)
    .await)?;
    Ok(())
}

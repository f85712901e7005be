use chrono::{DateTime, SubsecRound, Utc};

/// The current time, cut to whole microseconds: PostgreSQL keeps microseconds, so a timestamp
/// read back equals the one written on both backends, and SQLite's text timestamps (all in UTC)
/// sort in time order.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

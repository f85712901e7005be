use chrono::{DateTime, Utc};

/// The current time on the app's clock ([`crate::clock`]), cut to whole microseconds:
/// PostgreSQL keeps microseconds, so a timestamp read back equals the one written on both
/// backends, and SQLite's text timestamps (all in UTC) sort in time order.
pub fn now() -> DateTime<Utc> {
    crate::clock::Clock::current().now()
}

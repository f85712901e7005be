//! The time Tandem runs on: real time, which a test can move forward (or set) for one app
//! without editing the timestamps of its rows (docs/adr/0023-settable-clock.md).
//!
//! Every reading of "now" goes through [`crate::db::now`], which asks the clock of the work
//! in hand: the app's [`Clock`] is made current for each request (the [`in_request`]
//! middleware) and for each run of the job worker, as a task-local, so the many places that
//! need the time take no clock argument. Outside both (the command line, a unit test) it is
//! the system's time.
//!
//! The clock is an offset from the system's time, not a frozen instant: time still passes
//! under a test (leases expire, retries back off), only from a different starting point.
//!
//! # Adding work that reads the time
//! 1. In a handler or a job, call `db::now()`: the app's clock is already current.
//! 2. Work moved to another task (`tokio::spawn`) loses the task-local: wrap it in
//!    `Clock::current().scope(…)` so it keeps the clock of the request that started it.
//! 3. Never `Utc::now()`: a test that moved the clock would not see it.
//! 4. Comparing with a file's modification time (which the file system stamps with its own
//!    clock)? Use [`file_system_now`], the one reading of the system's time on purpose.

use std::{
    future::Future,
    sync::{
        Arc,
        atomic::{AtomicI64, Ordering},
    },
};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use tokio::task::futures::TaskLocalFuture;

use crate::app::AppState;

tokio::task_local! {
    static CURRENT: Clock;
}

/// A clock: the system's time plus an offset that tests may change. Clones share the offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Microseconds added to the system's time.
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// The system's time, until a test moves it.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// The time on this clock, cut to whole microseconds (what both databases keep).
    pub fn now(&self) -> DateTime<Utc> {
        let offset = Duration::microseconds(self.offset.load(Ordering::Relaxed));
        (Utc::now() + offset).trunc_subsecs(6)
    }

    /// Moves the clock forward (or back, with a negative duration) from where it is.
    pub fn advance(&self, by: Duration) {
        let by = by.num_microseconds().unwrap_or(i64::MAX);
        self.offset.fetch_add(by, Ordering::Relaxed);
    }

    /// Sets the clock so that it reads `at` now; time then passes from there.
    pub fn set(&self, at: DateTime<Utc>) {
        let offset = (at - Utc::now()).num_microseconds().unwrap_or(i64::MAX);
        self.offset.store(offset, Ordering::Relaxed);
    }

    /// Runs `work` with this clock as the current one.
    pub fn scope<F: Future>(&self, work: F) -> TaskLocalFuture<Clock, F> {
        CURRENT.scope(self.clone(), work)
    }

    /// The clock of the request or job being run; the system's outside both.
    pub fn current() -> Clock {
        CURRENT.try_with(Clock::clone).unwrap_or_default()
    }
}

/// The system's time, unmoved, for comparing with files' modification times (the media sweep):
/// those are stamped by the file system, so a test's moved clock must not age a file that was
/// written a moment ago.
pub fn file_system_now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

/// Makes the app's clock the current one for the whole request.
pub async fn in_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    state.clock.scope(next.run(req)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_clock_reads_the_system_time() {
        use crate::privacy::scan;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut offenders = vec![];
        let clock = root.join("src/clock.rs");
        for path in scan::rust_files(&root.join("src"), &clock) {
            if path == clock {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests build rows of their own and may stamp them with the real time.
            let production = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: String = scan::lex(production).code.split_whitespace().collect();
            if code.contains("Utc::now()") || code.contains("SystemTime::now()") {
                offenders.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
        assert!(
            offenders.is_empty(),
            "the system time read past the app's clock (use db::now()): {offenders:?}"
        );
    }

    #[tokio::test]
    async fn a_moved_clock_is_the_current_one_only_inside_its_scope() {
        let clock = Clock::system();
        clock.advance(Duration::days(3));
        let outside = Clock::current().now();
        let inside = clock.scope(async { crate::db::now() }).await;
        let moved = inside - outside;
        assert!(
            moved > Duration::days(3) - Duration::minutes(1)
                && moved <= Duration::days(3) + Duration::minutes(1),
            "{moved}"
        );
        let at = DateTime::parse_from_rfc3339("2031-05-04T10:00:00Z")
            .unwrap()
            .to_utc();
        clock.set(at);
        let read = clock.scope(async { crate::db::now() }).await;
        assert!((read - at).abs() < Duration::minutes(1), "{read}");
        // A clone shares the setting: the worker and the router read the same time.
        assert!((clock.clone().now() - at).abs() < Duration::minutes(1));
    }
}

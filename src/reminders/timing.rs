//! When a nudge goes out: quiet hours in the member's own wall-clock time, and what one
//! delivery run does (wait, or send by which channels). Pure functions over instants, so the
//! rules are tested with fixed dates, daylight-saving changes included.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::settings::Settings;
use crate::plans::schedule::instant;

/// A nudge that would arrive less than this before its expiry is not worth waiting for.
pub const MIN_LEAD: Duration = Duration::hours(1);

/// How long before quiet hours begin a nudge moved out of them goes out.
pub const BEFORE_QUIET: Duration = Duration::minutes(15);

/// A stretch of each night (or day) without mail, in local wall-clock time. It may cross
/// midnight (21:00–08:00); `start` is quiet, `end` is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// Quiet hours from `start` to `end`; none when both are the same time.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Option<QuietHours> {
        (start != end).then_some(QuietHours { start, end })
    }

    fn contains_time(&self, t: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// Whether `at` falls in quiet hours where the member lives.
    pub fn contains(&self, tz: Tz, at: DateTime<Utc>) -> bool {
        self.contains_time(at.with_timezone(&tz).time())
    }

    /// The first instant after `at` at which the wall clock shows `time` (a time skipped by a
    /// daylight-saving gap counts at the offset before the gap).
    fn next(tz: Tz, at: DateTime<Utc>, time: NaiveTime) -> DateTime<Utc> {
        let day = at.with_timezone(&tz).date_naive();
        [day, day + Duration::days(1), day + Duration::days(2)]
            .into_iter()
            .map(|d| on(tz, d, time))
            .find(|t| *t > at)
            .unwrap_or(at)
    }

    /// The last instant at or before `at` at which the wall clock showed `time`.
    fn previous(tz: Tz, at: DateTime<Utc>, time: NaiveTime) -> DateTime<Utc> {
        let day = at.with_timezone(&tz).date_naive();
        [day, day - Duration::days(1), day - Duration::days(2)]
            .into_iter()
            .map(|d| on(tz, d, time))
            .find(|t| *t <= at)
            .unwrap_or(at)
    }

    /// When the quiet period containing `at` ends.
    pub fn end_after(&self, tz: Tz, at: DateTime<Utc>) -> DateTime<Utc> {
        Self::next(tz, at, self.end)
    }

    /// When the quiet period containing `at` began.
    pub fn start_before(&self, tz: Tz, at: DateTime<Utc>) -> DateTime<Utc> {
        Self::previous(tz, at, self.start)
    }
}

/// The instant of a wall-clock time on a local date.
pub fn on(tz: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    instant(tz, day.and_time(time))
}

/// When a nudge wished for `due` is to go out, decided when it is made:
/// - at `due` (or now, if that has passed) outside quiet hours;
/// - inside them, when they end, if that is still at least [`MIN_LEAD`] before it expires;
/// - otherwise just before they began, if that is still ahead;
/// - otherwise at `due` all the same: the delivery then keeps the mail back and shows it
///   only in the app (see [`decide`]).
pub fn slot(
    quiet: Option<QuietHours>,
    tz: Tz,
    due: DateTime<Utc>,
    expires: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let at = due.max(now);
    let Some(quiet) = quiet.filter(|q| q.contains(tz, at)) else {
        return at;
    };
    let end = quiet.end_after(tz, at);
    if end + MIN_LEAD <= expires {
        return end;
    }
    let before = quiet.start_before(tz, at) - BEFORE_QUIET;
    if before >= now { before } else { at }
}

/// How one batch goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Channels {
    pub mail: bool,
    pub in_app: bool,
    /// Pushed to the member's devices (docs/adr/0030-web-push.md).
    pub push: bool,
    /// Whether it counts against the weekly cap: mail and push do, once per batch, since they
    /// interrupt; a card on Today interrupts nobody.
    pub counts: bool,
}

/// What a delivery run does with one nudge that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Too late: the thing it is about has begun.
    Expired,
    /// Quiet hours: keep it for when they end.
    Wait(DateTime<Utc>),
    /// Out now, by these channels.
    Send(Channels),
}

/// The rules of one delivery, in order:
/// - a nudge past its expiry is dropped;
/// - in quiet hours nothing is mailed: the nudge waits for their end if that is early enough
///   (at least [`MIN_LEAD`] before expiry), or else shows in the app only, uncounted;
/// - otherwise it is mailed when the member has mail on, an address, and fewer than their
///   weekly cap of counted deliveries this week; over the cap it shows in the app only,
///   uncounted. The card on Today follows the member's in-app choice.
/// - Push follows the rules of mail (never in quiet hours, within the same cap), for a member
///   with push on and a device to push to; a batch mailed and pushed counts once.
pub fn decide(
    settings: &Settings,
    tz: Tz,
    expires: DateTime<Utc>,
    now: DateTime<Utc>,
    counted_this_week: i64,
    has_address: bool,
    has_devices: bool,
) -> Decision {
    if now >= expires {
        return Decision::Expired;
    }
    if let Some(quiet) = settings.quiet().filter(|q| q.contains(tz, now)) {
        let end = quiet.end_after(tz, now);
        if end + MIN_LEAD <= expires {
            return Decision::Wait(end);
        }
        return Decision::Send(Channels {
            mail: false,
            in_app: settings.in_app,
            push: false,
            counts: false,
        });
    }
    let under_cap = counted_this_week < settings.weekly_cap;
    let mail = settings.email && has_address && under_cap;
    let push = settings.push && has_devices && under_cap;
    Decision::Send(Channels {
        mail,
        in_app: settings.in_app,
        push,
        counts: mail || push,
    })
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

    fn time(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn night() -> QuietHours {
        QuietHours::new(time("21:00"), time("08:00")).unwrap()
    }

    fn settings(quiet: Option<QuietHours>) -> Settings {
        let (quiet_start, quiet_end) =
            quiet.map_or((time("00:00"), time("00:00")), |q| (q.start, q.end));
        Settings {
            quiet_start,
            quiet_end,
            ..Settings::default()
        }
    }

    #[test]
    fn the_same_start_and_end_means_no_quiet_hours() {
        assert_eq!(QuietHours::new(time("08:00"), time("08:00")), None);
    }

    #[test]
    fn quiet_hours_cross_midnight_in_the_members_own_zone() {
        let q = night();
        // 22:30 UTC is 22:30 in Lisbon in winter, 17:30 in Toronto.
        assert!(q.contains(Lisbon, utc("2026-12-01 22:30")));
        assert!(!q.contains(Toronto, utc("2026-12-01 22:30")));
        assert!(q.contains(Lisbon, utc("2026-12-02 07:59")));
        assert!(!q.contains(Lisbon, utc("2026-12-02 08:00")));
        assert!(q.contains(Lisbon, utc("2026-12-01 21:00")));
        let day = QuietHours::new(time("13:00"), time("15:00")).unwrap();
        assert!(day.contains(Lisbon, utc("2026-12-01 14:00")));
        assert!(!day.contains(Lisbon, utc("2026-12-01 15:00")));
    }

    #[test]
    fn quiet_hours_end_at_eight_local_across_a_daylight_saving_change() {
        let q = night();
        // Toronto springs forward on 14 March 2027: 08:00 is 13:00 UTC the day before, 12:00
        // UTC that morning.
        assert_eq!(
            q.end_after(Toronto, utc("2027-03-13 03:00")),
            utc("2027-03-13 13:00")
        );
        assert_eq!(
            q.end_after(Toronto, utc("2027-03-14 03:00")),
            utc("2027-03-14 12:00")
        );
        // Lisbon falls back on 31 October 2027: 08:00 is 08:00 UTC (winter), and the period
        // began at 21:00 summer time (20:00 UTC) the evening before.
        assert_eq!(
            q.end_after(Lisbon, utc("2027-10-31 02:00")),
            utc("2027-10-31 08:00")
        );
        assert_eq!(
            q.start_before(Lisbon, utc("2027-10-31 02:00")),
            utc("2027-10-30 20:00")
        );
    }

    #[test]
    fn a_nudge_due_in_quiet_hours_waits_for_their_end() {
        let at = slot(
            Some(night()),
            Lisbon,
            utc("2026-12-04 22:00"),
            utc("2026-12-05 10:00"),
            utc("2026-12-04 12:00"),
        );
        assert_eq!(at, utc("2026-12-05 08:00"));
    }

    #[test]
    fn a_nudge_that_could_not_wait_goes_out_before_quiet_hours_begin() {
        // Due 22:00, the plan starts at 08:30: the end of quiet hours is too late.
        let at = slot(
            Some(night()),
            Lisbon,
            utc("2026-12-04 22:00"),
            utc("2026-12-05 08:30"),
            utc("2026-12-04 12:00"),
        );
        assert_eq!(at, utc("2026-12-04 20:45"));
    }

    #[test]
    fn a_nudge_made_late_at_night_for_an_early_start_goes_out_now() {
        // Made at 23:00 for 07:00: neither after nor before the quiet hours works; it goes
        // out now and the delivery keeps it in the app.
        let now = utc("2026-12-04 23:00");
        let at = slot(Some(night()), Lisbon, now, utc("2026-12-05 07:00"), now);
        assert_eq!(at, now);
        assert_eq!(
            decide(
                &settings(Some(night())),
                Lisbon,
                utc("2026-12-05 07:00"),
                now,
                0,
                true,
                false
            ),
            Decision::Send(Channels {
                mail: false,
                in_app: true,
                push: false,
                counts: false
            })
        );
    }

    #[test]
    fn a_past_due_time_outside_quiet_hours_is_now() {
        let now = utc("2026-12-04 10:00");
        let at = slot(
            Some(night()),
            Lisbon,
            utc("2026-12-03 18:00"),
            utc("2026-12-04 15:00"),
            now,
        );
        assert_eq!(at, now);
    }

    #[test]
    fn the_weekly_cap_keeps_mail_back_but_not_the_card() {
        let s = settings(None);
        let send = |n| {
            decide(
                &s,
                Lisbon,
                utc("2026-12-05 10:00"),
                utc("2026-12-04 18:00"),
                n,
                true,
                false,
            )
        };
        assert_eq!(
            send(2),
            Decision::Send(Channels {
                mail: true,
                in_app: true,
                push: false,
                counts: true
            })
        );
        assert_eq!(
            send(3),
            Decision::Send(Channels {
                mail: false,
                in_app: true,
                push: false,
                counts: false
            })
        );
    }

    #[test]
    fn without_mail_or_an_address_nothing_is_mailed_or_counted() {
        let mut s = settings(None);
        let run = |s: &Settings, address| {
            decide(
                s,
                Lisbon,
                utc("2026-12-05 10:00"),
                utc("2026-12-04 18:00"),
                0,
                address,
                false,
            )
        };
        let in_app_only = Decision::Send(Channels {
            mail: false,
            in_app: true,
            push: false,
            counts: false,
        });
        assert_eq!(run(&s, false), in_app_only);
        s.email = false;
        assert_eq!(run(&s, true), in_app_only);
    }

    #[test]
    fn quiet_hours_at_delivery_wait_or_stay_in_the_app() {
        let s = settings(Some(night()));
        let now = utc("2026-12-04 22:00");
        assert_eq!(
            decide(&s, Lisbon, utc("2026-12-05 12:00"), now, 0, true, false),
            Decision::Wait(utc("2026-12-05 08:00"))
        );
        assert_eq!(
            decide(&s, Lisbon, utc("2026-12-05 08:30"), now, 0, true, false),
            Decision::Send(Channels {
                mail: false,
                in_app: true,
                push: false,
                counts: false
            })
        );
    }

    #[test]
    fn nothing_goes_out_after_the_start() {
        let s = settings(None);
        let start = utc("2026-12-05 10:00");
        assert_eq!(
            decide(&s, Lisbon, start, start, 0, true, false),
            Decision::Expired
        );
    }

    #[test]
    fn push_goes_out_like_mail_within_the_cap_and_never_in_quiet_hours() {
        let s = settings(None);
        let run = |s: &Settings, n, address, devices| {
            decide(
                s,
                Lisbon,
                utc("2026-12-05 10:00"),
                utc("2026-12-04 18:00"),
                n,
                address,
                devices,
            )
        };
        let sent = |mail, push| {
            Decision::Send(Channels {
                mail,
                in_app: true,
                push,
                counts: mail || push,
            })
        };
        assert_eq!(
            run(&s, 0, false, true),
            sent(false, true),
            "push alone counts"
        );
        assert_eq!(run(&s, 0, true, true), sent(true, true));
        assert_eq!(run(&s, 0, true, false), sent(true, false), "no device");
        assert_eq!(run(&s, 3, true, true), sent(false, false), "over the cap");
        let mut off = s.clone();
        off.push = false;
        assert_eq!(run(&off, 0, false, true), sent(false, false));
        let quiet = settings(Some(night()));
        assert_eq!(
            decide(
                &quiet,
                Lisbon,
                utc("2026-12-05 08:30"),
                utc("2026-12-04 22:00"),
                0,
                true,
                true
            ),
            sent(false, false),
            "quiet hours: in the app only"
        );
    }
}

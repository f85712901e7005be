//! The results of a run: printed as text and written as markdown, with the targets.

use std::{fmt::Write as _, time::Duration};

use crate::{
    Memory, Phase, TARGET_BOMB_MS, TARGET_BOMB_RSS_MB, TARGET_BOOK_RATIO, TARGET_FEED_RATIO,
    TARGET_IDLE_RSS_MB, TARGET_NOT_MODIFIED_RATIO, TARGET_PLANS_RATIO, TARGET_READY_MS,
    TARGET_THUMB_RATIO, TARGET_TODAY_P99_MS, TARGET_TODAY_RATIO, TARGET_UPLOAD_MS,
    TARGET_UPLOAD_PEAK_MB, ms, photos::Uploads, together::Seeded,
};

/// What the Together part measured.
pub struct Together {
    pub seeded: Seeded,
    pub plans: Phase,
    pub feed: Phase,
    pub book: Phase,
    pub thumb: Phase,
    pub thumb_304: Phase,
    /// Size of the generated phone photo.
    pub photo_bytes: usize,
    /// One phase per number of clients.
    pub uploads: Vec<Uploads>,
    pub bomb_bytes: usize,
    pub bomb: Uploads,
    /// The other upload cases, each with what it sends: many forms at once, the largest
    /// pictures accepted.
    pub heavy: Vec<(String, Uploads)>,
}

impl Together {
    fn pages(&self) -> [&Phase; 5] {
        [
            &self.plans,
            &self.feed,
            &self.book,
            &self.thumb,
            &self.thumb_304,
        ]
    }

    /// The highest resident memory while phone photos were uploaded.
    fn upload_peak_mib(&self) -> f64 {
        self.uploads.iter().map(|u| u.peak_mib).fold(0.0, f64::max)
    }
}

pub struct Report {
    pub label: Option<String>,
    pub connections: usize,
    pub users: usize,
    pub duration: Duration,
    pub warmup: Duration,
    pub ready: Duration,
    pub idle: Memory,
    pub after_setup: Memory,
    pub after_load: Memory,
    pub stop: Option<Duration>,
    pub healthz: Phase,
    pub today: Phase,
    pub checkin: Phase,
    pub insights: Phase,
    /// Check-ins behind the insights page (both members).
    pub history_rows: usize,
    /// Rows the check-in phase added to the database.
    pub checkins_stored: usize,
    pub together: Together,
}

const UPLOAD_HEADER: [&str; 10] = [
    "upload",
    "clients",
    "done",
    "per s",
    "p50 ms",
    "max ms",
    "CPU ms each",
    "RSS before MiB",
    "peak MiB",
    "after MiB",
];

pub struct Check {
    pub what: String,
    pub target: String,
    pub measured: String,
    pub pass: bool,
}

impl Report {
    pub fn ratio(&self) -> f64 {
        self.today.rps / self.healthz.rps
    }

    /// A phase's throughput as a share of `/healthz`'s.
    fn share(&self, p: &Phase) -> f64 {
        p.rps / self.healthz.rps
    }

    pub fn checks(&self) -> Vec<Check> {
        let t = &self.together;
        let ratio = |what: &str, p: &Phase, goal: f64| Check {
            what: what.into(),
            target: format!(">= {goal:.2} x"),
            measured: format!("{:.2} x", self.share(p)),
            pass: self.share(p) >= goal,
        };
        let alone = t.uploads.iter().find(|u| u.clients == 1);
        let alone_ms = alone.map_or(f64::NAN, |u| u.p50_ms);
        let bomb_rss = t.bomb.peak_mib - t.bomb.rss_before_mib;
        let mut checks = vec![
            Check {
                what: "Today throughput vs /healthz".into(),
                target: format!(">= {TARGET_TODAY_RATIO:.2} x"),
                measured: format!("{:.2} x", self.ratio()),
                pass: self.ratio() >= TARGET_TODAY_RATIO,
            },
            Check {
                what: "Today p99 latency".into(),
                target: format!("<= {TARGET_TODAY_P99_MS:.0} ms"),
                measured: format!("{:.2} ms", self.today.p99_ms),
                pass: self.today.p99_ms <= TARGET_TODAY_P99_MS,
            },
            Check {
                what: "Acknowledged check-ins stored".into(),
                target: format!("{} rows", self.checkin.acknowledged),
                measured: format!("{} rows", self.checkins_stored),
                pass: self.checkins_stored >= self.checkin.acknowledged,
            },
            Check {
                what: "Idle RSS".into(),
                target: format!("<= {TARGET_IDLE_RSS_MB:.0} MiB"),
                measured: format!("{:.1} MiB", self.idle.rss_mib()),
                pass: self.idle.rss_mib() <= TARGET_IDLE_RSS_MB,
            },
            Check {
                what: "Start-to-ready".into(),
                target: format!("<= {TARGET_READY_MS:.0} ms"),
                measured: format!("{:.1} ms", ms(self.ready)),
                pass: ms(self.ready) <= TARGET_READY_MS,
            },
        ];
        checks.extend([
            ratio("Plans page vs /healthz", &t.plans, TARGET_PLANS_RATIO),
            ratio("Calendar feed vs /healthz", &t.feed, TARGET_FEED_RATIO),
            ratio("Memory book vs /healthz", &t.book, TARGET_BOOK_RATIO),
            ratio("Thumb photo vs /healthz", &t.thumb, TARGET_THUMB_RATIO),
            ratio(
                "Thumb 304 vs /healthz",
                &t.thumb_304,
                TARGET_NOT_MODIFIED_RATIO,
            ),
            Check {
                what: "12 MP upload, alone (p50)".into(),
                target: format!("<= {TARGET_UPLOAD_MS:.0} ms"),
                measured: format!("{alone_ms:.0} ms"),
                pass: alone_ms <= TARGET_UPLOAD_MS,
            },
            Check {
                what: "Peak RSS, 12 MP uploads".into(),
                target: format!("< {TARGET_UPLOAD_PEAK_MB:.0} MiB"),
                measured: format!("{:.0} MiB", t.upload_peak_mib()),
                pass: t.upload_peak_mib() < TARGET_UPLOAD_PEAK_MB,
            },
            Check {
                what: "Bomb refused (p50)".into(),
                target: format!("<= {TARGET_BOMB_MS:.0} ms"),
                measured: format!("{:.1} ms", t.bomb.p50_ms),
                pass: t.bomb.uploads > 0 && t.bomb.p50_ms <= TARGET_BOMB_MS,
            },
            Check {
                what: "Bomb: RSS growth".into(),
                target: format!("<= {TARGET_BOMB_RSS_MB:.0} MiB"),
                measured: format!("{bomb_rss:.1} MiB"),
                pass: t.bomb.uploads > 0 && bomb_rss <= TARGET_BOMB_RSS_MB,
            },
        ]);
        for (what, u) in &t.heavy {
            checks.push(Check {
                what: format!("Peak RSS, {what}"),
                target: format!("< {TARGET_UPLOAD_PEAK_MB:.0} MiB"),
                measured: format!("{:.0} MiB", u.peak_mib),
                pass: u.errors == 0 && u.peak_mib < TARGET_UPLOAD_PEAK_MB,
            });
        }
        checks
    }

    fn phases(&self) -> Vec<&Phase> {
        let mut all = vec![&self.healthz, &self.today, &self.checkin, &self.insights];
        all.extend(self.together.pages());
        all
    }

    pub fn phase_rows(&self) -> Vec<[String; 10]> {
        self.phases()
            .into_iter()
            .map(|p| {
                [
                    p.name.to_owned(),
                    format!("{:.0}", p.rps),
                    format!("{:.2}", p.p50_ms),
                    format!("{:.2}", p.p99_ms),
                    format!("{:.2}", p.max_ms),
                    p.requests.to_string(),
                    p.errors.to_string(),
                    format!("{:.0}%", p.server_cpu_pct),
                    format!("{:.0}", p.server_cpu_pct / 100.0 / p.rps * 1e6),
                    format!("{:.0}%", p.loadgen_cpu_pct),
                ]
            })
            .collect()
    }

    /// One row per upload phase: what, clients, uploads, per second, p50, max, CPU, memory.
    pub fn upload_rows(&self) -> Vec<[String; 10]> {
        let t = &self.together;
        let mb = |bytes: usize| bytes as f64 / 1e6;
        let mut rows: Vec<(String, &Uploads)> = t
            .uploads
            .iter()
            .map(|u| (format!("12 MP JPEG, {:.1} MB", mb(t.photo_bytes)), u))
            .collect();
        rows.push((
            format!(
                "bomb: 1-bit PNG {s} x {s}, {} B",
                t.bomb_bytes,
                s = crate::photos::BOMB_SIDE
            ),
            &t.bomb,
        ));
        rows.extend(t.heavy.iter().map(|(what, u)| (what.clone(), u)));
        rows.into_iter()
            .map(|(what, u)| {
                [
                    what,
                    u.clients.to_string(),
                    format!("{} ({} errors)", u.uploads, u.errors),
                    format!("{:.2}", u.per_second()),
                    format!("{:.0}", u.p50_ms),
                    format!("{:.0}", u.max_ms),
                    format!("{:.0}", u.cpu_ms),
                    format!("{:.0}", u.rss_before_mib),
                    format!("{:.0}", u.peak_mib),
                    format!("{:.0}", u.rss_after_mib),
                ]
            })
            .collect()
    }

    pub fn other_rows(&self) -> Vec<[String; 2]> {
        vec![
            [
                "Today rps / healthz rps".into(),
                format!("{:.2}", self.ratio()),
            ],
            [
                "Check-ins behind the insights page (5 years, both members)".into(),
                self.history_rows.to_string(),
            ],
            [
                "Insights p99 / Today p99".into(),
                format!("{:.2}", self.insights.p99_ms / self.today.p99_ms),
            ],
            [
                "Plans behind the plans page and feed (occurrences over 5 years / moves and cancellations)".into(),
                format!(
                    "{} ({} / {})",
                    self.together.seeded.plans,
                    self.together.seeded.occurrences,
                    self.together.seeded.changes
                ),
            ],
            [
                "Memories in the book (photos)".into(),
                format!(
                    "{} ({})",
                    self.together.seeded.memories, self.together.seeded.photos
                ),
            ],
            [
                "Plans page / calendar feed / memory book / thumb / 304 rps, per healthz rps".into(),
                self.together
                    .pages()
                    .map(|p| format!("{:.2}", self.share(p)))
                    .join(" / "),
            ],
            [
                "Start-to-ready (spawn to first 200 from /healthz)".into(),
                format!("{:.1} ms", ms(self.ready)),
            ],
            [
                "Idle RSS (VmRSS, 1 s after ready)".into(),
                format!("{:.1} MiB", self.idle.rss_mib()),
            ],
            [
                format!("RSS after {} sign-ups (VmRSS / VmHWM)", self.users),
                format!(
                    "{:.1} / {:.1} MiB",
                    self.after_setup.rss_mib(),
                    self.after_setup.hwm_mib()
                ),
            ],
            [
                "RSS after load (VmRSS)".into(),
                format!("{:.1} MiB", self.after_load.rss_mib()),
            ],
            [
                "Peak RSS (VmHWM after load)".into(),
                format!("{:.1} MiB", self.after_load.hwm_mib()),
            ],
            [
                "Graceful stop after SIGTERM".into(),
                self.stop
                    .map_or("n/a".into(), |d| format!("{:.0} ms", ms(d))),
            ],
        ]
    }

    pub fn setup_line(&self) -> String {
        format!(
            "{} keep-alive connections, {} logged-in users (each with a son), {:.0} s warm-up + \
             {:.0} s measured per endpoint, SQLite, loopback{}",
            self.connections,
            self.users,
            self.warmup.as_secs_f64(),
            self.duration.as_secs_f64(),
            self.label
                .as_ref()
                .map_or(String::new(), |l| format!(", {l}"))
        )
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "\n== Tandem benchmark ==");
        let _ = writeln!(out, "{}\n", self.setup_line());
        let _ = writeln!(
            out,
            "{:<20} {:>8} {:>8} {:>8} {:>8} {:>9} {:>6} {:>8} {:>9} {:>8}",
            "endpoint",
            "req/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "requests",
            "errors",
            "srv CPU",
            "CPU us/req",
            "gen CPU"
        );
        for r in self.phase_rows() {
            let _ = writeln!(
                out,
                "{:<20} {:>8} {:>8} {:>8} {:>8} {:>9} {:>6} {:>8} {:>10} {:>8}",
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]
            );
        }
        let _ = writeln!(
            out,
            "(CPU: share of one core over the measured window, 200% = 2 cores; \
             CPU us/req = server CPU time per request)"
        );
        let _ = writeln!(out, "\nphoto uploads (each a new memory with one photo):");
        let _ = writeln!(out, "  {}", UPLOAD_HEADER.join(" | "));
        for r in self.upload_rows() {
            let _ = writeln!(out, "  {}", r.join(" | "));
        }
        let _ = writeln!(out);
        for [k, v] in self.other_rows() {
            let _ = writeln!(out, "{k:<60} {v}");
        }
        let _ = writeln!(out, "\ntargets:");
        for c in self.checks() {
            let _ = writeln!(
                out,
                "  [{}] {:<30} {:>10}  (target {})",
                if c.pass { "PASS" } else { "FAIL" },
                c.what,
                c.measured,
                c.target
            );
        }
        let errors: usize = self.phases().iter().map(|p| p.errors).sum::<usize>()
            + self
                .together
                .uploads
                .iter()
                .map(|u| u.errors)
                .sum::<usize>()
            + self.together.bomb.errors
            + self
                .together
                .heavy
                .iter()
                .map(|(_, u)| u.errors)
                .sum::<usize>();
        if errors > 0 {
            let _ = writeln!(
                out,
                "  [WARN] {errors} request errors during the measured windows"
            );
        }
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Tandem benchmark results\n");
        let _ = writeln!(
            out,
            "Run at {} (UTC). {}.\n",
            chrono::Utc::now().format("%Y-%m-%d %H:%M"),
            self.setup_line()
        );
        let _ = writeln!(
            out,
            "| Endpoint | req/s | p50 ms | p99 ms | max ms | requests | errors | server CPU | server CPU µs/req | loadgen CPU |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for r in self.phase_rows() {
            let _ = writeln!(out, "| `{}` | {} |", r[0], r[1..].join(" | "));
        }
        let _ = writeln!(
            out,
            "\n| {} |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            UPLOAD_HEADER.join(" | ")
        );
        for r in self.upload_rows() {
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
        let _ = writeln!(out, "\n| Measure | Value |\n|---|---:|");
        for [k, v] in self.other_rows() {
            let _ = writeln!(out, "| {k} | {v} |");
        }
        let _ = writeln!(
            out,
            "\n| Target | Goal | Measured | Met? |\n|---|---|---:|---|"
        );
        for c in self.checks() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                c.what,
                c.target,
                c.measured,
                if c.pass { "yes" } else { "**no**" }
            );
        }
        out
    }
}

//! The results of a run: printed as text and written as markdown, with the targets.

use std::{fmt::Write as _, time::Duration};

use crate::{
    Memory, Phase, TARGET_IDLE_RSS_MB, TARGET_READY_MS, TARGET_TODAY_P99_MS, TARGET_TODAY_RATIO, ms,
};

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
}

pub struct Check {
    pub what: &'static str,
    pub target: String,
    pub measured: String,
    pub pass: bool,
}

impl Report {
    pub fn ratio(&self) -> f64 {
        self.today.rps / self.healthz.rps
    }

    pub fn checks(&self) -> Vec<Check> {
        vec![
            Check {
                what: "Today throughput vs /healthz",
                target: format!(">= {TARGET_TODAY_RATIO:.2} x"),
                measured: format!("{:.2} x", self.ratio()),
                pass: self.ratio() >= TARGET_TODAY_RATIO,
            },
            Check {
                what: "Today p99 latency",
                target: format!("<= {TARGET_TODAY_P99_MS:.0} ms"),
                measured: format!("{:.2} ms", self.today.p99_ms),
                pass: self.today.p99_ms <= TARGET_TODAY_P99_MS,
            },
            Check {
                what: "Acknowledged check-ins stored",
                target: format!("{} rows", self.checkin.acknowledged),
                measured: format!("{} rows", self.checkins_stored),
                pass: self.checkins_stored >= self.checkin.acknowledged,
            },
            Check {
                what: "Idle RSS",
                target: format!("<= {TARGET_IDLE_RSS_MB:.0} MiB"),
                measured: format!("{:.1} MiB", self.idle.rss_mib()),
                pass: self.idle.rss_mib() <= TARGET_IDLE_RSS_MB,
            },
            Check {
                what: "Start-to-ready",
                target: format!("<= {TARGET_READY_MS:.0} ms"),
                measured: format!("{:.1} ms", ms(self.ready)),
                pass: ms(self.ready) <= TARGET_READY_MS,
            },
        ]
    }

    pub fn phase_rows(&self) -> [[String; 10]; 4] {
        [&self.healthz, &self.today, &self.checkin, &self.insights].map(|p| {
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
        if self.healthz.errors + self.today.errors + self.checkin.errors + self.insights.errors > 0
        {
            let _ = writeln!(
                out,
                "  [WARN] {} request errors during the measured windows",
                self.healthz.errors
                    + self.today.errors
                    + self.checkin.errors
                    + self.insights.errors
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

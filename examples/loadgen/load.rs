//! One measured phase: keep-alive connections, each sending one request at a time in a loop
//! (a closed loop), a warm-up, then a measured window.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use crate::{
    Args, REQUEST_TIMEOUT, Result,
    http::{Conn, Response},
    server::cpu_seconds,
};

pub struct Phase {
    pub name: &'static str,
    pub requests: usize,
    /// Answers that passed the check, warm-up and late ones included.
    pub acknowledged: usize,
    pub errors: usize,
    pub first_error: Option<String>,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// CPU time over the measured window, as a share of one core (200% = both of 2 cores).
    pub server_cpu_pct: f64,
    pub loadgen_cpu_pct: f64,
}

#[derive(Default)]
struct Tally {
    acknowledged: usize,
    latencies_us: Vec<u32>,
    errors: usize,
    first_error: Option<String>,
}

/// Runs one request per connection in a loop: `warmup` unmeasured, then `duration` measured.
/// A request counts if it completes inside the measured window.
pub async fn load(
    name: &'static str,
    addr: SocketAddr,
    requests: Vec<Vec<u8>>,
    check: fn(&Response) -> bool,
    server_pid: u32,
    args: &Args,
) -> Result<Phase> {
    println!(
        "{name}: {} connections, {:.0} s warm-up + {:.0} s measured ...",
        requests.len(),
        args.warmup.as_secs_f64(),
        args.duration.as_secs_f64()
    );
    let mut conns = Vec::with_capacity(requests.len());
    for _ in &requests {
        conns.push(Conn::connect(addr).await?);
    }
    let begin = Instant::now();
    let measure_from = begin + args.warmup;
    let end = measure_from + args.duration;
    let mut tasks = Vec::with_capacity(requests.len());
    for (mut conn, request) in conns.into_iter().zip(requests) {
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            loop {
                let started = Instant::now();
                if started >= end {
                    break;
                }
                if conn.closed {
                    match Conn::connect(addr).await {
                        Ok(c) => conn = c,
                        Err(e) => {
                            tally.record_error(started >= measure_from, format!("connect: {e}"));
                            tokio::time::sleep(Duration::from_millis(10)).await;
                            continue;
                        }
                    }
                }
                let outcome = tokio::time::timeout(REQUEST_TIMEOUT, conn.request(&request)).await;
                let done = Instant::now();
                // Every answer that passed counts as acknowledged, even late: for writes it
                // promises a stored row.
                if matches!(&outcome, Ok(Ok(r)) if check(r)) {
                    tally.acknowledged += 1;
                }
                if done >= end {
                    break;
                }
                let measured = done >= measure_from;
                match outcome {
                    Ok(Ok(r)) if check(&r) => {
                        if measured {
                            let us = (done - started).as_micros().min(u32::MAX as u128) as u32;
                            tally.latencies_us.push(us);
                        }
                    }
                    Ok(Ok(r)) => tally.record_error(
                        measured,
                        format!("status {} ({} body bytes)", r.status, r.body.len()),
                    ),
                    Ok(Err(e)) => {
                        conn.closed = true;
                        tally.record_error(measured, format!("I/O: {e}"));
                    }
                    Err(_) => {
                        conn.closed = true;
                        tally.record_error(measured, "timed out after 5 s".into());
                    }
                }
            }
            tally
        }));
    }
    tokio::time::sleep_until(measure_from.into()).await;
    let cpu_from = (cpu_seconds(&server_pid.to_string()), cpu_seconds("self"));
    tokio::time::sleep_until(end.into()).await;
    let cpu_to = (cpu_seconds(&server_pid.to_string()), cpu_seconds("self"));
    let cpu_pct = |from: Option<f64>, to: Option<f64>| match (from, to) {
        (Some(a), Some(b)) => (b - a) / args.duration.as_secs_f64() * 100.0,
        _ => f64::NAN,
    };
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await?;
        all.latencies_us.extend(t.latencies_us);
        all.acknowledged += t.acknowledged;
        all.errors += t.errors;
        if all.first_error.is_none() {
            all.first_error = t.first_error;
        }
    }
    all.latencies_us.sort_unstable();
    let lat = &all.latencies_us;
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return f64::NAN;
        }
        // Nearest rank.
        let rank = ((p * lat.len() as f64).ceil() as usize).clamp(1, lat.len());
        lat[rank - 1] as f64 / 1000.0
    };
    let phase = Phase {
        name,
        requests: lat.len(),
        acknowledged: all.acknowledged,
        errors: all.errors,
        first_error: all.first_error,
        rps: lat.len() as f64 / args.duration.as_secs_f64(),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        max_ms: lat.last().map_or(f64::NAN, |&us| us as f64 / 1000.0),
        server_cpu_pct: cpu_pct(cpu_from.0, cpu_to.0),
        loadgen_cpu_pct: cpu_pct(cpu_from.1, cpu_to.1),
    };
    println!(
        "{name}: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors; CPU: server {:.0}%, loadgen {:.0}%",
        phase.rps,
        phase.p50_ms,
        phase.p99_ms,
        phase.errors,
        phase.server_cpu_pct,
        phase.loadgen_cpu_pct
    );
    if let Some(e) = &phase.first_error {
        println!("{name}: first error: {e}");
    }
    Ok(phase)
}

impl Tally {
    fn record_error(&mut self, measured: bool, what: String) {
        if measured {
            self.errors += 1;
            if self.first_error.is_none() {
                self.first_error = Some(what);
            }
        }
    }
}

//! Load generator behind `bench/run`; see docs/PERFORMANCE.md.
//!
//! It starts a release `tandem serve` on a fresh SQLite data dir, measures start-to-ready
//! (spawn until `GET /healthz` first answers 200), reads the idle RSS, signs up mothers who
//! each add a son, then drives `GET /healthz` and `GET /` (Today, logged in) over keep-alive
//! connections with a small hand-written HTTP/1.1 client, and prints the results with the
//! targets. The server is stopped with SIGTERM at the end, also when something fails.
//!
//! Usually run through `bench/run`; by hand:
//!
//! ```text
//! cargo run --release --example loadgen -- --server target/release/tandem --data-dir DIR \
//!     [--duration 10] [--warmup 2] [--connections 64] [--users 64] [--markdown FILE] [--label TEXT]
//! ```

mod feelings;
mod http;
mod report;

use std::{
    fs,
    net::SocketAddr,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::sync::Semaphore;

use http::{Conn, Response, contains, form_encode, post, timed};
use report::Report;

/// How long one request may take before it counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// How long the server may take to answer `/healthz` at all.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long signing up all users may take.
const SETUP_TIMEOUT: Duration = Duration::from_secs(300);
/// How often start-to-ready polls.
const READY_POLL: Duration = Duration::from_millis(2);
/// Sign-ups hash a password with argon2 (19 MiB, deliberately slow): only a few at a time.
const SIGNUP_CONCURRENCY: usize = 2;
const PASSWORD: &str = "kettle river sunday moss";

// Targets from the performance brief.
const TARGET_TODAY_RATIO: f64 = 0.30;
const TARGET_TODAY_P99_MS: f64 = 10.0;
const TARGET_IDLE_RSS_MB: f64 = 25.0;
const TARGET_READY_MS: f64 = 100.0;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Result<T> = std::result::Result<T, Error>;

struct Args {
    server: PathBuf,
    data_dir: PathBuf,
    log: Option<PathBuf>,
    pid_file: Option<PathBuf>,
    markdown: Option<PathBuf>,
    label: Option<String>,
    duration: Duration,
    warmup: Duration,
    connections: usize,
    users: usize,
}

const USAGE: &str = "usage: loadgen --server PATH --data-dir DIR [--log FILE] [--pid-file FILE] [--markdown FILE] \
                     [--label TEXT] [--duration SECS] [--warmup SECS] [--connections N] [--users N]";

impl Args {
    fn parse() -> Result<Args> {
        let mut args = Args {
            server: PathBuf::from("target/release/tandem"),
            data_dir: PathBuf::new(),
            log: None,
            pid_file: None,
            markdown: None,
            label: None,
            duration: Duration::from_secs(10),
            warmup: Duration::from_secs(2),
            connections: 64,
            users: 64,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            if flag == "-h" || flag == "--help" {
                println!("{USAGE}");
                std::process::exit(0);
            }
            let value = it
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
            let secs = |v: &str| -> Result<Duration> {
                let s: f64 = v
                    .parse()
                    .map_err(|_| format!("{flag}: not a number: {v}"))?;
                if !(0.0..=3600.0).contains(&s) {
                    return Err(format!("{flag}: out of range: {v}").into());
                }
                Ok(Duration::from_secs_f64(s))
            };
            let count = |v: &str| -> Result<usize> {
                match v.parse::<usize>() {
                    Ok(n) if (1..=4096).contains(&n) => Ok(n),
                    _ => Err(format!("{flag}: expected 1..=4096, got {v}").into()),
                }
            };
            match flag.as_str() {
                "--server" => args.server = value.into(),
                "--data-dir" => args.data_dir = value.into(),
                "--log" => args.log = Some(value.into()),
                "--pid-file" => args.pid_file = Some(value.into()),
                "--markdown" => args.markdown = Some(value.into()),
                "--label" => args.label = Some(value),
                "--duration" => args.duration = secs(&value)?,
                "--warmup" => args.warmup = secs(&value)?,
                "--connections" => args.connections = count(&value)?,
                "--users" => args.users = count(&value)?,
                _ => return Err(format!("unknown option {flag}\n{USAGE}").into()),
            }
        }
        if args.data_dir.as_os_str().is_empty() {
            return Err(format!("--data-dir is required\n{USAGE}").into());
        }
        if args.duration.is_zero() {
            return Err("--duration must be more than 0".into());
        }
        Ok(args)
    }
}

#[tokio::main]
async fn main() {
    let args = match Args::parse() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(2);
        }
    };
    // On Ctrl-C or SIGTERM, dropping `run` drops the server handle, which stops the server.
    let outcome = tokio::select! {
        outcome = run(args) => outcome,
        signal = stop_signal() => Err(format!("interrupted by {signal}").into()),
    };
    if let Err(e) = outcome {
        eprintln!("loadgen: {e}");
        std::process::exit(1);
    }
}

async fn stop_signal() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => tokio::select! {
            _ = tokio::signal::ctrl_c() => "SIGINT",
            _ = term.recv() => "SIGTERM",
        },
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            "SIGINT"
        }
    }
}

async fn run(args: Args) -> Result<()> {
    let port = free_port()?;
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let origin = format!("http://{addr}");

    // 1. Start-to-ready.
    println!("starting {} on {addr} ...", args.server.display());
    let spawned = Instant::now();
    let mut server = Server::spawn(&args, addr)?;
    let ready = wait_ready(&mut server, addr, spawned).await?;
    println!("ready after {:.1} ms", ms(ready));

    // 2. Idle RSS: the process settled for a second, no request but the readiness probe yet.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle = proc_status(server.pid)?;

    // 3. Users: each mother signs up and adds a son, so Today shows a bond.
    println!("signing up {} users ...", args.users);
    let setup_started = Instant::now();
    let cookies = tokio::time::timeout(SETUP_TIMEOUT, sign_up_all(addr, &origin, args.users))
        .await
        .map_err(|_| "signing up users took more than 5 minutes")??;
    let after_setup = proc_status(server.pid)?;
    println!(
        "{} users ready in {:.1} s",
        cookies.len(),
        setup_started.elapsed().as_secs_f64()
    );

    // 4. Load: /healthz, then Today, each after its own warm-up.
    let healthz_req =
        format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: tandem-loadgen\r\n\r\n");
    let healthz_reqs = vec![healthz_req.into_bytes(); args.connections];
    let today_reqs: Vec<Vec<u8>> = (0..args.connections)
        .map(|i| {
            format!(
                "GET / HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: tandem-loadgen\r\n\
                 Accept: text/html\r\nCookie: tandem_session={}\r\n\r\n",
                cookies[i % cookies.len()]
            )
            .into_bytes()
        })
        .collect();
    let healthz = load(
        "GET /healthz",
        addr,
        healthz_reqs,
        |r| r.status == 200 && r.body == b"ok",
        server.pid,
        &args,
    )
    .await?;
    let today = load(
        "GET / (Today)",
        addr,
        today_reqs,
        |r| r.status == 200 && contains(&r.body, b"Today"),
        server.pid,
        &args,
    )
    .await?;

    // 5. Feelings: check-in writes (each user into their own bond), then the insights page of
    // a member with five years of daily check-ins on both sides.
    let mut bonds = Vec::with_capacity(cookies.len());
    for cookie in &cookies {
        bonds.push(feelings::bond_of(addr, cookie).await?);
    }
    println!(
        "seeding {} years of daily check-ins for user 1 ...",
        feelings::HISTORY_YEARS
    );
    let history_rows =
        feelings::seed_history(addr, &origin, &cookies[0], &bonds[0], &args.data_dir).await?;
    let stored_before = feelings::stored_checkins(&args.data_dir).await?;
    let checkin_reqs: Vec<Vec<u8>> = (0..args.connections)
        .map(|i| {
            let user = i % cookies.len();
            let path = format!("/bonds/{}/feelings", bonds[user]);
            post(
                addr,
                &origin,
                &path,
                Some(&cookies[user]),
                &feelings::checkin_body(i),
            )
        })
        .collect();
    let checkin = load(
        "POST check-in",
        addr,
        checkin_reqs,
        |r| r.status == 303,
        server.pid,
        &args,
    )
    .await?;
    let stored_after = feelings::stored_checkins(&args.data_dir).await?;
    let last_year = (chrono::Utc::now() - chrono::Duration::days(365)).format("%Y-%m-%d");
    let insights_req = format!(
        "GET /bonds/{}/feelings/insights?period=year&on={last_year} HTTP/1.1\r\nHost: {addr}\r\n\
         User-Agent: tandem-loadgen\r\nAccept: text/html\r\nCookie: tandem_session={}\r\n\r\n",
        bonds[0], cookies[0]
    );
    let insights = load(
        "GET insights (year)",
        addr,
        vec![insights_req.into_bytes(); args.connections],
        |r| r.status == 200 && contains(&r.body, b"<svg class=\"chart\""),
        server.pid,
        &args,
    )
    .await?;
    let after_load = proc_status(server.pid)?;

    // 6. Stop.
    let stop = server.stop();

    let report = Report {
        label: args.label.clone(),
        connections: args.connections,
        users: cookies.len(),
        duration: args.duration,
        warmup: args.warmup,
        ready,
        idle,
        after_setup,
        after_load,
        stop,
        healthz,
        today,
        checkin,
        insights,
        history_rows,
        checkins_stored: (stored_after - stored_before).max(0) as usize,
    };
    print!("{}", report.text());
    if let Some(path) = &args.markdown {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, report.markdown())?;
        println!("results written to {}", path.display());
    }
    Ok(())
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

// ---------------------------------------------------------------------------------------------
// The server process.

struct Server {
    child: Child,
    pid: u32,
    stopped: bool,
}

impl Server {
    fn spawn(args: &Args, addr: SocketAddr) -> Result<Server> {
        // The server logs every request to stdout; keep that out of the way, in a file.
        let (stdout, stderr) = match &args.log {
            Some(path) => {
                let file = fs::File::create(path)?;
                (Stdio::from(file.try_clone()?), Stdio::from(file))
            }
            None => (Stdio::null(), Stdio::null()),
        };
        let child = Command::new(&args.server)
            .arg("serve")
            .arg("--listen")
            .arg(addr.to_string())
            .arg("--data-dir")
            .arg(&args.data_dir)
            .env_remove("TANDEM_DATABASE_URL")
            .env_remove("TANDEM_BASE_URL")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", args.server.display()))?;
        let pid = child.id();
        let server = Server {
            child,
            pid,
            stopped: false,
        };
        if let Some(path) = &args.pid_file {
            fs::write(path, format!("{pid}\n"))?;
        }
        Ok(server)
    }

    /// SIGTERM, then wait up to 15 s for a graceful exit (SIGKILL after that).
    /// Returns how long the graceful shutdown took, if it happened.
    fn stop(&mut self) -> Option<Duration> {
        if self.stopped {
            return None;
        }
        self.stopped = true;
        if let Ok(Some(_)) = self.child.try_wait() {
            return None;
        }
        let asked = Instant::now();
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status();
        while asked.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Some(asked.elapsed());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        eprintln!("server did not stop within 15 s of SIGTERM; killing it");
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn wait_ready(server: &mut Server, addr: SocketAddr, spawned: Instant) -> Result<Duration> {
    let probe = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    loop {
        if let Some(status) = server.child.try_wait()? {
            return Err(format!("the server exited before it was ready ({status})").into());
        }
        if spawned.elapsed() > READY_TIMEOUT {
            return Err("the server did not answer /healthz within 30 s".into());
        }
        if let Ok(mut conn) = Conn::connect(addr).await
            && let Ok(Ok(response)) =
                tokio::time::timeout(REQUEST_TIMEOUT, conn.request(probe.as_bytes())).await
            && response.status == 200
        {
            return Ok(spawned.elapsed());
        }
        tokio::time::sleep(READY_POLL).await;
    }
}

/// User + system CPU time of a process so far, from /proc/PID/stat (`pid` may be "self").
fn cpu_seconds(pid: &str) -> Option<f64> {
    static TICKS: std::sync::LazyLock<f64> = std::sync::LazyLock::new(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    });
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / *TICKS)
}

/// Resident memory from /proc/PID/status, in KiB.
#[derive(Clone, Copy)]
struct Memory {
    rss_kib: u64,
    hwm_kib: u64,
}

impl Memory {
    fn rss_mib(&self) -> f64 {
        self.rss_kib as f64 / 1024.0
    }
    fn hwm_mib(&self) -> f64 {
        self.hwm_kib as f64 / 1024.0
    }
}

fn proc_status(pid: u32) -> Result<Memory> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> Result<u64> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| format!("no {name} in /proc/{pid}/status").into())
    };
    Ok(Memory {
        rss_kib: field("VmRSS:")?,
        hwm_kib: field("VmHWM:")?,
    })
}

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 keep-alive client: enough for Tandem's responses (Content-Length or
// chunked bodies), nothing more.

/// Signs up mother `n`, adds her son, checks her Today page; returns the session cookie value.
async fn sign_up(addr: SocketAddr, origin: &str, n: usize) -> Result<String> {
    let mut conn = Conn::connect(addr).await?;
    let family_name = format!("Bench {n}");
    let display_name = format!("Mother {n}");
    let email = format!("bench{n}@example.org");
    let body = form_encode(&[
        ("role", "mother"),
        ("family_name", &family_name),
        ("display_name", &display_name),
        ("email", &email),
        ("password", PASSWORD),
        ("time_zone", "Europe/Lisbon"),
        ("birth_date", ""),
    ]);
    let r = timed(&mut conn, &post(addr, origin, "/signup", None, &body)).await?;
    if r.status != 303 {
        return Err(format!("sign-up {n}: expected 303, got {}", r.status).into());
    }
    let cookie = r
        .headers("set-cookie")
        .find_map(|v| v.strip_prefix("tandem_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("sign-up {n}: no tandem_session cookie"))?;

    let son = format!("Son {n}");
    let body = form_encode(&[("name", &son), ("birth_date", "2012-05-01")]);
    let r = timed(
        &mut conn,
        &post(addr, origin, "/family/sons", Some(&cookie), &body),
    )
    .await?;
    if r.status != 303 {
        return Err(format!("adding son {n}: expected 303, got {}", r.status).into());
    }

    let today = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nCookie: tandem_session={cookie}\r\nConnection: close\r\n\r\n"
    );
    let r = timed(&mut conn, today.as_bytes()).await?;
    if r.status != 200 || !contains(&r.body, b"Today") {
        return Err(format!("Today for user {n}: status {}, no \"Today\"", r.status).into());
    }
    if !contains(&r.body, son.as_bytes()) {
        eprintln!("warning: Today for user {n} does not mention {son}");
    }
    Ok(cookie)
}

async fn sign_up_all(addr: SocketAddr, origin: &str, users: usize) -> Result<Vec<String>> {
    let gate = Arc::new(Semaphore::new(SIGNUP_CONCURRENCY));
    let mut tasks = Vec::with_capacity(users);
    for n in 1..=users {
        let gate = gate.clone();
        let origin = origin.to_owned();
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await?;
            sign_up(addr, &origin, n).await
        }));
    }
    let mut cookies = Vec::with_capacity(users);
    for task in tasks {
        cookies.push(task.await??);
    }
    Ok(cookies)
}

// ---------------------------------------------------------------------------------------------
// Load.

struct Phase {
    name: &'static str,
    requests: usize,
    /// Answers that passed the check, warm-up and late ones included.
    acknowledged: usize,
    errors: usize,
    first_error: Option<String>,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    /// CPU time over the measured window, as a share of one core (200% = both of 2 cores).
    server_cpu_pct: f64,
    loadgen_cpu_pct: f64,
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
async fn load(
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

// ---------------------------------------------------------------------------------------------
// Report.

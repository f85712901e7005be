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

use std::{
    fmt::Write as _,
    fs,
    net::SocketAddr,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    sync::Semaphore,
};

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
        |r| r.body == b"ok",
        server.pid,
        &args,
    )
    .await?;
    let today = load(
        "GET / (Today)",
        addr,
        today_reqs,
        |r| contains(&r.body, b"Today"),
        server.pid,
        &args,
    )
    .await?;
    let after_load = proc_status(server.pid)?;

    // 5. Stop.
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

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle, 0).is_some()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
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

struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    closed: bool,
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    /// Every value of header `name` (case-insensitive).
    fn headers<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.head.split("\r\n").skip(1).filter_map(move |line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

impl Conn {
    async fn connect(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(32 * 1024),
            closed: false,
        })
    }

    /// Reads more bytes into the buffer; EOF is an error (we always know how much to expect).
    async fn fill(&mut self) -> std::io::Result<()> {
        self.buf.reserve(16 * 1024);
        if self.stream.read_buf(&mut self.buf).await? == 0 {
            self.closed = true;
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }

    async fn request(&mut self, request: &[u8]) -> std::io::Result<Response> {
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        self.stream.write_all(request).await?;
        let head_end = loop {
            if let Some(p) = find(&self.buf, b"\r\n\r\n", 0) {
                break p + 4;
            }
            self.fill().await?;
        };
        let head = std::str::from_utf8(&self.buf[..head_end])
            .map_err(|_| bad("response head is not UTF-8"))?
            .to_owned();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status code"))?;
        let mut response = Response {
            status,
            head,
            body: Vec::new(),
        };
        let length = response.headers("content-length").next().map(str::to_owned);
        let chunked = response
            .headers("transfer-encoding")
            .any(|v| v.eq_ignore_ascii_case("chunked"));
        if response
            .headers("connection")
            .any(|v| v.eq_ignore_ascii_case("close"))
        {
            self.closed = true;
        }
        if chunked {
            let mut pos = head_end;
            loop {
                let line_end = loop {
                    if let Some(p) = find(&self.buf, b"\r\n", pos) {
                        break p;
                    }
                    self.fill().await?;
                };
                let size_text = std::str::from_utf8(&self.buf[pos..line_end])
                    .map_err(|_| bad("bad chunk size"))?;
                let size_text = size_text.split(';').next().unwrap_or("").trim();
                let size =
                    usize::from_str_radix(size_text, 16).map_err(|_| bad("bad chunk size"))?;
                pos = line_end + 2;
                if size == 0 {
                    // Optional trailers, then an empty line.
                    loop {
                        let end = loop {
                            if let Some(p) = find(&self.buf, b"\r\n", pos) {
                                break p;
                            }
                            self.fill().await?;
                        };
                        let empty = end == pos;
                        pos = end + 2;
                        if empty {
                            break;
                        }
                    }
                    break;
                }
                while self.buf.len() < pos + size + 2 {
                    self.fill().await?;
                }
                response.body.extend_from_slice(&self.buf[pos..pos + size]);
                pos += size + 2;
            }
            self.buf.drain(..pos);
        } else if let Some(length) = length {
            let length: usize = length.parse().map_err(|_| bad("bad Content-Length"))?;
            while self.buf.len() < head_end + length {
                self.fill().await?;
            }
            response.body = self.buf[head_end..head_end + length].to_vec();
            self.buf.drain(..head_end + length);
        } else if status == 204 || status == 304 || (100..200).contains(&status) {
            self.buf.drain(..head_end);
        } else {
            // Body until the server closes the connection.
            loop {
                self.buf.reserve(16 * 1024);
                if self.stream.read_buf(&mut self.buf).await? == 0 {
                    break;
                }
            }
            response.body = self.buf[head_end..].to_vec();
            self.buf.clear();
            self.closed = true;
        }
        Ok(response)
    }
}

// ---------------------------------------------------------------------------------------------
// Users.

fn form_encode(fields: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        for (j, part) in [name, value].into_iter().enumerate() {
            if j > 0 {
                out.push('=');
            }
            for b in part.bytes() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                        out.push(b as char)
                    }
                    b' ' => out.push('+'),
                    _ => {
                        let _ = write!(out, "%{b:02X}");
                    }
                }
            }
        }
    }
    out
}

fn post(addr: SocketAddr, origin: &str, path: &str, cookie: Option<&str>, body: &str) -> Vec<u8> {
    let cookie = cookie
        .map(|c| format!("Cookie: tandem_session={c}\r\n"))
        .unwrap_or_default();
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nUser-Agent: tandem-loadgen\r\n\
         {cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn timed(conn: &mut Conn, request: &[u8]) -> Result<Response> {
    Ok(tokio::time::timeout(Duration::from_secs(60), conn.request(request)).await??)
}

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
                if done >= end {
                    break;
                }
                let measured = done >= measure_from;
                match outcome {
                    Ok(Ok(r)) if r.status == 200 && check(&r) => {
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

struct Report {
    label: Option<String>,
    connections: usize,
    users: usize,
    duration: Duration,
    warmup: Duration,
    ready: Duration,
    idle: Memory,
    after_setup: Memory,
    after_load: Memory,
    stop: Option<Duration>,
    healthz: Phase,
    today: Phase,
}

struct Check {
    what: &'static str,
    target: String,
    measured: String,
    pass: bool,
}

impl Report {
    fn ratio(&self) -> f64 {
        self.today.rps / self.healthz.rps
    }

    fn checks(&self) -> Vec<Check> {
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

    fn phase_rows(&self) -> [[String; 10]; 2] {
        [&self.healthz, &self.today].map(|p| {
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

    fn other_rows(&self) -> Vec<[String; 2]> {
        vec![
            [
                "Today rps / healthz rps".into(),
                format!("{:.2}", self.ratio()),
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

    fn setup_line(&self) -> String {
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

    fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "\n== Tandem benchmark ==");
        let _ = writeln!(out, "{}\n", self.setup_line());
        let _ = writeln!(
            out,
            "{:<15} {:>8} {:>8} {:>8} {:>8} {:>9} {:>6} {:>8} {:>9} {:>8}",
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
                "{:<15} {:>8} {:>8} {:>8} {:>8} {:>9} {:>6} {:>8} {:>10} {:>8}",
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
            let _ = writeln!(out, "{k:<52} {v}");
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
        if self.healthz.errors + self.today.errors > 0 {
            let _ = writeln!(
                out,
                "  [WARN] {} request errors during the measured windows",
                self.healthz.errors + self.today.errors
            );
        }
        out
    }

    fn markdown(&self) -> String {
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

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
mod load;
mod photos;
mod plans;
mod report;
mod server;
mod together;

use std::{
    fs,
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::sync::Semaphore;

use http::{Conn, contains, form_encode, get, post, timed};
use load::{Phase, load};
use report::Report;
use server::{Memory, Server, proc_status, wait_ready};

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
// Together (issue 5): pages as a share of /healthz's throughput in the same run, and photos.
const TARGET_PLANS_RATIO: f64 = 0.10;
const TARGET_FEED_RATIO: f64 = 0.10;
const TARGET_BOOK_RATIO: f64 = 0.05;
const TARGET_THUMB_RATIO: f64 = 0.30;
const TARGET_NOT_MODIFIED_RATIO: f64 = 0.50;
/// A 12 MP phone photo, alone: upload to stored, on loopback.
const TARGET_UPLOAD_MS: f64 = 2000.0;
/// Peak resident memory of the server under any mix of accepted uploads (issue 10).
const TARGET_UPLOAD_PEAK_MB: f64 = 256.0;
/// A decompression bomb is refused in well under a page's time, and takes no memory.
const TARGET_BOMB_MS: f64 = 50.0;
const TARGET_BOMB_RSS_MB: f64 = 10.0;

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
    let cookies = tokio::time::timeout(
        SETUP_TIMEOUT,
        sign_up_all(addr, &origin, &args.data_dir, args.users),
    )
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

    // 6. Together: the plans page, the calendar feed, the memory book and a photo, then
    // photo uploads.
    let together =
        measure_together(addr, &origin, &cookies[0], &bonds[0], server.pid, &args).await?;

    // 7. Stop.
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
        together,
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

/// Together's pages for user 1 (years of plans, a full memory book), then photo uploads.
async fn measure_together(
    addr: SocketAddr,
    origin: &str,
    cookie: &str,
    bond: &str,
    pid: u32,
    args: &Args,
) -> Result<report::Together> {
    println!(
        "seeding plans (3 weekly rhythms over 5 years, {} one-offs) and {} memories for user 1 ...",
        plans::ONE_OFFS,
        together::MEMORIES
    );
    let seeding = Instant::now();
    let seeded = together::seed(addr, origin, cookie, bond, &args.data_dir).await?;
    println!(
        "{} plans ({} times, {} changed) and {} memories ({} photos) made in {:.1} s",
        seeded.plans,
        seeded.occurrences,
        seeded.changes,
        seeded.memories,
        seeded.photos,
        seeding.elapsed().as_secs_f64()
    );
    let html = "Accept: text/html\r\n";
    let as_user_1 =
        |path: &str, extra: &str| vec![get(addr, path, Some(cookie), extra); args.connections];
    let plans = load(
        "GET plans page",
        addr,
        as_user_1(&seeded.plans_path, html),
        together::plans_ok,
        pid,
        args,
    )
    .await?;
    let feed_reqs = vec![get(addr, &seeded.feed_path, None, ""); args.connections];
    let feed = load(
        "GET calendar feed",
        addr,
        feed_reqs,
        together::feed_ok,
        pid,
        args,
    )
    .await?;
    let book = load(
        "GET memory book",
        addr,
        as_user_1(&seeded.book_path, html),
        together::book_ok,
        pid,
        args,
    )
    .await?;
    let thumb = load(
        "GET thumb photo",
        addr,
        as_user_1(&seeded.thumb_path, ""),
        together::thumb_ok,
        pid,
        args,
    )
    .await?;
    let if_none_match = format!("If-None-Match: {}\r\n", seeded.thumb_etag);
    let thumb_304 = load(
        "GET thumb, 304",
        addr,
        as_user_1(&seeded.thumb_path, &if_none_match),
        together::not_modified,
        pid,
        args,
    )
    .await?;

    println!(
        "making a {} x {} phone photo ...",
        photos::PHONE_WIDTH,
        photos::PHONE_HEIGHT
    );
    let photo = photos::phone_photo();
    let request = |bytes: &[u8], name: &str, kind: &str| {
        Arc::new(photos::upload_request(
            addr, origin, cookie, bond, bytes, name, kind,
        ))
    };
    let upload = request(&photo, "IMG_2041.jpg", "image/jpeg");
    // Uploads are slow and steady: half the measured window of a page is plenty.
    let window = args.duration / 2;
    let mut uploads = Vec::new();
    for clients in photos::CLIENTS {
        println!(
            "uploading {:.1} MB photos, {clients} at a time, for {:.0} s ...",
            photo.len() as f64 / 1e6,
            window.as_secs_f64()
        );
        let phase =
            photos::upload_phase(addr, pid, upload.clone(), clients, window, photos::stored)
                .await?;
        print_uploads(&phase);
        uploads.push(phase);
    }
    println!(
        "sending {} forms of {} such photos at once ...",
        photos::FORMS,
        photos::PHOTOS_PER_FORM
    );
    let six: Vec<http::FilePart> = (0..photos::PHOTOS_PER_FORM)
        .map(|_| http::FilePart {
            input: "photos",
            file_name: "IMG_2041.jpg",
            content_type: "image/jpeg",
            bytes: &photo,
        })
        .collect();
    let form = Arc::new(photos::form_request(addr, origin, cookie, bond, &six));
    let forms = photos::upload_phase(
        addr,
        pid,
        form,
        photos::FORMS,
        Duration::ZERO,
        photos::stored,
    )
    .await?;
    print_uploads(&forms);
    let mut heavy = vec![(
        format!(
            "{} forms of {} x 12 MP JPEG at once",
            photos::FORMS,
            photos::PHOTOS_PER_FORM
        ),
        forms,
    )];

    let bomb_file = photos::bomb();
    println!(
        "sending a decompression bomb ({} bytes) for {:.0} s ...",
        bomb_file.len(),
        photos::BOMB_WINDOW.as_secs_f64()
    );
    let bomb = photos::upload_phase(
        addr,
        pid,
        request(&bomb_file, "bomb.png", "image/png"),
        1,
        photos::BOMB_WINDOW,
        photos::refused_as_too_large,
    )
    .await?;
    print_uploads(&bomb);
    for (what, file, name, kind) in [
        (
            "noisy JPEG",
            photos::largest_jpeg(),
            "big.jpg",
            "image/jpeg",
        ),
        ("flat PNG", photos::largest_png(), "flat.png", "image/png"),
    ] {
        println!(
            "uploading the largest picture accepted ({what}, {} bytes), {} at once ...",
            file.len(),
            photos::LARGEST_AT_ONCE
        );
        let phase = photos::upload_phase(
            addr,
            pid,
            request(&file, name, kind),
            photos::LARGEST_AT_ONCE,
            Duration::ZERO,
            photos::stored,
        )
        .await?;
        print_uploads(&phase);
        heavy.push((
            format!(
                "largest accepted: {what} {} x {}, {:.2} MB, {} at once",
                photos::LARGEST_WIDTH,
                photos::LARGEST_HEIGHT,
                file.len() as f64 / 1e6,
                photos::LARGEST_AT_ONCE
            ),
            phase,
        ));
    }
    Ok(report::Together {
        seeded,
        plans,
        feed,
        book,
        thumb,
        thumb_304,
        photo_bytes: photo.len(),
        uploads,
        bomb_bytes: bomb_file.len(),
        bomb,
        heavy,
    })
}

fn print_uploads(u: &photos::Uploads) {
    println!(
        "  {} uploads in {:.1} s ({:.2}/s), p50 {:.0} ms, max {:.0} ms, {} errors, server CPU {:.0} ms each; \
         RSS {:.0} MiB before, peak {:.0} MiB, {:.0} MiB after",
        u.uploads,
        u.elapsed.as_secs_f64(),
        u.per_second(),
        u.p50_ms,
        u.max_ms,
        u.errors,
        u.cpu_ms,
        u.rss_before_mib,
        u.peak_mib,
        u.rss_after_mib
    );
    if let Some(e) = &u.first_error {
        println!("  first error: {e}");
    }
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

// ---------------------------------------------------------------------------------------------
// Users.

/// The confirmation link Tandem mailed to `email` (read from the outbox: no mail server).
async fn confirmation_link(data_dir: &Path, email: &str) -> Result<String> {
    use sqlx::Connection;
    let mut db = sqlx::SqliteConnection::connect(&feelings::database(data_dir)).await?;
    let body: String = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE to_email = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&mut db)
    .await?;
    body.split_whitespace()
        .find_map(|w| w.find("/signup/confirm/").map(|at| w[at..].to_owned()))
        .ok_or_else(|| format!("no confirmation link mailed to {email}").into())
}

/// Signs up mother `n` as from an address of her own (the server runs `--behind-proxy`, as
/// behind a real proxy, so sign-up limits count per visitor), confirms her address through
/// the mailed link, and adds her son. Returns her session cookie.
async fn sign_up(addr: SocketAddr, origin: &str, data_dir: &Path, n: usize) -> Result<String> {
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
    let mut request = post(addr, origin, "/signup", None, &body);
    let visitor = format!("X-Forwarded-For: 10.{}.{}.7\r\n", n / 250, n % 250);
    let at = request
        .windows(2)
        .position(|w| w == b"\r\n")
        .map_or(0, |p| p + 2);
    request.splice(at..at, visitor.bytes());
    let r = timed(&mut conn, &request).await?;
    if r.status != 303 {
        return Err(format!("sign-up {n}: expected 303, got {}", r.status).into());
    }
    let confirm = confirmation_link(data_dir, &email).await?;
    let r = timed(&mut conn, &post(addr, origin, &confirm, None, "")).await?;
    if r.status != 303 {
        return Err(format!("confirming {n}: expected 303, got {}", r.status).into());
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

async fn sign_up_all(
    addr: SocketAddr,
    origin: &str,
    data_dir: &Path,
    users: usize,
) -> Result<Vec<String>> {
    let gate = Arc::new(Semaphore::new(SIGNUP_CONCURRENCY));
    let mut tasks = Vec::with_capacity(users);
    for n in 1..=users {
        let gate = gate.clone();
        let origin = origin.to_owned();
        let data_dir = data_dir.to_owned();
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await?;
            sign_up(addr, &origin, &data_dir, n).await
        }));
    }
    let mut cookies = Vec::with_capacity(users);
    for task in tasks {
        cookies.push(task.await??);
    }
    Ok(cookies)
}

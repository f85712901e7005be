//! Slow and stuck clients cannot hold the server: a request's head must arrive in time, a
//! quiet connection is closed, a stalled upload is cut with 408 while a slow but steady one
//! succeeds, and hundreds of half-open connections leave `/healthz` answering — even where the
//! open-files limit starts low.

use std::{
    io::{Read, Write},
    net::TcpStream,
    time::{Duration, Instant},
};

use axum::http::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::process::Served;
use crate::{
    harness::{Backend, ORIGIN, TestApp},
    together::{
        fixtures::{BOUNDARY, file, jpeg, multipart},
        memories::{memory_fields, new_memory_path, pairs},
    },
};

/// Sends a login form's headers in full (this server's own origin, so no guard refuses it) and
/// the first bytes of its body, then nothing more.
pub(super) fn unfinished_form(port: u16) -> TcpStream {
    half_request(
        port,
        &format!(
            "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail="
        ),
    )
}

/// Connects and sends the beginning of a request, never its end.
pub(super) fn half_request(port: u16, start: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.write_all(start.as_bytes()).expect("send");
    stream
}

/// Reads until the server closes the connection or `limit` passes; returns what arrived and
/// whether the server closed it.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, bool) {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let started = Instant::now();
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&got).into_owned(), true),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            // A reset is a close too.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return (String::from_utf8_lossy(&got).into_owned(), true);
            }
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), false),
        }
        if started.elapsed() > limit {
            return (String::from_utf8_lossy(&got).into_owned(), false);
        }
    }
}

#[test]
fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &["--header-timeout", "1"], &[]);
    let mut stuck = half_request(served.port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    let asked = Instant::now();
    let (_, closed) = read_until_closed(&mut stuck, Duration::from_secs(5));
    assert!(closed, "a connection stuck in its headers stayed open");
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "{:?}",
        asked.elapsed()
    );
}

#[test]
fn a_connection_that_goes_quiet_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(
        dir.path(),
        &["--idle-timeout", "1", "--body-timeout", "30"],
        &[],
    );
    // Headers in full, then a few bytes of a body it never finishes, then nothing.
    let mut quiet = unfinished_form(served.port);
    let asked = Instant::now();
    let (_, closed) = read_until_closed(&mut quiet, Duration::from_secs(6));
    assert!(closed, "a quiet connection stayed open");
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "{:?}",
        asked.elapsed()
    );
}

#[test]
fn a_stalled_upload_is_cut_with_408() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &["--body-timeout", "1"], &[]);
    let mut stalled = unfinished_form(served.port);
    let asked = Instant::now();
    let (answer, _) = read_until_closed(&mut stalled, Duration::from_secs(6));
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "{:?}",
        asked.elapsed()
    );
}

/// Five hundred connections that send half a request head and wait, against a server started
/// with a soft open-files limit of 256 (as many systems start services): Tandem raises its
/// limit to the hard one at start and caps connections below it, so `/healthz` still answers.
#[test]
fn a_slowloris_of_500_connections_leaves_healthz_answering() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(
        dir.path(),
        &["--header-timeout", "60"],
        &["prlimit", "--nofile=256:4096"],
    );
    let mut held = Vec::new();
    for _ in 0..500 {
        held.push(half_request(
            served.port,
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
        ));
    }
    // Let the server accept them all.
    std::thread::sleep(Duration::from_millis(500));
    for round in 0..3 {
        let asked = Instant::now();
        assert!(
            served.healthy_within(Duration::from_secs(2)),
            "/healthz did not answer under 500 half-open connections (round {round})"
        );
        eprintln!(
            "/healthz answered in {:?} under 500 half-open connections",
            asked.elapsed()
        );
    }
    drop(held);
}

/// A phone on a slow link: a photo upload whose body takes longer than the request timeout
/// (30 s) to arrive, but never pauses long, is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_but_steady_upload_outlasts_the_request_timeout() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let server = tokio::spawn(tandem::server::serve_web(
        listener,
        app.state.clone(),
        64,
        stopped,
    ));

    let fields = memory_fields("Kite day, sent slowly");
    let body = multipart(&pairs(&fields), &[file("kite.jpg", jpeg(320, 200))]);
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {ORIGIN}\r\nCookie: tandem_session={}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        new_memory_path(&bond),
        mum.cookie.as_deref().expect("logged in"),
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    // 32 s in all, a chunk every half second.
    let chunks = 64;
    let started = Instant::now();
    for chunk in body.chunks(body.len().div_ceil(chunks)) {
        if stream.write_all(chunk).await.is_err() {
            break; // answered early: the answer says why
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer).await;
    let took = started.elapsed();
    assert!(took > Duration::from_secs(30), "{took:?}");
    assert!(
        answer.starts_with(&format!("HTTP/1.1 {}", StatusCode::SEE_OTHER.as_u16())),
        "after {took:?}: {answer}"
    );
    assert_eq!(app.count("photos").await, 1);
    let _ = stop.send(true);
    server.await.unwrap();
}

//! A stop (SIGTERM) takes a bounded time whatever clients are doing: connections stuck in
//! their headers, uploads that stall, kept-alive connections.

use std::{io::Write, net::TcpStream, time::Duration};

use super::{
    process::Served,
    slow_clients::{half_request, unfinished_form},
};

#[test]
fn sigterm_stops_within_ten_seconds_whatever_clients_hold() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &[], &[]);
    let stuck_in_headers =
        half_request(served.port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    let stalled_upload = unfinished_form(served.port);
    let connect = || TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    let mut kept_alive = connect();
    kept_alive
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let (took, logs) = served.stop(Duration::from_secs(20));
    eprintln!("stopped {took:?} after SIGTERM");
    assert!(took < Duration::from_secs(10), "took {took:?} to stop");
    assert!(
        logs.contains("shutting down") && logs.contains("stopped"),
        "{logs}"
    );
    drop((stuck_in_headers, stalled_upload, kept_alive));
}

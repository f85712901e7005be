//! The `tandem` binary itself: help, version, serving, backup while serving, graceful stop.

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_tandem");

pub(crate) fn tandem(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("TANDEM_DATA_DIR", data_dir)
        .env_remove("TANDEM_DATABASE_URL")
        .output()
        .unwrap()
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[test]
fn help_explains_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let help = String::from_utf8(tandem(&["--help"], dir.path()).stdout).unwrap();
    for command in [
        "serve",
        "migrate",
        "demo",
        "backup",
        "restore",
        "version",
        "TANDEM_DATABASE_URL",
        "--listen",
    ] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
    let version = String::from_utf8(tandem(&["version"], dir.path()).stdout).unwrap();
    assert_eq!(
        version.trim(),
        format!("tandem {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn serves_backs_up_while_running_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let demo = tandem(&["demo"], dir.path());
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let printed = String::from_utf8(demo.stdout).unwrap();
    assert!(
        printed.contains("mother@demo.tandem.example") && printed.contains("password:"),
        "{printed}"
    );

    let server = Command::new(BIN)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("TANDEM_DATA_DIR", dir.path())
        .env_remove("TANDEM_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let health = loop {
        if let Some(r) = http_get(port, "/healthz") {
            break r;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not come up"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");

    let copy = dir.path().join("copy.db");
    let backup = tandem(&["backup", copy.to_str().unwrap()], dir.path());
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(std::fs::metadata(&copy).unwrap().len() > 0);

    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = server.wait_with_output().unwrap();
    assert!(output.status.success(), "exit status {:?}", output.status);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains(&format!("Open http://127.0.0.1:{port}/")),
        "{stdout}"
    );
    assert!(
        logs.contains("shutting down") && logs.contains("stopped"),
        "{logs}"
    );
}

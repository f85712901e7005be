//! The real `tandem` binary for the backup tests: one-off commands, and a server on a real TCP
//! port spoken to in plain HTTP/1.1 (one request per connection).

use std::{
    io::{Read, Write},
    net::TcpStream,
    path::Path,
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use crate::cli::{BIN, free_port};

/// Runs `tandem ARGS` on the data folder, on SQLite unless a database URL is given.
pub fn tandem(args: &[&str], data_dir: &Path, database_url: Option<&str>) -> Output {
    command(data_dir, database_url)
        .args(args)
        .output()
        .expect("tandem runs")
}

fn command(data_dir: &Path, database_url: Option<&str>) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("TANDEM_DATA_DIR", data_dir)
        .env("TANDEM_LOG", "warn")
        .env_remove("TANDEM_DATABASE_URL")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    if let Some(url) = database_url {
        command.env("TANDEM_DATABASE_URL", url);
    }
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the command succeeded and returns what it printed.
#[track_caller]
pub fn succeeded(output: Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status,
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// `tandem serve` on a free port, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

/// One HTTP response.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// The session cookie the response sets, as `tandem_session=…`.
    pub fn session_cookie(&self) -> Option<String> {
        self.head.lines().find_map(|line| {
            let value = line
                .strip_prefix("set-cookie: ")
                .or(line.strip_prefix("Set-Cookie: "))?;
            let cookie = value.split(';').next()?;
            cookie
                .starts_with("tandem_session=")
                .then(|| cookie.to_owned())
        })
    }
}

impl Server {
    pub fn start(data_dir: &Path, database_url: Option<&str>) -> Server {
        let port = free_port();
        let child = command(data_dir, database_url)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tandem serve starts");
        let server = Server { child, port };
        let started = Instant::now();
        while server
            .request("GET", "/healthz", None, &[])
            .map(|r| r.status)
            != Some(200)
        {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not come up"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn get(&self, path: &str, cookie: &str) -> Reply {
        self.request("GET", path, Some(cookie), &[])
            .expect("the server answers")
    }

    /// Logs in as a browser would; returns the session cookie.
    #[track_caller]
    pub fn log_in(&self, email: &str, password: &str) -> String {
        let form = serde_urlencoded::to_string([("email", email), ("password", password)]).unwrap();
        let reply = self
            .request("POST", "/login", None, form.as_bytes())
            .expect("the server answers");
        assert_eq!(reply.status, 303, "logging in as {email}: {}", reply.head);
        reply.session_cookie().expect("a session cookie")
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        form: &[u8],
    ) -> Option<Reply> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
             Origin: http://127.0.0.1:{port}\r\n",
            port = self.port
        );
        if let Some(cookie) = cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if method == "POST" {
            head.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                form.len()
            ));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).ok()?;
        stream.write_all(form).ok()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).ok()?;
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split(' ').nth(1)?.parse().ok()?;
        let body = raw[split + 4..].to_vec();
        let chunked = head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked");
        let body = if chunked { dechunk(&body)? } else { body };
        Some(Reply { status, head, body })
    }
}

/// The body of a chunked response.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

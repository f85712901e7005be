//! The server under test: started on a free loopback port, stopped with SIGTERM, and watched
//! through /proc (CPU time, resident memory).

use std::{
    fs,
    net::SocketAddr,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::{Args, READY_POLL, READY_TIMEOUT, REQUEST_TIMEOUT, Result, http::Conn};

pub struct Server {
    pub child: Child,
    pub pid: u32,
    stopped: bool,
}

impl Server {
    pub fn spawn(args: &Args, addr: SocketAddr) -> Result<Server> {
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
            // Sign-up limits count per visitor: each bench user comes from an address of her own.
            .arg("--behind-proxy")
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
    pub fn stop(&mut self) -> Option<Duration> {
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

pub async fn wait_ready(
    server: &mut Server,
    addr: SocketAddr,
    spawned: Instant,
) -> Result<Duration> {
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
pub fn cpu_seconds(pid: &str) -> Option<f64> {
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
pub struct Memory {
    pub rss_kib: u64,
    pub hwm_kib: u64,
}

impl Memory {
    pub fn rss_mib(&self) -> f64 {
        self.rss_kib as f64 / 1024.0
    }
    pub fn hwm_mib(&self) -> f64 {
        self.hwm_kib as f64 / 1024.0
    }
}

pub fn proc_status(pid: u32) -> Result<Memory> {
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

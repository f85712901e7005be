//! The real `tandem serve` as a child process, for faults that only a whole process shows:
//! file-descriptor limits, slow sockets, signals.

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::cli::{free_port, http_get};

pub const BIN: &str = env!("CARGO_BIN_EXE_tandem");

pub struct Served {
    pub child: Child,
    pub port: u16,
    /// Everything the process logged so far (read as it comes, so a full pipe never blocks it).
    logs: Arc<Mutex<String>>,
}

impl Served {
    /// Starts `tandem serve` on a free port with `args`, on a SQLite database in `data_dir`,
    /// behind `wrapper` (e.g. `prlimit --nofile=…`) if given; waits until `/healthz` answers.
    pub fn start(data_dir: &Path, args: &[&str], wrapper: &[&str]) -> Served {
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let mut command = match wrapper.split_first() {
            Some((program, rest)) => {
                let mut c = Command::new(program);
                c.args(rest).arg(BIN);
                c
            }
            None => Command::new(BIN),
        };
        let mut child = command
            .args(["serve", "--listen", &listen])
            .args(args)
            .env("TANDEM_DATA_DIR", data_dir)
            .env_remove("TANDEM_DATABASE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tandem serve");
        let logs = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("piped stderr");
        let sink = logs.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut stderr, &mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let served = Served { child, port, logs };
        let started = Instant::now();
        while !served.healthy_within(Duration::from_secs(2)) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "tandem serve did not come up"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        served
    }

    /// Whether `/healthz` answers 200 on a new connection within `limit`.
    pub fn healthy_within(&self, limit: Duration) -> bool {
        let port = self.port;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(http_get(port, "/healthz"));
        });
        matches!(rx.recv_timeout(limit), Ok(Some(r)) if r.starts_with("HTTP/1.1 200"))
    }

    /// Sends SIGTERM and returns how long the process took to exit, and its logs.
    pub fn stop(mut self, limit: Duration) -> (Duration, String) {
        let asked = Instant::now();
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for tandem") {
                let took = asked.elapsed();
                std::thread::sleep(Duration::from_millis(100));
                let logs = self.logs.lock().unwrap().clone();
                assert!(status.success(), "exit status {status:?}\n{logs}");
                return (took, logs);
            }
            if asked.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("tandem serve did not exit within {limit:?} of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

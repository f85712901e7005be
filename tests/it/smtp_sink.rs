//! A small SMTP server on 127.0.0.1 for the tests, over real TCP: it keeps every message whose
//! DATA it received, and behaves as a test asks (answers at once, slowly, drops the line after
//! the data, or never answers at all).

use std::time::Duration;

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    sync::watch,
};

/// How the sink answers.
#[derive(Debug, Clone, Copy)]
pub enum Behaviour {
    /// Accepts every message at once.
    Accept,
    /// Takes this long before accepting each message (after its final `.`).
    Slow(Duration),
    /// Receives the first `n` messages whole, then drops the connection instead of answering
    /// `250`: the client cannot know the message was taken. Accepts the ones after.
    DropAfterData(usize),
    /// Takes the connection and never says a word, not even its greeting.
    NeverAnswer,
}

pub struct SmtpSink {
    pub port: u16,
    /// Every message whose DATA arrived whole (accepted or not), in order.
    messages: watch::Receiver<Vec<String>>,
    /// How many connections the sink took.
    connections: watch::Receiver<usize>,
}

impl SmtpSink {
    pub async fn start(behaviour: Behaviour) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (messages_tx, messages) = watch::channel(Vec::new());
        let (connections_tx, connections) = watch::channel(0);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                connections_tx.send_modify(|n| *n += 1);
                let messages = messages_tx.clone();
                tokio::spawn(converse(stream, behaviour, messages));
            }
        });
        SmtpSink {
            port,
            messages,
            connections,
        }
    }

    /// Points the app's mail at this sink.
    pub fn configure(&self, config: &mut tandem::config::Config) {
        config.smtp_host = Some("127.0.0.1".into());
        config.smtp_port = self.port;
        config.smtp_security = tandem::config::SmtpSecurity::None;
    }

    /// The messages received so far.
    pub fn messages(&self) -> Vec<String> {
        self.messages.borrow().clone()
    }

    /// Waits (at most `within`) until `n` messages have arrived; returns them all.
    pub async fn wait_for_messages(&self, n: usize, within: Duration) -> Vec<String> {
        let mut messages = self.messages.clone();
        let arrived = tokio::time::timeout(within, messages.wait_for(|m| m.len() >= n)).await;
        let all = self.messages();
        assert!(
            arrived.is_ok(),
            "expected {n} messages within {within:?}, got {}",
            all.len()
        );
        all
    }

    /// Waits (at most `within`) until a client has connected.
    pub async fn wait_for_connection(&self, within: Duration) {
        let mut connections = self.connections.clone();
        tokio::time::timeout(within, connections.wait_for(|n| *n > 0))
            .await
            .expect("a client connected to the SMTP sink")
            .unwrap();
    }
}

/// The `Message-ID` header of a received message.
pub fn message_id(message: &str) -> Option<&str> {
    message
        .lines()
        .find_map(|line| line.strip_prefix("Message-ID: "))
        .map(str::trim)
}

async fn converse(stream: TcpStream, behaviour: Behaviour, messages: watch::Sender<Vec<String>>) {
    if let Behaviour::NeverAnswer = behaviour {
        // Hold the line open, silent, until the client gives up.
        let mut stream = stream;
        let _ = tokio::io::copy(&mut stream, &mut tokio::io::sink()).await;
        return;
    }
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    let mut data: Option<String> = None;
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(body) = data.as_mut() {
            if line != "." {
                body.push_str(&line);
                body.push('\n');
                continue;
            }
            let message = data.take().unwrap();
            let mut seen = 0;
            messages.send_modify(|all| {
                all.push(message);
                seen = all.len();
            });
            match behaviour {
                Behaviour::DropAfterData(n) if seen <= n => return,
                Behaviour::Slow(delay) => tokio::time::sleep(delay).await,
                _ => {}
            }
            let _ = write.write_all(b"250 queued\r\n").await;
            continue;
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 sink\r\n",
            "DATA" => {
                data = Some(String::new());
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                break;
            }
            _ => b"250 ok\r\n",
        };
        if write.write_all(reply).await.is_err() {
            break;
        }
    }
}

/// Like `both_backends!`, for a test body `async fn name(sink: SmtpSink, app: TestApp)` whose
/// app sends its mail to a new sink that behaves as `$behaviour` (in scope where it is used).
#[macro_export]
macro_rules! both_backends_with_sink {
    ($behaviour:expr, $name:ident) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn on(backend: $crate::harness::Backend) {
                let sink = $crate::smtp_sink::SmtpSink::start($behaviour).await;
                let app = $crate::harness::TestApp::with_config(backend, |c| sink.configure(c));
                if let Some(app) = app.await {
                    super::$name(sink, app).await
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                on($crate::harness::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                on($crate::harness::Backend::Postgres).await
            }
        }
    };
}

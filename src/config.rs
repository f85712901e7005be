//! Run-time configuration: every setting is a command-line flag and a `TANDEM_*` variable.

use std::{fmt, net::SocketAddr, path::PathBuf};

use clap::Args;
use url::Url;

/// A value that must never be printed: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

/// How Tandem runs; shared by every subcommand.
#[derive(Args, Clone)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "TANDEM_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,

    /// Folder for the SQLite database and other data; created if missing.
    #[arg(
        long,
        env = "TANDEM_DATA_DIR",
        default_value = "./tandem-data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite:PATH` or `postgres://user@host/db`. Default: `tandem.db` in the data dir.
    #[arg(long, env = "TANDEM_DATABASE_URL", global = true)]
    pub database_url: Option<Secret>,

    /// The address people open, used in links in emails and to mark cookies Secure on https.
    /// Default: http:// plus the listen address.
    #[arg(long, env = "TANDEM_BASE_URL", global = true)]
    pub base_url: Option<Url>,

    /// SMTP server host. Without it, mail goes to the in-app outbox.
    #[arg(long, env = "TANDEM_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,

    /// SMTP port (default 587 with STARTTLS; 465 uses implicit TLS).
    #[arg(long, env = "TANDEM_SMTP_PORT", default_value_t = 587, global = true)]
    pub smtp_port: u16,

    /// SMTP user name.
    #[arg(long, env = "TANDEM_SMTP_USERNAME", global = true)]
    pub smtp_username: Option<String>,

    /// SMTP password.
    #[arg(
        long,
        env = "TANDEM_SMTP_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub smtp_password: Option<Secret>,

    /// How to secure the SMTP connection: `starttls`, `tls` or `none` (only for a local relay).
    #[arg(
        long,
        env = "TANDEM_SMTP_SECURITY",
        default_value = "starttls",
        global = true
    )]
    pub smtp_security: SmtpSecurity,

    /// Sender address of Tandem's mail.
    #[arg(
        long,
        env = "TANDEM_SMTP_FROM",
        default_value = "Tandem <tandem@localhost>",
        global = true
    )]
    pub smtp_from: String,

    /// Tandem runs behind a reverse proxy: take the client's address (for login limits) from
    /// the last entry of `X-Forwarded-For`, which the proxy appends. Without this, every
    /// visitor would share the proxy's address.
    #[arg(long, env = "TANDEM_BEHIND_PROXY", global = true)]
    pub behind_proxy: bool,

    /// Do not run the background job worker in this process (for extra web-only instances).
    #[arg(long, env = "TANDEM_NO_WORKER", global = true)]
    pub no_worker: bool,

    /// At start, how many seconds to wait for a PostgreSQL server that is not reachable yet
    /// (e.g. a container starting beside Tandem) before giving up.
    #[arg(
        long,
        env = "TANDEM_DATABASE_WAIT",
        default_value_t = 30,
        value_name = "SECONDS",
        global = true
    )]
    pub database_wait: u64,

    /// Most client connections open at once; more wait until one closes. 0: 2048, or fewer
    /// if the open-files limit (raised to its maximum at start) leaves less room.
    #[arg(
        long,
        env = "TANDEM_MAX_CONNECTIONS",
        default_value_t = 0,
        global = true
    )]
    pub max_connections: usize,

    /// Seconds a client may take to send a request's headers (and to start its next request
    /// on a kept-alive connection).
    #[arg(
        long,
        env = "TANDEM_HEADER_TIMEOUT",
        default_value_t = 10,
        value_name = "SECONDS",
        global = true
    )]
    pub header_timeout: u64,

    /// Seconds a connection may stay without a byte sent or received before it is closed.
    #[arg(
        long,
        env = "TANDEM_IDLE_TIMEOUT",
        default_value_t = 60,
        value_name = "SECONDS",
        global = true
    )]
    pub idle_timeout: u64,

    /// Seconds an upload may pause between two parts of its body; a slow but steady upload
    /// may take as long as it needs.
    #[arg(
        long,
        env = "TANDEM_BODY_TIMEOUT",
        default_value_t = 20,
        value_name = "SECONDS",
        global = true
    )]
    pub body_timeout: u64,

    /// Seconds Tandem may take to answer once a request has arrived in full.
    #[arg(
        long,
        env = "TANDEM_REQUEST_TIMEOUT",
        default_value_t = 30,
        value_name = "SECONDS",
        global = true
    )]
    pub request_timeout: u64,

    /// On stop (SIGTERM), seconds that requests in flight may take to finish before their
    /// connections are closed.
    #[arg(
        long,
        env = "TANDEM_SHUTDOWN_GRACE",
        default_value_t = 5,
        value_name = "SECONDS",
        global = true
    )]
    pub shutdown_grace: u64,

    /// Serve Prometheus metrics at `/metrics` on this address only (e.g. `127.0.0.1:9090`),
    /// never on the public one. Off by default.
    #[arg(long, env = "TANDEM_METRICS_LISTEN", global = true)]
    pub metrics_listen: Option<SocketAddr>,

    /// Accept Web Push endpoints over plain http on this machine's loopback (a push service
    /// run for development or tests). Browsers' push services are all https; off by default,
    /// so a member can never make the server post in the clear (docs/adr/0030-web-push.md).
    #[arg(
        long,
        env = "TANDEM_PUSH_ALLOW_HTTP_LOOPBACK",
        global = true,
        hide = true
    )]
    pub push_allow_http_loopback: bool,
}

/// A whole number of seconds from the command line; 0 is not a limit anyone means, so it is
/// read as the smallest one.
fn seconds(value: u64) -> std::time::Duration {
    std::time::Duration::from_secs(value.max(1))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The database URL may carry a password: show only its scheme.
        let database = self
            .database_url
            .as_ref()
            .map(|u| u.expose().split(':').next().unwrap_or("").to_owned());
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database", &database)
            .field("base_url", &self.base_url().as_str())
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password)
            .field("smtp_security", &self.smtp_security)
            .field("smtp_from", &self.smtp_from)
            .field("behind_proxy", &self.behind_proxy)
            .field("no_worker", &self.no_worker)
            .field("database_wait", &self.database_wait)
            .field("max_connections", &self.max_connections)
            .field("header_timeout", &self.header_timeout)
            .field("idle_timeout", &self.idle_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("shutdown_grace", &self.shutdown_grace)
            .field("metrics_listen", &self.metrics_listen)
            .field("push_allow_http_loopback", &self.push_allow_http_loopback)
            .finish()
    }
}

impl Config {
    /// A configuration for tests and tools: a data dir and a database URL, defaults elsewhere.
    pub fn for_database(data_dir: PathBuf, database_url: &str) -> Config {
        Config {
            listen: "127.0.0.1:8080".parse().expect("valid address"),
            data_dir,
            database_url: Some(Secret(database_url.to_owned())),
            base_url: None,
            smtp_host: None,
            smtp_port: 587,
            smtp_username: None,
            smtp_password: None,
            smtp_security: SmtpSecurity::Starttls,
            smtp_from: "Tandem <tandem@localhost>".into(),
            behind_proxy: false,
            no_worker: false,
            database_wait: 0,
            max_connections: 0,
            header_timeout: 10,
            idle_timeout: 60,
            body_timeout: 20,
            request_timeout: 30,
            shutdown_grace: 5,
            metrics_listen: None,
            push_allow_http_loopback: false,
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose().to_owned(),
            None => format!("sqlite:{}", self.data_dir.join("tandem.db").display()),
        }
    }

    /// How long to wait for the database server at start.
    pub fn database_wait(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.database_wait)
    }

    /// The limits each request is served under.
    pub fn request_limits(&self) -> crate::server::deadline::RequestLimits {
        crate::server::deadline::RequestLimits {
            body_idle: seconds(self.body_timeout),
            handler: seconds(self.request_timeout),
        }
    }

    /// The limits each connection is served under, with at most `max_connections` open.
    pub fn connection_limits(&self, max_connections: usize) -> crate::server::ConnectionLimits {
        crate::server::ConnectionLimits {
            header: seconds(self.header_timeout),
            idle: seconds(self.idle_timeout),
            max_connections,
            grace: seconds(self.shutdown_grace),
        }
    }

    pub fn base_url(&self) -> Url {
        match &self.base_url {
            Some(url) => url.clone(),
            None => {
                Url::parse(&format!("http://{}/", self.listen)).expect("listen address makes a URL")
            }
        }
    }

    /// Cookies get the Secure flag when people reach Tandem over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url().scheme() == "https"
    }

    /// An absolute link for emails, e.g. `link("/invite/abc")`.
    pub fn link(&self, path: &str) -> String {
        let base = self.base_url();
        format!("{}{}", base.as_str().trim_end_matches('/'), path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_secrets() {
        let mut config = Config::for_database("d".into(), "postgres://tandem:hunter22@db/tandem");
        config.smtp_password = Some("s3cret-pass".parse().unwrap());
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter22"), "{shown}");
        assert!(!shown.contains("s3cret-pass"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn default_database_is_a_sqlite_file_in_the_data_dir() {
        let mut config = Config::for_database("/srv/tandem".into(), "x");
        config.database_url = None;
        assert_eq!(config.database_url(), "sqlite:/srv/tandem/tandem.db");
        assert_eq!(config.base_url().as_str(), "http://127.0.0.1:8080/");
        assert!(!config.secure_cookies());
    }
}

//! The `tandem` command: serve (the default), migrate, demo, backup, version.

use std::{net::SocketAddr, path::PathBuf, time::Instant};

use clap::{Parser, Subcommand};
use tokio::sync::watch;

use crate::{
    app::{AppState, app},
    config::Config,
    db::Db,
    demo,
};

#[derive(Parser)]
#[command(
    name = "tandem",
    version,
    about = "Tandem: a private place for a mother and her son to build a strong relationship.",
    long_about = "Tandem: a private place for a mother and her son to build a strong relationship.\n\n\
                  With no subcommand, `tandem` serves the web app (same as `tandem serve`).\n\
                  Every option can also be set with the TANDEM_* environment variable shown."
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    /// Log as JSON lines instead of text.
    #[arg(long, env = "TANDEM_LOG_JSON", global = true)]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app and run background jobs (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Create (or recreate) a demo family: a mother and a 14-year-old son with their own logins.
    Demo,
    /// Copy the SQLite database to FILE while Tandem may be running (PostgreSQL: use pg_dump).
    Backup {
        /// Where to write the copy; must not exist yet.
        file: PathBuf,
    },
    /// Print the mail waiting in the outbox (for a Tandem without a mail server), newest first.
    Outbox {
        /// How many messages to show.
        #[arg(long, default_value_t = 10)]
        last: i64,
    },
    /// Print the version and exit.
    Version,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let db = Db::connect(&config.database_url()).await?;
            db.migrate().await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Demo => {
            let state = AppState::start(config).await?;
            let demo = demo::create(&state.db, &state.media).await?;
            println!("The demo family is ready at {}", state.config.base_url());
            println!(
                "  mother: {}  password: {}",
                demo.mother_email, demo.mother_password
            );
            println!(
                "  son:    {}  password: {}",
                demo.son_email, demo.son_password
            );
            println!(
                "Start Tandem with `tandem serve` (or `cargo run --release`) and log in as either."
            );
            Ok(())
        }
        Command::Backup { file } => {
            let db = Db::connect(&config.database_url()).await?;
            db.backup_to(&file).await?;
            println!("Backup written to {}", file.display());
            Ok(())
        }
        Command::Outbox { last } => {
            let db = Db::connect(&config.database_url()).await?;
            let mails = crate::mail::waiting(&db, last).await?;
            if mails.is_empty() {
                println!("The outbox is empty.");
            }
            for mail in mails {
                println!(
                    "To: {}\nDate: {}\nSubject: {}\n\n{}\n----",
                    mail.to_email, mail.created_at, mail.subject, mail.body
                );
            }
            Ok(())
        }
        Command::Version => {
            println!("tandem {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
    }
}

/// Serves until SIGTERM or Ctrl-C, then lets in-flight requests and the current job finish.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let started = Instant::now();
    let state = AppState::start(config).await?;
    let listener = tokio::net::TcpListener::bind(state.config.listen).await?;
    let (stop_tx, stop_rx) = watch::channel(false);

    let worker = (!state.config.no_worker).then(|| {
        let name = crate::jobs::worker_name(&hostname(), &state.config);
        tokio::spawn(state.worker(name).run_until(stop_rx.clone()))
    });
    let mut upkeep_stop = stop_rx.clone();
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(5)) => crate::ops::metrics::handle().run_upkeep(),
                _ = upkeep_stop.changed() => break,
            }
        }
    });

    if let Some(address) = state.config.metrics_listen {
        let metrics_listener = tokio::net::TcpListener::bind(address).await?;
        let mut metrics_stop = stop_rx.clone();
        tracing::info!(%address, "serving metrics");
        tokio::spawn(async move {
            let stopped = async move {
                let _ = metrics_stop.changed().await;
            };
            if let Err(e) = axum::serve(metrics_listener, crate::app::metrics_app())
                .with_graceful_shutdown(stopped)
                .await
            {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
    }

    let url = state.config.base_url();
    tracing::info!(ready_ms = started.elapsed().as_millis() as u64, %url, "Tandem is ready");
    println!("Tandem is running. Open {url} in your browser.");
    let db = state.db.clone();
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        let _ = stop_tx.send(true);
    })
    .await?;
    if let Some(worker) = worker {
        let _ = worker.await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "tandem".into())
}

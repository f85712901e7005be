//! The `tandem` command: serve (the default), migrate, demo, backup, restore, version.

use std::path::PathBuf;

use crate::{app::AppState, config::Config, db::Db, demo};
use clap::{Parser, Subcommand};

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
    /// Write one archive of the database and every photo to FILE while Tandem may be running
    /// (PostgreSQL: the photos; the database with pg_dump, as printed).
    Backup {
        /// Where to write the archive (a tar file); must not exist yet.
        file: PathBuf,
    },
    /// Restore an archive written by `tandem backup` into the data folder, which must be empty.
    /// Stop Tandem first.
    Restore {
        /// The archive to restore.
        file: PathBuf,
        /// Restore into a folder that is not empty, moving its database and media aside.
        #[arg(long)]
        force: bool,
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
        Command::Serve => crate::server::serve(config).await,
        Command::Migrate => {
            let db = Db::open(&config).await?;
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
            let done = crate::ops::backup::backup(&config, &file).await?;
            crate::ops::backup::print_backed_up(&done);
            Ok(())
        }
        Command::Restore { file, force } => {
            let done = crate::ops::backup::restore(&config, &file, force).await?;
            crate::ops::backup::print_restored(&done, &config);
            Ok(())
        }
        Command::Outbox { last } => {
            let db = Db::open(&config).await?;
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

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = tandem::cli::Cli::parse();
    let filter = EnvFilter::try_from_env("TANDEM_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // Logs go to stderr (stdout is for what a command prints); colours only at a terminal.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let logs = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter);
    if cli.log_json {
        logs.json().init();
    } else {
        logs.with_ansi(ansi).init();
    }
    tandem::cli::run(cli).await
}

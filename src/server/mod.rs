//! `tandem serve`: the web app and the job worker in one process, under limits that slow or
//! stuck clients cannot exhaust, and a stop that takes a bounded time
//! (docs/adr/0028-connection-limits-and-bounded-stop.md).
//!
//! Adding a limit:
//! 1. a flag with a `TANDEM_*` variable and a default in `Config`, in the units people think
//!    in (seconds, connections);
//! 2. its enforcement here: per connection in `connections.rs`, per request in `deadline.rs`;
//! 3. a test in `tests/it/slow_clients.rs` that holds a real connection past the limit and
//!    sees it enforced, and its row in `docs/RELIABILITY.md`.

mod connections;
pub mod deadline;
mod open_files;

pub use connections::ConnectionLimits;

use std::time::Instant;

use tokio::{net::TcpListener, sync::watch};

use crate::{
    app::{AppState, app},
    config::Config,
};

/// Serves until SIGTERM or Ctrl-C; then stops claiming jobs, lets requests in flight and the
/// job in hand finish within their grace periods, closes what is left and returns.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let started = Instant::now();
    // Handled from the first moment: a SIGTERM during start-up stops gracefully too, instead
    // of ending the process with leases held.
    let stop_asked = stop_signal();
    let _file_too_large = survive_files_past_their_size_limit();
    let max_connections = open_files::connection_cap(config.max_connections);
    let state = AppState::start(config).await?;
    let listener = TcpListener::bind(state.config.listen).await?;
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

    let limits = state.config.connection_limits(max_connections);
    if let Some(address) = state.config.metrics_listen {
        let metrics_listener = TcpListener::bind(address).await?;
        tracing::info!(%address, "serving metrics");
        tokio::spawn(connections::serve(
            metrics_listener,
            crate::app::metrics_app(),
            limits,
            stop_rx.clone(),
        ));
    }

    let url = state.config.base_url();
    tracing::info!(
        ready_ms = started.elapsed().as_millis() as u64,
        %url,
        max_connections,
        "Tandem is ready"
    );
    println!("Tandem is running. Open {url} in your browser.");
    let db = state.db.clone();
    let web = tokio::spawn(serve_web(listener, state, max_connections, stop_rx));
    stop_asked.await;
    tracing::info!("shutting down: finishing requests in flight and the job in hand");
    let _ = stop_tx.send(true);
    // The web side and the worker stop side by side, each within its own bound.
    let _ = web.await;
    if let Some(worker) = worker {
        let _ = worker.await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves the web app of `state` on `listener`, under the configured limits with at most
/// `max_connections` open, until `stop` turns true.
pub async fn serve_web(
    listener: TcpListener,
    state: AppState,
    max_connections: usize,
    stop: watch::Receiver<bool>,
) {
    let limits = state.config.connection_limits(max_connections);
    connections::serve(listener, app(state), limits, stop).await
}

/// A write that would grow a file past the process's size limit (`ulimit -f`) raises SIGXFSZ,
/// which by default ends the process. Handled, the write fails with an error instead, which
/// the request answers and the pool heals from (docs/adr/0027-storage-faults.md).
fn survive_files_past_their_size_limit() -> Option<tokio::signal::unix::Signal> {
    const SIGXFSZ: i32 = 25;
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::from_raw(SIGXFSZ)).ok()
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C). The handlers are installed when this is called,
/// not when the future is first polled.
fn stop_signal() -> impl Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut signals: Vec<_> = [SignalKind::terminate(), SignalKind::interrupt()]
        .into_iter()
        .filter_map(|kind| signal(kind).ok())
        .collect();
    async move {
        let mut waiting = tokio::task::JoinSet::new();
        for mut s in signals.drain(..) {
            waiting.spawn(async move { s.recv().await });
        }
        if waiting.join_next().await.is_none() {
            std::future::pending::<()>().await;
        }
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "tandem".into())
}

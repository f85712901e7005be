//! How many connections this process can hold open: each takes a file descriptor, and so do
//! the database, the media files and the logs. Running out fails `accept`, and then even
//! `/healthz` cannot be answered.

/// Descriptors kept for everything that is not a client connection.
const RESERVED: u64 = 128;
/// Connections allowed when `--max-connections` is not set, if the open-files limit allows.
const DEFAULT_CAP: u64 = 2048;

/// Raises the soft open-files limit to the hard one (many systems start services at 1024
/// while allowing far more), then returns the connection cap: `configured` (0 = the default),
/// never more than the limit leaves room for.
pub fn connection_cap(configured: usize) -> usize {
    let limit = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(e) => {
            tracing::warn!(error = %e, "could not read or raise the open-files limit");
            rlimit::Resource::NOFILE
                .get()
                .map_or(1024, |(soft, _hard)| soft)
        }
    };
    let room = limit.saturating_sub(RESERVED).max(16);
    let wanted = match configured {
        0 => DEFAULT_CAP,
        n => n as u64,
    };
    if wanted > room {
        tracing::warn!(
            wanted,
            room,
            open_files_limit = limit,
            "the open-files limit allows fewer connections than asked for"
        );
    }
    wanted.min(room) as usize
}

//! Backups and the sweep of orphaned files (docs/adr/0025-backups-and-sweeps.md): the drill
//! (back up while photos are uploaded, restore elsewhere, serve, every photo loads), what
//! `backup` and `restore` refuse, and what housekeeping removes from the media folder.

mod drill;
mod refusals;
mod served;
mod sweep;

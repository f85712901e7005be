//! What `tandem backup` and `tandem restore` print: plain words for whoever runs the server,
//! with the PostgreSQL half of the work spelled out.

use super::{BackedUp, PG_DUMP, PG_RESTORE, Restored};
use crate::{config::Config, db::Backend};

pub fn print_backed_up(done: &BackedUp) {
    let size = megabytes(done.bytes());
    match done.backend {
        Backend::Sqlite => println!(
            "Backup written to {}: the database and {} media files ({size}).",
            done.file.display(),
            done.manifest.media_files()
        ),
        Backend::Postgres => {
            println!(
                "Backup written to {}: {} media files ({size}).",
                done.file.display(),
                done.manifest.media_files()
            );
            println!(
                "This Tandem keeps its database in PostgreSQL, which this archive does not hold. \
                 Back it up with pg_dump, before each `tandem backup`:\n  {PG_DUMP}"
            );
        }
    }
    if !done.manifest.missing.is_empty() {
        eprintln!(
            "Warning: {} media files that the database names were not in the media folder; \
             they are listed under \"missing\" in the archive's manifest.json.",
            done.manifest.missing.len()
        );
    }
}

pub fn print_restored(done: &Restored, config: &Config) {
    for aside in &done.moved_aside {
        println!("Moved aside: {}", aside.display());
    }
    match done.backend {
        Backend::Sqlite => println!(
            "Restored the database and {} media files of {} into {}. Start Tandem with `tandem serve`.",
            done.manifest.media_files(),
            done.manifest.created_at.format("%Y-%m-%d %H:%M UTC"),
            config.data_dir.display()
        ),
        Backend::Postgres => println!(
            "Restored {} media files of {} into {}. Restore the database into a new, empty \
             PostgreSQL database with pg_restore, then start Tandem with `tandem serve`:\n  {PG_RESTORE}",
            done.manifest.media_files(),
            done.manifest.created_at.format("%Y-%m-%d %H:%M UTC"),
            config.data_dir.display()
        ),
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

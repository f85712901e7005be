//! Tandem's one integration-test binary. Every storage test runs on both backends: a SQLite
//! temp file, and a fresh PostgreSQL database (see `harness`). The `e2e` module drives a real
//! headless Chromium.

mod harness;

mod account_traps;
mod accounts;
mod backup;
mod bad_input;
mod catalogue;
mod cli;
mod e2e;
mod events;
mod family;
mod faults;
mod feelings;
mod flash;
mod jobs;
mod mail;
mod membership;
mod navigation;
mod notes;
mod nudges;
mod ops;
mod privacy;
mod push;
mod reader_clock;
mod schema;
mod side_doors;
mod smtp_sink;
mod talk;
mod together;
mod together_mode;
mod worker_faults;

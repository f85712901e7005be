//! Tandem: a private, self-hostable web app that helps a mother and her son build and keep a
//! strong relationship. One crate, organised by feature (docs/adr/0021-one-layout.md).
//!
//! Adding a feature:
//! 1. A directory `src/<feature>/` whose `mod.rs` says what it is and has `pub fn router()`;
//!    merge that router in [`app()`](app::app). Its model and queries in `model.rs` (or
//!    `mod.rs` while small), each page in a file of its own named by what it shows.
//! 2. Bond records: two migrations (`migrations/sqlite`, `migrations/postgres`), the table in
//!    the data inventory (`privacy::inventory`), a row type implementing
//!    [`BondRecord`](privacy::BondRecord); read them only through `privacy::visible`.
//! 3. Templates in `templates/<feature>/`, one per page, extending `base.html`; a section of
//!    the navigation is a [`Section`](web::page::Section) (see the checklist in [`web::nav`]).
//! 4. Reminders, jobs, Today: see the checklists in [`reminders`], [`jobs`] and [`today`].
//! 5. Demo data in `demo`, tests in `tests/it/<feature>/` (both backends).
//! 6. Its words in `locales/en/<feature>.ftl`, keys `<feature>-…` (see [`i18n`]).
//!
//! Adding a page to a feature:
//! 1. A file in the feature with one askama struct (`layout: Layout` first) and its
//!    handlers; under a bond, the handlers take [`InBond`](web::bond::InBond) (see the
//!    checklist in [`web::bond`]).
//! 2. Its route in the feature's `router()`; its template in `templates/<feature>/`.
//! 3. Forms: parse into a domain type with `web::form`, re-show with `FieldErrors` and 422;
//!    every control from a macro of `templates/macros.html` (see [`web::controls`]).
//! 4. Every word it shows from the catalogue: see the checklist in [`i18n`]; list the page
//!    in `tests/it/catalogue.rs`, which reads it in the pseudo-language.
//! 5. The time from `db::now()` only, so tests can move the [`clock`].
//! 6. In a section with tabs, its place in the section's `TABS` ([`web::nav`]); a form that
//!    redirects says what it did with a [`Flash`](web::flash::Flash).
#![forbid(unsafe_code)]

pub mod app;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod error;
pub mod events;
pub mod family;
pub mod feelings;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod media;
pub mod memories;
pub mod notes;
pub mod ops;
pub mod plans;
pub mod privacy;
pub mod push;
pub mod reminders;
pub mod server;
pub mod talk;
pub mod today;
pub mod together;
pub mod web;

pub use app::{AppState, app, metrics_app};

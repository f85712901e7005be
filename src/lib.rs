//! Tandem: a private, self-hostable web app that helps a mother and her son build and keep a
//! strong relationship. One crate, organised by feature.
#![forbid(unsafe_code)]

pub mod app;
pub mod auth;
pub mod cli;
pub mod compass;
pub mod config;
pub mod content;
pub mod db;
pub mod demo;
pub mod error;
pub mod family;
pub mod feelings;
pub mod jobs;
pub mod mail;
pub mod media;
pub mod notes;
pub mod nudges;
pub mod ops;
pub mod privacy;
pub mod talk;
pub mod together;
pub mod web;

pub use app::{AppState, app, metrics_app};

//! The installed app's shell: the service worker, served from the root so that its scope is
//! the whole site, and the page it shows when there is no connection.
//!
//! The worker caches only this release's versioned assets and the offline page, never a
//! member's page (those are `no-store`, see `app.rs`); `tests/it/push/app_shell.rs` reads its
//! list to hold it to that.

use std::sync::LazyLock;

use askama::Template;
use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use super::{
    assets::VERSION,
    page::{Layout, Section, ok},
};
use crate::i18n::Tr;

/// `assets/sw.js` with this release's asset version filled in: a new release is a new worker,
/// which replaces the old shell.
static SERVICE_WORKER: LazyLock<String> =
    LazyLock::new(|| include_str!("../../assets/sw.js").replace("{{VERSION}}", VERSION));

/// `GET /sw.js`. `no-cache`: the browser asks again on each visit, so a new release's worker
/// is found at once (it may keep the bytes, which say nothing private).
pub async fn service_worker() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        SERVICE_WORKER.as_str(),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    layout: Layout,
}

/// `GET /offline`: the same for everyone, signed in or not, so that the worker may keep it.
/// It names nobody and links only to Today.
pub async fn offline() -> Response {
    let mut layout = Layout::visitor(Tr::current().t("offline-title"), Section::None);
    layout.nav = &[];
    let mut response = ok(&OfflinePage { layout });
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

//! Application state and the router built from every feature's routes.

use std::sync::Arc;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderName, HeaderValue, Request, header},
    middleware,
    response::IntoResponse,
    routing::get,
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::{DefaultOnResponse, TraceLayer},
};

use crate::{
    auth, clock::Clock, config::Config, db::Db, error::AppError, events, family, feelings, mail,
    media, memories, notes, ops, plans, push, reminders, talk, today, together, web,
};

/// Largest request body accepted (forms are small; uploads will get their own limit).
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: mail::Mailer,
    /// Uploaded files (photos), under `<data dir>/media`.
    pub media: media::MediaStore,
    /// The time the app runs on; tests move it (`crate::clock`).
    pub clock: Clock,
}

impl AppState {
    /// Connects to the database and brings its schema up to date.
    pub async fn start(config: Config) -> anyhow::Result<AppState> {
        crate::ops::metrics::handle();
        let db = Db::open(&config).await?;
        db.migrate().await?;
        // The push key pair is made here, not by the first page that needs it: reading a page
        // never writes.
        crate::push::vapid::keys(&mut db.conn().await?).await?;
        let mailer = mail::Mailer::from_config(&config)?;
        let media = media::MediaStore::local(config.data_dir.join("media"));
        Ok(AppState {
            db,
            media,
            config: Arc::new(config),
            mailer,
            clock: Clock::system(),
        })
    }

    /// The job worker for this process.
    pub fn worker(&self, name: impl Into<String>) -> crate::jobs::Worker {
        crate::jobs::Worker {
            db: self.db.clone(),
            mailer: self.mailer.clone(),
            media: self.media.clone(),
            config: self.config.clone(),
            name: name.into(),
            clock: self.clock.clone(),
            lease: crate::jobs::LEASE,
        }
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[derive(Clone, Default)]
struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&crate::db::new_id())
            .ok()
            .map(RequestId::new)
    }
}

/// The whole web app; tests call it directly with `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    let security_headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    ];
    let mut router = Router::new()
        .merge(today::router())
        .merge(auth::router())
        .merge(family::router())
        .merge(notes::router())
        .merge(feelings::router())
        .merge(talk::router())
        .merge(together::router())
        .merge(plans::router())
        .merge(memories::router())
        .merge(reminders::router())
        .merge(events::router())
        .merge(push::router())
        .merge(web::more::router())
        .route("/outbox", get(mail::outbox_page))
        .route("/healthz", get(ops::healthz))
        .route("/assets/{version}/{name}", get(web::assets::serve))
        .route("/sw.js", get(web::shell::service_worker))
        .route("/offline", get(web::shell::offline))
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::flash::carry,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::csrf::guard,
        ))
        .layer(middleware::from_fn(web::paths::refuse_control_characters))
        .layer(middleware::from_fn(ops::metrics::track))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Outside the guards, so that their refusals are in the reader's language too.
        .layer(middleware::from_fn(crate::i18n::choose_language))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::clock::in_request,
        ));
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    // Pages carry private words: a shared tablet's Back button or disk cache must not show
    // them after logout. Assets, photos and feeds say how they may be kept themselves.
    router = router.layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ));
    if state.config.secure_cookies() {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    router
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::server::deadline::limit,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal(anyhow::anyhow!("a request handler panicked")).into_response()
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    let path = loggable_path(request.uri().path());
                    tracing::info_span!("request", id, method = %request.method(), path)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, NewRequestId))
        .layer(middleware::map_request(drop_unsafe_request_id))
        .with_state(state)
}

/// The metrics, served only on their own listener (`TANDEM_METRICS_LISTEN`): request counts
/// by route on the public origin would let anyone watch a son save a private check-in.
pub fn metrics_app() -> Router {
    Router::new().route("/metrics", get(ops::metrics::render))
}

/// A client's `X-Request-Id` is kept (to follow a request through a proxy) only when it is a
/// plain token; anything else would be written into our logs and echoed back as it came.
async fn drop_unsafe_request_id<B>(mut request: Request<B>) -> Request<B> {
    let safe = request.headers().get(&REQUEST_ID).is_none_or(|value| {
        let bytes = value.as_bytes();
        (1..=64).contains(&bytes.len())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    if !safe {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}

/// The request path for logs, with invitation, reset and calendar-feed tokens blanked out:
/// links that open an account or a family's plans must not be readable in log files.
pub fn loggable_path(path: &str) -> String {
    let mut out = Vec::new();
    let mut hide_next = false;
    for (i, segment) in path.split('/').enumerate() {
        if hide_next && !segment.is_empty() {
            out.push("[token]");
        } else {
            out.push(segment);
        }
        hide_next = matches!(segment, "invite" | "reset") || (i == 1 && segment == "calendar");
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_never_reach_the_log() {
        assert_eq!(super::loggable_path("/invite/abc123"), "/invite/[token]");
        assert_eq!(
            super::loggable_path("/password/reset/xyz"),
            "/password/reset/[token]"
        );
        assert_eq!(super::loggable_path("/family"), "/family");
        assert_eq!(
            super::loggable_path("/calendar/AbC-12_x.ics"),
            "/calendar/[token]"
        );
        assert_eq!(
            super::loggable_path("/bonds/b/together/calendar/off"),
            "/bonds/b/together/calendar/off"
        );
    }
}

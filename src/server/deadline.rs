//! Time limits on one request: its body may arrive slowly but not stall, and once it has
//! arrived, the handler has a fixed time to answer.
//!
//! A single timer over the whole request would cut off a phone uploading six photos on a slow
//! link; no timer at all would let a stalled upload hold a connection for ever. So the body's
//! timer starts again with every chunk that arrives (`--body-timeout`), and the request's
//! timer (`--request-timeout`) starts only when the body is complete.

use std::{
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http_body::{Frame, SizeHint};
use tokio::{sync::Notify, time::Sleep};

use crate::{app::AppState, error::AppError};

/// The limits of one request, from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    /// The longest the body may pause between two chunks.
    pub body_idle: Duration,
    /// The longest a handler may take once the body has arrived.
    pub handler: Duration,
}

/// The middleware: wraps the body in an [`IdleBody`] and answers 503 when the handler is late,
/// 408 when the client stopped sending its body.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limits = state.config.request_limits();
    if http_body::Body::is_end_stream(request.body()) {
        // Nothing to wait for (a GET): only the handler's timer.
        return match tokio::time::timeout(limits.handler, next.run(request)).await {
            Ok(response) => response,
            Err(_) => too_late(),
        };
    }
    let (parts, body) = request.into_parts();
    let progress = Arc::new(Progress::default());
    let body = IdleBody {
        inner: body,
        timer: Box::pin(tokio::time::sleep(limits.body_idle)),
        idle: limits.body_idle,
        progress: progress.clone(),
    };
    let request = Request::from_parts(parts, Body::new(body));
    let late = async {
        progress.received().await;
        tokio::time::sleep(limits.handler).await;
    };
    let response = tokio::select! {
        response = next.run(request) => response,
        () = late => return too_late(),
    };
    if progress.stalled.load(Ordering::Acquire) {
        // The client stopped sending; whatever the handler made of the cut body, say why and
        // close the connection rather than wait for the rest.
        let mut response = AppError::BodyStalled.into_response();
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    response
}

fn too_late() -> Response {
    tracing::warn!("a request took longer than the request timeout");
    AppError::Unavailable.into_response()
}

/// Whether the body has been read to its end (or failed), and whether it stalled.
#[derive(Default)]
struct Progress {
    done: AtomicBool,
    stalled: AtomicBool,
    notify: Notify,
}

impl Progress {
    fn finish(&self) {
        self.done.store(true, Ordering::Release);
        self.notify.notify_waiters();
    }

    async fn received(&self) {
        loop {
            let notified = self.notify.notified();
            if self.done.load(Ordering::Acquire) {
                return;
            }
            notified.await;
        }
    }
}

/// A request body that fails when no chunk arrives for `idle`.
struct IdleBody {
    inner: Body,
    timer: Pin<Box<Sleep>>,
    idle: Duration,
    progress: Arc<Progress>,
}

/// The error a stalled body ends with; handlers see it as a body that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the client sent no part of the request body for too long")]
pub struct BodyStalled;

impl http_body::Body for IdleBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                let next = tokio::time::Instant::now() + this.idle;
                this.timer.as_mut().reset(next);
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(end) => {
                this.progress.finish();
                Poll::Ready(end)
            }
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.progress.stalled.store(true, Ordering::Release);
                    this.progress.finish();
                    Poll::Ready(Some(Err(axum::Error::new(BodyStalled))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

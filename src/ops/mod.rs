//! Operations: health check, Prometheus metrics, request ids, backups.

pub mod backup;
pub mod metrics;

use axum::{extract::State, http::StatusCode, response::IntoResponse};

use crate::app::AppState;

/// `GET /healthz`: 200 "ok" when the database answers, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

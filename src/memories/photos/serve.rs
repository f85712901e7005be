//! Serving a photo to a member who may see it. A browser may keep a photo only in its own
//! cache and must ask again before each use (`no-cache`): after a son logs out of a shared
//! tablet, whoever comes next gets "not found" instead of his photos from the cache. Asking
//! again costs little: the bytes under a photo's id never change, so the answer is an empty
//! `304 Not Modified` — given only after the visibility check, never to someone who may not
//! see the photo (docs/adr/0014-uploads-bounded-by-memory.md).

use crate::web::bond::InBondWith;
use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{Photo, Size};
use crate::{
    app::AppState,
    error::{AppError, AppResult},
    privacy::visible,
};

const CACHE_CONTROL: &str = "private, no-cache";

/// GET `/bonds/{bond}/photos/{id}/{size}`: "not found" for anyone who may not see the photo,
/// the partner included while its reflection is still private.
pub async fn photo(
    State(state): State<AppState>,
    InBondWith(_, access, (id, size)): InBondWith<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let size = Size::parse(&size).ok_or(AppError::NotFound)?;
    let photo = {
        let mut conn = state.db.conn().await?;
        visible::<Photo>(&access).get(&mut conn, &id).await?
    };
    let etag = format!("\"{}-{}\"", photo.id, size);
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.into()))?;
    let cache_headers = [
        (header::ETAG, etag_value),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    ];
    if matches_etag(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, cache_headers).into_response());
    }
    let key = photo.key(size).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "photo {} has an unusable media key",
            photo.id
        ))
    })?;
    let bytes = state
        .media
        .get(&key)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .ok_or_else(|| {
            tracing::error!(photo = %photo.id, "a photo's file is missing from the media store");
            AppError::NotFound
        })?;
    Ok((
        StatusCode::OK,
        cache_headers,
        [(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"))],
        bytes,
    )
        .into_response())
}

/// Whether `If-None-Match` names this version (or any, `*`).
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

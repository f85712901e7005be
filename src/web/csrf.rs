//! Cross-site request forgery guard for every state-changing request.
//!
//! Together with SameSite=Lax cookies, we accept a POST only when the browser says it comes from
//! our own pages: `Sec-Fetch-Site: same-origin` (or `none`, typed by the user), or, from browsers
//! without fetch metadata, an `Origin` equal to our base URL or to the request's own host.
//! A request with neither header is refused: every browser sends one of them on a form post.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{app::AppState, error::AppError, i18n::Msg};

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers(), &state.config.base_url()) {
        next.run(request).await
    } else {
        AppError::Forbidden(Msg::new("error-form-from-elsewhere")).into_response()
    }
}

fn is_same_origin(headers: &HeaderMap, base: &url::Url) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = header(header::ORIGIN.as_str()) else {
        return false;
    };
    let base_origin = base.origin().ascii_serialization();
    if origin == base_origin {
        return true;
    }
    // Reached under another name than the base URL (e.g. localhost vs 127.0.0.1):
    // the origin must then name the very host the request was sent to.
    match (header(header::HOST.as_str()), url::Url::parse(origin)) {
        (Some(host), Ok(origin)) => {
            let origin_host = match origin.port() {
                Some(port) => format!("{}:{port}", origin.host_str().unwrap_or("")),
                None => origin.host_str().unwrap_or("").to_owned(),
            };
            origin_host == host
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let base = url::Url::parse("http://127.0.0.1:8080/").unwrap();
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &base
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &base
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("sec-fetch-site", "same-site"),
                ("origin", "http://127.0.0.1:8080")
            ]),
            &base
        ));
    }

    #[test]
    fn origin_must_match_base_or_host() {
        let base = url::Url::parse("https://tandem.example/").unwrap();
        assert!(is_same_origin(
            &headers(&[("origin", "https://tandem.example")]),
            &base
        ));
        assert!(is_same_origin(
            &headers(&[
                ("origin", "http://localhost:8080"),
                ("host", "localhost:8080")
            ]),
            &base
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "tandem.example")
            ]),
            &base
        ));
        assert!(!is_same_origin(&headers(&[("origin", "null")]), &base));
        assert!(!is_same_origin(&HeaderMap::new(), &base));
    }
}

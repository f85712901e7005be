//! Side doors around the privacy core: what a browser keeps of signed-in pages, metrics that
//! would count private entries, HSTS, and request ids a client sends.

use axum::{body::Body, http::Request, http::StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::both_backends;
use crate::harness::{Backend, ORIGIN, Response, TestApp, User};

/// The metrics listener's page, as Prometheus would scrape it.
pub async fn metrics_page() -> Response {
    let response = tandem::metrics_app()
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Response {
        status: StatusCode::OK,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn signed_in_pages_are_never_kept_by_the_browser_and_logout_clears_its_cache(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    for path in [
        "/".to_owned(),
        format!("/bonds/{bond}/feelings"),
        "/settings".to_owned(),
    ] {
        let page = app.get(&son, &path).await;
        page.assert_status(StatusCode::OK);
        assert_eq!(
            page.header(axum::http::header::CACHE_CONTROL),
            "no-store",
            "{path}"
        );
    }
    let out = app.post(&son, "/logout", &[]).await;
    out.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        out.header(axum::http::header::HeaderName::from_static(
            "clear-site-data"
        )),
        "\"cache\""
    );
}
both_backends!(signed_in_pages_are_never_kept_by_the_browser_and_logout_clears_its_cache);

#[tokio::test]
async fn metrics_are_not_served_on_the_public_origin() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    app.get(&User::anonymous(), "/login").await;
    app.get(&User::anonymous(), "/metrics")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_lacks("tandem_http_requests_total");
    metrics_page()
        .await
        .assert_contains("tandem_http_requests_total{");
}

#[tokio::test]
async fn hsts_is_sent_only_when_tandem_is_reached_over_https() {
    let https = TestApp::with_config(Backend::Sqlite, |c| {
        c.base_url = Some("https://tandem.example.org/".parse().unwrap());
    })
    .await
    .unwrap();
    let page = https.get(&User::anonymous(), "/login").await;
    assert_eq!(
        page.header(axum::http::header::STRICT_TRANSPORT_SECURITY),
        "max-age=31536000"
    );
    let http = TestApp::new(Backend::Sqlite).await.unwrap();
    let page = http.get(&User::anonymous(), "/login").await;
    assert!(page.headers.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn a_client_request_id_is_echoed_only_when_it_is_a_plain_token() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let with_id = |id: &'static str| {
        Request::get("/login")
            .header("x-request-id", id)
            .header("origin", ORIGIN)
    };
    let kept = app
        .send_raw(
            &User::anonymous(),
            with_id("proxy-7f3a.01_b"),
            Body::empty(),
        )
        .await;
    assert_eq!(kept.headers.get("x-request-id").unwrap(), "proxy-7f3a.01_b");
    for unsafe_id in ["<script>alert(1)</script>", "a b", "x\u{7f}y"] {
        let Ok(value) = axum::http::HeaderValue::from_str(unsafe_id) else {
            continue;
        };
        let request = Request::get("/login").header("x-request-id", value);
        let answered = app
            .send_raw(&User::anonymous(), request, Body::empty())
            .await;
        let echoed = answered.headers.get("x-request-id").unwrap();
        assert_ne!(echoed.as_bytes(), unsafe_id.as_bytes());
        assert_eq!(echoed.len(), 20, "a fresh id of ours: {echoed:?}");
    }
    let long = "a".repeat(65);
    let request = Request::get("/login").header("x-request-id", long.as_str());
    let answered = app
        .send_raw(&User::anonymous(), request, Body::empty())
        .await;
    assert_ne!(
        answered.headers.get("x-request-id").unwrap().as_bytes(),
        long.as_bytes()
    );
}

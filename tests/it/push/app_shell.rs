//! The installed app: the manifest and its icons, the service worker (which keeps only the
//! static shell), and the offline page.

use axum::http::{StatusCode, header};
use tandem::web::assets::VERSION;

use crate::both_backends;
use crate::harness::{TestApp, User, en};

/// A colour custom property of `assets/style.css` (its first, light-scheme value).
fn css_colour(name: &str) -> String {
    let css = include_str!("../../../assets/style.css");
    let start = css.find(&format!("{name}:")).expect("the property") + name.len() + 1;
    css[start..].split(';').next().unwrap().trim().to_owned()
}

async fn the_manifest_and_its_icons_are_served_and_linked_from_every_page(app: TestApp) {
    let page = app.get(&User::anonymous(), "/login").await;
    let manifest_path = format!("/assets/{VERSION}/manifest.webmanifest");
    assert_eq!(
        page.select_attr("link[rel=manifest]", "href"),
        vec![manifest_path.clone()]
    );
    page.assert_has("meta[name=theme-color]")
        .assert_has("link[rel=apple-touch-icon]");
    let served = app.get(&User::anonymous(), &manifest_path).await;
    served.assert_status(StatusCode::OK);
    assert_eq!(
        served.header(header::CONTENT_TYPE),
        "application/manifest+json"
    );
    let manifest: serde_json::Value = serde_json::from_str(&served.body).unwrap();
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["theme_color"], css_colour("--accent"));
    assert_eq!(manifest["background_color"], css_colour("--bg"));
    assert_eq!(
        page.select_attr("meta[name=theme-color]", "content"),
        vec![css_colour("--accent")]
    );
    let icons = manifest["icons"].as_array().unwrap();
    let mut sizes = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let served = app
            .send_raw(
                &User::anonymous(),
                axum::http::Request::get(format!("/assets/{VERSION}/{src}")),
                axum::body::Body::empty(),
            )
            .await;
        assert_eq!(served.status, StatusCode::OK, "{src}");
        assert_eq!(served.header(header::CONTENT_TYPE), icon["type"], "{src}");
        if icon["type"] == "image/png" {
            assert!(served.bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{src}");
            // The width and height in the PNG header are what the manifest says.
            let width = u32::from_be_bytes(served.bytes[16..20].try_into().unwrap());
            assert_eq!(icon["sizes"], format!("{width}x{width}"), "{src}");
            sizes.push((width, icon["purpose"].as_str().unwrap().to_owned()));
        }
    }
    for wanted in [(192, "any"), (512, "any"), (512, "maskable")] {
        assert!(
            sizes.contains(&(wanted.0, wanted.1.to_owned())),
            "{wanted:?} in {sizes:?}"
        );
    }
}
both_backends!(the_manifest_and_its_icons_are_served_and_linked_from_every_page);

async fn the_service_worker_keeps_only_the_static_shell(app: TestApp) {
    let worker = app.get(&User::anonymous(), "/sw.js").await;
    worker.assert_status(StatusCode::OK);
    assert_eq!(
        worker.header(header::CONTENT_TYPE),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(worker.header(header::CACHE_CONTROL), "no-cache");
    assert!(
        worker
            .body
            .contains(&format!("const VERSION = '{VERSION}';"))
    );
    // The list it caches, with the version filled in as the browser computes it.
    let start = worker.body.find("const SHELL = [").expect("the shell list") + 15;
    let end = start + worker.body[start..].find("];").unwrap();
    let cached: Vec<String> = worker.body[start..end]
        .split(',')
        .map(|entry| {
            entry
                .trim()
                .replace("'/assets/' + VERSION + '/", &format!("'/assets/{VERSION}/"))
                .trim_matches('\'')
                .to_owned()
        })
        .filter(|entry| !entry.is_empty())
        .collect();
    assert!(cached.len() >= 4, "{cached:?}");
    let versioned = format!("/assets/{VERSION}/");
    for path in &cached {
        assert!(
            path.starts_with(&versioned) || path == "/offline",
            "the service worker caches {path:?}, which is not the static shell"
        );
        let served = app.get(&User::anonymous(), path).await;
        served.assert_status(StatusCode::OK);
        assert_ne!(
            served.header(header::CACHE_CONTROL),
            "no-store",
            "{path} is cached by the worker but says no-store"
        );
    }
    assert!(cached.contains(&"/offline".to_owned()));
    // The worker puts nothing else in a cache: it never calls `cache.put`.
    assert!(!worker.body.contains(".put("));
}
both_backends!(the_service_worker_keeps_only_the_static_shell);

async fn the_offline_page_is_the_same_for_everyone_and_names_nobody(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    let anonymous = app.get(&User::anonymous(), "/offline").await;
    anonymous
        .assert_status(StatusCode::OK)
        .assert_text("h1", &en("offline-heading"))
        .assert_has("main#main")
        .assert_has("a[href='/']");
    assert_eq!(anonymous.header(header::CACHE_CONTROL), "no-cache");
    let signed_in = app.get(&rosa, "/offline").await;
    signed_in.assert_lacks("Rosa").assert_lacks("Testers");
    assert_eq!(signed_in.body, anonymous.body);
    // Member pages stay out of every cache.
    assert_eq!(
        app.get(&rosa, "/settings/reminders")
            .await
            .header(header::CACHE_CONTROL),
        "no-store"
    );
}
both_backends!(the_offline_page_is_the_same_for_everyone_and_names_nobody);

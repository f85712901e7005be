//! Turning push on and off for a device: what is accepted, what is refused (and that nothing
//! is stored then), whose devices a member may remove, and what leaving takes with it.

use axum::http::StatusCode;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use super::*;
use crate::both_backends;
use crate::harness::{en, en_with};

async fn a_member_turns_push_on_and_sees_the_device_on_the_settings_page(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let rosa = app.sign_up_mother("Rosa").await;
    let page = app.get(&rosa, "/settings/reminders").await;
    page.assert_text("p", &en("push-devices-none"))
        .assert_has("input[name=push][value=on][checked]")
        .assert_has("[data-push-controls][hidden] button[data-push-on]");
    let key = server_key(&app, &rosa).await;
    assert_eq!(URL_SAFE_NO_PAD.decode(&key).unwrap().len(), 65);

    let phone = Browser::new(&service, "phone");
    subscribe(&app, &rosa, &phone).await;
    // The same device again (the browser renewed its keys) is still one device.
    let renewed = Browser {
        endpoint: phone.endpoint.clone(),
        ..Browser::new(&service, "phone")
    };
    subscribe(&app, &rosa, &renewed).await;
    assert_eq!(app.count("push_subscriptions").await, 1);
    let stored = app
        .count(&format!(
            "push_subscriptions WHERE p256dh = '{}'",
            renewed.p256dh()
        ))
        .await;
    assert_eq!(stored, 1, "the newest keys are kept");

    let page = app.get(&rosa, "/settings/reminders").await;
    page.assert_text(
        ".devices li span",
        &en_with(
            "push-device-on",
            &[("browser", "Chrome".into()), ("system", "Android".into())],
        ),
    );
    assert_eq!(
        server_key(&app, &rosa).await,
        key,
        "one key pair, made once"
    );
}
both_backends!(a_member_turns_push_on_and_sees_the_device_on_the_settings_page);

async fn bad_subscriptions_are_refused_with_a_message_and_nothing_is_stored(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let rosa = app.sign_up_mother("Rosa").await;
    let good = Browser::new(&service, "phone");
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut json = good.json();
        change(&mut json);
        json.to_string()
    };
    let refusals = [
        (
            with(&|j| j["endpoint"] = "not a url".into()),
            "push-refused-endpoint",
        ),
        (
            with(&|j| j["endpoint"] = "http://push.example/over-plain-http".into()),
            "push-refused-endpoint",
        ),
        (
            with(&|j| j["endpoint"] = "ftp://push.example/x".into()),
            "push-refused-endpoint",
        ),
        (
            with(&|j| j["endpoint"] = format!("https://push.example/{}", "a".repeat(1100)).into()),
            "push-refused-endpoint",
        ),
        (
            with(&|j| j["keys"]["p256dh"] = URL_SAFE_NO_PAD.encode([4u8; 64]).into()),
            "push-refused-key",
        ),
        (
            // 65 bytes, but not a point on the curve.
            with(&|j| j["keys"]["p256dh"] = URL_SAFE_NO_PAD.encode([4u8; 65]).into()),
            "push-refused-key",
        ),
        (
            with(&|j| j["keys"]["p256dh"] = "not base64!".into()),
            "push-refused-key",
        ),
        (
            with(&|j| j["keys"]["auth"] = URL_SAFE_NO_PAD.encode([1u8; 15]).into()),
            "push-refused-auth",
        ),
        (
            with(&|j| j["keys"]["auth"] = URL_SAFE_NO_PAD.encode([1u8; 32]).into()),
            "push-refused-auth",
        ),
    ];
    for (body, key) in &refusals {
        post_json(&app, &rosa, "/push/subscriptions", body)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_text("p.lede", &en(key));
    }
    for unreadable in [
        "",
        "{",
        r#"{"endpoint": "https://push.example/x"}"#,
        "[1, 2]",
    ] {
        post_json(&app, &rosa, "/push/subscriptions", unreadable)
            .await
            .assert_status(StatusCode::BAD_REQUEST)
            .assert_text("p.lede", &en("push-refused-unreadable"));
    }
    // From another site's page: the forgery guard refuses it.
    post_json_from(
        &app,
        &rosa,
        "/push/subscriptions",
        &good.json().to_string(),
        "https://evil.example",
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    // Without a login.
    let anonymous = post_json(
        &app,
        &User::anonymous(),
        "/push/subscriptions",
        &good.json().to_string(),
    )
    .await;
    anonymous.assert_status(StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/login"));
    assert_eq!(app.count("push_subscriptions").await, 0, "nothing stored");
}
both_backends!(bad_subscriptions_are_refused_with_a_message_and_nothing_is_stored);

async fn plain_http_push_services_are_refused_unless_configured_for_loopback(app: TestApp) {
    let service = PushService::start().await;
    let rosa = app.sign_up_mother("Rosa").await;
    let local = Browser::new(&service, "phone");
    post_json(
        &app,
        &rosa,
        "/push/subscriptions",
        &local.json().to_string(),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text("p.lede", &en("push-refused-endpoint"));
    assert_eq!(app.count("push_subscriptions").await, 0);
}
both_backends!(plain_http_push_services_are_refused_unless_configured_for_loopback);

async fn a_member_removes_only_their_own_devices(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let (rosa, iker, _bond) = app.mother_and_son(15).await;
    let (hers, his) = (
        Browser::new(&service, "hers"),
        Browser::new(&service, "his"),
    );
    subscribe(&app, &rosa, &hers).await;
    subscribe(&app, &iker, &his).await;
    let page = app.get(&rosa, "/settings/reminders").await;
    let forms = page.select_attr(".devices form", "action");
    assert_eq!(forms.len(), 1, "she sees her device only");
    let his_page = app.get(&iker, "/settings/reminders").await;
    let his_form = his_page.select_attr(".devices form", "action").remove(0);

    app.post(&rosa, &his_form, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Forgetting his endpoint as her changes nothing either.
    post_json(
        &app,
        &rosa,
        "/push/subscriptions/forget",
        &serde_json::json!({ "endpoint": his.endpoint }).to_string(),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(app.count("push_subscriptions").await, 2);

    let removed = app.post(&rosa, &forms[0], &[]).await;
    removed.assert_status(StatusCode::SEE_OTHER);
    app.get(&rosa, removed.location())
        .await
        .assert_text("[role=status]", &en("push-device-removed"))
        .assert_text("p", &en("push-devices-none"));
    post_json(
        &app,
        &iker,
        "/push/subscriptions/forget",
        &serde_json::json!({ "endpoint": his.endpoint }).to_string(),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(app.count("push_subscriptions").await, 0);
}
both_backends!(a_member_removes_only_their_own_devices);

async fn a_member_who_leaves_takes_their_devices_along(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let (rosa, iker, _bond) = app.mother_and_son(15).await;
    subscribe(&app, &rosa, &Browser::new(&service, "hers")).await;
    subscribe(&app, &iker, &Browser::new(&service, "his")).await;
    reminders_by_push(&app, &rosa, true, ("00:00", "00:00"), "3").await;
    app.post(&iker, "/family/leave", &[("history", "delete")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Rosa is told that he left: by push too, to her device alone.
    app.run_jobs().await;
    assert_eq!(app.count("push_subscriptions").await, 1);
    assert!(service.received_by("his").is_empty());
    assert_eq!(service.received_by("hers").len(), 1);
}
both_backends!(a_member_who_leaves_takes_their_devices_along);

/// A device's notifications last as long as the session that turned them on: logging out on
/// it, a password change that ends the other sessions, or the session running out turns them
/// off. The key pair exists before any page asks for it.
async fn a_device_turned_on_in_a_session_goes_when_the_session_ends(app: TestApp) {
    let app = with_loopback_push(app).await;
    assert_eq!(app.count("push_keys").await, 1, "made at start-up");
    let service = PushService::start().await;
    let rosa = app.sign_up_mother("Rosa").await;
    let phone = Browser::new(&service, "phone");
    subscribe(&app, &rosa, &phone).await;
    app.get(&rosa, "/settings/reminders")
        .await
        .assert_has("[data-push-here]")
        .assert_text(".devices .badge", &en("push-device-this-one"));

    // The laptop, another session: it sees the phone, not as itself.
    let laptop = app.log_in_as(&rosa).await;
    app.get(&laptop, "/settings/reminders")
        .await
        .assert_none("[data-push-here]")
        .assert_none(".devices .badge");
    subscribe(&app, &laptop, &Browser::new(&service, "laptop")).await;
    assert_eq!(app.count("push_subscriptions").await, 2);

    // Logging out on the phone turns the phone off, and only the phone.
    app.post(&rosa, "/logout", &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("push_subscriptions").await, 1);
    assert_eq!(
        app.count(&format!(
            "push_subscriptions WHERE endpoint = '{}'",
            phone.endpoint
        ))
        .await,
        0
    );
    // Back on the phone, its browser still holds the subscription: the page does not say
    // it is on here, so the script offers to turn it on again.
    let phone_again = app.log_in_as(&rosa).await;
    app.get(&phone_again, "/settings/reminders")
        .await
        .assert_none("[data-push-here]");
    subscribe(&app, &phone_again, &phone).await;

    // A password change on the laptop ends the phone's session, and its notifications.
    app.post(
        &laptop,
        "/settings/password",
        &[
            ("current_password", crate::harness::PASSWORD),
            ("new_password", "a brand new phrase"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("push_subscriptions").await, 1);

    // The laptop's session runs out: housekeeping takes its device along.
    app.clock().advance(chrono::Duration::days(
        tandem::auth::session::SESSION_DAYS + 1,
    ));
    let now = app.clock().now();
    let mut conn = app.db().conn().await.unwrap();
    tandem::jobs::enqueue(&mut conn, &tandem::jobs::Housekeeping { at: now }, now)
        .await
        .unwrap();
    drop(conn);
    app.run_jobs().await;
    assert_eq!(app.count("push_subscriptions").await, 0);
}
both_backends!(a_device_turned_on_in_a_session_goes_when_the_session_ends);

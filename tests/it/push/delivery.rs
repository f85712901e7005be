//! Push as a channel of reminders: a batch reaches every device of its member and no one
//! else's, says nothing private, keeps quiet hours and the weekly cap, stops when push is off;
//! and what the push service answers (gone, broken, refused) is acted on.

use axum::http::StatusCode;
use chrono::Duration;
use chrono_tz::Europe::Lisbon;
use tandem::{
    family::MemberId,
    push::{PushMessage, queue_for_member},
};

use super::*;
use crate::both_backends;
use crate::family::member_id;
use crate::harness::{en, en_with};
use crate::together::reminders::{
    assert_no_failed_jobs, in_hours, make_due_now, plan_at, settled_family, sweep_and_deliver,
};

/// Who push services may contact about the test app's pushes: its address, as it has no mail.
const CONTACT: &str = "http://127.0.0.1:8080";

fn reminders_waiting(count: usize) -> serde_json::Value {
    serde_json::json!({
        "title": en("push-title"),
        "body": en_with("push-reminders-waiting", &[("count", count.into())]),
        "link": "/",
    })
}

async fn a_reminder_is_pushed_to_every_device_of_its_member_and_says_nothing_private(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let (rosa, iker, bond) = settled_family(&app).await;
    // Words that must never leave the app: his private check-in, the plan's title.
    app.post(
        &iker,
        &format!("/bonds/{bond}/feelings"),
        &[
            ("quadrant", "heavy"),
            ("feeling", "worried"),
            ("intensity", "3"),
            ("note", "Zqxsecret exam fear"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let (phone, laptop, tablet) = (
        Browser::new(&service, "phone"),
        Browser::new(&service, "laptop"),
        Browser::new(&service, "tablet"),
    );
    subscribe(&app, &rosa, &phone).await;
    subscribe(&app, &rosa, &laptop).await;
    subscribe(&app, &iker, &tablet).await;
    reminders_by_push(&app, &rosa, true, ("00:00", "00:00"), "3").await;
    // He keeps reminders on Today only.
    reminders_by_push(&app, &iker, false, ("00:00", "00:00"), "3").await;
    let key = server_key(&app, &rosa).await;

    plan_at(&app, "Iker", &bond, "Zqxplan pancakes", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;

    for (name, browser) in [("phone", &phone), ("laptop", &laptop)] {
        let received = service.received_by(name);
        assert_eq!(received.len(), 1, "one push to {name}");
        let plain = super::service::decrypt(&received[0].body, browser);
        let text = String::from_utf8(plain).unwrap();
        assert!(!text.contains("Zqx"), "private words pushed: {text}");
        assert!(!text.contains("Iker"), "a name pushed: {text}");
        let message = received[0].read(browser, &key, &service.origin(), CONTACT);
        assert_eq!(message, reminders_waiting(1));
    }
    assert!(
        service.received_by("tablet").is_empty(),
        "push is off for him"
    );
    assert_eq!(service.received().len(), 2);
    let rosa_id = member_id(&app, "Rosa").await;
    assert_eq!(
        app.count(&format!(
            "nudge_deliveries WHERE member_id = '{rosa_id}' AND pushed AND counts AND NOT mailed"
        ))
        .await,
        1,
        "her batch was pushed, not mailed, and counts once"
    );
    assert_eq!(
        app.count("push_subscriptions WHERE last_success_at IS NOT NULL")
            .await,
        2
    );
    // Another sweep finds nothing new to push.
    sweep_and_deliver(&app).await;
    assert_eq!(service.received().len(), 2);
}
both_backends!(a_reminder_is_pushed_to_every_device_of_its_member_and_says_nothing_private);

async fn quiet_hours_hold_a_push(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let (rosa, _iker, bond) = settled_family(&app).await;
    subscribe(&app, &rosa, &Browser::new(&service, "phone")).await;
    // Quiet from an hour ago until two hours from now, on her clock.
    let local = chrono::Utc::now().with_timezone(&Lisbon).naive_local();
    let from = (local - Duration::hours(1)).format("%H:%M").to_string();
    let until = (local + Duration::hours(2)).format("%H:%M").to_string();
    reminders_by_push(&app, &rosa, true, (&from, &until), "3").await;
    // One can wait for their end; the other starts too soon after it and is shown on Today
    // at once, but not pushed.
    plan_at(&app, "Iker", &bond, "Swimming", in_hours(5), Lisbon).await;
    plan_at(&app, "Iker", &bond, "Cinema", in_hours(2), Lisbon).await;
    sweep_and_deliver(&app).await;
    assert!(service.received().is_empty(), "nothing in quiet hours");
    app.get(&rosa, "/").await.assert_contains("Cinema");
    // Even a delivery that runs inside them (quiet hours chosen after the reminder was
    // scheduled, a late worker) keeps it back.
    make_due_now(&app).await;
    app.run_jobs().await;
    assert!(service.received().is_empty(), "nothing in quiet hours");
    let rosa_id = member_id(&app, "Rosa").await;
    assert_eq!(
        app.count(&format!(
            "nudges WHERE member_id = '{rosa_id}' AND delivered_at IS NULL"
        ))
        .await,
        1,
        "her reminder waits for the end of quiet hours"
    );
}
both_backends!(quiet_hours_hold_a_push);

async fn pushes_count_against_the_weekly_cap(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let (rosa, _iker, bond) = settled_family(&app).await;
    subscribe(&app, &rosa, &Browser::new(&service, "phone")).await;
    reminders_by_push(&app, &rosa, true, ("00:00", "00:00"), "1").await;
    plan_at(&app, "Iker", &bond, "Walk", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;
    plan_at(&app, "Iker", &bond, "Museum", in_hours(4), Lisbon).await;
    sweep_and_deliver(&app).await;
    assert_eq!(service.received_by("phone").len(), 1, "a cap of one a week");
    // The second still shows on Today.
    app.get(&rosa, "/").await.assert_contains("Museum");
}
both_backends!(pushes_count_against_the_weekly_cap);

async fn the_push_services_answers_remove_retry_or_drop(app: TestApp) {
    let app = with_loopback_push(app).await;
    let service = PushService::start().await;
    let rosa = app.sign_up_mother("Rosa").await;
    let names = ["fine", "gone", "broken", "huge"];
    for name in names {
        subscribe(&app, &rosa, &Browser::new(&service, name)).await;
    }
    service.answer("gone", StatusCode::GONE);
    service.answer("broken", StatusCode::INTERNAL_SERVER_ERROR);
    service.answer("huge", StatusCode::PAYLOAD_TOO_LARGE);
    let message = PushMessage {
        title: en("push-title"),
        body: en_with("push-reminders-waiting", &[("count", 1.into())]),
        link: "/".into(),
    };
    let rosa_id = MemberId(member_id(&app, "Rosa").await);
    let mut conn = app.db().conn().await.unwrap();
    let queued = queue_for_member(&mut conn, &rosa_id, "batch-1", &message)
        .await
        .unwrap();
    // Queued twice (a retried delivery): still one job per device.
    queue_for_member(&mut conn, &rosa_id, "batch-1", &message)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(queued, 4);
    app.run_jobs().await;
    for name in names {
        assert_eq!(service.received_by(name).len(), 1, "{name}");
    }
    let endpoint = |name: &str| service.endpoint(name);
    let kept = |name: &str| format!("push_subscriptions WHERE endpoint = '{}'", endpoint(name));
    assert_eq!(app.count(&kept("gone")).await, 0, "410: forgotten");
    assert_eq!(
        app.count(&kept("huge")).await,
        1,
        "413: kept, message dropped"
    );
    assert_eq!(app.count(&kept("broken")).await, 1);
    assert_eq!(
        app.count("jobs WHERE kind = 'push.send' AND done_at IS NULL AND last_error IS NOT NULL")
            .await,
        1,
        "500: to be retried"
    );

    // The service recovers; after the back-off the push goes out.
    service.answer("broken", StatusCode::CREATED);
    app.clock().advance(Duration::minutes(2));
    app.run_jobs().await;
    assert_eq!(service.received_by("broken").len(), 2);
    assert_eq!(service.received_by("fine").len(), 1, "nothing pushed twice");
    assert_no_failed_jobs(&app).await;
    assert_eq!(
        app.count(&format!(
            "push_subscriptions WHERE last_success_at IS NOT NULL AND endpoint IN ('{}', '{}')",
            endpoint("fine"),
            endpoint("broken")
        ))
        .await,
        2
    );
}
both_backends!(the_push_services_answers_remove_retry_or_drop);

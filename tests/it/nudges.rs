//! Reminder settings: the page, its defaults, validation, and who may change what.

use axum::http::StatusCode;

use crate::both_backends;
use crate::harness::{TestApp, User, en, en_with};

async fn reminder_settings_start_with_the_defaults_and_are_saved(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    app.get(&rosa, "/settings")
        .await
        .assert_has(r#"a[href="/settings/reminders"]"#);
    let page = app.get(&rosa, "/settings/reminders").await;
    page.assert_status(StatusCode::OK)
        .assert_has(r#"input[name=quiet_start][value="21:00"]"#)
        .assert_has(r#"input[name=quiet_end][value="08:00"]"#)
        .assert_has(r#"input[name=weekly_cap][value="3"]"#)
        .assert_has("input[name=in_app][value=on][checked]")
        .assert_has("input[name=email][value=on][checked]")
        .assert_has("label[for=quiet_start]");
    let saved = app
        .post(
            &rosa,
            "/settings/reminders",
            &[
                ("in_app", "on"),
                ("quiet_start", "22:30"),
                ("quiet_end", "07:15"),
                ("weekly_cap", "5"),
            ],
        )
        .await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), "/settings/reminders?saved=1");
    let page = app.get(&rosa, "/settings/reminders?saved=1").await;
    page.assert_contains("saved")
        .assert_has(r#"input[name=quiet_start][value="22:30"]"#)
        .assert_has(r#"input[name=quiet_end][value="07:15"]"#)
        .assert_has(r#"input[name=weekly_cap][value="5"]"#)
        .assert_has("input[name=in_app][value=on][checked]")
        .assert_none("input[name=email][value=on][checked]");
    // Saving again changes the one row.
    app.post(
        &rosa,
        "/settings/reminders",
        &[
            ("email", "on"),
            ("quiet_start", "21:00"),
            ("quiet_end", "21:00"),
            ("weekly_cap", "0"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("nudge_settings WHERE weekly_cap = 0 AND email AND NOT in_app")
            .await,
        1
    );
    assert_eq!(app.count("nudge_settings").await, 1);
}
both_backends!(reminder_settings_start_with_the_defaults_and_are_saved);

async fn bad_reminder_settings_are_refused_with_a_message_next_to_each_field(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    let refused = app
        .post(
            &rosa,
            "/settings/reminders",
            &[
                ("email", "on"),
                ("quiet_start", "25:00"),
                ("quiet_end", "soon"),
                ("weekly_cap", "15"),
            ],
        )
        .await;
    refused
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_has("#quiet_start-error")
        .assert_has("#quiet_end-error")
        .assert_text("#quiet_start-error", &en("reminders-give-time-like"))
        .assert_text(
            "#weekly_cap-error",
            &en_with("reminders-whole-number-up-to", &[("max", 14.into())]),
        )
        .assert_has(r#"input[name=quiet_start][value="25:00"]"#)
        .assert_has(r#"input[name=weekly_cap][value="15"]"#)
        .assert_has(r#"[aria-invalid="true"]"#);
    app.post(
        &rosa,
        "/settings/reminders",
        &[
            ("quiet_start", "21:00"),
            ("quiet_end", "08:00"),
            ("weekly_cap", "-1"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("nudge_settings").await, 0, "nothing stored");
}
both_backends!(bad_reminder_settings_are_refused_with_a_message_next_to_each_field);

async fn reminder_settings_need_a_login(app: TestApp) {
    let page = app.get(&User::anonymous(), "/settings/reminders").await;
    page.assert_status(StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/login"));
    app.post(
        &User::anonymous(),
        "/settings/reminders",
        &[
            ("quiet_start", "21:00"),
            ("quiet_end", "08:00"),
            ("weekly_cap", "3"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("nudge_settings").await, 0);
}
both_backends!(reminder_settings_need_a_login);

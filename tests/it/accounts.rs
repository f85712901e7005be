//! Sign-up, login, sessions, passwords, resets, CSRF and bad input.

use axum::http::StatusCode;

use crate::both_backends;
use crate::harness::{PASSWORD, TestApp, User, en, en_with, session_cookie};

async fn sign_up_creates_a_family_and_signs_in(app: TestApp) {
    let mother = app.sign_up_mother("Ana María").await;
    let today = app.get(&mother, "/").await;
    today
        .assert_status(StatusCode::OK)
        .assert_text_starts_with(
            ".lede",
            &en_with("today-hello", &[("name", "Ana María".into())]),
        )
        .assert_text("a.button", &en("today-add-son"));
    assert_eq!(app.count("families").await, 1);
    assert_eq!(app.count("members").await, 1);
}
both_backends!(sign_up_creates_a_family_and_signs_in);

async fn weak_password_is_refused_and_the_form_is_kept(app: TestApp) {
    let response = app
        .post(
            &User::anonymous(),
            "/signup",
            &[
                ("role", "mother"),
                ("display_name", "Rosa"),
                ("email", "rosa@example.org"),
                ("password", "password12"),
                ("time_zone", "Europe/Paris"),
            ],
        )
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains("main", &en("auth-password-common"))
        .assert_has(r#"input[value="rosa@example.org"]"#)
        .assert_lacks("password12");
    assert_eq!(app.count("accounts").await, 0, "nothing is half-stored");
    assert_eq!(app.count("families").await, 0);
}
both_backends!(weak_password_is_refused_and_the_form_is_kept);

async fn duplicate_email_gets_a_note_by_mail_and_no_second_family(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let response = app
        .post(
            &User::anonymous(),
            "/signup",
            &[
                ("role", "mother"),
                ("display_name", "Other"),
                ("email", &mother.email.to_uppercase()),
                ("password", PASSWORD),
                ("time_zone", "Europe/Paris"),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    assert!(
        app.mail_to(&mother.email).await[0]
            .body
            .contains("already belongs to an account")
    );
    assert_eq!(app.count("accounts").await, 1);
    assert_eq!(
        app.count("families").await,
        1,
        "the failed sign-up left no family behind"
    );
}
both_backends!(duplicate_email_gets_a_note_by_mail_and_no_second_family);

async fn bad_sign_up_input_is_explained(app: TestApp) {
    let long_name = "n".repeat(61);
    let response = app
        .post(
            &User::anonymous(),
            "/signup",
            &[
                ("role", "uncle"),
                ("display_name", &long_name),
                ("email", "not an email"),
                ("password", PASSWORD),
                ("time_zone", "Mars/Olympus"),
                ("birth_date", "2999-01-01"),
            ],
        )
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains("main", &en("auth-please-choose-whether-mother"))
        .assert_contains("at most 60 characters")
        .assert_text_contains("main", &en("auth-email-like-example"))
        .assert_text_contains("main", &en("auth-choose-time-zone"));
    let son = app
        .post(
            &User::anonymous(),
            "/signup",
            &[
                ("role", "son"),
                ("display_name", "Leo"),
                ("email", "leo@example.org"),
                ("password", PASSWORD),
                ("time_zone", "UTC"),
                ("birth_date", "2199-01-01"),
            ],
        )
        .await;
    son.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains("main", &en("auth-birth-date-in-future"));
    assert_eq!(app.count("accounts").await, 0);
}
both_backends!(bad_sign_up_input_is_explained);

async fn names_keep_any_script_and_are_trimmed(app: TestApp) {
    let mother = app.sign_up_mother("  李美玲 🌷 ").await;
    app.get(&mother, "/")
        .await
        .assert_contains("Hello 李美玲 🌷 ·");
}
both_backends!(names_keep_any_script_and_are_trimmed);

async fn login_rotates_the_session_and_logout_ends_it(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let again = app.log_in_as(&mother).await;
    assert_ne!(again.cookie, mother.cookie, "a new session id at login");
    // Logging in while carrying the old cookie replaces that session.
    let mut carrying = mother.clone();
    let response = app
        .post(
            &carrying,
            "/login",
            &[("email", &mother.email), ("password", PASSWORD)],
        )
        .await;
    let third = session_cookie(&response);
    assert_eq!(
        app.get(&carrying, "/family").await.status,
        StatusCode::SEE_OTHER,
        "old session is gone"
    );
    carrying.cookie = Some(third);
    app.get(&carrying, "/family")
        .await
        .assert_status(StatusCode::OK);
    app.post(&carrying, "/logout", &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let after = app.get(&carrying, "/family").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location(), "/login");
    app.get(&again, "/family")
        .await
        .assert_status(StatusCode::OK);
}
both_backends!(login_rotates_the_session_and_logout_ends_it);

async fn wrong_password_is_refused_without_saying_which_part_was_wrong(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.log_in(&mother.email, "wrong password here")
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains("main", &en("auth-email-password-mismatch"));
    app.log_in("nobody@example.org", PASSWORD)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains("main", &en("auth-email-password-mismatch"));
}
both_backends!(wrong_password_is_refused_without_saying_which_part_was_wrong);

async fn logins_are_limited_per_account(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    for _ in 0..5 {
        app.log_in(&mother.email, "wrong password here")
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    app.log_in(&mother.email, PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Wait 15 minutes");
}
both_backends!(logins_are_limited_per_account);

async fn logins_are_limited_per_address(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let attacker = User {
        ip: [192, 0, 2, 7],
        ..User::anonymous()
    };
    for n in 0..20 {
        let email = format!("guess{n}@example.org");
        app.post(
            &attacker,
            "/login",
            &[("email", &email), ("password", "wrong")],
        )
        .await;
    }
    app.post(
        &attacker,
        "/login",
        &[("email", &mother.email), ("password", PASSWORD)],
    )
    .await
    .assert_status(StatusCode::TOO_MANY_REQUESTS)
    .assert_text_contains("main", &en("auth-too-many-failed-logins-network"));
    // Someone else, elsewhere, is not affected.
    app.log_in(&mother.email, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(logins_are_limited_per_address);

async fn changing_the_password_signs_out_other_devices(app: TestApp) {
    let phone = app.sign_up_mother("Rosa").await;
    let laptop = app.log_in_as(&phone).await;
    app.post(
        &laptop,
        "/settings/password",
        &[
            ("current_password", "not it at all"),
            ("new_password", "a brand new phrase"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text_contains("main", &en("auth-wrong-current-password"));
    app.post(
        &laptop,
        "/settings/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new phrase"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&phone, "/settings").await.status,
        StatusCode::SEE_OTHER
    );
    app.get(&laptop, "/settings")
        .await
        .assert_status(StatusCode::OK);
    app.log_in(&phone.email, "a brand new phrase")
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(changing_the_password_signs_out_other_devices);

async fn settings_save_name_and_time_zone(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.post(
        &mother,
        "/settings/profile",
        &[("display_name", "Rosa B."), ("time_zone", "Asia/Tokyo")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/settings")
        .await
        .assert_has(r#"input[name=display_name][value="Rosa B."]"#)
        .assert_has(r#"select[name=time_zone] option[value="Asia/Tokyo"][selected]"#);
    app.post(
        &mother,
        "/settings/profile",
        &[("display_name", ""), ("time_zone", "Nowhere/Else")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text(
        ".error",
        &en_with(
            "form-needed",
            &[("what", tandem::i18n::Key("field-your-name").into())],
        ),
    );
}
both_backends!(settings_save_name_and_time_zone);

async fn password_reset_works_once_and_signs_out_everywhere(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.post(
        &User::anonymous(),
        "/password/forgot",
        &[("email", &mother.email)],
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_text_contains("main", &en("forgot-sent"));
    let mails = app.mail_to(&mother.email).await;
    let resets: Vec<_> = mails
        .iter()
        .filter(|m| m.body.contains("/password/reset/"))
        .collect();
    assert_eq!(resets.len(), 1);
    let body = &resets[0].body;
    let start = body.find("/password/reset/").unwrap();
    let path = body[start..].split_whitespace().next().unwrap().to_owned();

    app.get(&User::anonymous(), &path)
        .await
        .assert_status(StatusCode::OK);
    app.post(&User::anonymous(), &path, &[("password", "short")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.post(
        &User::anonymous(),
        &path,
        &[("password", "new river stones")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/")
        .await
        .assert_no_text_starting(".lede", &en_with("today-hello", &[("name", "Rosa".into())]));
    app.log_in(&mother.email, "new river stones")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&User::anonymous(), &path)
        .await
        .assert_status(StatusCode::GONE)
        .assert_text_contains("main", &en("auth-reset-link-already-used"));
    app.get(&User::anonymous(), "/password/reset/forged-token")
        .await
        .assert_status(StatusCode::GONE)
        .assert_text_contains("main", &en("auth-reset-link-not-made-by-tandem"));
}
both_backends!(password_reset_works_once_and_signs_out_everywhere);

async fn expired_reset_links_are_refused(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.post(
        &User::anonymous(),
        "/password/forgot",
        &[("email", &mother.email)],
    )
    .await;
    let body = app.mail_to(&mother.email).await.remove(0).body;
    let path = body[body.find("/password/reset/").unwrap()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    // A minute after the link ran out.
    app.clock()
        .advance(tandem::auth::RESET_VALID_FOR + chrono::Duration::minutes(1));
    app.post(
        &User::anonymous(),
        &path,
        &[("password", "new river stones")],
    )
    .await
    .assert_status(StatusCode::GONE)
    .assert_contains("expired");
    app.log_in(&mother.email, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(expired_reset_links_are_refused);

async fn reset_for_an_unknown_email_looks_the_same_and_sends_nothing(app: TestApp) {
    app.post(
        &User::anonymous(),
        "/password/forgot",
        &[("email", "ghost@example.org")],
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_text_contains("main", &en("forgot-sent"));
    assert_eq!(app.count("outbox").await, 0);
}
both_backends!(reset_for_an_unknown_email_looks_the_same_and_sends_nothing);

async fn cross_site_posts_are_refused_and_change_nothing(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let form = [("name", "Leo"), ("birth_date", "2015-04-02")];
    app.post_with(&mother, "/family/sons", &form, &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_with(
        &mother,
        "/family/sons",
        &form,
        &[("origin", "https://evil.example")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    app.post_with(
        &mother,
        "/family/sons",
        &form,
        &[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://127.0.0.1:8080"),
        ],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("members").await, 1);
    app.post_with(
        &mother,
        "/family/sons",
        &form,
        &[("sec-fetch-site", "same-origin")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("members").await, 2);
}
both_backends!(cross_site_posts_are_refused_and_change_nothing);

async fn oversized_forms_get_413(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let huge = "x".repeat(100 * 1024);
    app.post(
        &mother,
        "/family/sons",
        &[("name", &huge), ("birth_date", "2015-04-02")],
    )
    .await
    .assert_status(StatusCode::PAYLOAD_TOO_LARGE)
    .assert_text_contains("main", &en("error-too-large-message"));
    assert_eq!(app.count("members").await, 1);
}
both_backends!(oversized_forms_get_413);

#[tokio::test]
async fn session_cookie_is_secure_on_https() {
    let app = TestApp::with_config(crate::harness::Backend::Sqlite, |c| {
        c.base_url = Some("https://tandem.example/".parse().unwrap());
    })
    .await
    .unwrap();
    let response = app
        .post_with(
            &User::anonymous(),
            "/signup",
            &[
                ("role", "mother"),
                ("display_name", "Rosa"),
                ("email", "rosa@example.org"),
                ("password", PASSWORD),
                ("time_zone", "UTC"),
            ],
            &[("origin", "https://tandem.example")],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let link = app.confirmation_link("rosa@example.org").await.unwrap();
    let response = app
        .post_with(
            &User::anonymous(),
            &link,
            &[],
            &[("origin", "https://tandem.example")],
        )
        .await;
    let cookie = response.set_cookie().unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("; Secure"),
        "{cookie}"
    );
}

#[tokio::test]
async fn behind_a_proxy_login_limits_count_per_forwarded_address() {
    let app = TestApp::with_config(crate::harness::Backend::Sqlite, |c| c.behind_proxy = true)
        .await
        .unwrap();
    let mother = app.sign_up_mother("Rosa").await;
    // Every request arrives from the proxy's own address; the visitor is in X-Forwarded-For.
    let via_proxy = |visitor: &'static str| {
        [
            ("origin", crate::harness::ORIGIN),
            ("x-forwarded-for", visitor),
        ]
    };
    let attacker_headers = via_proxy("203.0.113.9");
    for n in 0..20 {
        let email = format!("guess{n}@example.org");
        app.post_with(
            &User::anonymous(),
            "/login",
            &[("email", &email), ("password", "wrong")],
            &attacker_headers,
        )
        .await;
    }
    let blocked = app
        .post_with(
            &User::anonymous(),
            "/login",
            &[("email", &mother.email), ("password", PASSWORD)],
            &attacker_headers,
        )
        .await;
    blocked.assert_status(StatusCode::TOO_MANY_REQUESTS);
    // Another visitor behind the same proxy can still log in.
    let other_headers = via_proxy("198.51.100.4");
    app.post_with(
        &User::anonymous(),
        "/login",
        &[("email", &mother.email), ("password", PASSWORD)],
        &other_headers,
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

async fn time_zones_are_offered_by_region_with_older_names_folded_in(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let page = app.get(&mother, "/settings").await;
    let values = page.select_attr("select[name=time_zone] option", "value");
    assert!(values.contains(&"Europe/Kyiv".to_owned()));
    assert!(values.contains(&"UTC".to_owned()));
    assert!(
        values
            .iter()
            .all(|v| !v.starts_with("Etc/") && v != "Europe/Kiev" && v != "US/Eastern"),
        "only zones themselves are offered"
    );
    assert!(values.len() > 300 && values.len() < 460, "{}", values.len());
    assert!(page.count("select[name=time_zone] optgroup") >= 9);
    page.assert_has(r#"option[value="Europe/Kyiv"][data-aliases~="Europe/Kiev"]"#)
        .assert_has(r#"optgroup[label="Europe"] option[value="Europe/Lisbon"]"#);
    // An older name is kept as the zone's own; a backwards Etc zone is refused.
    app.post(
        &mother,
        "/settings/profile",
        &[("display_name", "Rosa"), ("time_zone", "Europe/Kiev")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("members WHERE time_zone = 'Europe/Kyiv'").await,
        1
    );
    app.get(&mother, "/settings")
        .await
        .assert_has(r#"option[value="Europe/Kyiv"][selected]"#);
    app.post(
        &mother,
        "/settings/profile",
        &[("display_name", "Rosa"), ("time_zone", "Etc/GMT+1")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text(".error", &en("auth-choose-time-zone"));
    assert_eq!(app.count("members WHERE time_zone LIKE 'Etc/%'").await, 0);
}
both_backends!(time_zones_are_offered_by_region_with_older_names_folded_in);

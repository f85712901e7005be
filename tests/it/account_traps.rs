//! Account traps: locks a stranger could use against a member, races around the limits, links
//! that outlive a reset, mail Tandem could be made to send, what sign-up gives away, and a
//! young son signing up alone.

use std::sync::Arc;

use axum::http::{StatusCode, header};

use crate::both_backends;
use crate::family::born_years_ago;
use crate::harness::{ORIGIN, PASSWORD, Response, TestApp, User, en};

const WRONG: &str = "wrong password here";

/// Five wrong guesses from a stranger's device: the account's stranger lane is locked.
async fn lock_out(app: &TestApp, email: &str) {
    let stranger = User {
        ip: [198, 51, 100, 9],
        ..User::anonymous()
    };
    for _ in 0..5 {
        app.post(
            &stranger,
            "/login",
            &[("email", email), ("password", WRONG)],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    app.log_in(email, PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
}

/// The path of the newest reset link mailed to `email`.
async fn reset_link(app: &TestApp, email: &str) -> String {
    let body = app.mail_to(email).await.remove(0).body;
    let start = body.find("/password/reset/").expect("a reset link");
    body[start..].split_whitespace().next().unwrap().to_owned()
}

async fn ask_for_reset(app: &TestApp, email: &str) -> Response {
    app.post(&User::anonymous(), "/password/forgot", &[("email", email)])
        .await
}

/// The device cookie a successful login set, as a `Cookie` header value.
fn device_cookie(response: &Response) -> String {
    response
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tandem_device="))
        .and_then(|v| v.split(';').next())
        .expect("a device cookie")
        .to_owned()
}

async fn sign_up_form(app: &TestApp, email: &str, name: &str) -> Response {
    app.post(
        &User::anonymous(),
        "/signup",
        &[
            ("role", "mother"),
            ("display_name", name),
            ("email", email),
            ("password", PASSWORD),
            ("time_zone", "Europe/Paris"),
        ],
    )
    .await
}

async fn a_reset_lifts_the_login_lockout(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    lock_out(&app, &mother.email).await;
    ask_for_reset(&app, &mother.email)
        .await
        .assert_status(StatusCode::OK);
    let link = reset_link(&app, &mother.email).await;
    app.post(
        &User::anonymous(),
        &link,
        &[("password", "new river stones")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.log_in(&mother.email, "new river stones")
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(a_reset_lifts_the_login_lockout);

async fn the_lockout_page_links_to_a_reset(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    lock_out(&app, &mother.email).await;
    app.log_in(&mother.email, PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_contains("Wait 15 minutes")
        .assert_has(r#"a[href="/password/forgot"]"#);
}
both_backends!(the_lockout_page_links_to_a_reset);

async fn the_right_password_from_a_known_device_is_not_locked_out(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    // Her phone signed in before: it carries a device cookie.
    let earlier = app.log_in(&mother.email, PASSWORD).await;
    earlier.assert_status(StatusCode::SEE_OTHER);
    let phone = device_cookie(&earlier);
    lock_out(&app, &mother.email).await;
    let form = [("email", mother.email.as_str()), ("password", PASSWORD)];
    app.post_with(
        &User::anonymous(),
        "/login",
        &form,
        &[("origin", ORIGIN), ("cookie", &phone)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // The stranger's lane stays locked, and a forged device cookie is just a stranger.
    app.log_in(&mother.email, PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
    app.post_with(
        &User::anonymous(),
        "/login",
        &form,
        &[("origin", ORIGIN), ("cookie", "tandem_device=forged")],
    )
    .await
    .assert_status(StatusCode::TOO_MANY_REQUESTS);
    // Her own device has its own limit against guessing.
    for _ in 0..5 {
        app.post_with(
            &User::anonymous(),
            "/login",
            &[("email", mother.email.as_str()), ("password", WRONG)],
            &[("origin", ORIGIN), ("cookie", &phone)],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    app.post_with(
        &User::anonymous(),
        "/login",
        &form,
        &[("origin", ORIGIN), ("cookie", &phone)],
    )
    .await
    .assert_status(StatusCode::TOO_MANY_REQUESTS);
}
both_backends!(the_right_password_from_a_known_device_is_not_locked_out);

async fn parallel_guesses_are_judged_no_more_than_the_limit(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let app = Arc::new(app);
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..40u8 {
        let (app, email) = (app.clone(), mother.email.clone());
        guesses.spawn(async move {
            let guesser = User {
                ip: [203, 0, 113, n],
                ..User::anonymous()
            };
            app.post(
                &guesser,
                "/login",
                &[("email", &email), ("password", WRONG)],
            )
            .await
            .status
        });
    }
    let statuses = guesses.join_all().await;
    let judged = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        (1..=5).contains(&judged),
        "{judged} guesses were judged: {statuses:?}"
    );
    assert_eq!(judged + refused, 40, "{statuses:?}");
}
both_backends!(parallel_guesses_are_judged_no_more_than_the_limit);

async fn a_reset_voids_every_other_reset_link(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    ask_for_reset(&app, &mother.email).await;
    let first = reset_link(&app, &mother.email).await;
    ask_for_reset(&app, &mother.email).await;
    let second = reset_link(&app, &mother.email).await;
    assert_ne!(first, second);
    app.post(
        &User::anonymous(),
        &second,
        &[("password", "new river stones")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &User::anonymous(),
        &first,
        &[("password", "someone elses words")],
    )
    .await
    .assert_status(StatusCode::GONE);
    app.log_in(&mother.email, "new river stones")
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(a_reset_voids_every_other_reset_link);

async fn a_password_change_voids_every_reset_link(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    ask_for_reset(&app, &mother.email).await;
    let link = reset_link(&app, &mother.email).await;
    app.post(
        &mother,
        "/settings/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new phrase"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&User::anonymous(), &link)
        .await
        .assert_status(StatusCode::GONE);
    app.post(
        &User::anonymous(),
        &link,
        &[("password", "someone elses words")],
    )
    .await
    .assert_status(StatusCode::GONE);
    app.log_in(&mother.email, "a brand new phrase")
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(a_password_change_voids_every_reset_link);

async fn reset_mail_to_one_member_is_limited(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    for n in 0..25u8 {
        let asker = User {
            ip: [198, 51, 100, n],
            ..User::anonymous()
        };
        app.post(&asker, "/password/forgot", &[("email", &mother.email)])
            .await;
    }
    assert_eq!(
        app.mail_to(&mother.email)
            .await
            .iter()
            .filter(|m| m.body.contains("/password/reset/"))
            .count(),
        3
    );
    // An address without an account is refused alike, so the refusal tells nothing.
    for _ in 0..3 {
        ask_for_reset(&app, "ghost@example.org")
            .await
            .assert_status(StatusCode::OK);
    }
    ask_for_reset(&app, "ghost@example.org")
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
}
both_backends!(reset_mail_to_one_member_is_limited);

async fn reset_mail_from_one_address_is_limited(app: TestApp) {
    let asker = User {
        ip: [198, 51, 100, 1],
        ..User::anonymous()
    };
    for n in 0..10 {
        app.post(
            &asker,
            "/password/forgot",
            &[("email", &format!("a{n}@example.org"))],
        )
        .await
        .assert_status(StatusCode::OK);
    }
    app.post(&asker, "/password/forgot", &[("email", "b@example.org")])
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS)
        .assert_text_contains("main", &en("auth-too-many-resets-network"));
}
both_backends!(reset_mail_from_one_address_is_limited);

async fn invitation_mail_is_limited_per_address_and_per_member(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    for n in 0..3 {
        app.invite(
            &mother,
            &[
                ("name", &format!("Ana {n}")),
                ("role", "mother"),
                ("email", "ana@example.org"),
            ],
        )
        .await;
    }
    app.post(
        &mother,
        "/family/invitations",
        &[
            ("name", "Ana"),
            ("role", "mother"),
            ("email", "ana@example.org"),
        ],
    )
    .await
    .assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.mail_to("ana@example.org").await.len(), 3);
    for n in 0..7 {
        app.invite(
            &mother,
            &[
                ("name", "Someone"),
                ("role", "mother"),
                ("email", &format!("s{n}@example.org")),
            ],
        )
        .await;
    }
    app.post(
        &mother,
        "/family/invitations",
        &[
            ("name", "Twenty"),
            ("role", "mother"),
            ("email", "twenty@example.org"),
        ],
    )
    .await
    .assert_status(StatusCode::TOO_MANY_REQUESTS)
    .assert_text_contains("main", &en("family-sent-many-invitations-today"));
    assert!(app.mail_to("twenty@example.org").await.is_empty());
    // Without mail the link is still made.
    app.invite(&mother, &[("name", "By hand"), ("role", "mother")])
        .await;
}
both_backends!(invitation_mail_is_limited_per_address_and_per_member);

async fn invitation_mail_shows_no_text_the_inviter_chose_but_her_name(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.exec(
        "UPDATE families SET name = $1",
        &["WIN A PRIZE at evil.example"],
    )
    .await;
    app.invite(
        &mother,
        &[
            ("name", "Claim your refund at evil.example"),
            ("role", "mother"),
            ("email", "ana@example.org"),
        ],
    )
    .await;
    let mail = app.mail_to("ana@example.org").await.remove(0);
    assert!(mail.subject.contains("Rosa"), "{}", mail.subject);
    assert!(!mail.body.contains("evil.example"), "{}", mail.body);
}
both_backends!(invitation_mail_shows_no_text_the_inviter_chose_but_her_name);

async fn invitation_mail_needs_a_confirmed_address(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.exec(
        "UPDATE accounts SET email_confirmed_at = NULL WHERE email = $1",
        &[&mother.email],
    )
    .await;
    app.post(
        &mother,
        "/family/invitations",
        &[
            ("name", "Ana"),
            ("role", "mother"),
            ("email", "ana@example.org"),
        ],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN)
    .assert_contains("confirmed");
    assert!(app.mail_to("ana@example.org").await.is_empty());
    assert_eq!(app.count("invitations").await, 0);
}
both_backends!(invitation_mail_needs_a_confirmed_address);

async fn sign_up_with_a_taken_email_says_the_same_as_a_new_one(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let taken = sign_up_form(&app, &mother.email.to_uppercase(), "Other").await;
    let fresh = sign_up_form(&app, "new@example.org", "Other").await;
    assert_eq!(
        (taken.status, taken.location()),
        (fresh.status, fresh.location())
    );
    assert_eq!(taken.body, fresh.body);
    assert!(taken.set_cookie().is_none() && fresh.set_cookie().is_none());
    // The mail to each address says what happened.
    let note = app.mail_to(&mother.email).await.remove(0);
    assert!(
        note.body.contains("already belongs to an account"),
        "{}",
        note.body
    );
    assert!(app.confirmation_link("new@example.org").await.is_some());
    assert_eq!(
        app.count("families").await,
        2,
        "no family for the taken address"
    );
    // Until confirmed, the new account does not sign in.
    app.log_in("new@example.org", PASSWORD)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains("main", &en("auth-please-confirm-email-address"));
}
both_backends!(sign_up_with_a_taken_email_says_the_same_as_a_new_one);

async fn accepting_with_a_taken_email_says_the_same_as_a_new_one(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let link = app
        .invite(&mother, &[("name", "Ana"), ("role", "mother")])
        .await;
    let form = |email: &'static str| {
        [
            ("display_name", "Ana"),
            ("email", email),
            ("password", PASSWORD),
            ("time_zone", "UTC"),
        ]
    };
    let taken_email = mother.email.clone();
    let taken = app
        .post(
            &User::anonymous(),
            &link,
            &[
                ("display_name", "Ana"),
                ("email", &taken_email),
                ("password", PASSWORD),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    let fresh = app
        .post(&User::anonymous(), &link, &form("ana@example.org"))
        .await;
    assert_eq!(
        (taken.status, taken.location()),
        (fresh.status, fresh.location())
    );
    assert!(taken.set_cookie().is_none() && fresh.set_cookie().is_none());
    assert!(
        app.mail_to(&mother.email).await[0]
            .body
            .contains("already belongs to an account")
    );
    let path = app.confirmation_link("ana@example.org").await.unwrap();
    app.post(&User::anonymous(), &path, &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Rosa is told that Ana joined.
    app.run_jobs().await;
}
both_backends!(accepting_with_a_taken_email_says_the_same_as_a_new_one);

async fn reloading_invitation_ready_creates_no_second_invitation(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let created = app
        .post(
            &mother,
            "/family/invitations",
            &[("name", "Ana"), ("role", "mother")],
        )
        .await;
    created.assert_status(StatusCode::SEE_OTHER);
    let first = app.get(&mother, created.location()).await;
    first
        .assert_status(StatusCode::OK)
        .assert_text("h1", &en("family-title-invitation-ready"))
        .assert_contains("/invite/");
    let again = app.get(&mother, created.location()).await;
    assert_eq!(first.body, again.body, "a reload shows the same invitation");
    assert_eq!(app.count("invitations").await, 1);
    // Another member, or another session, does not see the link.
    let stranger = app.sign_up_mother("Eve").await;
    app.get(&stranger, created.location())
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let laptop = app.log_in_as(&mother).await;
    app.get(&laptop, created.location())
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
both_backends!(reloading_invitation_ready_creates_no_second_invitation);

async fn settings_limits_wrong_current_passwords(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    for _ in 0..5 {
        app.post(
            &mother,
            "/settings/password",
            &[
                ("current_password", WRONG),
                ("new_password", "a brand new phrase"),
            ],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    app.post(
        &mother,
        "/settings/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new phrase"),
        ],
    )
    .await
    .assert_status(StatusCode::TOO_MANY_REQUESTS);
    app.log_in(&mother.email, PASSWORD)
        .await
        .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(settings_limits_wrong_current_passwords);

async fn a_child_cannot_sign_up_without_a_mother(app: TestApp) {
    let response = app
        .post(
            &User::anonymous(),
            "/signup",
            &[
                ("role", "son"),
                ("display_name", "Leo"),
                ("email", "leo@example.org"),
                ("password", PASSWORD),
                ("time_zone", "UTC"),
                ("birth_date", &born_years_ago(7)),
            ],
        )
        .await;
    response
        .assert_status(StatusCode::OK)
        .assert_text("h1", &en("ask-mother-heading"))
        .assert_text("h2", &en("ask-mother-what-to-say"))
        .assert_lacks("leo@example.org");
    assert!(response.set_cookie().is_none());
    for table in [
        "accounts",
        "families",
        "members",
        "outbox",
        "limited_actions",
    ] {
        assert_eq!(
            app.count(table).await,
            0,
            "nothing of him is stored in {table}"
        );
    }
    // At 13 he may start the family himself and invite his mother.
    app.sign_up("son", "Leo", &born_years_ago(13)).await;
}
both_backends!(a_child_cannot_sign_up_without_a_mother);

//! Confirmations after a form (`web::flash`): shown once on the page the redirect leads to,
//! only to the browser that sent the form, and never kept by a cache.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use chrono::Duration;

use crate::both_backends;
use crate::harness::{Response, TestApp, User, en};
use crate::together::plans::{plan_fields, plans_path};

const FLASH: &str = "main .flash[role=status]";

/// The flash cookie a response sets (`tandem_flash=…`, attributes and all), if it sets one.
fn flash_cookie(response: &Response) -> Option<String> {
    response
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tandem_flash="))
        .map(str::to_owned)
}

/// The `name=value` part of a `Set-Cookie`.
fn pair(set_cookie: &str) -> &str {
    set_cookie.split(';').next().unwrap()
}

/// Gets `path` as `user`, the browser also sending `cookie` (`name=value`).
async fn get_with_cookie(app: &TestApp, user: &User, path: &str, cookie: &str) -> Response {
    let request = Request::get(path).header(header::COOKIE, cookie);
    app.send_raw(user, request, Body::empty()).await.into()
}

/// Follows a form's redirect as a browser does, carrying the flash cookie the answer set.
/// Returns the page and the cookie.
async fn follow(app: &TestApp, user: &User, answer: &Response) -> (Response, String) {
    answer.assert_status(StatusCode::SEE_OTHER);
    let set = flash_cookie(answer).expect("the answer sets a flash");
    let page = get_with_cookie(app, user, answer.location(), pair(&set)).await;
    page.assert_status(StatusCode::OK);
    (page, pair(&set).to_owned())
}

async fn a_confirmation_shows_once_and_only_in_the_session_that_saved(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    let added = app
        .post(
            &rosa,
            "/family/sons",
            &[("name", "Tomás"), ("birth_date", "2019-05-01")],
        )
        .await;
    let set = flash_cookie(&added).expect("adding a son sets a flash");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=120"] {
        assert!(set.contains(attribute), "{set} lacks {attribute}");
    }
    // The cookie names a catalogue key, never words of the person.
    assert!(pair(&set).starts_with("tandem_flash=family-flash-son-added."));
    assert!(!set.contains("Tom"));

    let (page, cookie) = follow(&app, &rosa, &added).await;
    page.assert_text(FLASH, &en("family-flash-son-added"));
    // Like every page: not kept by the browser, so Back cannot show it again from a cache.
    assert_eq!(page.header(header::CACHE_CONTROL), "no-store");
    // Shown, so cleared: the browser forgets it and the next page is plain.
    let cleared = flash_cookie(&page).expect("the page that shows a flash clears it");
    assert!(cleared.starts_with("tandem_flash=;") && cleared.contains("Max-Age=0"));
    app.get(&rosa, "/family").await.assert_none(".flash");

    // The same cookie in another session of hers, or in her son's browser, shows nothing and
    // is cleared there too.
    let tom = app.sign_up("son", "Tom", "2012-03-01").await;
    let second = app.log_in_as(&rosa).await;
    for other in [&second, &tom] {
        let page = get_with_cookie(&app, other, "/family", &cookie).await;
        page.assert_status(StatusCode::OK).assert_none(".flash");
        let cleared = flash_cookie(&page).expect("a flash of another session is cleared");
        assert!(cleared.contains("Max-Age=0"));
    }
    // Nor does one made up: another key with her tag, a key without a tag, words of one's own.
    let tag = cookie.rsplit_once('.').unwrap().1;
    for forged in [
        format!("tandem_flash=notes-flash-saved.{tag}"),
        "tandem_flash=family-flash-son-added".to_owned(),
        format!("tandem_flash=%3Cb%3Ehello%3C%2Fb%3E.{tag}"),
    ] {
        get_with_cookie(&app, &rosa, "/family", &forged)
            .await
            .assert_status(StatusCode::OK)
            .assert_none(".flash")
            .assert_lacks("hello");
    }
    app.run_jobs().await;
}
both_backends!(a_confirmation_shows_once_and_only_in_the_session_that_saved);

/// A redirect that lands on no page (here another redirect) leaves the flash for the page.
async fn a_confirmation_waits_for_a_page_to_show_it(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    let saved = app
        .post(
            &rosa,
            "/settings/profile",
            &[
                ("display_name", "Rosa Maria"),
                ("time_zone", "Europe/Lisbon"),
            ],
        )
        .await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), "/settings");
    let cookie = pair(&flash_cookie(&saved).expect("a flash")).to_owned();
    // The healthcheck renders no page: the flash stays.
    let other = get_with_cookie(&app, &rosa, "/healthz", &cookie).await;
    assert_eq!(flash_cookie(&other), None);
    get_with_cookie(&app, &rosa, "/settings", &cookie)
        .await
        .assert_text(FLASH, &en("settings-profile-saved"));
}
both_backends!(a_confirmation_waits_for_a_page_to_show_it);

async fn saving_a_plan_a_note_a_wish_to_talk_or_interests_is_confirmed(app: TestApp) {
    let (rosa, iker, bond) = app.mother_and_son(15).await;
    let day = (chrono::Utc::now() + Duration::days(10))
        .date_naive()
        .to_string();
    let plan = plan_fields("Pancakes", &day, "18:00", "19:00", "Europe/Lisbon", "once");
    // Who sends which form where, and the confirmation's key.
    type Case<'a> = (&'a User, String, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            &rosa,
            format!("{}/new", plans_path(&bond)),
            plan,
            "plans-flash-saved",
        ),
        (
            &iker,
            format!("/bonds/{bond}/notes"),
            vec![("body", "Thanks for the lift"), ("visibility", "shared")],
            "notes-flash-saved",
        ),
        (
            &iker,
            format!("/bonds/{bond}/talk/requests"),
            vec![
                ("topic", "the school trip"),
                ("wish", "listen"),
                ("setting", "side_by_side"),
                ("urgency", "this_week"),
            ],
            "talk-flash-request-sent",
        ),
        (
            &rosa,
            format!("/bonds/{bond}/together/interests/tags"),
            vec![("tag", "cooking")],
            "together-flash-interests-saved",
        ),
    ];
    for (who, path, form, key) in cases {
        let answer = app.post(who, &path, &form).await;
        let (page, _) = follow(&app, who, &answer).await;
        page.assert_text(FLASH, &en(key));
        assert_eq!(page.count(FLASH), 1, "{path}");
    }
    app.run_jobs().await;
}
both_backends!(saving_a_plan_a_note_a_wish_to_talk_or_interests_is_confirmed);

async fn changes_and_reflections_are_confirmed_too(app: TestApp) {
    let (rosa, iker, bond) = app.mother_and_son(15).await;
    let check_in = app
        .post(
            &iker,
            &format!("/bonds/{bond}/feelings"),
            &[
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("visibility", "private"),
            ],
        )
        .await;
    check_in.assert_status(StatusCode::SEE_OTHER);
    let saved_page = check_in.location().split('?').next().unwrap().to_owned();
    let key =
        crate::together::reflections::plan(&app, &bond, "Climbing", Duration::hours(-3)).await;
    let soon = crate::together::reflections::plan(&app, &bond, "Chess", Duration::days(3)).await;
    app.add_son(&rosa, "Tomás", "2019-05-01").await;
    let tomas = crate::family::member_id(&app, "Tomás").await;

    let reflected = app
        .post_files(
            &iker,
            &crate::together::reflections::reflect_path(&bond, &key),
            &crate::together::reflections::side("The top"),
            &[],
        )
        .await;
    let (page, _) = follow(&app, &iker, &reflected).await;
    page.assert_text(FLASH, &en("memories-flash-reflection-saved"));

    let cases = [
        (
            &iker,
            format!("{saved_page}/edit"),
            vec![
                ("quadrant", "calm"),
                ("feeling", "calm"),
                ("visibility", "private"),
            ],
            "feelings-flash-changed",
        ),
        (
            &rosa,
            format!("{}/times/{soon}/cancel", plans_path(&bond)),
            vec![("note", "")],
            "plans-flash-changed",
        ),
        (
            &rosa,
            format!("/family/sons/{tomas}"),
            vec![("name", "Tomi"), ("birth_date", "2019-05-01")],
            "family-flash-son-changed",
        ),
        (
            &rosa,
            "/settings/password".to_owned(),
            vec![
                ("current_password", crate::harness::PASSWORD),
                ("new_password", "a brand new phrase"),
            ],
            "settings-password-changed",
        ),
    ];
    for (who, path, form, key) in cases {
        let answer = app.post(who, &path, &form).await;
        let (page, _) = follow(&app, who, &answer).await;
        page.assert_text(FLASH, &en(key));
    }
    app.run_jobs().await;
}
both_backends!(changes_and_reflections_are_confirmed_too);

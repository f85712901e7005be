//! Edges of input: dates and numbers far outside any calendar, bytes that are not text,
//! invisible characters in names, a path to go back to that is not one, and long letters.
//! Each gets a clear 4xx (or a safe default), never a 5xx, and nothing half-stored.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use chrono::{Duration, Utc};

use crate::both_backends;
use crate::harness::{ORIGIN, TestApp, User, en, en_with};

/// Years chrono can hold but no calendar can use, and other values a number parser trips on.
const EXTREMES: [&str; 6] = [
    "%2B262142-12-31",
    "-262143-01-01",
    "+262142-12-31",
    "99999999999999999999",
    "-1",
    "%00",
];

/// Posts a body exactly as given (already urlencoded), as a browser on our pages would.
async fn post_raw(
    app: &TestApp,
    who: &User,
    path: &str,
    body: Vec<u8>,
) -> crate::harness::Response {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("origin", ORIGIN);
    app.send_raw(who, request, Body::from(body)).await.into()
}

#[track_caller]
fn no_server_error(response: &crate::harness::Response, what: &str) {
    assert!(
        !response.status.is_server_error(),
        "{what} answered {}: {}",
        response.status,
        response.body
    );
}

/// A weekly plan starting next week, as the plan form sends it.
fn weekly_plan<'a>(date: &'a str, until: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", "Park run"),
        ("date", date),
        ("start", "09:00"),
        ("end", "10:00"),
        ("zone", "Europe/Lisbon"),
        ("recurrence", "weekly"),
        ("until", until),
        ("place", ""),
        ("activity", ""),
    ]
}

/// Makes (or replaces) the member's calendar feed link; returns its path.
async fn feed_link(app: &TestApp, who: &User, bond: &str) -> String {
    let page = app
        .post(who, &format!("/bonds/{bond}/together/calendar"), &[])
        .await;
    page.assert_status(StatusCode::OK);
    let start = page.body.find("/calendar/").expect("the link is shown");
    let rest = &page.body[start..];
    rest[..rest.find(".ics").expect("an .ics link") + 4].to_owned()
}

async fn stored_note_bodies(app: &TestApp) -> Vec<String> {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT body FROM notes ORDER BY created_at"
    )
    .fetch_all(c)
    .await)
    .unwrap()
}

async fn insights_for_a_date_far_in_the_future_is_a_clear_refusal(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    for period in ["week", "month", "year"] {
        for on in [
            "%2B262142-12-31",
            "-262143-01-01",
            "1899-12-31",
            "2201-01-01",
        ] {
            let path = format!("/bonds/{bond}/feelings/insights?period={period}&on={on}");
            app.get(&son, &path)
                .await
                .assert_status(StatusCode::BAD_REQUEST)
                .assert_contains(&en("feelings-unreadable-date"));
        }
    }
    // The edges of the range are ordinary days.
    for on in ["1900-01-01", "2200-12-31"] {
        let path = format!("/bonds/{bond}/feelings/insights?period=year&on={on}");
        app.get(&son, &path).await.assert_status(StatusCode::OK);
    }
}
both_backends!(insights_for_a_date_far_in_the_future_is_a_clear_refusal);

async fn a_plan_until_a_far_year_is_refused_and_feeds_keep_working(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let new_plan = format!("/bonds/{bond}/together/plans/new");
    let first = (Utc::now().date_naive() + Duration::days(7)).to_string();
    for until in ["+262142-12-31", "-262143-01-01", "2201-01-01"] {
        app.post(&mum, &new_plan, &weekly_plan(&first, until))
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(&en("plans-give-last-date-year"));
    }
    assert_eq!(app.count("plans").await, 0, "nothing half-stored");
    // A date far away is refused the same way.
    let far_start = weekly_plan("+262142-12-31", "");
    app.post(&mum, &new_plan, &far_start)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("plans").await, 0);
    // A plan with a distant but real last day is kept, and both feeds still read.
    app.post(&mum, &new_plan, &weekly_plan(&first, "2200-12-31"))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    for who in [&mum, &son] {
        let link = feed_link(&app, who, &bond).await;
        let feed = app.get(&User::anonymous(), &link).await;
        feed.assert_status(StatusCode::OK)
            .assert_contains("SUMMARY:Park run");
        assert!(feed.body.ends_with("END:VCALENDAR\r\n"));
    }
}
both_backends!(a_plan_until_a_far_year_is_refused_and_feeds_keep_working);

async fn a_favourites_back_with_a_control_character_is_safe(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let id = tandem::together::activities::for_band(tandem::family::AgeBand::Teen)
        .next()
        .unwrap()
        .id
        .clone();
    let home = format!("/bonds/{bond}/together/activities");
    let star = format!("{home}/{id}/favourite");
    for back in [
        format!("{home}?category=games\u{7}"),
        format!("{home}\r\nSet-Cookie: x=1"),
        format!("{home}\u{0}"),
        format!("{home}/../..//evil.example"),
        format!("{home}\\evil"),
        "//evil.example/".to_owned(),
        "https://evil.example/".to_owned(),
    ] {
        let response = app.post(&mum, &star, &[("on", "1"), ("back", &back)]).await;
        response.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(response.location(), format!("{home}/{id}"), "{back:?}");
    }
    assert_eq!(app.count("activity_favourites").await, 1);
    // A good way back is still followed.
    let back = format!("{home}?category=games");
    let response = app.post(&mum, &star, &[("on", "0"), ("back", &back)]).await;
    assert_eq!(response.location(), back);
}
both_backends!(a_favourites_back_with_a_control_character_is_safe);

async fn invalid_utf8_in_a_form_is_refused_naming_the_field_and_nothing_is_stored(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let notes = format!("/bonds/{bond}/notes");
    for body in [
        b"body=Hello+%FF%FE&visibility=shared".to_vec(),
        b"visibility=shared&body=caf\xe9".to_vec(),
    ] {
        post_raw(&app, &mum, &notes, body)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_text(
                ".error, .lede, p",
                &en_with("form-field-not-utf8", &[("field", "body".into())]),
            );
    }
    assert_eq!(app.count("notes").await, 0, "no U+FFFD stored in its place");
    // Correct UTF-8, percent-encoded, is kept as typed.
    post_raw(
        &app,
        &mum,
        &notes,
        b"body=caf%C3%A9&visibility=shared".to_vec(),
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(stored_note_bodies(&app).await, vec!["café".to_owned()]);
}
both_backends!(invalid_utf8_in_a_form_is_refused_naming_the_field_and_nothing_is_stored);

async fn names_with_bidi_overrides_or_zero_width_characters_are_refused(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let refused = "contains invisible characters";
    let before = [
        app.count("members").await,
        app.count("families").await,
        app.count("invitations").await,
    ];
    for name in [
        "Ros\u{202E}a",
        "Ro\u{200B}sa",
        "\u{2066}Rosa\u{2069}",
        "Rosa\u{200F}",
        "Ro\u{FEFF}sa",
        "Ro\u{061C}sa",
    ] {
        let signup = [
            ("role", "mother"),
            ("family_name", "The Testers"),
            ("display_name", name),
            ("email", "new@example.org"),
            ("password", crate::harness::PASSWORD),
            ("time_zone", "Europe/Lisbon"),
            ("birth_date", ""),
        ];
        app.post(&User::anonymous(), "/signup", &signup)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(refused);
        let signup = [("display_name", "Rosa"), ("family_name", name)];
        let signup: Vec<_> = [
            ("role", "mother"),
            ("email", "new@example.org"),
            ("password", crate::harness::PASSWORD),
            ("time_zone", "Europe/Lisbon"),
        ]
        .into_iter()
        .chain(signup)
        .collect();
        app.post(&User::anonymous(), "/signup", &signup)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(refused);
        app.post(
            &mum,
            "/family/invitations",
            &[("name", name), ("role", "son")],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(refused);
        app.post(
            &son,
            "/settings/profile",
            &[
                ("display_name", name),
                ("time_zone", "America/Toronto"),
                ("birth_date", ""),
            ],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(refused);
        app.post(
            &mum,
            &format!("/bonds/{bond}/together/activities"),
            &[
                ("title", name),
                ("category", "games"),
                ("minutes", "30"),
                ("cost", "free"),
                ("place", "home"),
                ("energy", "calm"),
                ("needs", ""),
                ("how", "We play."),
                ("talk", ""),
            ],
        )
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(refused);
    }
    let after = [
        app.count("members").await,
        app.count("families").await,
        app.count("invitations").await,
    ];
    assert_eq!(after, before, "nothing half-stored");
    assert_eq!(app.count("own_activities").await, 0);
    // Right-to-left names themselves are welcome.
    app.post(
        &mum,
        "/family/invitations",
        &[("name", "مريم"), ("role", "son")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}
both_backends!(names_with_bidi_overrides_or_zero_width_characters_are_refused);

async fn a_note_of_twenty_thousand_characters_is_kept_whole(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let notes = format!("/bonds/{bond}/notes");
    // Two bytes a character, six once percent-encoded: far past the usual form limit.
    let letter = format!("{}.", "Дорогой сын, ".repeat(1540))
        .chars()
        .take(20_000)
        .collect::<String>();
    assert_eq!(letter.chars().count(), 20_000);
    app.post(&mum, &notes, &[("body", &letter), ("visibility", "shared")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let stored = stored_note_bodies(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].chars().count(), letter.trim().chars().count());
    assert_eq!(stored[0], letter.trim());
    let over = "y".repeat(20_001);
    app.post(&mum, &notes, &[("body", &over), ("visibility", "shared")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text(
            "#body-error",
            &en_with(
                "form-at-most",
                &[
                    ("what", tandem::i18n::Key("field-the-note").into()),
                    ("max", 20_000.into()),
                    ("len", 20_001.into()),
                ],
            ),
        );
    assert_eq!(app.count("notes").await, 1);
    // The page gives the textarea its limit for the live count, and no silent cut.
    app.get(&mum, &notes)
        .await
        .assert_contains(r#"data-limit="20000""#)
        .assert_lacks(r#"maxlength="2000""#);
}
both_backends!(a_note_of_twenty_thousand_characters_is_kept_whole);

async fn extreme_values_in_queries_and_paths_never_answer_5xx(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let b = format!("/bonds/{bond}");
    for value in EXTREMES {
        let paths = [
            format!("{b}/feelings/insights?period=week&on={value}"),
            format!("{b}/feelings/insights?period={value}&on=2027-01-01"),
            format!("{b}/talk/{value}"),
            format!("{b}/together/memories?year={value}"),
            format!("{b}/together/activities?minutes={value}"),
            format!("{b}/together/plans/new?minutes={value}&title=x"),
            format!("{b}/together/plans/times/plan-{value}/move"),
            format!("{b}/together/plans/times/k3v9x0d2m8q4t7w1s5bz-{value}/move"),
            format!("{b}/together/plans/times/k3v9x0d2m8q4t7w1s5bz-+2621421231T1000/move"),
            format!("{b}/together/activities/{value}"),
            format!("{b}/together/memories/{value}"),
            format!("{b}/feelings/{value}"),
            format!("/calendar/{value}.ics"),
        ];
        for path in paths {
            for who in [&mum, &son] {
                no_server_error(&app.get(who, &path).await, &path);
            }
        }
    }
}
both_backends!(extreme_values_in_queries_and_paths_never_answer_5xx);

//! The Together overview (and Today's "coming up"): what waits for a reflection, the times to come in the reader's own
//! zone, the week against the goal, the latest memories and an idea the other starred; never
//! a word of a reflection before both have written, never another family's bond.

use axum::http::StatusCode;
use chrono::{Duration, Timelike, Utc};
use tandem::plans::{self, NewPlan, Recurrence, schedule};

use super::plans::{make_plan, other_family, plan_fields, today_in};
use crate::both_backends;
use crate::harness::{TestApp, en, en_with};
use crate::talk::access_as;

fn hub(bond: &str) -> String {
    format!("/bonds/{bond}/together")
}

async fn the_overview_shows_what_comes_and_what_waits_for_a_reflection(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let tomorrow = (today_in(chrono_tz::Europe::Lisbon) + Duration::days(1)).to_string();
    make_plan(
        &app,
        &mum,
        &bond,
        &plan_fields(
            "Zqx bike ride",
            &tomorrow,
            "10:00",
            "11:30",
            "Europe/Lisbon",
            "once",
        ),
    )
    .await;

    // Today lists it too, in Iker's own time.
    app.get(&son, "/")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Zqx bike ride")
        .assert_contains("05:00–06:30");

    // A plan that ended an hour ago, written as history (the form refuses the past).
    let access = access_as(&app, "Rosa", &bond).await;
    let tz = chrono_tz::Europe::Lisbon;
    let start = (Utc::now() - Duration::hours(2))
        .with_timezone(&tz)
        .naive_local()
        .with_second(0)
        .unwrap()
        .with_nanosecond(0)
        .unwrap();
    let mut conn = app.db().conn().await.unwrap();
    let past = plans::insert(
        &mut conn,
        &access,
        false,
        &NewPlan {
            activity_id: None,
            title: "Zqx museum".into(),
            place: String::new(),
            tz,
            starts_local: start,
            minutes: 60,
            recurrence: Recurrence::Once,
            until_day: None,
        },
    )
    .await
    .unwrap();
    drop(conn);
    let key = schedule::key_of(&past, start);

    // Rosa stars an activity Iker has not starred.
    let favourite = app
        .post(
            &mum,
            &format!("/bonds/{bond}/together/activities/cooking-bread-from-scratch/favourite"),
            &[("on", "1")],
        )
        .await;
    assert!(favourite.status.is_redirection(), "{}", favourite.status);

    let page = app.get(&son, &hub(&bond)).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Zqx bike ride")
        // Iker lives in Toronto: the time is his, with Lisbon's beside it.
        .assert_text_contains(
            "ul.coming li",
            en_with(
                "together-hub-time-there",
                &[
                    ("day", "".into()),
                    ("start", "05:00".into()),
                    ("end", "06:30".into()),
                    ("there", "10:00".into()),
                    ("city", "Lisbon".into()),
                ],
            )
            .trim_start_matches(", "),
        )
        .assert_text("h2#reflect-heading", &en("together-hub-how-was-it"))
        .assert_contains(&format!("/together/reflect/{key}"))
        .assert_contains("Zqx museum")
        .assert_contains("Bread from scratch")
        .assert_text("h2#goal-heading", &en("together-hub-time-together"));

    // Once Rosa has reflected, Iker learns that she has, and nothing of what she wrote.
    let side = [
        ("highlight", "Zqxsecret the whale room"),
        ("learned", "Zqxsecret maps"),
        ("feeling", ""),
        ("feeling_words", ""),
    ];
    app.post_files(
        &mum,
        &format!("/bonds/{bond}/together/reflect/{key}"),
        &side,
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&son, &hub(&bond)).await;
    page.assert_text(
        "span.hint",
        &en_with(
            "together-hub-partner-has-written",
            &[("partner", "Rosa".into())],
        ),
    );
    assert!(
        !page.body.contains("Zqxsecret"),
        "a reflection leaked before both wrote"
    );
    // Rosa's own overview no longer asks her.
    let hers = app.get(&mum, &hub(&bond)).await;
    assert!(!hers.body.contains(&format!("/together/reflect/{key}")));
}
both_backends!(the_overview_shows_what_comes_and_what_waits_for_a_reflection);

async fn another_familys_overview_is_not_found(app: TestApp) {
    let (_mum, _son, bond) = app.mother_and_son(15).await;
    let (marta, _leo, _) = other_family(&app).await;
    app.get(&marta, &hub(&bond))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
both_backends!(another_familys_overview_is_not_found);

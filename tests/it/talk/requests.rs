//! Talk requests: asking to talk, the other's time, how it went, withdrawing; who may do what;
//! the mail for help now; bad input.

use tandem::mail::MailKind;

use super::*;

/// The one text value a query returns (here: the id of the only request).
async fn scalar(app: &TestApp, sql: &str) -> String {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(sql)
        .fetch_one(c)
        .await)
    .unwrap()
}

async fn a_request_to_talk_goes_from_asked_to_planned_to_done(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let page = format!("/bonds/{bond}/talk/requests");
    app.post(
        &son,
        &page,
        &[
            ("topic", "the school trip money"),
            ("wish", "decide"),
            ("setting", "side_by_side"),
            ("urgency", "this_week"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let id = scalar(&app, "SELECT id FROM talk_requests").await;
    // She sees it on Today with his wish; he sees that he is waiting for a time.
    app.get(&mother, "/")
        .await
        .assert_contains(
            "Iker would like to talk</strong> about the school trip money · Help me decide",
        )
        .assert_contains(&en("today-answer-with-time"));
    app.get(&son, "/")
        .await
        .assert_text("p strong", "You asked Rosa to talk")
        .assert_text("p", "You asked Rosa to talk. Waiting for a time.");
    // The time is hers to give, not his; and a time is needed.
    app.post(&son, &format!("{page}/{id}/plan"), &[("body", "now")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&mother, &format!("{page}/{id}/plan"), &[("body", "  ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The time is needed.");
    assert_eq!(app.count("talk_request_steps").await, 0);
    app.post(
        &mother,
        &format!("{page}/{id}/plan"),
        &[("body", "Saturday, on the walk to the market")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, "/")
        .await
        .assert_text("p strong", "You asked Rosa to talk")
        .assert_text(
            "p",
            "You asked Rosa to talk: Saturday, on the walk to the market",
        );
    // Afterwards: one line each; the first closes it, a second from the same one is refused.
    app.post(
        &son,
        &format!("{page}/{id}/outcome"),
        &[("body", "Glad we did. Sorted.")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(&son, &format!("{page}/{id}/outcome"), &[("body", "again")])
        .await
        .assert_status(StatusCode::CONFLICT);
    app.post(&mother, &format!("{page}/{id}/outcome"), &[("body", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, "/").await.assert_none(".status.request");
    app.get(&mother, &page)
        .await
        .assert_contains(&en("talk-requests-past-heading"))
        .assert_text("p strong", "How it went, for Iker:")
        .assert_text("p", "How it went, for Iker: Glad we did. Sorted.")
        .assert_text("p strong", "How it went, for Rosa:")
        .assert_text("p", "How it went, for Rosa: we talked.");
    // Closed: no new time, no withdrawal.
    app.post(&mother, &format!("{page}/{id}/plan"), &[("body", "Sunday")])
        .await
        .assert_status(StatusCode::CONFLICT);
    app.post(&son, &format!("{page}/{id}/withdraw"), &[])
        .await
        .assert_status(StatusCode::CONFLICT);
}
both_backends!(a_request_to_talk_goes_from_asked_to_planned_to_done);

async fn help_now_is_mailed_without_the_topic_and_can_be_withdrawn(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(17).await;
    let page = format!("/bonds/{bond}/talk/requests");
    app.post(
        &son,
        &page,
        &[
            ("topic", "zqx private worry"),
            ("wish", "help_now"),
            ("setting", "text_first"),
            ("urgency", "today"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let mails: Vec<_> = app
        .mail_to(&mother.email)
        .await
        .into_iter()
        .filter(|m| m.kind == MailKind::TalkRequest)
        .collect();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0]
            .subject
            .contains("Iker would like to talk, and needs help now"),
        "{}",
        mails[0].subject
    );
    assert!(
        !mails[0].body.contains("zqx") && mails[0].body.contains(&page),
        "{}",
        mails[0].body
    );
    app.get(&mother, "/")
        .await
        .assert_contains("status request urgent");
    // Only he can withdraw it.
    let id = scalar(&app, "SELECT id FROM talk_requests").await;
    app.post(&mother, &format!("{page}/{id}/withdraw"), &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&son, &format!("{page}/{id}/withdraw"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/").await.assert_none(".status.request");
    app.get(&mother, &page)
        .await
        .assert_contains(&en("talk-request-is-withdrawn"));
    // A request that is not for help now is not mailed.
    app.post(
        &son,
        &page,
        &[("wish", "listen"), ("setting", "face_to_face")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.mail_to(&mother.email)
            .await
            .iter()
            .filter(|m| m.kind == MailKind::TalkRequest)
            .count(),
        1
    );
}
both_backends!(help_now_is_mailed_without_the_topic_and_can_be_withdrawn);

async fn bad_requests_are_refused_and_other_families_find_nothing(app: TestApp) {
    let (_mother, son, bond) = app.mother_and_son(14).await;
    let page = format!("/bonds/{bond}/talk/requests");
    for (form, message) in [
        (
            vec![("wish", "whatever"), ("setting", "side_by_side")],
            "Choose what you would like",
        ),
        (
            vec![("wish", "listen"), ("setting", "by pigeon")],
            "Choose how you would like to talk.",
        ),
        (
            vec![
                ("wish", "listen"),
                ("setting", "side_by_side"),
                ("urgency", "yesterday"),
            ],
            "Choose how soon.",
        ),
    ] {
        app.post(&son, &page, &form)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(message);
    }
    let long = "t".repeat(121);
    app.post(
        &son,
        &page,
        &[
            ("topic", &long),
            ("wish", "listen"),
            ("setting", "side_by_side"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("at most 120 characters");
    assert_eq!(app.count("talk_requests").await, 0);
    app.post(
        &son,
        &page,
        &[
            ("topic", "<b>bold</b>"),
            ("wish", "listen"),
            ("setting", "side_by_side"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &page).await.assert_lacks("<b>bold</b>");
    let id = scalar(&app, "SELECT id FROM talk_requests").await;
    let stranger = app.sign_up_mother("Stranger").await;
    app.get(&stranger, &page)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("{page}/{id}/plan"), &[("body", "now")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &stranger,
        &page,
        &[("wish", "listen"), ("setting", "side_by_side")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("talk_requests").await, 1);
    assert_eq!(app.count("talk_request_steps").await, 0);
}
both_backends!(bad_requests_are_refused_and_other_families_find_nothing);

async fn a_call_for_help_now_comes_first_and_is_answered_in_one_tap(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let page = format!("/bonds/{bond}/talk/requests");
    // Something calmer first: the call for help must still come before it.
    for (wish, urgency) in [("listen", "this_week"), ("help_now", "today")] {
        app.post(
            &son,
            &page,
            &[
                ("topic", ""),
                ("wish", wish),
                ("setting", "face_to_face"),
                ("urgency", urgency),
            ],
        )
        .await
        .assert_status(StatusCode::SEE_OTHER);
    }
    let today = app.get(&mother, "/").await;
    let first_card = today.select("main section.card h2").remove(0);
    assert_eq!(
        first_card,
        crate::harness::en_with("today-needs-help-now", &[("name", "Iker".into())])
    );
    let calling = en("talk-request-calling-now");
    today.assert_text("section.urgent button", &calling);
    let requests = app.get(&mother, &page).await;
    requests.assert_text("li.request.urgent button", &calling);
    assert_eq!(
        requests.select_attr("li.request", "class")[0],
        "card request urgent",
        "the call for help is listed first"
    );
    let action = today.select_attr("section.urgent form", "action").remove(0);
    app.post(&mother, &action, &[("body", &calling)])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/").await.assert_none("section.urgent");
    app.get(&son, &page).await.assert_contains(&calling);
    app.run_jobs().await;
}
both_backends!(a_call_for_help_now_comes_first_and_is_answered_in_one_tap);

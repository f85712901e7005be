//! Bad input gets a clear 4xx, and nothing is stored, changed or revealed.

use super::*;

async fn answering_twice_is_refused_and_one_answer_is_kept(app: TestApp) {
    let (_mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&son, &talk(&bond))
        .await
        .assert_status(StatusCode::OK);
    answer(&app, &son, &bond, day, "zqx first thoughts").await;
    app.post(
        &son,
        &format!("{}/answer", day_path(&bond, day)),
        &[("body", "zqx second thoughts")],
    )
    .await
    .assert_status(StatusCode::CONFLICT)
    .assert_contains(&en("talk-have-already-answered-question"));
    assert_eq!(
        stored_answers(&app).await,
        vec![(
            "Iker".into(),
            day,
            "private".into(),
            "zqx first thoughts".into()
        )]
    );
    // Neither a skip nor another question once he has answered.
    let before = stored_day(&app, &bond, day).await;
    app.post(&son, &format!("{}/skip", day_path(&bond, day)), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains(&en("talk-have-already-answered-skipped"));
    app.post(&son, &format!("{}/another", day_path(&bond, day)), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains(&en("talk-one-has-already-answered"));
    assert_eq!(stored_day(&app, &bond, day).await, before);
    assert_eq!(
        offers(&app, &bond, day).await,
        vec![before.question_id.clone()]
    );
    app.get(&son, &day_path(&bond, day))
        .await
        .assert_contains(&html(&his_words(before.question())))
        .assert_no_text("button", &en("talk-day-another"))
        .assert_no_text("button", &en("talk-day-skip"));
}
both_backends!(answering_twice_is_refused_and_one_answer_is_kept);

async fn days_the_bond_never_had_and_malformed_days_are_not_found(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let days_before = stored_days(&app, &bond).await;
    assert_eq!(
        days_before.len(),
        1,
        "only today, drawn when Today was opened"
    );
    let never = day - Duration::days(30);
    for who in [&mum, &son] {
        let d = day_path(&bond, never);
        app.get(who, &d).await.assert_status(StatusCode::NOT_FOUND);
        app.post(
            who,
            &format!("{d}/answer"),
            &[("body", "zqx for a day that never was")],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
        app.post(who, &format!("{d}/skip"), &[])
            .await
            .assert_status(StatusCode::NOT_FOUND);
        app.post(who, &format!("{d}/another"), &[])
            .await
            .assert_status(StatusCode::NOT_FOUND);
        for bad in [
            "2026-02-30",
            "yesterday",
            "20260101",
            "2026-01-01x",
            "..%2F..%2Fhistory",
        ] {
            let d = format!("{}/{bad}", talk(&bond));
            app.get(who, &d).await.assert_status(StatusCode::NOT_FOUND);
            app.post(who, &format!("{d}/answer"), &[("body", "zqx malformed")])
                .await
                .assert_status(StatusCode::NOT_FOUND);
            app.post(who, &format!("{d}/skip"), &[])
                .await
                .assert_status(StatusCode::NOT_FOUND);
            app.post(who, &format!("{d}/another"), &[])
                .await
                .assert_status(StatusCode::NOT_FOUND);
        }
    }
    assert_eq!(stored_days(&app, &bond).await, days_before);
    assert_eq!(app.count("answers").await, 0);
    assert_eq!(app.count("question_offers").await, 1);
}
both_backends!(days_the_bond_never_had_and_malformed_days_are_not_found);

async fn empty_and_over_long_answers_are_refused_with_a_message(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    answer(&app, &son, &bond, day, "zqxhis words").await;
    let path = format!("{}/answer", day_path(&bond, day));
    app.post(&mum, &path, &[("body", "   ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text("p.error#answer-body-error", "Your answer is needed.")
        .assert_has("[aria-invalid=true]")
        .assert_lacks("zqxhis");
    let long = format!("zqxlong{}", "a".repeat(1994));
    assert_eq!(long.chars().count(), 2001);
    app.post(&mum, &path, &[("body", &long)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Your answer can be at most 2000 characters (it has 2001).")
        // What she wrote is kept in the form, and his answer is still hidden.
        .assert_contains(&long)
        .assert_lacks("zqxhis");
    let row = stored_day(&app, &bond, day).await;
    assert_eq!((row.mother_state, row.revealed), (None, false));
    assert_eq!(
        stored_answers(&app).await,
        vec![("Iker".into(), day, "private".into(), "zqxhis words".into())]
    );

    // Exactly 2000 characters is fine (and reveals both).
    let longest = &long[..2000];
    answer(&app, &mum, &bond, day, longest).await;
    assert_eq!(
        stored_answers(&app).await,
        vec![
            ("Iker".into(), day, "shared".into(), "zqxhis words".into()),
            ("Rosa".into(), day, "shared".into(), longest.into()),
        ]
    );
}
both_backends!(empty_and_over_long_answers_are_refused_with_a_message);

async fn an_unknown_deck_or_topic_is_a_bad_request(app: TestApp) {
    let (_mum, son, bond, _day) = same_day_pair(&app).await;
    for topic in ["horoscopes", "Memories", "memories; DROP TABLE talk_decks"] {
        app.post(&son, &format!("{}/deck", talk(&bond)), &[("topic", topic)])
            .await
            .assert_status(StatusCode::BAD_REQUEST)
            .assert_contains(&en("talk-please-choose-one-decks"));
        app.get(
            &son,
            &format!("{}/history?topic={}", talk(&bond), topic.replace(' ', "+")),
        )
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    }
    assert_eq!(app.count("talk_decks").await, 0);
}
both_backends!(an_unknown_deck_or_topic_is_a_bad_request);

async fn skipping_twice_is_refused(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let skip = format!("{}/skip", day_path(&bond, day));
    let first = app.post(&mum, &skip, &[]).await;
    first.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(first.location(), day_path(&bond, day));
    app.post(&mum, &skip, &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains(&en("talk-have-already-answered-skipped"));
    let row = stored_day(&app, &bond, day).await;
    assert_eq!(
        (row.mother_state.as_deref(), row.son_state.as_deref()),
        (Some("skipped"), None)
    );
    // Once someone skipped, the question stays.
    app.post(&son, &format!("{}/another", day_path(&bond, day)), &[])
        .await
        .assert_status(StatusCode::CONFLICT);
    assert_eq!(stored_day(&app, &bond, day).await, row);
    assert_eq!(offers(&app, &bond, day).await.len(), 1);
}
both_backends!(skipping_twice_is_refused);

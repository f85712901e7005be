//! "Another one, please" while nobody has touched the question; skipping, after which the other's
//! answer stays theirs alone.

use super::*;

async fn another_question_replaces_an_untouched_one(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let first = stored_day(&app, &bond, day).await;
    app.get(&son, &talk(&bond))
        .await
        .assert_contains(&html(&his_words(first.question())))
        .assert_has(&format!(
            r#"form[action="{}/another"]"#,
            day_path(&bond, day)
        ));

    let swapped = app
        .post(&son, &format!("{}/another", day_path(&bond, day)), &[])
        .await;
    swapped.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(swapped.location(), day_path(&bond, day));
    let second = stored_day(&app, &bond, day).await;
    assert_ne!(second.question_id, first.question_id);
    assert_eq!(second.topic, second.question().topic);
    let mut both = vec![first.question_id.clone(), second.question_id.clone()];
    both.sort();
    assert_eq!(offers(&app, &bond, day).await, both);
    assert_eq!(
        stored_days(&app, &bond).await.len(),
        1,
        "still one question for the day"
    );
    // Both now read the new question, not the old one.
    app.get(&son, &talk(&bond))
        .await
        .assert_contains(&html(&his_words(second.question())))
        .assert_lacks(&html(&his_words(first.question())));
    app.get(&mum, &talk(&bond))
        .await
        .assert_contains(&html(&her_words(second.question())))
        .assert_lacks(&html(&her_words(first.question())));

    // She may ask once more; then answers are to the question in place.
    app.post(&mum, &format!("{}/another", day_path(&bond, day)), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let third = stored_day(&app, &bond, day).await;
    assert!(![&first.question_id, &second.question_id].contains(&&third.question_id));
    assert_eq!(offers(&app, &bond, day).await.len(), 3);
    answer(&app, &son, &bond, day, "zqx answer to the third").await;
    answer(&app, &mum, &bond, day, "zqx hers to the third").await;
    let answered_to: Vec<String> = {
        let mut conn = app.db().conn().await.unwrap();
        tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
            "SELECT question_id FROM answers"
        )
        .fetch_all(c)
        .await)
        .unwrap()
    };
    assert_eq!(
        answered_to,
        vec![third.question_id.clone(), third.question_id.clone()]
    );
    app.post(&mum, &format!("{}/another", day_path(&bond, day)), &[])
        .await
        .assert_status(StatusCode::CONFLICT);
    assert_eq!(
        stored_day(&app, &bond, day).await.question_id,
        third.question_id
    );
    assert!(stored_day(&app, &bond, day).await.revealed);
}
both_backends!(another_question_replaces_an_untouched_one);

async fn when_one_skips_the_others_answer_is_never_revealed(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    answer(&app, &son, &bond, day, "zqxkept a thought of mine").await;
    // He has answered, so she is asked to be sure, and is.
    app.post(
        &mum,
        &format!("{}/skip", day_path(&bond, day)),
        &[("sure", "1")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let row = stored_day(&app, &bond, day).await;
    assert_eq!(
        (
            row.mother_state.as_deref(),
            row.son_state.as_deref(),
            row.revealed
        ),
        (Some("skipped"), Some("answered"), false)
    );

    app.get(&mum, &talk(&bond))
        .await
        .assert_text("p.status", &en("talk-day-you-skipped"))
        .assert_lacks(&en("talk-day-save"))
        .assert_lacks("zqxkept")
        .assert_no_text("button", &en("talk-day-skip"));
    app.get(&son, &talk(&bond))
        .await
        .assert_contains("zqxkept a thought of mine")
        .assert_contains("Rosa skipped this one. Your answer stays yours.");
    // A skip is final: she cannot answer afterwards and so open his answer.
    app.post(
        &mum,
        &format!("{}/answer", day_path(&bond, day)),
        &[("body", "zqx changed my mind")],
    )
    .await
    .assert_status(StatusCode::CONFLICT)
    .assert_contains(&en("talk-skipped-question-stays-unanswered"));
    assert_eq!(
        stored_answers(&app).await,
        vec![(
            "Iker".into(),
            day,
            "private".into(),
            "zqxkept a thought of mine".into()
        )]
    );
    assert_eq!(stored_day(&app, &bond, day).await, row);
    for path in [
        talk(&bond),
        day_path(&bond, day),
        format!("{}/history?q=thought", talk(&bond)),
        "/".to_owned(),
    ] {
        app.get(&mum, &path)
            .await
            .assert_status(StatusCode::OK)
            .assert_lacks("zqxkept");
    }
    app.get(&son, &format!("{}/history?q=thought", talk(&bond)))
        .await
        .assert_contains("zqxkept a thought of mine");
}
both_backends!(when_one_skips_the_others_answer_is_never_revealed);

async fn after_the_other_skipped_an_answer_stays_private(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.post(&son, &format!("{}/skip", day_path(&bond, day)), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &talk(&bond)).await.assert_has(&format!(
        r#"form[action="{}/answer"]"#,
        day_path(&bond, day)
    ));
    answer(&app, &mum, &bond, day, "zqxmine alone").await;
    app.get(&mum, &talk(&bond))
        .await
        .assert_contains("zqxmine alone")
        .assert_contains("Iker skipped this one. Your answer stays yours.");
    app.get(&son, &talk(&bond))
        .await
        .assert_contains(&en("talk-day-you-skipped"))
        .assert_lacks("zqxmine");
    assert_eq!(
        stored_answers(&app).await,
        vec![("Rosa".into(), day, "private".into(), "zqxmine alone".into())]
    );
    assert!(!stored_day(&app, &bond, day).await.revealed);
}
both_backends!(after_the_other_skipped_an_answer_stays_private);

async fn skipping_after_the_other_answered_asks_first(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&mum, &day_path(&bond, day)).await;
    answer(&app, &mum, &bond, day, "Mine first").await;
    let skip = format!("{}/skip", day_path(&bond, day));
    let asked = app.post(&son, &skip, &[]).await;
    asked
        .assert_status(StatusCode::OK)
        .assert_text(
            ".confirm p",
            &crate::harness::en_with("talk-day-skip-sure", &[("partner", "Rosa".into())]),
        )
        .assert_has("input[name=sure][value='1']");
    assert_eq!(
        stored_day(&app, &bond, day).await.son_state,
        None,
        "nothing skipped yet"
    );
    app.post(&son, &skip, &[("sure", "1")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        stored_day(&app, &bond, day).await.son_state.as_deref(),
        Some("skipped")
    );
}
both_backends!(skipping_after_the_other_answered_asks_first);

//! Talking about a revealed pair of answers: replies and reactions, never before the reveal,
//! the listening coach after three questions in a row, and nothing for other families.

use super::*;

async fn replies_come_after_the_reveal_and_the_coach_speaks_after_three_questions(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&son, &talk(&bond))
        .await
        .assert_status(StatusCode::OK);
    let replies = format!("{}/replies", day_path(&bond, day));
    // Before both answered there is nothing to reply to: the same as no such day.
    answer(
        &app,
        &son,
        &bond,
        day,
        "The smell of the bakery on our street.",
    )
    .await;
    app.post(&son, &replies, &[("body", "Did you see mine?")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("answer_replies").await, 0);
    answer(&app, &mum, &bond, day, "My grandmother's kitchen.").await;

    // Three questions in a row from her: the coach suggests reflecting; it never blocks.
    for (n, q) in ["What bakery?", "Which street?", "When was that?"]
        .iter()
        .enumerate()
    {
        app.get(&mum, &day_path(&bond, day))
            .await
            .assert_none(".coach");
        app.post(&mum, &replies, &[("body", q)])
            .await
            .assert_status(StatusCode::SEE_OTHER);
        assert_eq!(app.count("answer_replies").await, n as i64 + 1);
    }
    let page = app.get(&mum, &day_path(&bond, day)).await;
    page.assert_has(".coach")
        .assert_contains("It sounds like you felt … because …")
        .assert_contains("When was that?");
    // Not for him: they were her questions.
    app.get(&son, &day_path(&bond, day))
        .await
        .assert_contains("When was that?")
        .assert_none(".coach");
    app.post(
        &mum,
        &replies,
        &[("body", "It sounds like that street meant a lot to you.")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &day_path(&bond, day))
        .await
        .assert_none(".coach");

    // A reaction; bad input; another family.
    app.post(&son, &replies, &[("reaction", "made-me-smile")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &day_path(&bond, day))
        .await
        .assert_text("p.reaction", "That made me smile");
    app.post(&son, &replies, &[("reaction", "made-up")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(&en("talk-please-pick-one-reactions"));
    let long = "r".repeat(1001);
    app.post(&son, &replies, &[("body", &long)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("at most 1000 characters");
    let stranger = app.sign_up_mother("Stranger").await;
    app.post(&stranger, &replies, &[("body", "hello")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("answer_replies").await, 5);
}
both_backends!(replies_come_after_the_reveal_and_the_coach_speaks_after_three_questions);

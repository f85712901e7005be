//! The key privacy rule: an answer stays its author's alone until both have answered; then both
//! see both. Another family sees nothing and can do nothing.

use super::*;

const HIS: &str = "zqxhidden I would like to build boats";
const HERS: &str = "zqxmums I wanted to be a pilot";

async fn answers_are_revealed_only_once_both_have_answered(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let page = app.get(&son, &talk(&bond)).await;
    page.assert_status(StatusCode::OK)
        .assert_text("h1", "Today's question");
    assert_eq!(day_on_page(&page), day);
    let question = stored_day(&app, &bond, day).await.question();
    page.assert_contains(&html(&his_words(question)));
    let history = format!("{}/history", talk(&bond));
    // A word of his answer (the page repeats the search word itself).
    let search = format!("{history}?q=BOATS");
    let history_before = app.get(&mum, &history).await;
    answer(&app, &son, &bond, day, HIS).await;

    // Her history reads exactly as before: one day, not answered by her.
    let history_after = app.get(&mum, &history).await;
    assert_eq!(history_after.body, history_before.body);
    assert_eq!(history_after.count("li[class=card]"), 1);
    history_after.assert_contains(&en("talk-history-you-not-answered"));
    // She learns that he has answered, and nothing of what.
    let hers = app.get(&mum, &talk(&bond)).await;
    hers.assert_status(StatusCode::OK)
        .assert_text("p.status strong", "Iker has answered.")
        .assert_text(
            "p.status",
            "Iker has answered. Answer too, and you will see each other's answers.",
        )
        .assert_contains(&html(&her_words(question)))
        .assert_has(&format!(
            r#"form[action="{}/answer"]"#,
            day_path(&bond, day)
        ));
    for path in [
        talk(&bond),
        day_path(&bond, day),
        history.clone(),
        search.clone(),
        "/".to_owned(),
    ] {
        app.get(&mum, &path)
            .await
            .assert_status(StatusCode::OK)
            .assert_lacks("zqxhidden");
    }
    app.get(&mum, &search)
        .await
        .assert_contains(&en("talk-history-no-match"));
    app.get(&mum, "/")
        .await
        .assert_text("p.hint strong", "Iker has answered.")
        .assert_text("p.hint", "Iker has answered. Your turn.");
    // He sees his own answer, waiting.
    app.get(&son, &day_path(&bond, day))
        .await
        .assert_contains(HIS)
        .assert_text(
            "p.status",
            "Waiting for Rosa. You will both see each other's answers once Rosa has answered too.",
        );
    app.get(&son, &search).await.assert_contains(HIS);
    // In the database: his answer is private, nothing revealed.
    assert_eq!(
        stored_answers(&app).await,
        vec![("Iker".into(), day, "private".into(), HIS.into())]
    );
    let row = stored_day(&app, &bond, day).await;
    assert_eq!(
        (row.mother_state, row.son_state.as_deref(), row.revealed),
        (None, Some("answered"), false)
    );

    answer(&app, &mum, &bond, day, HERS).await;
    assert_eq!(
        stored_answers(&app).await,
        vec![
            ("Iker".into(), day, "shared".into(), HIS.into()),
            ("Rosa".into(), day, "shared".into(), HERS.into()),
        ]
    );
    let row = stored_day(&app, &bond, day).await;
    assert_eq!(
        (
            row.mother_state.as_deref(),
            row.son_state.as_deref(),
            row.revealed
        ),
        (Some("answered"), Some("answered"), true)
    );
    for who in [&mum, &son] {
        app.get(who, &day_path(&bond, day))
            .await
            .assert_has(r#"div.answers[aria-label="Both answers"]"#)
            .assert_contains(&html(HIS))
            .assert_contains(&html(HERS));
        app.get(who, &search)
            .await
            .assert_contains(&html(HIS))
            .assert_contains(&html(HERS));
        app.get(who, "/")
            .await
            .assert_contains(&en("today-both-answered"));
    }
    app.get(&mum, &day_path(&bond, day))
        .await
        .assert_text("h3", "Iker");
    app.get(&son, &day_path(&bond, day))
        .await
        .assert_text("h3", "Rosa");
}
both_backends!(answers_are_revealed_only_once_both_have_answered);

async fn another_family_finds_no_question_and_stores_nothing(app: TestApp) {
    let (_mum, son, bond, day) = same_day_pair(&app).await;
    answer(&app, &son, &bond, day, HIS).await;
    let stranger = app.sign_up_mother("Eve").await;
    let before = (stored_days(&app, &bond).await, stored_answers(&app).await);
    let counted = counts(&app).await;
    for path in [
        talk(&bond),
        day_path(&bond, day),
        format!("{}/history?q=boats", talk(&bond)),
    ] {
        app.get(&stranger, &path)
            .await
            .assert_status(StatusCode::NOT_FOUND)
            .assert_lacks("zqxhidden");
    }
    let d = day_path(&bond, day);
    for (path, form) in [
        (format!("{d}/answer"), vec![("body", "let me in")]),
        (format!("{d}/skip"), vec![]),
        (format!("{d}/another"), vec![]),
        (format!("{}/deck", talk(&bond)), vec![("topic", "memories")]),
        (format!("{}/deck", talk(&bond)), vec![("topic", "")]),
    ] {
        app.post(&stranger, &path, &form)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    app.get(&stranger, "/")
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("zqxhidden");
    assert_eq!(counts(&app).await, counted);
    assert_eq!(
        (stored_days(&app, &bond).await, stored_answers(&app).await),
        before
    );
}
both_backends!(another_family_finds_no_question_and_stores_nothing);

async fn today_tells_a_member_the_partner_has_answered(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let talk_link = app.get(&mum, "/talk").await;
    talk_link.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(talk_link.location(), talk(&bond));
    let question = stored_day(&app, &bond, day).await.question();
    let before = app.get(&mum, "/").await;
    before
        .assert_text("p.question", &her_words(question))
        .assert_none(".question-card .hint strong")
        .assert_text_starts_with(
            &format!(r#"a[class=button][href="{}"]"#, talk(&bond)),
            "Answer",
        );

    answer(&app, &son, &bond, day, HIS).await;
    app.get(&mum, "/")
        .await
        .assert_text("p.question", &her_words(question))
        .assert_text("p.hint strong", "Iker has answered.")
        .assert_text("p.hint", "Iker has answered. Your turn.")
        .assert_lacks("zqxhidden");
    app.get(&son, "/")
        .await
        .assert_text("p.question", &his_words(question))
        .assert_contains("Your answer is in. Waiting for Rosa.")
        .assert_none(".question-card .hint strong");
}
both_backends!(today_tells_a_member_the_partner_has_answered);

/// Rows of every talk table.
async fn counts(app: &TestApp) -> Vec<i64> {
    let mut n = Vec::new();
    for table in [
        "daily_questions",
        "question_offers",
        "answers",
        "talk_decks",
    ] {
        n.push(app.count(table).await);
    }
    n
}

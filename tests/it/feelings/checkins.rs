//! Check-ins: writing, changing, deleting, who sees them, bad input, answers.

use super::*;

async fn members_create_change_and_delete_their_own_checkins(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    let to_bond = app.get(&son, "/feelings").await;
    to_bond.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(to_bond.location(), home);

    let listed = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("intensity", "4"),
            ("note", "Won the match"),
            ("need", "fun"),
            ("visibility", "private"),
        ],
    )
    .await;
    let own = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("custom_word", "wobbly"),
            ("visibility", "private"),
        ],
    )
    .await;
    assert_eq!(app.count("checkins").await, 2);
    let son_id = member_id(&app, "Iker").await;
    assert_eq!(
        stored(&app, &listed).await,
        (
            son_id.clone(),
            false,
            Some("happy".into()),
            None,
            "bright".into(),
            "private".into()
        )
    );
    assert_eq!(
        stored(&app, &own).await,
        (
            son_id.clone(),
            false,
            None,
            Some("wobbly".into()),
            "heavy".into(),
            "private".into()
        )
    );

    app.get(&son, &format!("{home}/{listed}?saved=1"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&en("feelings-saved-private"))
        .assert_text("h1", "You felt happy")
        .assert_text("h1 span.word", "happy")
        .assert_text("dd", "4 of 5")
        .assert_text("dd", "A bit of fun")
        .assert_contains("Won the match")
        .assert_contains("Bright — pleasant, full of energy")
        .assert_text("dd", &en("feelings-show-only-you"));
    app.get(&son, &format!("{home}/{own}"))
        .await
        .assert_text("h1", "You felt wobbly")
        .assert_text("h1 span.word", "wobbly")
        .assert_contains("Heavy — unpleasant, low energy");
    let page = app.get(&son, &home).await;
    page.assert_text("a[href]", "happy 4/5")
        .assert_text("a[href] strong.word", "happy")
        .assert_text("strong.word + span.intensity", "4/5")
        .assert_text("strong.word", "wobbly");
    assert_eq!(
        page.select("span.badge.private")
            .iter()
            .filter(|badge| *badge == "Only me")
            .count(),
        2
    );

    // The edit form starts from what was stored.
    app.get(&son, &format!("{home}/{listed}/edit"))
        .await
        .assert_status(StatusCode::OK)
        .assert_has("input[name=feeling][value=happy][checked]")
        .assert_has("input[name=visibility][value=private][checked]");
    // A new word and a new audience.
    let edited = app
        .post(
            &son,
            &format!("{home}/{listed}/edit"),
            &[
                ("quadrant", "calm"),
                ("feeling", "calm"),
                ("note", "Calmer now"),
                ("visibility", "shared"),
            ],
        )
        .await;
    edited.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(edited.location(), format!("{home}/{listed}"));
    app.run_jobs().await;
    assert_eq!(
        stored(&app, &listed).await,
        (
            son_id.clone(),
            false,
            Some("calm".into()),
            None,
            "calm".into(),
            "shared".into()
        )
    );
    app.get(&son, &format!("{home}/{listed}"))
        .await
        .assert_text("h1", "You felt calm")
        .assert_text("h1 span.word", "calm")
        .assert_text("dd", "You and Rosa")
        .assert_contains("Calmer now")
        .assert_lacks("4 of 5");
    app.get(&mother, &format!("{home}/{listed}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("h1", "Iker felt calm")
        .assert_text("h1 span.word", "calm");
    // A listed word can become one's own word.
    app.post(
        &son,
        &format!("{home}/{own}/edit"),
        &[
            ("quadrant", "heavy"),
            ("custom_word", "drained"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        stored(&app, &own).await,
        (
            son_id.clone(),
            false,
            None,
            Some("drained".into()),
            "heavy".into(),
            "private".into()
        )
    );

    // Someone else's check-in, even one she can read, is not hers to change or delete.
    app.get(&mother, &format!("{home}/{listed}/edit"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &mother,
        &format!("{home}/{listed}/edit"),
        &[
            ("quadrant", "heavy"),
            ("feeling", "sad"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(&mother, &format!("{home}/{listed}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&mother, &format!("{home}/{own}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("checkins").await, 2);
    assert_eq!(
        stored(&app, &listed).await,
        (
            son_id.clone(),
            false,
            Some("calm".into()),
            None,
            "calm".into(),
            "shared".into()
        )
    );
    app.get(&mother, &format!("{home}/{listed}"))
        .await
        .assert_no_text("a", &en("feelings-show-change"))
        .assert_lacks(&format!("{listed}/delete"));

    // Deleting takes the answers with it.
    app.post(
        &mother,
        &format!("{home}/{listed}/replies"),
        &[("body", "Glad you feel calmer")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("checkin_replies").await, 1);
    let deleted = app
        .post(&son, &format!("{home}/{listed}/delete"), &[])
        .await;
    deleted.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(deleted.location(), home);
    assert_eq!(app.count("checkins").await, 1);
    assert_eq!(app.count("checkin_replies").await, 0);
    app.get(&son, &format!("{home}/{listed}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&mother, &format!("{home}/{listed}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&son, &format!("{home}/{listed}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&son, &home)
        .await
        .assert_no_text("strong", "calm")
        .assert_text("strong", "drained");
}
both_backends!(members_create_change_and_delete_their_own_checkins);

async fn a_sons_private_checkin_never_reaches_his_mother(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    // Both insights views cover the son's own day, whatever the hour.
    let day = today_in(tz_of(&app, "Iker").await)
        .format("%Y-%m-%d")
        .to_string();
    let insights = format!("{home}/insights?period=week&on={day}");
    let secret = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("custom_word", "zqxprivateword"),
            ("note", "zqxprivatenote"),
            ("visibility", "private"),
        ],
    )
    .await;

    // He sees it everywhere that is his.
    app.get(&son, &home).await.assert_contains("zqxprivateword");
    app.get(&son, &format!("{home}/{secret}"))
        .await
        .assert_contains("zqxprivatenote");
    app.get(&son, &insights)
        .await
        .assert_row("All", &["1", "0"])
        .assert_row("Heavy", &["1 (100%)", "0 (0%)"])
        .assert_text("li", "zqxprivateword × 1")
        .assert_text("li span.count", "× 1");

    // She sees nothing of it: no page, no count, no chart.
    let mothers_pages = [
        home.clone(),
        "/".to_owned(),
        format!("{home}/words"),
        format!("{home}/needs"),
        format!("{home}/toolbox"),
        format!("{home}/coaching"),
        insights.clone(),
    ];
    for page in &mothers_pages {
        app.get(&mother, page)
            .await
            .assert_status(StatusCode::OK)
            .assert_lacks("zqxprivate");
    }
    app.get(&mother, &insights)
        .await
        .assert_row("All", &["0", "0"])
        .assert_row("Heavy", &["0 (0%)", "0 (0%)"])
        .assert_contains(&en("feelings-insights-none-theirs"))
        .assert_contains("Iker: bright 0, calm 0, stormy 0, heavy 0");
    app.get(&mother, &format!("{home}/{secret}"))
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_lacks("zqxprivate");
    app.post(
        &mother,
        &format!("{home}/{secret}/replies"),
        &[("body", "I saw it anyway")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &mother,
        &format!("{home}/{secret}/replies"),
        &[("reaction", "sending-a-hug")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("checkin_replies").await, 0);

    // A shared one reaches her.
    let open = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "stormy"),
            ("custom_word", "zqxsharedword"),
            ("note", "zqxsharednote"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    app.get(&mother, &home)
        .await
        .assert_contains("zqxsharedword")
        .assert_lacks("zqxprivate");
    app.get(&mother, &format!("{home}/{open}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("zqxsharednote");
    app.get(&mother, &insights)
        .await
        .assert_row("All", &["0", "1"])
        .assert_row("Stormy", &["0 (0%)", "1 (100%)"])
        .assert_text("li", "zqxsharedword × 1")
        .assert_text("li span.count", "× 1")
        .assert_lacks("zqxprivate");
    app.get(&son, &insights)
        .await
        .assert_row("All", &["2", "0"]);

    // Made private again, it is gone from her view at once.
    app.post(
        &son,
        &format!("{home}/{open}/edit"),
        &[
            ("quadrant", "stormy"),
            ("custom_word", "zqxsharedword"),
            ("note", "zqxsharednote"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    for page in &mothers_pages {
        app.get(&mother, page)
            .await
            .assert_status(StatusCode::OK)
            .assert_lacks("zqxsharedword")
            .assert_lacks("zqxsharednote");
    }
    app.get(&mother, &insights)
        .await
        .assert_row("All", &["0", "0"]);
    app.get(&mother, &format!("{home}/{open}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &mother,
        &format!("{home}/{open}/replies"),
        &[("body", "Too late")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get(&son, &insights)
        .await
        .assert_row("All", &["2", "0"]);
    assert_eq!(app.count("checkins").await, 2);
}
both_backends!(a_sons_private_checkin_never_reaches_his_mother);

async fn a_mothers_private_checkin_stays_hers_and_other_families_find_nothing(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    let day = today_in(tz_of(&app, "Rosa").await)
        .format("%Y-%m-%d")
        .to_string();
    let insights = format!("{home}/insights?period=week&on={day}");
    let mine = check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("custom_word", "zqxmumword"),
            ("note", "zqxmumnote"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.get(&mother, &home).await.assert_contains("zqxmumword");
    app.get(&mother, &insights)
        .await
        .assert_row("All", &["1", "0"]);
    for page in [
        home.clone(),
        "/".to_owned(),
        format!("{home}/words"),
        insights.clone(),
    ] {
        app.get(&son, &page)
            .await
            .assert_status(StatusCode::OK)
            .assert_lacks("zqxmum");
    }
    app.get(&son, &insights)
        .await
        .assert_row("All", &["0", "0"]);
    app.get(&son, &format!("{home}/{mine}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&son, &format!("{home}/{mine}/replies"), &[("body", "hi")])
        .await
        .assert_status(StatusCode::NOT_FOUND);

    let shared = check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "calm"),
            ("feeling", "calm"),
            ("visibility", "shared"),
        ],
    )
    .await;
    // The worker tells Iker that she shared (the weekly invitation).
    app.run_jobs().await;
    let stranger = app.sign_up_mother("Eve").await;
    for page in [
        home.clone(),
        format!("{home}/check-in?quadrant=calm"),
        format!("{home}/{shared}"),
        format!("{home}/{mine}"),
        format!("{home}/{shared}/edit"),
        format!("{home}/needs"),
        format!("{home}/toolbox"),
        format!("{home}/coaching"),
        format!("{home}/words"),
        insights.clone(),
    ] {
        app.get(&stranger, &page)
            .await
            .assert_status(StatusCode::NOT_FOUND)
            .assert_lacks("zqxmum")
            .assert_lacks("Rosa");
    }
    app.post(
        &stranger,
        &home,
        &[
            ("quadrant", "calm"),
            ("feeling", "calm"),
            ("visibility", "shared"),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &stranger,
        &format!("{home}/{shared}/replies"),
        &[("body", "hello")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &stranger,
        &format!("{home}/{shared}/edit"),
        &[
            ("quadrant", "calm"),
            ("feeling", "calm"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("{home}/{shared}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("{home}/needs"), &[("helps", "tea")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &stranger,
        &format!("{home}/toolbox"),
        &[("strategy", "breathe-square"), ("helped", "yes")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("{home}/invitation/dismiss"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&stranger, "/").await.assert_lacks("zqxmum");
    assert_eq!(app.count("checkins").await, 2);
    assert_eq!(app.count("checkin_replies").await, 0);
    assert_eq!(app.count("needs_profiles").await, 0);
    assert_eq!(app.count("calm_tries").await, 0);
    assert_eq!(stored(&app, &shared).await.5, "shared");
}
both_backends!(a_mothers_private_checkin_stays_hers_and_other_families_find_nothing);

async fn bad_checkins_are_refused_with_a_message_and_nothing_is_stored(app: TestApp) {
    let (_mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    let long_note = "n".repeat(1001);
    let long_word = "w".repeat(31);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "gleeful-made-up"),
                ("visibility", "private"),
            ],
            "Tandem does not know that feeling word.",
        ),
        // A forged form without the quadrant the page always sends.
        (
            vec![("feeling", "gleeful-made-up"), ("visibility", "private")],
            "Tandem does not know that feeling word.",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("intensity", "0"),
                ("visibility", "private"),
            ],
            "Strength goes from 1 (a little) to 5 (very strong).",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("intensity", "6"),
                ("visibility", "private"),
            ],
            "Strength goes from 1 (a little) to 5 (very strong).",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("intensity", "abc"),
                ("visibility", "private"),
            ],
            "Strength goes from 1 (a little) to 5 (very strong).",
        ),
        (
            vec![
                ("feeling", "happy"),
                ("intensity", "6"),
                ("visibility", "private"),
            ],
            "Strength goes from 1 (a little) to 5 (very strong).",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("note", &long_note),
                ("visibility", "private"),
            ],
            "The note can be at most 1000 characters (it has 1001).",
        ),
        (
            vec![
                ("quadrant", "heavy"),
                ("custom_word", &long_word),
                ("visibility", "private"),
            ],
            "Your own word can be at most 30 characters (it has 31).",
        ),
        (
            vec![
                ("quadrant", "heavy"),
                ("custom_word", "low\nand slow"),
                ("visibility", "private"),
            ],
            "Your own word must fit on one line.",
        ),
        (
            vec![("custom_word", "meh"), ("visibility", "private")],
            "Choose the part of the grid your own word belongs to.",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("visibility", "sealed"),
            ],
            "A check-in is either just for you or shared with Rosa.",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("visibility", "public"),
            ],
            "A check-in is either just for you or shared with Rosa.",
        ),
        (
            vec![("quadrant", "bright"), ("feeling", "happy")],
            "A check-in is either just for you or shared with Rosa.",
        ),
        (
            vec![
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("need", "money"),
                ("visibility", "private"),
            ],
            "Please choose one of the needs offered.",
        ),
        (
            vec![("quadrant", "bright"), ("visibility", "private")],
            "Pick the word closest to how you feel, or write your own.",
        ),
        (
            vec![("visibility", "shared")],
            "Pick the word closest to how you feel, or write your own.",
        ),
    ];
    for (form, message) in &cases {
        let response = app.post(&son, &home, form).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}: {}",
            response.body
        );
        assert!(
            response.body.contains(message),
            "{form:?}: expected {message:?} in:\n{}",
            response.body
        );
    }
    // The refused input comes back to be fixed, escaped.
    app.post(
        &son,
        &home,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("note", "<b>kept</b>"),
            ("intensity", "9"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("&#60;b&#62;kept&#60;/b&#62;")
    .assert_has("input[name=feeling][value=happy][checked]");
    // Not a bond of his: not found, before anything is checked.
    app.post(
        &son,
        "/bonds/no-such-bond/feelings",
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    let (_other_mother, _other_son, other_bond) = app.mother_and_son(14).await;
    app.post(
        &son,
        &format!("/bonds/{other_bond}/feelings"),
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "private"),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get(
        &son,
        &format!("/bonds/{bond}/feelings/insights?period=decade"),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST);
    app.get(
        &son,
        &format!("/bonds/{bond}/feelings/insights?period=week&on=yesterday"),
    )
    .await
    .assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(app.count("checkins").await, 0);

    // A word of his own is stored as typed and always shown escaped (as `&#60;` and `&#62;`).
    let id = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "stormy"),
            ("custom_word", "<script>alert(1)</script>"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    assert_eq!(
        stored(&app, &id).await.3.as_deref(),
        Some("<script>alert(1)</script>")
    );
    for page in [format!("{home}/{id}"), home.clone()] {
        app.get(&son, &page)
            .await
            // Shown as the text it is, escaped in the markup.
            .assert_text(".word", "<script>alert(1)</script>")
            .assert_lacks("<script>alert(1)");
    }

    // Answers and tries are checked too.
    let replies = format!("{home}/{id}/replies");
    app.post(&son, &replies, &[("reaction", "high-five-made-up")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(&en("talk-please-pick-one-reactions"));
    app.post(&son, &replies, &[("body", "   ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(&en("talk-write-few-words-tap"));
    app.post(&son, &replies, &[("body", &"r".repeat(1001))])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Your answer can be at most 1000 characters");
    assert_eq!(app.count("checkin_replies").await, 0);
    let toolbox = format!("{home}/toolbox");
    app.post(
        &son,
        &toolbox,
        &[("strategy", "juggle-chainsaws"), ("helped", "yes")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains(&en("feelings-please-pick-one-ideas"));
    app.post(
        &son,
        &toolbox,
        &[("strategy", "breathe-square"), ("helped", "maybe")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains(&en("feelings-say-whether-helped-yes"));
    app.post(
        &son,
        &toolbox,
        &[
            ("strategy", "breathe-square"),
            ("helped", "yes"),
            ("visibility", "sealed"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains(&en("feelings-just-for-you-or-shared"));
    assert_eq!(app.count("calm_tries").await, 0);
    assert_eq!(app.count("checkins").await, 1);
}
both_backends!(bad_checkins_are_refused_with_a_message_and_nothing_is_stored);

async fn a_mother_answers_her_sons_shared_checkin(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    let id = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "stormy"),
            ("feeling", "cross"),
            ("note", "Missed the bus again"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    app.get(&son, &format!("{home}/{id}?saved=1"))
        .await
        .assert_contains("Saved and shared with Rosa.");
    let page = app.get(&mother, &format!("{home}/{id}")).await;
    page.assert_status(StatusCode::OK)
        .assert_text("h1", "Iker felt cross")
        .assert_text("h1 span.word", "cross")
        .assert_contains("Answer Iker")
        .assert_has("details.starters span.starter")
        .assert_text("button[value=sending-a-hug]", "Sending a hug")
        .assert_contains(&en("talk-thread-none"))
        .assert_no_text("a", &en("feelings-show-change"));

    let body = app
        .post(
            &mother,
            &format!("{home}/{id}/replies"),
            &[(
                "body",
                "It sounds like you felt cross because the bus left early",
            )],
        )
        .await;
    body.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(body.location(), format!("{home}/{id}#replies"));
    app.post(
        &mother,
        &format!("{home}/{id}/replies"),
        &[("reaction", "sending-a-hug")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("checkin_replies").await, 2);

    let his = app.get(&son, &format!("{home}/{id}")).await;
    his.assert_text(
        "p.note-body",
        "It sounds like you felt cross because the bus left early",
    )
    .assert_text("p.reaction", "Sending a hug")
    .assert_lacks("No answers yet.");
    assert_eq!(
        his.select("div.note-meta")
            .iter()
            .filter(|meta| *meta == "Rosa")
            .count(),
        2
    );
    // The body came first.
    assert!(
        his.body.find("the bus left early</p>").unwrap()
            < his
                .body
                .find(r#"<p class="reaction">Sending a hug"#)
                .unwrap()
    );
    // He can add to his own shared check-in too.
    app.post(
        &son,
        &format!("{home}/{id}/replies"),
        &[("body", "Thanks mum")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &format!("{home}/{id}"))
        .await
        .assert_contains("Thanks mum")
        .assert_text("div.note-meta", "Iker");

    // A private check-in has no one to answer it: not even its author can.
    let private = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("feeling", "tired"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.post(
        &mother,
        &format!("{home}/{private}/replies"),
        &[("body", "Rest well")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &son,
        &format!("{home}/{private}/replies"),
        &[("reaction", "sending-a-hug")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get(&son, &format!("{home}/{private}"))
        .await
        .assert_none("#replies")
        .assert_lacks(&format!("{private}/replies"));
    assert_eq!(app.count("checkin_replies").await, 3);
}
both_backends!(a_mother_answers_her_sons_shared_checkin);

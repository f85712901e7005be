//! The needs profile, together mode with a little one, and the calm-down toolbox.

use super::*;

async fn each_reads_the_others_needs_profile(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let needs = format!("/bonds/{bond}/feelings/needs");
    // Worded for a teen, and for a mother.
    app.get(&son, &needs)
        .await
        .assert_contains("fed up or angry, what actually helps is")
        .assert_contains("Being left alone for an hour, then food.")
        .assert_contains("Rosa hasn")
        .assert_lacks("what makes you feel better?");
    app.get(&mother, &needs)
        .await
        .assert_contains("A cup of tea and ten quiet minutes, then a hug.")
        .assert_lacks("what actually helps is");

    let saved = app
        .post(
            &son,
            &needs,
            &[
                ("helps", "Music loud, then pizza"),
                ("unhelpful", "Twenty questions at dinner"),
                ("comfort", "Just sit with me"),
                ("signs", "Headphones all day"),
            ],
        )
        .await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), format!("{needs}?saved=1"));
    app.get(&son, &format!("{needs}?saved=1"))
        .await
        .assert_contains("Saved. Rosa can read it now.")
        .assert_text("textarea", "Music loud, then pizza");
    app.post(
        &mother,
        &needs,
        &[("helps", "A walk by the river"), ("comfort", "A long hug")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("needs_profiles").await, 2);

    let hers = app.get(&mother, &needs).await;
    hers.assert_text("dd", "Music loud, then pizza")
        .assert_text("dd", "Twenty questions at dinner")
        .assert_text("dd", "Just sit with me")
        .assert_text("dd", "Headphones all day")
        .assert_text_ends_with("dt", "fed up or angry, what actually helps is…");
    let his = app.get(&son, &needs).await;
    his.assert_text("dd", "A walk by the river")
        .assert_text("dd", "A long hug");
    assert_eq!(his.count("dd"), 2, "unanswered prompts are left out");

    // Too long: refused, kept for fixing, nothing overwritten.
    let long = "x".repeat(601);
    app.post(&son, &needs, &[("helps", "Short"), ("signs", &long)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("This answer can be at most 600 characters (it has 601).")
        .assert_has("[aria-invalid=true]");
    app.get(&mother, &needs)
        .await
        .assert_text("dd", "Music loud, then pizza")
        .assert_no_text("dd", "Short");

    let stranger = app.sign_up_mother("Eve").await;
    app.get(&stranger, &needs)
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_lacks("Music loud");
    app.post(&stranger, &needs, &[("helps", "intruding")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("needs_profiles").await, 2);
}
both_backends!(each_reads_the_others_needs_profile);

async fn a_little_ones_needs_profile_is_asked_in_his_words(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let son_id = member_id(&app, "Tomás").await;
    let bond = app.bond_ids(&mother).await.remove(0);
    let needs = format!("/bonds/{bond}/feelings/needs");
    // Before together mode, she fills in her own, worded for a mother.
    app.get(&mother, &needs)
        .await
        .assert_contains("A cup of tea and ten quiet minutes")
        .assert_lacks("what makes you feel better?");

    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &needs)
        .await
        .assert_contains("When you feel sad or cross, what makes you feel better?")
        .assert_contains("A big hug and my soft blanket.")
        .assert_lacks("what actually helps is");
    app.post(&mother, &needs, &[("helps", "Teddy and a song")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let mut conn = app.db().conn().await.unwrap();
    let row: (String, String, bool) =
        tandem::db_run!(&mut conn, |c| sqlx::query_as::<_, (String, String, bool)>(
            "SELECT member_id, helps, made_together FROM needs_profiles"
        )
        .fetch_one(c)
        .await)
        .unwrap();
    drop(conn);
    assert_eq!(row, (son_id, "Teddy and a song".to_owned(), true));

    app.post(&mother, "/family/acting/stop", &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &needs).await.assert_contains(
        "<dt>When you feel sad or cross, what makes you feel better?</dt><dd>Teddy and a song</dd>",
    );
}
both_backends!(a_little_ones_needs_profile_is_asked_in_his_words);

async fn a_mother_checks_in_with_her_little_son_in_together_mode(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let son_id = member_id(&app, "Tomás").await;
    let bond = app.bond_ids(&mother).await.remove(0);
    let home = format!("/bonds/{bond}/feelings");
    // On her own, she sees the grid of quadrants, not faces.
    app.get(&mother, &home)
        .await
        .assert_none("[class=face]")
        .assert_contains("check-in?quadrant=stormy");

    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&mother, &home).await;
    assert_eq!(page.count("svg[class=face]"), 17, "{}", page.body);
    // A neutral face and a shy one are there for him too.
    page.assert_contains(&format!("{home}/check-in?feeling=happy"))
        .assert_contains(&format!("{home}/check-in?feeling=okay"))
        .assert_contains(&format!("{home}/check-in?feeling=shy"))
        .assert_lacks("check-in?quadrant=");
    let form = app
        .get(&mother, &format!("{home}/check-in?feeling=happy"))
        .await;
    form.assert_status(StatusCode::OK)
        .assert_contains(&en("feelings-form-which-face"))
        .assert_has("input[name=feeling][value=happy][checked]")
        .assert_contains("Share with Rosa")
        .assert_none(r#"[aria-label="Part of the grid"]"#)
        .assert_none("[value=furious]")
        .assert_none("[value=ecstatic]");
    assert_eq!(form.count("[name=feeling]"), 17);
    assert_eq!(form.count("fieldset.words svg[class=face]"), 17);
    // Pleasant words come first for the youngest.
    assert!(
        form.body.find(r#"value="happy""#).unwrap() < form.body.find(r#"value="sad""#).unwrap()
    );
    // Beside her little one, the words page is his: his words, and his examples.
    app.get(&mother, &format!("{home}/words"))
        .await
        .assert_contains("17 words for Tom")
        .assert_text_contains("dd em", "nothing bad happened and nothing special either")
        .assert_lacks("no disasters, no wins");

    let id = check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("need", "together"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    assert_eq!(
        stored(&app, &id).await,
        (
            son_id.clone(),
            true,
            Some("happy".into()),
            None,
            "bright".into(),
            "shared".into()
        )
    );
    app.get(&mother, &format!("{home}/{id}"))
        .await
        .assert_text("h1", "You felt happy")
        .assert_text("h1 span.word", "happy")
        .assert_text("dd", "Time with you")
        .assert_contains(&en("made-together"));

    // Back on her own, it is his check-in, shared with her.
    app.post(&mother, "/family/acting/stop", &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &format!("{home}/{id}"))
        .await
        .assert_text("h1", "Tomás felt happy")
        .assert_text("h1 span.word", "happy")
        .assert_contains(&en("made-together"))
        .assert_no_text("a", &en("feelings-show-change"));
    app.post(&mother, &format!("{home}/{id}/delete"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("checkins").await, 1);
}
both_backends!(a_mother_checks_in_with_her_little_son_in_together_mode);

async fn what_helped_before_is_shown_after_a_hard_feeling(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    app.get(&son, &format!("{home}/toolbox"))
        .await
        .assert_contains(&en("feelings-toolbox-helped-none"))
        .assert_contains("Box breathing")
        .assert_lacks("Balloon tummy");
    let tried = app
        .post(
            &son,
            &format!("{home}/toolbox"),
            &[("strategy", "breathe-square"), ("helped", "yes")],
        )
        .await;
    tried.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        tried.location(),
        format!("{home}/toolbox?recorded=1#helped-heading")
    );
    app.post(
        &son,
        &format!("{home}/toolbox"),
        &[("strategy", "move-wall-push"), ("helped", "no")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("calm_tries").await, 2);
    app.get(&son, &format!("{home}/toolbox?recorded=1"))
        .await
        .assert_contains(&en("feelings-toolbox-recorded"))
        .assert_text("li", "Box breathing · helped 1 time")
        .assert_text("li strong", "Box breathing")
        .assert_no_text_starting("li", "Push the wall · helped")
        .assert_contains("Push the wall — Not this time");

    let stormy = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "stormy"),
            ("feeling", "furious"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    let saved = app.get(&son, &format!("{home}/{stormy}?saved=1")).await;
    saved
        .assert_contains(&en("feelings-show-helped-heading"))
        .assert_text_starts_with("li", "Box breathing — Breathe in for a count of four")
        .assert_text("li strong", "Box breathing")
        .assert_lacks("Push the wall");
    let heavy = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("custom_word", "flattened"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.get(&son, &format!("{home}/{heavy}?saved=1"))
        .await
        .assert_contains(&en("feelings-show-helped-heading"))
        .assert_contains("Box breathing");
    // Not after a pleasant one, and not on her view of his check-in.
    let bright = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.get(&son, &format!("{home}/{bright}?saved=1"))
        .await
        .assert_lacks(&en("feelings-show-helped-heading"))
        .assert_lacks("Box breathing");
    app.get(&mother, &format!("{home}/{stormy}"))
        .await
        .assert_lacks(&en("feelings-show-helped-heading"))
        .assert_lacks("Box breathing");
    // While he picks a word in a hard part of the grid, it is there too; not in a pleasant one,
    // and never on her check-in page.
    app.get(&son, &format!("{home}/check-in?quadrant=stormy"))
        .await
        .assert_contains(&en("feelings-helped-before-heading"))
        .assert_text("strong", "Box breathing");
    app.get(&son, &format!("{home}/check-in?quadrant=calm"))
        .await
        .assert_lacks("Box breathing");
    app.get(&mother, &format!("{home}/check-in?quadrant=stormy"))
        .await
        .assert_lacks("Box breathing");
    // She has tried nothing, so her own hard feeling gets the toolbox, not his history.
    let hers = check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("feeling", "exhausted"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.get(&mother, &format!("{home}/{hers}?saved=1"))
        .await
        .assert_lacks(&en("feelings-show-helped-heading"))
        .assert_contains(&en("feelings-show-might-help-heading"));
}
both_backends!(what_helped_before_is_shown_after_a_hard_feeling);

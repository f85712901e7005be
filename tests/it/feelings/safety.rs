//! The safety net: the reach-out card after the hardest words, shown to the one who checked in
//! and to no one else; the one-tap request to talk; the member's own country setting; when to
//! get help in the coaching guide; safety lines on activities.

use super::*;

/// The card's marker in the page: its section's class.
/// The card that offers help (helplines, a way to ask to talk).
const CARD: &str = "[class='card reach-out']";

fn hopeless_strong(visibility: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("quadrant", "heavy"),
        ("feeling", "hopeless"),
        ("intensity", "5"),
        ("note", "zqx nothing will change"),
        ("visibility", visibility),
    ]
}

/// The `value` of the hidden input `name` in a page.
fn hidden_value(page: &Response, name: &str) -> String {
    let css = format!("input[type=hidden][name={name}]");
    page.select_attr(&css, "value")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {name}"))
}

async fn a_private_hopeless_check_in_shows_him_the_card_with_helplines_of_his_country(
    app: TestApp,
) {
    let (_mother, son, bond) = app.mother_and_son(15).await;
    app.post(&son, "/settings/support", &[("country", "GB")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let id = check_in(&app, &son, &bond, &hopeless_strong("private")).await;
    let page = app
        .get(&son, &format!("/bonds/{bond}/feelings/{id}?saved=1"))
        .await;
    page.assert_status(StatusCode::OK)
        .assert_contains(&en("feelings-saved-private"))
        .assert_has(CARD)
        .assert_contains("That&#39;s a heavy one")
        .assert_contains("Think of one person you trust")
        .assert_contains("Childline")
        .assert_text(r#"a[href="tel:08001111"]"#, "Call 0800 1111")
        .assert_contains("Samaritans")
        .assert_contains("Find A Helpline")
        .assert_contains("call 999 or 112.")
        .assert_contains("last checked in December 2026")
        .assert_has(&format!(r#"form[action="/bonds/{bond}/talk/requests"]"#))
        // Not another country's lines, not a breathing exercise instead of people.
        .assert_lacks("Kids Helpline")
        .assert_lacks("988 Suicide")
        .assert_none("#helped-heading");
    // Without a country: the international lines and a way to choose one.
    app.post(&son, "/settings/support", &[("country", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("support_settings").await, 0);
    app.get(&son, &format!("/bonds/{bond}/feelings/{id}"))
        .await
        .assert_has(CARD)
        .assert_contains("Find A Helpline")
        .assert_text(r#"a[href="/settings/support"]"#, "Choose your country")
        .assert_contains("call your local emergency number.")
        .assert_lacks("Childline");
}
both_backends!(a_private_hopeless_check_in_shows_him_the_card_with_helplines_of_his_country);

async fn the_mother_never_learns_of_the_card_his_word_or_his_country(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    app.post(&son, "/settings/support", &[("country", "GB")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let private = check_in(&app, &son, &bond, &hopeless_strong("private")).await;
    let shared = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("feeling", "devastated"),
            ("visibility", "shared"),
        ],
    )
    .await;
    // He sees the card on both.
    for id in [&private, &shared] {
        app.get(&son, &format!("/bonds/{bond}/feelings/{id}"))
            .await
            .assert_has(CARD);
    }
    app.run_jobs().await;
    let home = format!("/bonds/{bond}/feelings");
    let pages = [
        "/".to_owned(),
        home.clone(),
        format!("{home}/{shared}"),
        format!("{home}/insights"),
        format!("{home}/coaching"),
        "/settings/support".to_owned(),
    ];
    for path in &pages {
        let page = app.get(&mother, path).await;
        page.assert_status(StatusCode::OK)
            .assert_lacks("reach-out")
            .assert_lacks("Thanks for being honest")
            .assert_lacks("hopeless")
            .assert_lacks("zqx")
            .assert_lacks("Childline")
            .assert_none("[value=GB][selected]");
    }
    // The shared one she may read and answer, as before; the private one is not there.
    app.get(&mother, &format!("{home}/{shared}"))
        .await
        .assert_text("h1", "Iker felt devastated")
        .assert_text("h1 span.word", "devastated");
    app.get(&mother, &format!("{home}/{private}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    for mail in app.mail_to(&mother.email).await {
        for secret in [
            "hopeless",
            "zqx",
            "Childline",
            "Samaritans",
            "Thanks for being honest",
            "helpline",
        ] {
            assert!(
                !mail.body.contains(secret) && !mail.subject.contains(secret),
                "{secret} in {}",
                mail.body
            );
        }
    }
    // Nothing is stored about a card having been shown.
    assert_eq!(app.count("talk_requests").await, 0);
    assert_eq!(app.count("support_settings").await, 1);
}
both_backends!(the_mother_never_learns_of_the_card_his_word_or_his_country);

async fn one_tap_asks_the_mother_to_talk_with_no_trace_of_the_check_in(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(16).await;
    let id = check_in(&app, &son, &bond, &hopeless_strong("private")).await;
    let page = app.get(&son, &format!("/bonds/{bond}/feelings/{id}")).await;
    page.assert_contains("I&#39;d like to talk")
        .assert_contains("Rosa gets an ordinary request to talk");
    // The card's form, exactly as the page has it: the talk page's own form, no topic.
    let values: Vec<(&str, String)> = ["wish", "setting", "urgency"]
        .into_iter()
        .map(|name| (name, hidden_value(&page, name)))
        .collect();
    let form: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    page.assert_none("[name=topic]");
    let sent = app
        .post(&son, &format!("/bonds/{bond}/talk/requests"), &form)
        .await;
    sent.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), format!("/bonds/{bond}/talk/requests"));

    let mut conn = app.db().conn().await.unwrap();
    let row: (String, String, String, String, bool) =
        tandem::db_run!(&mut conn, |c| sqlx::query_as(
            "SELECT topic, wish, setting, urgency, made_together FROM talk_requests"
        )
        .fetch_one(c)
        .await)
        .unwrap();
    assert_eq!(
        row,
        (
            "".into(),
            "listen".into(),
            "side_by_side".into(),
            "today".into(),
            false
        )
    );
    drop(conn);
    let today = app.get(&mother, "/").await;
    today
        .assert_text("p strong", "Iker would like to talk")
        .assert_text_starts_with("p", "Iker would like to talk · Just listen")
        .assert_lacks("hopeless")
        .assert_lacks(&id);
    app.get(&mother, &format!("/bonds/{bond}/talk/requests"))
        .await
        .assert_text_ends_with("h3", "Iker would like to talk")
        .assert_lacks("hopeless")
        .assert_lacks(&id);
    // To be listened to is not mailed: no mail tells of it either.
    app.run_jobs().await;
    assert!(
        app.mail_to(&mother.email)
            .await
            .iter()
            .all(|m| m.kind != MailKind::TalkRequest)
    );
}
both_backends!(one_tap_asks_the_mother_to_talk_with_no_trace_of_the_check_in);

async fn a_milder_word_a_light_strength_or_a_note_alone_shows_no_card(app: TestApp) {
    let (_mother, son, bond) = app.mother_and_son(15).await;
    let show = |id: String| format!("/bonds/{bond}/feelings/{id}");
    let cases: [(&[(&str, &str)], bool); 6] = [
        (
            &[
                ("quadrant", "heavy"),
                ("feeling", "sad"),
                ("intensity", "5"),
            ],
            false,
        ),
        (
            &[
                ("quadrant", "stormy"),
                ("feeling", "furious"),
                ("intensity", "5"),
            ],
            false,
        ),
        (
            &[
                ("quadrant", "heavy"),
                ("feeling", "miserable"),
                ("intensity", "2"),
            ],
            false,
        ),
        // Private writing is never read for the card, whatever it says.
        (
            &[
                ("quadrant", "heavy"),
                ("custom_word", "hopeless"),
                ("note", "I feel hopeless, I want to give up"),
            ],
            false,
        ),
        (
            &[
                ("quadrant", "heavy"),
                ("feeling", "miserable"),
                ("intensity", "4"),
            ],
            true,
        ),
        (
            &[
                ("quadrant", "heavy"),
                ("feeling", "hopeless"),
                ("intensity", "1"),
            ],
            true,
        ),
    ];
    for (fields, card) in cases {
        let mut form = fields.to_vec();
        form.push(("visibility", "private"));
        let id = check_in(&app, &son, &bond, &form).await;
        let page = app.get(&son, &show(id)).await;
        assert_eq!(page.count(CARD) > 0, card, "{fields:?}");
    }
}
both_backends!(a_milder_word_a_light_strength_or_a_note_alone_shows_no_card);

async fn the_country_setting_refuses_unknown_codes_and_belongs_to_its_member(app: TestApp) {
    let (mother, son, _bond) = app.mother_and_son(15).await;
    app.get(&son, "/settings")
        .await
        .assert_has(r#"a[href="/settings/support"]"#);
    for wrong in ["UK", "XX", "gb", "<script>"] {
        app.post(&son, "/settings/support", &[("country", wrong)])
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(&en("feelings-support-choose-country"));
    }
    assert_eq!(app.count("support_settings").await, 0, "nothing stored");
    app.post(&son, "/settings/support", &[("country", "NZ")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, "/settings/support?saved=1")
        .await
        .assert_text("option[value=NZ][selected]", "New Zealand")
        .assert_contains("Youthline")
        .assert_text_contains("main", &en("feelings-support-country-hint"));
    // Hers is her own: his choice is not hers to read, and hers does not change his.
    let hers = app.get(&mother, "/settings/support").await;
    hers.assert_none("[value=NZ][selected]")
        .assert_lacks("Youthline");
    app.post(&mother, "/settings/support", &[("country", "IE")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/settings/support")
        .await
        .assert_text("option[value=IE][selected]", "Ireland")
        .assert_contains("50808")
        // A line for children only is not offered to her as her own.
        .assert_lacks("Childline (ISPCC)");
    app.get(&son, "/settings/support")
        .await
        .assert_has("option[value=NZ][selected]");
    assert_eq!(app.count("support_settings").await, 2);
}
both_backends!(the_country_setting_refuses_unknown_codes_and_belongs_to_its_member);

async fn the_coaching_guide_says_when_to_get_help_with_her_helplines(app: TestApp) {
    let (mother, _son, bond) = app.mother_and_son(14).await;
    app.post(&mother, "/settings/support", &[("country", "AU")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &format!("/bonds/{bond}/feelings/coaching"))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("h2#get-help-heading", &en("feelings-coaching-get-help"))
        .assert_contains("Asking does not put the idea in his head")
        .assert_contains("Lifeline")
        .assert_contains("13 11 14")
        .assert_contains("call 000")
        .assert_contains("last checked in December 2026")
        .assert_lacks("Kids Helpline");
}
both_backends!(the_coaching_guide_says_when_to_get_help_with_her_helplines);

async fn her_own_hard_check_in_offers_her_help_but_never_leans_on_a_young_son(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(14).await;
    let id = check_in(&app, &mother, &bond, &hopeless_strong("shared")).await;
    app.run_jobs().await;
    let page = app
        .get(&mother, &format!("/bonds/{bond}/feelings/{id}"))
        .await;
    page.assert_has(CARD)
        .assert_contains("That sounds like a hard place to be")
        .assert_none(&format!(r#"form[action="/bonds/{bond}/talk/requests"]"#));
    // He reads her shared check-in, never her card.
    app.get(&son, &format!("/bonds/{bond}/feelings/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("h1", "Rosa felt hopeless")
        .assert_text("h1 span.word", "hopeless")
        .assert_lacks("reach-out")
        .assert_lacks("hard place to be");
}
both_backends!(her_own_hard_check_in_offers_her_help_but_never_leans_on_a_young_son);

async fn with_a_grown_son_she_may_ask_him_to_talk_in_one_tap(app: TestApp) {
    let (mother, _son, bond) = app.mother_and_son(30).await;
    let id = check_in(&app, &mother, &bond, &hopeless_strong("private")).await;
    app.get(&mother, &format!("/bonds/{bond}/feelings/{id}"))
        .await
        .assert_has(CARD)
        .assert_has(&format!(r#"form[action="/bonds/{bond}/talk/requests"]"#))
        .assert_contains("Iker gets an ordinary request to talk");
}
both_backends!(with_a_grown_son_she_may_ask_him_to_talk_in_one_tap);

async fn together_mode_with_a_little_one_never_shows_the_card(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let son_id = member_id(&app, "Tomás").await;
    let bond = app.bond_ids(&mother).await.remove(0);
    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // None of his words reaches out; a word sent anyway does not bring the card either.
    app.get(&mother, &format!("/bonds/{bond}/feelings/check-in"))
        .await
        .assert_none("[value=hopeless]");
    let id = check_in(&app, &mother, &bond, &hopeless_strong("private")).await;
    app.get(&mother, &format!("/bonds/{bond}/feelings/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("reach-out");
}
both_backends!(together_mode_with_a_little_one_never_shows_the_card);

async fn an_activity_page_shows_its_safety_line(app: TestApp) {
    let (mother, _son, bond) = app.mother_and_son(15).await;
    app.get(
        &mother,
        &format!("/bonds/{bond}/together/activities/cooking-fruit-faces"),
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_text("p.safety strong", "Keep it safe:")
    .assert_text_starts_with("p.safety", "Keep it safe: For a little one, cut grapes");
    app.get(
        &mother,
        &format!("/bonds/{bond}/together/activities/art-blind-portraits"),
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_none("[class=safety]");
}
both_backends!(an_activity_page_shows_its_safety_line);

//! Together mode, real: a mother using Tandem with her young son is not told of what they just
//! did together, finds the way in on Today, and answers the question of the day with him on
//! one screen.

use axum::http::StatusCode;

use crate::both_backends;
use crate::family::{born_years_ago, member_id};
use crate::harness::{TestApp, User, en, en_with};

/// Rosa and her son Nico (4, no login), and their bond.
async fn with_little_one(app: &TestApp) -> (User, String, String) {
    let mum = app.sign_up_mother("Rosa").await;
    app.add_son(&mum, "Nico", &born_years_ago(4)).await;
    let nico = member_id(app, "Nico").await;
    let bond = app.bond_ids(&mum).await.remove(0);
    (mum, nico, bond)
}

async fn today_offers_together_mode_for_a_son_without_a_login_only(app: TestApp) {
    let (mum, nico, _) = with_little_one(&app).await;
    let switch = en_with("today-use-together", &[("name", "Nico".into())]);
    let today = app.get(&mum, "/").await;
    today.assert_text(".together-switch button", &switch);
    assert_eq!(
        today.select_attr(".together-switch", "action"),
        vec![format!("/family/acting/{nico}")]
    );
    app.post(&mum, &format!("/family/acting/{nico}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Already together: no second way in, and no age label on his own page.
    app.get(&mum, "/")
        .await
        .assert_none(".together-switch")
        .assert_lacks(&en("age-band-little"));
    app.post(&mum, "/family/acting/stop", &[]).await;

    // A son with his own login uses his own.
    let (rosa2, _, _) = app.mother_and_son(15).await;
    app.get(&rosa2, "/").await.assert_none(".together-switch");
}
both_backends!(today_offers_together_mode_for_a_son_without_a_login_only);

/// Every page's header offers the way in: straight in with her one son without a login, the
/// family page's choice with two; never while together, never to a son or for a son who
/// has his own login.
async fn the_header_offers_together_mode_on_every_page(app: TestApp) {
    let (mum, nico, _) = with_little_one(&app).await;
    let offer = en_with("acting-offer", &[("son", "Nico".into())]);
    for page in ["/settings", "/family", "/more"] {
        let shown = app.get(&mum, page).await;
        shown.assert_text(".site-header .together-offer button", &offer);
        assert_eq!(
            shown.select_attr(".site-header .together-offer form", "action"),
            vec![format!("/family/acting/{nico}")],
            "{page}"
        );
    }
    app.post(&mum, &format!("/family/acting/{nico}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, "/settings")
        .await
        .assert_has(".site-header .together-banner")
        .assert_none(".together-offer");
    app.post(&mum, "/family/acting/stop", &[]).await;

    // A second little one: the header leads to the choice on the family page.
    app.add_son(&mum, "Ada", &born_years_ago(2)).await;
    let settings = app.get(&mum, "/settings").await;
    settings.assert_text(".together-offer a", &en("acting-offer-choose"));
    assert_eq!(
        settings.select_attr(".together-offer a", "href"),
        vec!["/family#members-heading".to_string()]
    );
    // A son who has left is not offered.
    let ada = member_id(&app, "Ada").await;
    app.exec(
        "UPDATE members SET left_at = created_at WHERE id = $1",
        &[&ada],
    )
    .await;
    app.get(&mum, "/settings")
        .await
        .assert_text(".together-offer button", &offer);

    // A son with his own login, and the son himself, are offered nothing.
    let (rosa2, son, _) = app.mother_and_son(15).await;
    app.get(&rosa2, "/settings")
        .await
        .assert_none(".together-offer");
    app.get(&son, "/settings")
        .await
        .assert_none(".together-offer");
}
both_backends!(the_header_offers_together_mode_on_every_page);

async fn a_check_in_done_together_gives_her_no_nudge_to_share_back(app: TestApp) {
    let (mum, nico, bond) = with_little_one(&app).await;
    app.post(&mum, &format!("/family/acting/{nico}"), &[]).await;
    app.post(
        &mum,
        &format!("/bonds/{bond}/feelings"),
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "shared"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(&mum, "/family/acting/stop", &[]).await;
    app.run_jobs().await;
    assert_eq!(app.count("feeling_invitations").await, 0);
    assert_eq!(app.count("jobs WHERE kind = 'feelings.invite'").await, 0);
    let invite = en_with("today-shared-a-feeling", &[("name", "Nico".into())]);
    let today = app.get(&mum, "/").await;
    today
        .assert_lacks(&invite)
        .assert_lacks(&en_with("today-partner-shared", &[("name", "Nico".into())]))
        .assert_none(".news");
    assert!(
        app.mail_to(&mum.email)
            .await
            .iter()
            .all(|m| m.kind != tandem::mail::MailKind::FeelingsInvitation),
        "no mail nudging her to share back"
    );
}
both_backends!(a_check_in_done_together_gives_her_no_nudge_to_share_back);

async fn together_both_answers_of_the_question_go_in_from_one_screen(app: TestApp) {
    let (mum, nico, bond) = with_little_one(&app).await;
    app.post(&mum, &format!("/family/acting/{nico}"), &[]).await;
    let talk = format!("/bonds/{bond}/talk");
    let page = app.get(&mum, &talk).await;
    page.assert_has("textarea[name=body]")
        .assert_has("textarea[name=hers]")
        .assert_lacks(&en_with(
            "talk-day-answer-hint",
            &[("partner", "Rosa".into())],
        ));
    let action = page
        .select_attr("form[action$='/answer']", "action")
        .remove(0);
    // Hers is needed too while she has not answered: nothing is stored without it.
    app.post(&mum, &action, &[("body", "Dinosaurs"), ("hers", " ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_has("#answer-hers-error");
    assert_eq!(app.count("answers").await, 0);
    app.post(
        &mum,
        &action,
        &[
            ("body", "A dinosaur tree!! With bananas."),
            ("hers", "The sea"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("answers WHERE visibility = 'shared'").await, 2);
    assert_eq!(
        app.count(&format!(
            "answers WHERE made_together AND author_id = '{nico}'"
        ))
        .await,
        1
    );
    assert_eq!(app.count("answers WHERE NOT made_together").await, 1);
    assert_eq!(
        app.count("events").await,
        0,
        "nobody to tell: both were there"
    );
    // Under the answers, a word they add together, not words to her from him.
    app.get(&mum, &talk)
        .await
        .assert_contains("A dinosaur tree!! With bananas.")
        .assert_contains("The sea")
        .assert_text("form h3", &en("talk-day-reply-heading-together"))
        .assert_lacks(&en_with(
            "talk-day-reply-heading",
            &[("partner", "Rosa".into())],
        ))
        .assert_none("fieldset.reactions");
    app.post(&mum, "/family/acting/stop", &[]).await;
    app.get(&mum, &talk)
        .await
        .assert_contains("A dinosaur tree!! With bananas.");
}
both_backends!(together_both_answers_of_the_question_go_in_from_one_screen);

async fn a_little_one_points_at_faces_on_today_and_shows_how_big_with_a_face(app: TestApp) {
    let (mum, nico, bond) = with_little_one(&app).await;
    // On her own, Today offers her the grid.
    app.get(&mum, "/")
        .await
        .assert_has("ul.quadrants")
        .assert_none("ul.faces");
    app.post(&mum, &format!("/family/acting/{nico}"), &[]).await;
    let today = app.get(&mum, "/").await;
    today.assert_none("ul.quadrants");
    assert_eq!(today.count("ul.faces svg.face"), 17);
    let href = format!("/bonds/{bond}/feelings/check-in?feeling=sad");
    assert!(today.select_attr("ul.faces a", "href").contains(&href));

    let form = app.get(&mum, &href).await;
    form.assert_text("fieldset.strength legend", &en("feelings-form-how-big"));
    assert_eq!(form.count("fieldset.strength input[name=intensity]"), 3);
    assert_eq!(form.count("fieldset.strength svg.face"), 3);
    form.assert_none(".inline-choices input[name=intensity]");
    app.post(
        &mum,
        &format!("/bonds/{bond}/feelings"),
        &[
            ("feeling", "sad"),
            ("intensity", "5"),
            ("visibility", "shared"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("checkins WHERE intensity = 5 AND made_together")
            .await,
        1
    );
    app.run_jobs().await;
}
both_backends!(a_little_one_points_at_faces_on_today_and_shows_how_big_with_a_face);

async fn words_for_a_little_one_are_read_aloud_and_written_down_for_him(app: TestApp) {
    let (mum, nico, bond) = with_little_one(&app).await;
    let arg = |reader: &'static str| {
        en_with(
            "feelings-needs-lede",
            &[
                ("partner", "Nico".into()),
                ("role", "son".into()),
                ("reader", reader.into()),
            ],
        )
    };
    // Her own page does not tell her that a four-year-old reads it.
    app.get(&mum, &format!("/bonds/{bond}/feelings/needs"))
        .await
        .assert_text("p.lede", &arg("mother-of-little"));
    app.post(&mum, &format!("/family/acting/{nico}"), &[]).await;
    let his = app
        .get(&mum, &format!("/bonds/{bond}/feelings/needs"))
        .await;
    his.assert_text(
        "p.lede",
        &en_with(
            "feelings-needs-lede",
            &[
                ("partner", "Rosa".into()),
                ("role", "mother".into()),
                ("reader", "little".into()),
            ],
        ),
    );
    let memory = app
        .get(&mum, &format!("/bonds/{bond}/together/memories/new"))
        .await;
    memory
        .assert_text(
            "label[for=highlight]",
            &en_with("memories-highlight", &[("reader", "little".into())]),
        )
        .assert_lacks(&en_with(
            "memories-learned-label",
            &[("reader", "other".into())],
        ));
}
both_backends!(words_for_a_little_one_are_read_aloud_and_written_down_for_him);

async fn together_his_side_then_hers_on_the_same_page_make_one_memory(app: TestApp) {
    use crate::together::reflections::{plan, reflect_path, side};
    let (mum, nico, bond) = with_little_one(&app).await;
    let key = plan(&app, &bond, "Duck pond", chrono::Duration::hours(-3)).await;
    let page = reflect_path(&bond, &key);
    // On her own there is no "hers beside his" to post to.
    app.post_files(&mum, &format!("{page}/hers"), &side("Mine"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&mum, &format!("/family/acting/{nico}"), &[]).await;
    app.get(&mum, &page).await.assert_text(
        "label[for=highlight]",
        &en_with("memories-highlight", &[("reader", "little".into())]),
    );
    app.post_files(&mum, &page, &side("The big duck chased us"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Still together: her side is asked for right there, no switch of mode.
    let next = app.get(&mum, &page).await;
    next.assert_text(
        "form h2",
        &en_with("memories-now-your-side", &[("name", "Rosa".into())]),
    );
    let action = next
        .select_attr("form[action$='/hers']", "action")
        .remove(0);
    let made = app
        .post_files(&mum, &action, &side("His laugh at the duck"), &[])
        .await;
    made.assert_status(StatusCode::SEE_OTHER);
    assert!(
        made.location().contains("/together/memories/"),
        "{}",
        made.location()
    );
    assert_eq!(app.count("memories").await, 1);
    assert_eq!(
        app.count(&format!(
            "reflections WHERE made_together AND author_id = '{nico}'"
        ))
        .await,
        1
    );
    assert_eq!(app.count("reflections WHERE NOT made_together").await, 1);
    app.get(&mum, made.location())
        .await
        .assert_contains("The big duck chased us")
        .assert_contains("His laugh at the duck");
    app.run_jobs().await;
}
both_backends!(together_his_side_then_hers_on_the_same_page_make_one_memory);

async fn together_both_sides_of_a_reflection_go_in_from_one_form(app: TestApp) {
    use crate::together::reflections::{plan, reflect_path, side};
    let (mum, nico, bond) = with_little_one(&app).await;
    let key = plan(&app, &bond, "Kite hill", chrono::Duration::hours(-2)).await;
    let page = reflect_path(&bond, &key);
    app.post(&mum, &format!("/family/acting/{nico}"), &[]).await;
    let form = app.get(&mum, &page).await;
    form.assert_text(
        "form [role=group] h3",
        &en_with("memories-their-side", &[("name", "Nico".into())]),
    )
    .assert_has("form textarea[name=hers_highlight]")
    .assert_has("form select[name=hers_feeling]")
    .assert_text("form button[type=submit]", &en("memories-keep-both-sides"));
    // One file field: the photos of the moment go with his side.
    assert_eq!(form.count("form input[type=file]"), 1);

    // Her side half-written: refused as a whole, nothing stored, both sides typed kept.
    let mut both = side("The kite went so high");
    both.extend([
        ("hers_highlight", ""),
        ("hers_learned", "He holds on tight"),
    ]);
    let refused = app.post_files(&mum, &page, &both, &[]).await;
    refused
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_has("#hers_highlight-error")
        .assert_none("#highlight-error")
        .assert_contains("The kite went so high")
        .assert_contains("He holds on tight");
    assert_eq!(app.count("reflections").await, 0);

    let mut both = side("The kite went so high");
    both.extend([
        ("hers_highlight", "Running down the hill together"),
        ("hers_feeling", ""),
        ("hers_feeling_words", "free"),
    ]);
    let made = app.post_files(&mum, &page, &both, &[]).await;
    made.assert_status(StatusCode::SEE_OTHER);
    assert!(
        made.location().contains("/together/memories/"),
        "{}",
        made.location()
    );
    assert_eq!(app.count("memories").await, 1);
    assert_eq!(
        app.count(&format!(
            "reflections WHERE made_together AND author_id = '{nico}'"
        ))
        .await,
        1
    );
    assert_eq!(app.count("reflections WHERE NOT made_together").await, 1);
    app.get(&mum, made.location())
        .await
        .assert_contains("The kite went so high")
        .assert_contains("Running down the hill together");

    // Her side left empty: his is kept, and hers is asked for on the same page.
    let key = plan(&app, &bond, "Bath boats", chrono::Duration::minutes(-90)).await;
    let page = reflect_path(&bond, &key);
    let mut his_only = side("Boats sank");
    his_only.extend([("hers_highlight", " "), ("hers_learned", "")]);
    app.post_files(&mum, &page, &his_only, &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("reflections").await, 3);
    app.get(&mum, &page)
        .await
        .assert_has("form[action$='/hers']");
}
both_backends!(together_both_sides_of_a_reflection_go_in_from_one_form);

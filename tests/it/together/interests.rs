//! Interests: each member's list, what both like (the same tag, or the same words however they
//! were typed), ideas for both that fit the son's age, "try my world" both ways, removal by the
//! author only, bad input and other families' bonds.

use axum::http::StatusCode;
use tandem::{
    family::AgeBand,
    together::{
        activities,
        interests::{self, tag},
    },
};

use crate::both_backends;
use crate::harness::{Response, TestApp, User};

fn interests_path(bond: &str) -> String {
    format!("/bonds/{bond}/together/interests")
}

async fn tick(app: &TestApp, who: &User, bond: &str, tags: &[&str]) -> Response {
    let form: Vec<(&str, &str)> = tags.iter().map(|t| ("tag", *t)).collect();
    app.post(who, &format!("{}/tags", interests_path(bond)), &form)
        .await
}

async fn add_words(app: &TestApp, who: &User, bond: &str, words: &str) -> Response {
    app.post(
        who,
        &format!("{}/words", interests_path(bond)),
        &[("words", words)],
    )
    .await
}

/// The part of a page from one heading's id to the next section.
fn section<'a>(page: &'a Response, heading_id: &str) -> &'a str {
    let start = page
        .body
        .find(&format!("id=\"{heading_id}\""))
        .unwrap_or_else(|| panic!("no {heading_id} on the page:\n{}", page.body));
    let rest = &page.body[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The id of the first interest the page offers to remove.
#[track_caller]
fn removable(page: &Response) -> String {
    page.body
        .split("/together/interests/")
        .filter_map(|p| p.split('"').next()?.strip_suffix("/delete"))
        .next()
        .expect("an interest to remove")
        .to_owned()
}

/// The activity ids linked from a part of a page.
fn linked_activities(part: &str) -> Vec<String> {
    part.split("/together/activities/")
        .skip(1)
        .map(|p| p.split('"').next().unwrap().to_owned())
        .collect()
}

async fn what_both_like_counts_the_same_tag_and_the_same_words_however_typed(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    tick(&app, &mum, &bond, &["football", "cooking"])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    tick(&app, &son, &bond, &["football", "video-games"])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    add_words(&app, &mum, &bond, "Jazz  Piano")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    add_words(&app, &son, &bond, " jazz piano! ")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Words that name a tag are that tag: "BOARD and card games" is the board-games tag.
    add_words(&app, &mum, &bond, "BOARD and card games").await;
    tick(
        &app,
        &son,
        &bond,
        &["football", "video-games", "board-games"],
    )
    .await;
    add_words(&app, &son, &bond, "ＬＥＧＯ").await;
    add_words(&app, &mum, &bond, "lego").await;

    let page = app.get(&mum, &interests_path(&bond)).await;
    page.assert_status(StatusCode::OK);
    let both = section(&page, "both-heading");
    for shared in ["Football", "Jazz  Piano", "BOARD and card games", "lego"] {
        assert!(
            both.contains(&format!("<li>{shared}</li>")),
            "{shared} in {both}"
        );
    }
    assert!(!both.contains("Cooking") && !both.contains("Video games"));
    // Each sees the other's list as they wrote it.
    let theirs = section(&page, "theirs-heading");
    assert!(
        theirs.contains("jazz piano!")
            && theirs.contains("Video games")
            && theirs.contains("ＬＥＧＯ")
    );
    let his = app.get(&son, &interests_path(&bond)).await;
    assert!(section(&his, "both-heading").contains("<li>jazz piano!</li>"));
    assert!(section(&his, "theirs-heading").contains("Cooking"));
    // Ticked boxes stay ticked.
    his.assert_contains(r#"value="video-games" checked"#)
        .assert_lacks(r#"value="cooking" checked"#);
}
both_backends!(what_both_like_counts_the_same_tag_and_the_same_words_however_typed);

async fn ideas_for_both_suit_the_shared_interest_and_the_sons_age(app: TestApp) {
    for (age, band) in [
        (4, AgeBand::Little),
        (15, AgeBand::Teen),
        (30, AgeBand::Adult),
    ] {
        let app = TestApp::new(app.backend).await.unwrap();
        let (mum, son, bond) = app.mother_and_son(age).await;
        tick(&app, &mum, &bond, &["cooking", "walking"]).await;
        tick(&app, &son, &bond, &["cooking", "walking"]).await;
        let page = app.get(&son, &interests_path(&bond)).await;
        let ideas = linked_activities(section(&page, "ideas-heading"));
        assert!(ideas.len() >= 4, "{band:?}: {ideas:?}");
        let (cooking, walking) = (tag("cooking").unwrap(), tag("walking").unwrap());
        for id in &ideas {
            let a = activities::by_id(id).unwrap();
            assert!(a.fits(band), "{id} for {band:?}");
            let view = tandem::together::ActivityView::from(a);
            assert!(cooking.suits(&view) || walking.suits(&view), "{id}");
        }
        let mut unique = ideas.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ideas.len(), "no idea twice");
        // The same ideas on the next visit.
        let again = app.get(&son, &interests_path(&bond)).await;
        assert_eq!(linked_activities(section(&again, "ideas-heading")), ideas);
    }
}
both_backends!(ideas_for_both_suit_the_shared_interest_and_the_sons_age);

async fn try_my_world_offers_each_side_what_only_the_other_loves(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    tick(&app, &mum, &bond, &["gardening", "football"]).await;
    tick(&app, &son, &bond, &["video-games", "football"]).await;
    add_words(&app, &son, &bond, "Skateboarding zqx").await;

    let hers = app.get(&mum, &interests_path(&bond)).await;
    let world = section(&hers, "world-heading");
    assert!(
        world.contains(
            "Show Iker what you love about <strong>Gardening and plants</strong>: <a href="
        ),
        "{world}"
    );
    assert!(world.contains("Ask Iker to show you <strong>Video games</strong>: <a href="));
    // Words nothing in the library goes with still get an invitation, without an activity.
    assert!(world.contains(
        "Ask Iker to show you <strong>Skateboarding zqx</strong>, and what makes it good."
    ));
    assert!(!world.contains("<strong>Football</strong>"));
    let gardening = tag("gardening").unwrap();
    let shown = linked_activities(world);
    let first = activities::by_id(&shown[0]).unwrap();
    assert!(first.fits(AgeBand::Teen) && gardening.suits(&first.into()));

    let his = app.get(&son, &interests_path(&bond)).await;
    let world = section(&his, "world-heading");
    assert!(world.contains("Show Rosa what you love about <strong>Video games</strong>"));
    assert!(world.contains("Ask Rosa to show you <strong>Gardening and plants</strong>"));
}
both_backends!(try_my_world_offers_each_side_what_only_the_other_loves);

async fn only_the_author_removes_an_interest_and_unticking_removes_a_tag(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    add_words(&app, &mum, &bond, "Old maps zqx").await;
    tick(&app, &mum, &bond, &["history", "space"]).await;
    assert_eq!(app.count("interests").await, 3);
    let id = removable(&app.get(&mum, &interests_path(&bond)).await);
    let remove = format!("{}/{id}/delete", interests_path(&bond));
    app.post(&son, &remove, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("interests").await, 3);
    app.post(&mum, &remove, &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Ticking only one of the two keeps it and removes the other.
    tick(&app, &mum, &bond, &["space"]).await;
    assert_eq!(app.count("interests").await, 1);
    app.get(&son, &interests_path(&bond))
        .await
        .assert_lacks("Old maps zqx")
        .assert_lacks("<li>History</li>")
        .assert_contains("<li>Stars and space</li>");
    // His ticks never touch hers.
    tick(&app, &son, &bond, &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("interests").await, 1);
}
both_backends!(only_the_author_removes_an_interest_and_unticking_removes_a_tag);

async fn bad_interests_are_refused_with_a_message_and_nothing_is_stored(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    tick(&app, &mum, &bond, &["space"]).await;
    // One unknown tag among good ones: nothing changes at all.
    tick(&app, &mum, &bond, &["music", "knitting-zqx"])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(
            r#"<p class="error" id="tags-error">Please choose from the interests listed.</p>"#,
        );
    assert_eq!(app.count("interests").await, 1);
    app.get(&mum, &interests_path(&bond))
        .await
        .assert_contains(r#"value="space" checked"#);
    for (words, message) in [
        ("   ", "Your interest is needed."),
        (
            &"w".repeat(61),
            "Your interest can be at most 60 characters (it has 61).",
        ),
        ("?!…", "Your interest needs a letter or a number."),
        ("two\nlines", "Your interest must fit on one line."),
    ] {
        add_words(&app, &mum, &bond, words)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(&format!(
                r#"<p class="error" id="words-error">{message}</p>"#
            ));
    }
    assert_eq!(app.count("interests").await, 1);
    // The same words twice are kept once.
    add_words(&app, &mum, &bond, "Jazz").await;
    add_words(&app, &mum, &bond, "  JAZZ ")
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("interests").await, 2);
}
both_backends!(bad_interests_are_refused_with_a_message_and_nothing_is_stored);

async fn another_familys_interests_are_not_found(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    add_words(&app, &mum, &bond, "Old maps zqx").await;
    let id = removable(&app.get(&mum, &interests_path(&bond)).await);
    let stranger = app.sign_up_mother("Olga").await;
    app.get(&stranger, &interests_path(&bond))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    tick(&app, &stranger, &bond, &["space"])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    add_words(&app, &stranger, &bond, "Spying")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &stranger,
        &format!("{}/{id}/delete", interests_path(&bond)),
        &[],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("interests").await, 1);
    assert!(interests::tags().len() >= 35);
}
both_backends!(another_familys_interests_are_not_found);

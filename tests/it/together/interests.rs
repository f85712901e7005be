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
use crate::harness::{Response, TestApp, User, en, en_with};
use tandem::i18n::Key;

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

/// The texts of the list items in the section headed by `heading_id`, as written.
fn items(page: &Response, heading_id: &str) -> Vec<String> {
    page.select_raw(&format!("section[aria-labelledby={heading_id}] li"))
}

/// Each "try my world" invitation: its words, the interest in bold, whether it links an
/// activity.
fn world_items(page: &Response) -> Vec<(String, String, bool)> {
    let html = page.html();
    let item = scraper::Selector::parse("section[aria-labelledby=world-heading] li p").unwrap();
    let (strong, link) = (
        scraper::Selector::parse("strong").unwrap(),
        scraper::Selector::parse("a[href]").unwrap(),
    );
    html.select(&item)
        .map(|p| {
            let bold = p.select(&strong).flat_map(|s| s.text()).collect();
            (p.text().collect(), bold, p.select(&link).next().is_some())
        })
        .collect()
}

/// Whether an invitation starts with `words`, names `interest` in bold, and links an activity
/// (or not).
fn invites(items: &[(String, String, bool)], words: &str, interest: &str, linked: bool) -> bool {
    items
        .iter()
        .any(|(text, bold, link)| text.starts_with(words) && bold == interest && *link == linked)
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
    let both_items = items(&page, "both-heading");
    for shared in ["Football", "Jazz  Piano", "BOARD and card games", "lego"] {
        assert!(
            both_items.iter().any(|i| i == shared),
            "{shared} in {both_items:?}"
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
    assert!(items(&his, "both-heading").contains(&"jazz piano!".to_owned()));
    assert!(section(&his, "theirs-heading").contains("Cooking"));
    // Ticked boxes stay ticked.
    his.assert_has("input[name=tag][value=video-games][checked]")
        .assert_none("input[name=tag][value=cooking][checked]");
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
    let invitations = world_items(&hers);
    assert!(
        invites(
            &invitations,
            "Show Iker what you love about Gardening and plants: ",
            "Gardening and plants",
            true
        ),
        "{invitations:?}"
    );
    assert!(invites(
        &invitations,
        "Ask Iker to show you Video games: ",
        "Video games",
        true
    ));
    // Words nothing in the library goes with still get an invitation, without an activity.
    assert!(invites(
        &invitations,
        "Ask Iker to show you Skateboarding zqx, and what makes it good.",
        "Skateboarding zqx",
        false
    ));
    assert!(invitations.iter().all(|(_, bold, _)| bold != "Football"));
    let gardening = tag("gardening").unwrap();
    let shown = linked_activities(world);
    let first = activities::by_id(&shown[0]).unwrap();
    assert!(first.fits(AgeBand::Teen) && gardening.suits(&first.into()));

    let his = app.get(&son, &interests_path(&bond)).await;
    let invitations = world_items(&his);
    let about = |words: &str, interest: &str| {
        invitations
            .iter()
            .any(|(text, bold, _)| text.starts_with(words) && bold == interest)
    };
    assert!(about(
        "Show Rosa what you love about Video games",
        "Video games"
    ));
    assert!(about(
        "Ask Rosa to show you Gardening and plants",
        "Gardening and plants"
    ));
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
        .assert_no_text("li", "History")
        .assert_text("li", "Stars and space");
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
        .assert_text(
            "p.error#tags-error",
            &en("together-please-choose-from-interests"),
        );
    assert_eq!(app.count("interests").await, 1);
    app.get(&mum, &interests_path(&bond))
        .await
        .assert_has("input[name=tag][value=space][checked]");
    let what = || ("what", Key("field-your-interest").into());
    for (words, message) in [
        ("   ", en_with("form-needed", &[what()])),
        (
            &"w".repeat(61),
            en_with(
                "form-at-most",
                &[what(), ("max", 60.into()), ("len", 61.into())],
            ),
        ),
        ("?!…", en("together-interest-needs-letter")),
        ("two\nlines", en_with("form-one-line", &[what()])),
    ] {
        add_words(&app, &mum, &bond, words)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_text("p.error#words-error", &message);
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

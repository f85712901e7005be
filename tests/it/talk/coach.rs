//! The listening coach on reply forms: three starters that fit the moment and the one
//! replying (his side and his age, or hers), folded away under the answer box, the same on
//! every reload; on check-ins and on revealed questions alike.

use tandem::{
    family::{AgeBand, Role},
    talk::{
        listening::{self, Starter},
        moments::Moment,
    },
};

use super::*;
use crate::{family::born_years_ago, feelings::check_in};

/// The starters a reply form offers, read off the page by id, after checking that they sit
/// in a closed `<details>` that comes after the answer box.
#[track_caller]
fn offered(page: &Response) -> Vec<&'static Starter> {
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count("details.starters"), 1, "{}", page.body);
    page.assert_none("details.starters[open]");
    page.assert_text(
        "details.starters > summary",
        &en("talk-thread-starters-summary"),
    );
    let answer_box = page.body.find("id=\"reply-body\"").expect("an answer box");
    let starters = page.body.find("<details class=\"starters\"").unwrap();
    assert!(answer_box < starters, "the answer box comes first");
    let ids = page.select_attr("details.starters span.starter", "data-starter-id");
    // No starter outside the folded list.
    assert_eq!(page.count("span.starter"), ids.len());
    ids.iter()
        .map(|id| {
            listening::starters()
                .iter()
                .find(|s| &s.id == id)
                .unwrap_or_else(|| panic!("no starter {id}"))
        })
        .collect()
}

/// A catalogue message with markup, as a reader sees its words.
fn words_of(key: &str) -> String {
    let fragment = scraper::Html::parse_fragment(&en(key));
    let text: String = fragment.root_element().text().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ids(starters: &[&Starter]) -> Vec<String> {
    starters.iter().map(|s| s.id.clone()).collect()
}

fn shared(quadrant: &'static str, word: &'static str) -> [(&'static str, &'static str); 3] {
    [
        ("quadrant", quadrant),
        ("feeling", word),
        ("visibility", "shared"),
    ]
}

async fn a_light_checkin_gets_light_starters_and_a_sad_one_gets_sad_ones(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(8).await;
    let home = format!("/bonds/{bond}/feelings");
    for (quadrant, word) in [("bright", "happy"), ("bright", "excited")] {
        let id = check_in(&app, &son, &bond, &shared(quadrant, word)).await;
        let page = app.get(&mother, &format!("{home}/{id}")).await;
        let starters = offered(&page);
        assert_eq!(starters.len(), 3, "{word}");
        for s in &starters {
            assert_eq!(s.side(), Some(Role::Mother), "{}", s.id);
            assert!(s.moments.contains(&Moment::Light), "{word}: {}", s.id);
            assert!(
                !s.moments
                    .iter()
                    .any(|m| matches!(m, Moment::Sad | Moment::Worried)),
                "{word}: {}",
                s.id
            );
        }
        // Therapy phrases stay with the hard moments.
        page.assert_lacks("a lot to carry");
        // The same three on every visit.
        let again = app.get(&mother, &format!("{home}/{id}")).await;
        assert_eq!(ids(&offered(&again)), ids(&starters));
    }
    let sad = check_in(&app, &son, &bond, &shared("heavy", "sad")).await;
    let starters = offered(&app.get(&mother, &format!("{home}/{sad}")).await);
    assert_eq!(starters.len(), 3);
    assert!(
        starters
            .iter()
            .all(|s| s.moments.contains(&Moment::Sad) && s.side() == Some(Role::Mother))
    );
    // Nothing to start with on one's own check-in: there is no one to listen to.
    app.get(&son, &format!("{home}/{sad}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_has("#reply-body")
        .assert_none("details.starters");
    app.run_jobs().await;
}
both_backends!(a_light_checkin_gets_light_starters_and_a_sad_one_gets_sad_ones);

async fn a_son_is_offered_his_own_words_for_his_age(app: TestApp) {
    let (mother, younger, younger_bond) = app.mother_and_son(8).await;
    let link = app
        .invite(&mother, &[("name", "Leo"), ("role", "son")])
        .await;
    let older = app.accept(&link, "Leo", &born_years_ago(16)).await;
    let older_bond = app
        .bond_ids(&older)
        .await
        .into_iter()
        .next()
        .expect("Leo's bond");
    let mothers_texts: Vec<&str> = listening::starters()
        .iter()
        .filter(|s| s.side() == Some(Role::Mother))
        .map(|s| s.text.as_str())
        .collect();
    let mut seen = Vec::new();
    for (son, bond, band) in [
        (&younger, &younger_bond, AgeBand::Child),
        (&older, &older_bond, AgeBand::Teen),
    ] {
        let mut all = Vec::new();
        for (quadrant, word, moment) in [
            ("heavy", "sad", Moment::Sad),
            ("bright", "happy", Moment::Light),
            ("stormy", "worried", Moment::Worried),
        ] {
            let id = check_in(&app, &mother, bond, &shared(quadrant, word)).await;
            let page = app.get(son, &format!("/bonds/{bond}/feelings/{id}")).await;
            let starters = offered(&page);
            assert_eq!(starters.len(), 3);
            for s in &starters {
                assert_eq!(s.side(), Some(Role::Son), "{}", s.id);
                assert!(s.ages.contains(&band), "{band:?}: {}", s.id);
                assert!(s.moments.contains(&moment), "{moment}: {}", s.id);
            }
            for text in &mothers_texts {
                assert!(
                    !page.select("form").concat().contains(text),
                    "{band:?} is offered the mother's {text:?}"
                );
            }
            all.extend(ids(&starters));
        }
        seen.push(all);
    }
    assert_ne!(
        seen[0], seen[1],
        "an 8-year-old and a 16-year-old speak alike"
    );
    app.run_jobs().await;
}
both_backends!(a_son_is_offered_his_own_words_for_his_age);

async fn a_revealed_question_offers_starters_for_its_moment_and_each_side(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&son, &talk(&bond))
        .await
        .assert_status(StatusCode::OK);
    answer(&app, &son, &bond, day, "Pancakes, every time.").await;
    answer(&app, &mum, &bond, day, "Soup on a cold day.").await;
    let moment = Moment::of_question(stored_day(&app, &bond, day).await.question());
    for (who, side) in [(&mum, Role::Mother), (&son, Role::Son)] {
        let page = app.get(who, &day_path(&bond, day)).await;
        let starters = offered(&page);
        assert_eq!(starters.len(), 3);
        for s in &starters {
            assert_eq!(s.side(), Some(side), "{}", s.id);
            assert!(s.moments.contains(&moment), "{moment}: {}", s.id);
            assert!(side == Role::Mother || s.ages.contains(&AgeBand::Teen));
        }
        let again = app.get(who, &day_path(&bond, day)).await;
        assert_eq!(ids(&offered(&again)), ids(&starters));
    }
    app.run_jobs().await;
}
both_backends!(a_revealed_question_offers_starters_for_its_moment_and_each_side);

async fn the_coachs_word_after_three_questions_is_worded_for_the_son(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let id = check_in(&app, &mum, &bond, &shared("heavy", "tired")).await;
    let page = format!("/bonds/{bond}/feelings/{id}");
    for q in ["Why?", "Since when?", "Did you sleep?"] {
        app.post(&son, &format!("{page}/replies"), &[("body", q)])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    let his = app.get(&son, &page).await;
    his.assert_has(".coach");
    let coach = his.select(".coach").concat();
    assert_eq!(coach, words_of("talk-coach-son"));
    assert_ne!(coach, words_of("talk-coach"));
    app.get(&mum, &page).await.assert_none(".coach");
    app.run_jobs().await;
}
both_backends!(the_coachs_word_after_three_questions_is_worded_for_the_son);

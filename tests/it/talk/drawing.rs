//! How questions are drawn over time: a simulated year without repeats, and decks.

use std::collections::{HashMap, HashSet};

use tandem::{family::AgeBand, talk::questions::Topic};

use super::*;

async fn a_simulated_year_repeats_no_question_while_unseen_ones_remain(app: TestApp) {
    let (_mum, _son, bond) = app.mother_and_son(15).await;
    app.exec("DELETE FROM question_offers", &[]).await;
    app.exec("DELETE FROM daily_questions", &[]).await;
    let access = access_as(&app, "Iker", &bond).await;
    let pool: HashSet<&str> = questions::for_band(AgeBand::Teen)
        .map(|q| q.id.as_str())
        .collect();
    assert!(pool.len() >= 80, "teen pool: {}", pool.len());

    let start = NaiveDate::from_ymd_opt(2031, 3, 1).unwrap();
    let mut drawn: Vec<String> = Vec::new();
    for i in 0..365 {
        drawn.push(
            draw(&app, &access, start + Duration::days(i))
                .await
                .question_id,
        );
    }
    assert_eq!(app.count("daily_questions").await, 365);
    assert_eq!(app.count("question_offers").await, 365);
    assert!(
        drawn.iter().all(|id| pool.contains(id.as_str())),
        "only questions for a teen"
    );

    // Each question's first repeat comes only once the whole pool has been offered, and
    // then it is one of the longest unseen.
    let fresh = pool.len().min(365);
    let first: HashSet<&str> = drawn[..fresh].iter().map(String::as_str).collect();
    assert_eq!(first.len(), fresh, "a repeat among the first {fresh} days");
    if pool.len() >= 365 {
        assert_eq!(drawn.iter().collect::<HashSet<_>>().len(), 365);
    } else {
        assert_eq!(
            first, pool,
            "every teen question was offered before any came back"
        );
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, id) in drawn.iter().enumerate() {
            if let Some(before) = last.insert(id, i) {
                assert!(
                    i - before >= pool.len() / 2,
                    "{id} came back after {} days",
                    i - before
                );
            }
        }
    }
    // The stored rows are the days drawn, and opening a day again draws nothing new.
    let stored = stored_days(&app, &bond).await;
    assert_eq!(
        stored
            .iter()
            .map(|d| d.question_id.clone())
            .collect::<Vec<_>>(),
        drawn
    );
    assert_eq!(
        draw(&app, &access, start + Duration::days(100))
            .await
            .question_id,
        drawn[100]
    );
    assert_eq!(app.count("question_offers").await, 365);
}
both_backends!(a_simulated_year_repeats_no_question_while_unseen_ones_remain);

async fn a_deck_focuses_the_next_days_until_it_is_cleared(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let access = access_as(&app, "Iker", &bond).await;
    // The pair's day: Rosa's in Lisbon from midnight there until midnight in Toronto.
    let today = tandem::talk::daily::pair_day(&access);
    let chosen = app
        .post(
            &son,
            &format!("{}/deck", talk(&bond)),
            &[("topic", "memories")],
        )
        .await;
    chosen.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(chosen.location(), format!("{}#deck-heading", talk(&bond)));
    assert_eq!(app.count("talk_decks").await, 1);
    app.get(&son, &talk(&bond)).await.assert_text(
        "option[value=memories][selected]",
        &en("talk-topic-memories"),
    );
    app.get(&mum, &talk(&bond)).await.assert_text(
        "option[value=memories][selected]",
        &en("talk-topic-memories"),
    );

    let topic_of = |d: &Day| d.question().unwrap().topic();
    for i in [1, 2, 3, 12, 13, 14] {
        let d = draw(&app, &access, today + Duration::days(i)).await;
        assert_eq!(topic_of(&d), Topic::Memories, "day {i}");
        assert_eq!(stored_day(&app, &bond, d.day).await.topic, "memories");
    }
    // The deck lasts two weeks; after three days of memories, the next day has another topic.
    let after = draw(&app, &access, today + Duration::days(15)).await;
    assert_ne!(topic_of(&after), Topic::Memories);

    // Cleared (by either of them), the days after three memories vary again.
    app.post(&mum, &format!("{}/deck", talk(&bond)), &[("topic", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("talk_decks").await, 0);
    app.get(&son, &talk(&bond))
        .await
        .assert_text(r#"option[value=""]"#, "Mix them up")
        .assert_none("[value=memories][selected]");
    for i in [4, 5, 6] {
        let d = draw(&app, &access, today + Duration::days(i)).await;
        assert_ne!(topic_of(&d), Topic::Memories, "day {i}");
    }

    // Another question within a deck stays in the deck.
    app.post(
        &son,
        &format!("{}/deck", talk(&bond)),
        &[("topic", "gratitude")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let d = draw(&app, &access, today + Duration::days(7)).await;
    assert_eq!(topic_of(&d), Topic::Gratitude);
    app.post(&son, &format!("{}/another", day_path(&bond, d.day)), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let swapped = stored_day(&app, &bond, d.day).await;
    assert_ne!(swapped.question_id, d.question_id);
    assert_eq!(swapped.question().topic(), Topic::Gratitude);
}
both_backends!(a_deck_focuses_the_next_days_until_it_is_cleared);

/// A side's text names the other where it says `{name}`: her question speaks of him by name,
/// on the question's page, on Today and in the history.
async fn a_question_names_the_other_where_its_text_says_so(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let named = questions::all()
        .iter()
        .find(|q| q.for_mother().contains("{name}") && !q.for_son().contains("{name}"))
        .expect("a question naming the son in her words");
    app.exec(
        "UPDATE daily_questions SET question_id = $1 WHERE bond_id = $2",
        &[&named.id, &bond],
    )
    .await;
    for page in [day_path(&bond, day), "/".to_owned()] {
        app.get(&mum, &page)
            .await
            .assert_contains(&html(&hers_of(named)))
            .assert_lacks("{name}");
    }
    app.get(&son, &day_path(&bond, day))
        .await
        .assert_contains(&html(&his_of(named)))
        .assert_lacks("{name}");
}
both_backends!(a_question_names_the_other_where_its_text_says_so);

//! History: search by a word of a revealed answer or of a question, filter by topic; an answer
//! not yet revealed is found by nobody but its author.

use super::*;

/// Whether a history page lists a day (its link).
fn lists(page: &Response, bond: &str, day: NaiveDate) -> bool {
    page.count(&format!(r#"[href="{}"]"#, day_path(bond, day))) > 0
}

fn search(bond: &str, q: &str, topic: &str) -> String {
    let query = serde_urlencoded::to_string([("q", q), ("topic", topic)]).unwrap();
    format!("{}/history?{query}", talk(bond))
}

/// A word of `text` found in no other text (case-insensitive).
fn distinctive_word<'a>(text: &'a str, others: &[String]) -> &'a str {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 5)
        .find(|w| {
            let w = w.to_lowercase();
            others.iter().all(|o| !o.to_lowercase().contains(&w))
        })
        .unwrap_or_else(|| panic!("no distinctive word in {text:?}"))
}

/// Gives the days questions of four different topics, each with a word of its own, so that a
/// search for that word can only find its day (the draw depends on the bond's random id).
async fn pin_distinct_questions(app: &TestApp, bond: &str, days: [NaiveDate; 4]) {
    let words = |q: &Question| format!("{} {}", q.for_mother(), q.for_son()).to_lowercase();
    // The words the answers in these tests use.
    let answered = "zqx the harbour lantern story rain on the roof old garden my first bicycle \
                    marmalade secret";
    let own_word = |q: &Question, others: &[&Question]| {
        words(q)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 5)
            .any(|w| others.iter().all(|o| !words(o).contains(w)) && !answered.contains(w))
    };
    let mut chosen: Vec<&Question> = Vec::new();
    for q in questions::for_band(tandem::family::AgeBand::Teen) {
        if chosen.iter().any(|c| c.topic == q.topic) {
            continue;
        }
        let mut with = chosen.clone();
        with.push(q);
        let all_distinct = with.iter().all(|x| {
            let others: Vec<&Question> = with.iter().copied().filter(|o| o.id != x.id).collect();
            own_word(x, &others)
        });
        if all_distinct {
            chosen = with;
        }
        if chosen.len() == days.len() {
            break;
        }
    }
    assert_eq!(
        chosen.len(),
        days.len(),
        "four questions with words of their own"
    );
    for (day, q) in days.iter().zip(chosen) {
        app.exec(
            &format!(
                "UPDATE daily_questions SET question_id = '{}', topic = '{}' \
                 WHERE bond_id = '{bond}' AND day = '{day}'",
                q.id, q.topic
            ),
            &[],
        )
        .await;
    }
}

async fn history_finds_revealed_answers_and_questions_and_filters_by_topic(app: TestApp) {
    let (mum, son, bond, today) = same_day_pair(&app).await;
    let access = access_as(&app, "Iker", &bond).await;
    let [a, b, c] = [3, 2, 1].map(|n| today - Duration::days(n));
    for day in [a, b, c] {
        draw(&app, &access, day).await;
    }
    pin_distinct_questions(&app, &bond, [a, b, c, today]).await;
    answer(&app, &son, &bond, a, "zqx the Harbour lantern story").await;
    answer(&app, &mum, &bond, a, "zqx rain on the roof").await;
    answer(&app, &mum, &bond, b, "zqx the old garden").await;
    answer(&app, &son, &bond, b, "zqx my first bicycle").await;
    answer(&app, &son, &bond, c, "zqx marmalade secret").await;
    let rows = stored_days(&app, &bond).await;
    assert_eq!(
        rows.iter().map(|r| (r.day, r.revealed)).collect::<Vec<_>>(),
        vec![(a, true), (b, true), (c, false), (today, false)]
    );

    // Everything, newest first; only what each may read.
    let all = app.get(&mum, &format!("{}/history", talk(&bond))).await;
    all.assert_status(StatusCode::OK)
        .assert_contains("zqx the Harbour lantern story")
        .assert_contains("zqx my first bicycle")
        .assert_lacks("marmalade");
    assert_eq!(all.count("li[class=card]"), 4);
    let order: Vec<usize> = [today, c, b, a]
        .iter()
        .map(|d| {
            all.body
                .find(&format!("href=\"{}\"", day_path(&bond, *d)))
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first");

    // A word of a revealed answer, in any case, finds its day only.
    for who in [&mum, &son] {
        let found = app.get(who, &search(&bond, "harbour", "")).await;
        found.assert_contains("zqx rain on the roof");
        assert_eq!(
            [a, b, c, today].map(|d| lists(&found, &bond, d)),
            [true, false, false, false]
        );
    }

    // A word of a question's text finds that day.
    let texts = |skip: NaiveDate| -> Vec<String> {
        rows.iter()
            .filter(|r| r.day != skip)
            .flat_map(|r| {
                [
                    r.question().for_mother().to_owned(),
                    r.question().for_son().to_owned(),
                ]
            })
            .chain(
                [
                    "zqx the Harbour lantern story",
                    "zqx rain on the roof",
                    "zqx the old garden",
                    "zqx my first bicycle",
                    "zqx marmalade secret",
                ]
                .map(String::from),
            )
            .collect()
    };
    let word = distinctive_word(rows[1].question().for_mother(), &texts(b));
    let found = app.get(&mum, &search(&bond, word, "")).await;
    assert_eq!(
        [a, b, c, today].map(|d| lists(&found, &bond, d)),
        [false, true, false, false],
        "searching {word:?}"
    );
    let word = distinctive_word(rows[2].question().for_son(), &texts(c));
    let found = app.get(&son, &search(&bond, word, "")).await;
    assert_eq!(
        [a, b, c, today].map(|d| lists(&found, &bond, d)),
        [false, false, true, false],
        "searching {word:?}"
    );

    // The topic filter keeps that topic's days only, and combines with a search.
    for row in &rows {
        let filtered = app.get(&mum, &search(&bond, "", &row.topic)).await;
        filtered
            .assert_status(StatusCode::OK)
            .assert_has(&format!(r#"option[value="{}"][selected]"#, row.topic));
        for other in &rows {
            assert_eq!(
                lists(&filtered, &bond, other.day),
                other.topic == row.topic,
                "topic {} on {}",
                row.topic,
                other.day
            );
        }
    }
    if rows[0].topic != rows[1].topic {
        app.get(&mum, &search(&bond, "harbour", &rows[1].topic))
            .await
            .assert_contains(&en("talk-history-no-match"));
    }
    let topic_a = app
        .get(&son, &search(&bond, "harbour", &rows[0].topic))
        .await;
    assert!(lists(&topic_a, &bond, a));

    // His answer to the third day is not revealed: her search for it finds nothing.
    let hidden = app.get(&mum, &search(&bond, "marmalade", "")).await;
    hidden
        .assert_status(StatusCode::OK)
        .assert_contains(&en("talk-history-no-match"))
        .assert_lacks("marmalade secret");
    assert!(!lists(&hidden, &bond, c));
    let his = app.get(&son, &search(&bond, "marmalade", "")).await;
    his.assert_contains("zqx marmalade secret")
        .assert_contains("Rosa has not answered this one.");
    assert!(lists(&his, &bond, c));
}
both_backends!(history_finds_revealed_answers_and_questions_and_filters_by_topic);

async fn favourites_are_each_members_own_and_filter_the_history(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&son, &talk(&bond))
        .await
        .assert_status(StatusCode::OK);
    let question = his_of(stored_day(&app, &bond, day).await.question());
    let favourite = format!("{}/favourite", day_path(&bond, day));
    app.post(&son, &favourite, &[("on", "1")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &day_path(&bond, day))
        .await
        .assert_contains(&en("talk-day-favourite-on"));
    // Hers is her own list: his favourite is not hers.
    app.get(&mum, &day_path(&bond, day))
        .await
        .assert_contains(&en("talk-day-favourite-off"));
    let only = format!("/bonds/{bond}/talk/history?favourites=1");
    app.get(&son, &only).await.assert_contains(&html(&question));
    app.get(&mum, &only)
        .await
        .assert_contains(&en("talk-history-no-match"));
    app.post(&son, &favourite, &[("on", "0")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &only)
        .await
        .assert_contains(&en("talk-history-no-match"));
    // Only days the bond had; and not for other families.
    let never = format!("{}/favourite", day_path(&bond, day + Duration::days(400)));
    app.post(&son, &never, &[("on", "1")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let stranger = app.sign_up_mother("Stranger").await;
    app.post(&stranger, &favourite, &[("on", "1")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("talk_favourites").await, 0);
}
both_backends!(favourites_are_each_members_own_and_filter_the_history);

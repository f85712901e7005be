//! Each member's "today" is their own local date; one date is one question for both; a son
//! abroad still gets exactly one question a day.

use super::*;

/// The question the viewer reads on a page for a day, checked against the stored row.
#[track_caller]
fn shows(page: &Response, row: &Stored, mother: bool) {
    let q = row.question();
    page.assert_status(StatusCode::OK)
        .assert_contains(&html(if mother { q.for_mother() } else { q.for_son() }));
}

async fn lisbon_and_toronto_each_get_the_question_of_their_own_date(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let her_day = today_in(chrono_tz::Europe::Lisbon);
    let his_day = today_in(chrono_tz::America::Toronto);
    let hers = app.get(&mum, &talk(&bond)).await;
    assert_eq!(day_on_page(&hers), her_day);
    let his = app.get(&son, &talk(&bond)).await;
    assert_eq!(day_on_page(&his), his_day);
    shows(&hers, &stored_day(&app, &bond, her_day).await, true);
    shows(&his, &stored_day(&app, &bond, his_day).await, false);
    let days: Vec<NaiveDate> = stored_days(&app, &bond)
        .await
        .into_iter()
        .map(|d| d.day)
        .collect();
    if her_day == his_day {
        assert_eq!(days, vec![her_day]);
    } else {
        assert_eq!(days, vec![his_day, her_day]);
    }
    // The same date is the same question for both, whoever opened it first.
    for day in [her_day, his_day] {
        let row = stored_day(&app, &bond, day).await;
        shows(&app.get(&mum, &day_path(&bond, day)).await, &row, true);
        shows(&app.get(&son, &day_path(&bond, day)).await, &row, false);
    }
}
both_backends!(lisbon_and_toronto_each_get_the_question_of_their_own_date);

async fn far_apart_time_zones_give_each_day_its_own_question(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    // UTC+14 and UTC-11: 25 hours apart, so their dates always differ.
    move_to(&app, "Rosa", "Pacific/Kiritimati").await;
    move_to(&app, "Iker", "Pacific/Pago_Pago").await;
    app.exec("DELETE FROM question_offers", &[]).await;
    app.exec("DELETE FROM daily_questions", &[]).await;
    let her_day = today_in(chrono_tz::Pacific::Kiritimati);
    let his_day = today_in(chrono_tz::Pacific::Pago_Pago);
    assert!(her_day > his_day, "{her_day} / {his_day}");

    let hers = app.get(&mum, &talk(&bond)).await;
    assert_eq!(day_on_page(&hers), her_day);
    let his = app.get(&son, &talk(&bond)).await;
    assert_eq!(day_on_page(&his), his_day);
    let rows = stored_days(&app, &bond).await;
    assert_eq!(
        rows.iter().map(|r| r.day).collect::<Vec<_>>(),
        vec![his_day, her_day]
    );
    assert_ne!(rows[0].question_id, rows[1].question_id);
    shows(&his, &rows[0], false);
    shows(&hers, &rows[1], true);
    app.get(&mum, "/")
        .await
        .assert_contains(&html(rows[1].question().for_mother()));
    app.get(&son, "/")
        .await
        .assert_contains(&html(rows[0].question().for_son()));

    // Opening his day again, from either page, draws nothing new.
    for _ in 0..2 {
        assert_eq!(day_on_page(&app.get(&son, &talk(&bond)).await), his_day);
        app.get(&son, "/").await.assert_status(StatusCode::OK);
    }
    assert_eq!(stored_days(&app, &bond).await, rows);
    assert_eq!(app.count("question_offers").await, 2);

    // One date, one question for both.
    shows(
        &app.get(&mum, &day_path(&bond, his_day)).await,
        &rows[0],
        true,
    );
    shows(
        &app.get(&son, &day_path(&bond, her_day)).await,
        &rows[1],
        false,
    );

    // Each answers on their own day; his day is revealed once she answers it too.
    answer(&app, &son, &bond, his_day, "zqx from his side of the world").await;
    answer(&app, &mum, &bond, her_day, "zqx from hers").await;
    assert!(stored_days(&app, &bond).await.iter().all(|r| !r.revealed));
    answer(&app, &mum, &bond, his_day, "zqx catching up on his day").await;
    let rows = stored_days(&app, &bond).await;
    assert_eq!(
        rows.iter().map(|r| r.revealed).collect::<Vec<_>>(),
        vec![true, false]
    );
    app.get(&son, &day_path(&bond, his_day))
        .await
        .assert_contains("zqx catching up on his day");
    app.get(&son, &day_path(&bond, her_day))
        .await
        .assert_lacks("zqx from hers");
}
both_backends!(far_apart_time_zones_give_each_day_its_own_question);

//! One question per pair: wherever the two live, they read the same question at every moment —
//! the question of whoever's day began first — across daylight-saving changes; a late one is
//! pointed to the question the other answered.

use chrono::{DateTime, Datelike, TimeZone};

use super::*;

/// The question the viewer reads on a page for a day, checked against the stored row.
#[track_caller]
fn shows(page: &Response, row: &Stored, mother: bool) {
    let q = row.question();
    page.assert_status(StatusCode::OK)
        .assert_contains(&html(&if mother { her_words(q) } else { his_words(q) }));
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Moves the clock to `when` and signs both in again there (a session lasts 30 days, and
/// these moments lie months ahead).
async fn at(app: &TestApp, when: DateTime<Utc>, mum: &User, son: &User) -> (User, User) {
    app.clock().set(when);
    (app.log_in_as(mum).await, app.log_in_as(son).await)
}

/// Both open the question of the day (on its page and on Today) and read the same one, of
/// `day`.
async fn both_read_the_question_of(
    app: &TestApp,
    mum: &User,
    son: &User,
    bond: &str,
    day: NaiveDate,
) {
    let hers = app.get(mum, &talk(bond)).await;
    let his = app.get(son, &talk(bond)).await;
    assert_eq!(day_on_page(&hers), day, "her day");
    assert_eq!(day_on_page(&his), day, "his day");
    let row = stored_day(app, bond, day).await;
    shows(&hers, &row, true);
    shows(&his, &row, false);
    app.get(mum, "/")
        .await
        .assert_contains(&html(&her_words(row.question())));
    app.get(son, "/")
        .await
        .assert_contains(&html(&his_words(row.question())));
}

async fn nine_hours_apart_they_answer_the_same_question(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(28).await;
    move_to(&app, "Rosa", "Asia/Tokyo").await;
    move_to(&app, "Iker", "Europe/London").await;
    // 20:00 on Friday in London is 05:00 on Saturday in Tokyo: her day began first.
    let (mum, son) = at(&app, utc(2027, 1, 8, 20, 0), &mum, &son).await;
    both_read_the_question_of(&app, &mum, &son, &bond, date(2027, 1, 9)).await;
    // One day drawn for the two of them, not one for each.
    assert_eq!(
        stored_days(&app, &bond)
            .await
            .iter()
            .map(|d| d.day)
            .filter(|d| d.year() == 2027)
            .collect::<Vec<_>>(),
        vec![date(2027, 1, 9)]
    );

    answer(
        &app,
        &mum,
        &bond,
        date(2027, 1, 9),
        "zqx from Tokyo at dawn",
    )
    .await;
    // He sees that she answered the very question in front of him, not another day's.
    app.get(&son, &talk(&bond))
        .await
        .assert_contains(&en_with_html("talk-day-partner-answered", "Rosa"));
    answer(&app, &son, &bond, date(2027, 1, 9), "From London, late").await;
    let row = stored_day(&app, &bond, date(2027, 1, 9)).await;
    assert!(row.revealed, "the blind reveal works across the gap");
    app.get(&son, &talk(&bond))
        .await
        .assert_contains("zqx from Tokyo at dawn");
}
both_backends!(nine_hours_apart_they_answer_the_same_question);

async fn fourteen_hours_apart_across_daylight_saving_one_question_per_day(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(28).await;
    move_to(&app, "Rosa", "Asia/Tokyo").await;
    move_to(&app, "Iker", "America/New_York").await;
    // 14 hours apart: 01:00 on 14 March in Tokyo is 11:00 on the 13th in New York.
    let (mum, son) = at(&app, utc(2027, 3, 13, 16, 0), &mum, &son).await;
    both_read_the_question_of(&app, &mum, &son, &bond, date(2027, 3, 14)).await;
    // New York moves its clocks forward at 07:00 UTC; now 13 hours apart, still the 14th.
    let (mum, son) = at(&app, utc(2027, 3, 14, 14, 0), &mum, &son).await;
    both_read_the_question_of(&app, &mum, &son, &bond, date(2027, 3, 14)).await;
    answer(
        &app,
        &son,
        &bond,
        date(2027, 3, 14),
        "zqx his answer on the 14th",
    )
    .await;
    // Midnight in Tokyo: a new day for both, though it is still morning in New York.
    let (mum, son) = at(&app, utc(2027, 3, 14, 15, 30), &mum, &son).await;
    both_read_the_question_of(&app, &mum, &son, &bond, date(2027, 3, 15)).await;
    assert_eq!(
        stored_days(&app, &bond)
            .await
            .iter()
            .map(|d| d.day)
            .filter(|d| d.year() == 2027)
            .collect::<Vec<_>>(),
        vec![date(2027, 3, 14), date(2027, 3, 15)]
    );

    // She did not answer the 14th in time: her page points her to it, his does not.
    let waiting = day_path(&bond, date(2027, 3, 14));
    let hers = app.get(&mum, &talk(&bond)).await;
    assert_eq!(hers.select_attr(".notice a", "href"), vec![waiting.clone()]);
    app.get(&son, &talk(&bond)).await.assert_none(".notice a");
    answer(&app, &mum, &bond, date(2027, 3, 14), "Mine, a day late").await;
    assert!(stored_day(&app, &bond, date(2027, 3, 14)).await.revealed);
    app.get(&mum, &talk(&bond)).await.assert_none(".notice a");
}
both_backends!(fourteen_hours_apart_across_daylight_saving_one_question_per_day);

async fn twenty_five_hours_apart_they_still_share_one_question(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    // UTC+14 and UTC-11: their dates always differ. Hers began first.
    move_to(&app, "Rosa", "Pacific/Kiritimati").await;
    move_to(&app, "Iker", "Pacific/Pago_Pago").await;
    app.exec("DELETE FROM question_offers", &[]).await;
    app.exec("DELETE FROM daily_questions", &[]).await;
    let her_day = today_in(chrono_tz::Pacific::Kiritimati);
    let his_day = today_in(chrono_tz::Pacific::Pago_Pago);
    assert!(her_day > his_day, "{her_day} / {his_day}");
    both_read_the_question_of(&app, &mum, &son, &bond, her_day).await;
    // Opening it again, from either page, draws nothing new.
    for _ in 0..2 {
        assert_eq!(day_on_page(&app.get(&son, &talk(&bond)).await), her_day);
    }
    assert_eq!(app.count("daily_questions").await, 1);
    assert_eq!(app.count("question_offers").await, 1);
}
both_backends!(twenty_five_hours_apart_they_still_share_one_question);

/// A message with the partner's name, as the page prints it (markup kept, text escaped).
fn en_with_html(key: &str, partner: &str) -> String {
    crate::harness::en_with(key, &[("partner", partner.into())])
}

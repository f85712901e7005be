//! Each kind of news, from where it happens to the other's Today, and what deals with it.

use super::*;
use crate::talk::{answer, day_path, same_day_pair};
use crate::together::plans::{key, make_plan, plan_fields, plans_path, time_path, today_in};

async fn plans_made_moved_cancelled_and_stopped_are_news_for_the_other(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let day = today_in(chrono_tz::Europe::Lisbon) + chrono::Duration::days(10);
    let date = day.to_string();
    let fields = plan_fields(
        "Pancakes, then a walk",
        &date,
        "18:00",
        "19:30",
        "Europe/Lisbon",
        "once",
    );
    let id = make_plan(&app, &mum, &bond, &fields).await;
    let title = "Pancakes, then a walk";
    assert_eq!(
        news(&app, &son).await,
        vec![line("plan-made", "Rosa", title, 1)]
    );
    let k = key(&id, day, "18:00");
    let next = (day + chrono::Duration::days(1)).to_string();
    app.post(
        &mum,
        &time_path(&bond, &k, "move"),
        &[
            ("date", &next),
            ("start", "17:00"),
            ("end", "18:00"),
            ("note", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        news(&app, &son).await,
        vec![
            line("plan-moved", "Rosa", title, 1),
            line("plan-made", "Rosa", title, 1)
        ]
    );
    // The plans page shows all of it: opening it deals with the news.
    app.get(&son, &plans_path(&bond)).await;
    assert!(news(&app, &son).await.is_empty());

    let weekly = plan_fields(
        "Sunday call",
        &date,
        "10:00",
        "10:30",
        "Europe/Lisbon",
        "weekly",
    );
    let rhythm = make_plan(&app, &son, &bond, &weekly).await;
    let k = key(&rhythm, day, "10:00");
    app.post(&son, &time_path(&bond, &k, "cancel"), &[("note", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &son,
        &format!("{}/{rhythm}/stop", plans_path(&bond)),
        &[("note", "")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let from_him = |kind: &str| line_as(kind, "Iker", "son", "Sunday call", 1);
    assert_eq!(
        news(&app, &mum).await,
        vec![
            from_him("plan-stopped"),
            from_him("plan-cancelled"),
            from_him("plan-made")
        ]
    );
    // The batch mail may carry a plan's title: reminder mails carry it already.
    run_next_batch(&app).await;
    let mails = news_mail(&app, &mum, "Iker").await;
    assert_eq!(mails.len(), 1);
    // In the order it happened.
    let lines: Vec<&str> = mails[0]
        .body
        .lines()
        .filter(|l| l.starts_with("- "))
        .collect();
    let mailed = |key: &str| {
        let args = [
            ("name", "Iker".into()),
            ("role", "son".into()),
            ("title", "Sunday call".into()),
        ];
        format!("- {}", en_with(key, &args))
    };
    assert_eq!(
        lines,
        vec![
            mailed("events-mail-plan-made"),
            mailed("events-mail-plan-cancelled"),
            mailed("events-mail-plan-stopped")
        ]
    );
    let stopped = en_with(
        "events-mail-plan-stopped",
        &[
            ("name", "Iker".into()),
            ("role", "son".into()),
            ("title", "Sunday call".into()),
        ],
    );
    assert!(mails[0].body.contains(&stopped), "{}", mails[0].body);
}
both_backends!(plans_made_moved_cancelled_and_stopped_are_news_for_the_other);

async fn an_answer_waits_for_the_other_and_the_second_opens_both(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&mum, &day_path(&bond, day)).await;
    answer(&app, &mum, &bond, day, "zqx the sea at dawn").await;
    let waiting = line("answer-waiting", "Rosa", "", 1);
    assert_eq!(news(&app, &son).await, vec![waiting]);
    let links = app.get(&son, "/").await.select_attr(".news a", "href");
    assert_eq!(links, vec![day_path(&bond, day)]);
    // The answer itself never shows before he answers: not on Today, not in mail.
    app.get(&son, "/").await.assert_lacks("zqx");
    answer(&app, &son, &bond, day, "A cabin in the snow").await;
    assert!(news(&app, &son).await.is_empty(), "answering deals with it");
    assert_eq!(
        news(&app, &mum).await,
        vec![line_as("answers-open", "Iker", "son", "", 1)]
    );
    // Replies under the two answers are news too, and reading the day deals with them.
    let replies = format!("{}/replies", day_path(&bond, day));
    app.post(&son, &replies, &[("body", "Why dawn?")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(&son, &replies, &[("body", "Mine was easy")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        news(&app, &mum).await,
        vec![
            line_as("reply", "Iker", "son", "", 2),
            line_as("answers-open", "Iker", "son", "", 1)
        ]
    );
    app.get(&mum, &day_path(&bond, day)).await;
    assert!(news(&app, &mum).await.is_empty());
    run_next_batch(&app).await;
    assert!(
        news_mail(&app, &mum, "Iker").await.is_empty(),
        "seen, not mailed"
    );
}
both_backends!(an_answer_waits_for_the_other_and_the_second_opens_both);

async fn a_skip_deals_with_the_waiting_answer(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    app.get(&mum, &day_path(&bond, day)).await;
    answer(&app, &mum, &bond, day, "Mine").await;
    assert_eq!(news(&app, &son).await.len(), 1);
    app.post(
        &son,
        &format!("{}/skip", day_path(&bond, day)),
        &[("sure", "1")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert!(news(&app, &son).await.is_empty());
}
both_backends!(a_skip_deals_with_the_waiting_answer);

async fn a_request_to_talk_and_its_answer_are_news_both_ways(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let page = format!("/bonds/{bond}/talk/requests");
    app.post(
        &son,
        &page,
        &[
            ("topic", "zqx the school trip money"),
            ("wish", "decide"),
            ("setting", "side_by_side"),
            ("urgency", "this_week"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let asked = line_as("talk-asked", "Iker", "son", "", 1);
    assert_eq!(news(&app, &mum).await, vec![asked]);
    let id = app.select_one("SELECT id FROM talk_requests").await;
    app.post(
        &mum,
        &format!("{page}/{id}/plan"),
        &[("body", "Saturday, on the walk")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert!(news(&app, &mum).await.is_empty(), "answering deals with it");
    assert_eq!(
        news(&app, &son).await,
        vec![line(
            "talk-time-suggested",
            "Rosa",
            "Saturday, on the walk",
            1
        )]
    );
    run_next_batch(&app).await;
    let mails = news_mail(&app, &son, "Rosa").await;
    assert_eq!(mails.len(), 1);
    // The time she wrote stays behind the login; the topic never left it.
    assert!(!mails[0].body.contains("Saturday"), "{}", mails[0].body);
    for mail in app.mail_to(&mum.email).await {
        assert!(!mail.body.contains("zqx"), "{}", mail.body);
    }
}
both_backends!(a_request_to_talk_and_its_answer_are_news_both_ways);

async fn a_request_for_help_now_is_on_today_and_mailed_once(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let page = format!("/bonds/{bond}/talk/requests");
    app.post(
        &son,
        &page,
        &[
            ("topic", ""),
            ("wish", "help_now"),
            ("setting", "face_to_face"),
            ("urgency", "today"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        news(&app, &mum).await,
        vec![line_as("talk-help-now", "Iker", "son", "", 1)]
    );
    // Its own mail went at once; no batch says it again.
    run_batches_for_a_day(&app).await;
    let mails = app.mail_to(&mum.email).await;
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.kind == MailKind::TalkRequest)
            .count(),
        1
    );
    assert!(news_mail(&app, &mum, "Iker").await.is_empty());
    // He takes it back: the call for help leaves her Today, and that he did is news.
    let id = app.select_one("SELECT id FROM talk_requests").await;
    app.post(&son, &format!("{page}/{id}/withdraw"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        news(&app, &mum).await,
        vec![line_as("talk-withdrawn", "Iker", "son", "", 1)]
    );
}
both_backends!(a_request_for_help_now_is_on_today_and_mailed_once);

async fn a_reply_to_a_shared_check_in_is_news_until_read(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let response = app
        .post(
            &son,
            &format!("/bonds/{bond}/feelings"),
            &[
                ("quadrant", "bright"),
                ("feeling", "happy"),
                ("visibility", "shared"),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let checkin = app.select_one("SELECT id FROM checkins").await;
    let show = format!("/bonds/{bond}/feelings/{checkin}");
    app.post(&mum, &format!("{show}/replies"), &[("body", "So glad!")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(news(&app, &son).await, vec![line("reply", "Rosa", "", 1)]);
    app.get(&son, &show).await;
    assert!(news(&app, &son).await.is_empty());
    app.run_jobs().await;
}
both_backends!(a_reply_to_a_shared_check_in_is_news_until_read);

async fn an_ended_bond_takes_its_news_with_it(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    app.post(
        &mum,
        &format!("/bonds/{bond}/notes"),
        &[("body", "Hello"), ("visibility", "shared")],
    )
    .await;
    assert_eq!(app.count("events").await, 1);
    app.post(&son, "/family/leave", &[("history", "keep")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("events").await, 0);
    assert_eq!(
        app.count("nudges WHERE kind = 'news' AND void_at IS NULL")
            .await,
        0
    );
    app.run_jobs().await;
}
both_backends!(an_ended_bond_takes_its_news_with_it);

async fn deleting_a_check_in_takes_the_news_of_its_replies_with_it(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    app.post(
        &son,
        &format!("/bonds/{bond}/feelings"),
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "shared"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let checkin = app.select_one("SELECT id FROM checkins").await;
    let show = format!("/bonds/{bond}/feelings/{checkin}");
    app.post(&mum, &format!("{show}/replies"), &[("body", "Yay!")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(news(&app, &son).await.len(), 1);
    app.post(&son, &format!("{show}/delete"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert!(news(&app, &son).await.is_empty(), "news that led nowhere");
    run_next_batch(&app).await;
    assert!(news_mail(&app, &son, "Rosa").await.is_empty());
}
both_backends!(deleting_a_check_in_takes_the_news_of_its_replies_with_it);

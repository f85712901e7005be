//! How reminders go out: exactly once, in one mail per batch, within the weekly cap, quiet
//! hours and the member's channels; dismissed from Today; forgotten after a month.

use super::*;

async fn a_reminder_is_sent_exactly_once_across_reruns_and_a_restart(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    plan_at(&app, "Iker", &bond, "Pancakes", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;
    assert_eq!(reminder_mails(&app, &rosa).await.len(), 1);
    assert_eq!(reminder_mails(&app, &iker).await.len(), 1);

    // Another sweep, and every delivery job run again as after a crash of its worker.
    sweep_and_deliver(&app).await;
    app.exec_at(
        "UPDATE jobs SET done_at = NULL, locked_until = NULL, run_at = $1 WHERE kind = 'nudges.deliver'",
        Utc::now() - Duration::seconds(1),
        &[],
    )
    .await;
    assert!(app.run_jobs().await >= 2);
    let app = app.restart().await;
    sweep_and_deliver(&app).await;
    app.run_jobs().await;

    assert_eq!(reminder_mails(&app, &rosa).await.len(), 1);
    assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
    assert_eq!(app.count("nudge_deliveries").await, 2);
    assert_eq!(app.count("nudges WHERE delivered_at IS NOT NULL").await, 2);
}
both_backends!(a_reminder_is_sent_exactly_once_across_reruns_and_a_restart);

async fn two_workers_delivering_the_same_reminders_send_one_mail(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    plan_at(&app, "Iker", &bond, "Chess", in_hours(3), Lisbon).await;
    reminders::sweep(app.db(), Utc::now()).await.unwrap();
    // A second delivery job for the same member and moment, as a second instance might
    // have scheduled.
    let rosa_id = member_id(&app, "Rosa").await;
    app.exec(
        "INSERT INTO jobs (id, kind, job_key, payload, run_at, attempts, created_at)
             SELECT id || 'b', kind, job_key || 'b', payload, run_at, 0, created_at FROM jobs
             WHERE kind = 'nudges.deliver' AND payload LIKE '%' || $1 || '%'",
        &[&rosa_id],
    )
    .await;
    let other = tandem::AppState::start((*app.state.config).clone())
        .await
        .unwrap();
    let (worker_a, worker_b) = (app.state.worker("instance-a"), other.worker("instance-b"));
    let (a, b) = tokio::join!(
        tandem::jobs::run_due(&worker_a),
        tandem::jobs::run_due(&worker_b)
    );
    a.unwrap();
    b.unwrap();
    app.run_jobs().await;
    assert_no_failed_jobs(&app).await;
    assert_eq!(reminder_mails(&app, &rosa).await.len(), 1);
    assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
}
both_backends!(two_workers_delivering_the_same_reminders_send_one_mail);

async fn reminders_due_together_go_out_in_one_mail(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    plan_at(&app, "Iker", &bond, "Bike ride", in_hours(3), Lisbon).await;
    plan_at(&app, "Iker", &bond, "Cinema", in_hours(5), Lisbon).await;
    sweep_and_deliver(&app).await;
    let mails = reminder_mails(&app, &rosa).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "2 reminders from Tandem");
    let (ride, cinema) = (
        mails[0].body.find("Bike ride with Iker"),
        mails[0].body.find("Cinema with Iker"),
    );
    assert!(
        ride.unwrap() < cinema.unwrap(),
        "soonest first: {}",
        mails[0].body
    );
    assert_eq!(app.count("nudge_deliveries").await, 2, "one batch each");
}
both_backends!(reminders_due_together_go_out_in_one_mail);

async fn a_fourth_delivery_in_a_week_is_not_mailed_but_shows_on_today(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    for (n, title) in ["Walk", "Baking", "Museum", "Stargazing"]
        .iter()
        .enumerate()
    {
        plan_at(&app, "Iker", &bond, title, in_hours(3 + n as i64), Lisbon).await;
        sweep_and_deliver(&app).await;
    }
    let mails = reminder_mails(&app, &rosa).await;
    assert_eq!(mails.len(), 3, "the default cap is 3 a week");
    assert!(mails.iter().all(|m| !m.body.contains("Stargazing")));
    let rosa_id = member_id(&app, "Rosa").await;
    assert_eq!(
        app.count(&format!(
            "nudge_deliveries WHERE member_id = '{rosa_id}' AND counts"
        ))
        .await,
        3
    );
    assert_eq!(
        app.count(&format!(
            "nudge_deliveries WHERE member_id = '{rosa_id}' AND NOT counts AND in_app"
        ))
        .await,
        1
    );
    let today = app.get(&rosa, "/").await;
    today
        .assert_contains(&en("reminders-card-heading"))
        .assert_contains("Stargazing")
        .assert_contains("Walk");
}
both_backends!(a_fourth_delivery_in_a_week_is_not_mailed_but_shows_on_today);

async fn quiet_hours_hold_a_reminder_until_they_end(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&iker]).await;
    // Quiet from an hour ago until two hours from now, on Rosa's clock.
    let local = Utc::now().with_timezone(&Lisbon).naive_local();
    let from = (local - Duration::hours(1)).format("%H:%M").to_string();
    let until = local + Duration::hours(2);
    set_reminders(
        &app,
        &rosa,
        true,
        true,
        (&from, &until.format("%H:%M").to_string()),
    )
    .await;
    let end = schedule::instant(Lisbon, until.duration_trunc(TimeDelta::minutes(1)).unwrap());
    plan_at(&app, "Iker", &bond, "Swimming", in_hours(5), Lisbon).await;
    sweep_and_deliver(&app).await;
    assert!(reminder_mails(&app, &rosa).await.is_empty());
    assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
    let waiting = nudges_of(&app, "Rosa").await;
    assert_eq!(
        (waiting[0].1, waiting[0].2),
        (end, false),
        "due when her quiet hours end"
    );

    // Quiet hours chosen after the reminder was scheduled hold it back at delivery too.
    plan_at(&app, "Iker", &bond, "Climbing", in_hours(6), Lisbon).await;
    set_reminders(&app, &rosa, true, true, ("00:00", "00:00")).await;
    reminders::sweep(app.db(), Utc::now()).await.unwrap();
    set_reminders(
        &app,
        &rosa,
        true,
        true,
        (&from, &until.format("%H:%M").to_string()),
    )
    .await;
    make_due_now(&app).await;
    app.run_jobs().await;
    assert!(reminder_mails(&app, &rosa).await.is_empty());
    assert!(
        nudges_of(&app, "Rosa")
            .await
            .iter()
            .all(|n| n.1 == end && !n.2)
    );

    // When they are over, both go out together.
    set_reminders(&app, &rosa, true, true, ("00:00", "00:00")).await;
    make_due_now(&app).await;
    app.run_jobs().await;
    assert_no_failed_jobs(&app).await;
    let mails = reminder_mails(&app, &rosa).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains("Swimming") && mails[0].body.contains("Climbing"));
}
both_backends!(quiet_hours_hold_a_reminder_until_they_end);

async fn with_mail_off_a_reminder_only_shows_on_today(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&iker]).await;
    set_reminders(&app, &rosa, true, false, ("00:00", "00:00")).await;
    plan_at(&app, "Iker", &bond, "Football", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;
    assert!(reminder_mails(&app, &rosa).await.is_empty());
    assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
    app.get(&rosa, "/")
        .await
        .assert_contains("Football")
        .assert_contains("with Iker");
    // Without mail nothing counts against the weekly cap.
    assert_eq!(app.count("nudge_deliveries WHERE counts").await, 1);
}
both_backends!(with_mail_off_a_reminder_only_shows_on_today);

async fn a_reminder_is_dismissed_from_today_by_its_member_only(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    plan_at(&app, "Iker", &bond, "Board games", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;
    let rosa_id = member_id(&app, "Rosa").await;
    let mut conn = app.db().conn().await.unwrap();
    let id: String = db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT id FROM nudges WHERE member_id = $1"
    )
    .bind(&rosa_id)
    .fetch_one(c)
    .await)
    .unwrap();
    drop(conn);
    let today = app.get(&rosa, "/").await;
    today
        .assert_contains("Board games")
        .assert_contains(&format!("/reminders/{id}/dismiss"));
    let path = format!("/reminders/{id}/dismiss");
    app.post(&iker, &path, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&rosa, "/reminders/nosuchreminder/dismiss", &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let done = app.post(&rosa, &path, &[]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/");
    // Today still lists the plan as coming up; only the reminder is gone.
    app.get(&rosa, "/").await.assert_lacks(&path);
    app.get(&iker, "/").await.assert_contains("/dismiss");
}
both_backends!(a_reminder_is_dismissed_from_today_by_its_member_only);

async fn housekeeping_forgets_reminders_a_month_after_they_expired(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    plan_at(&app, "Iker", &bond, "Kayak", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;
    let rosa_id = member_id(&app, "Rosa").await;
    app.exec_at(
        "UPDATE nudges SET expires_at = $1 WHERE member_id = $2",
        Utc::now() - Duration::days(31),
        &[&rosa_id],
    )
    .await;
    app.exec_at(
        "UPDATE nudge_deliveries SET created_at = $1 WHERE member_id = $2",
        Utc::now() - Duration::days(31),
        &[&rosa_id],
    )
    .await;
    let mut conn = app.db().conn().await.unwrap();
    let housekeeping = tandem::jobs::Housekeeping { at: Utc::now() };
    tandem::jobs::enqueue(&mut conn, &housekeeping, Utc::now())
        .await
        .unwrap();
    drop(conn);
    app.run_jobs().await;
    assert_no_failed_jobs(&app).await;
    assert_eq!(app.count("nudges").await, 1, "Iker's is still ahead");
    assert_eq!(app.count("nudge_deliveries").await, 1);
}
both_backends!(housekeeping_forgets_reminders_a_month_after_they_expired);

async fn a_delivered_reminder_leaves_today_when_its_time_is_moved_or_cancelled(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    let start = in_hours(3);
    let plan = plan_at(&app, "Iker", &bond, "Chess club", start, Lisbon).await;
    sweep_and_deliver(&app).await;
    app.get(&rosa, "/").await.assert_contains("/dismiss");

    let key = schedule::key_of(&plan, start.with_timezone(&Lisbon).naive_local());
    let access = access_as(&app, "Iker", &bond).await;
    let mut conn = app.db().conn().await.unwrap();
    plans::change(
        &mut conn,
        &access,
        &plan,
        &NewChange::Cancel { occurrence: key },
        "ill",
    )
    .await
    .unwrap();
    drop(conn);
    // The reminder card is gone for both; nothing else about the time is left to dismiss.
    for who in [&rosa, &iker] {
        app.get(who, "/").await.assert_lacks("/dismiss");
    }
    assert_eq!(app.count("nudges WHERE void_reason = 'changed'").await, 2);
}
both_backends!(a_delivered_reminder_leaves_today_when_its_time_is_moved_or_cancelled);

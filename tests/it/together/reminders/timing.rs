//! When a plan reminder is due, for whom, and what a cancelled or moved occurrence does.

use super::*;

async fn the_reminder_is_due_at_six_the_evening_before_on_each_members_own_clock_across_daylight_saving(
    app: TestApp,
) {
    let (rosa, iker, bond) = settled_family(&app).await;
    // Toronto moves its clocks forward in the night before this Sunday; Lisbon two weeks
    // later. The plan is at 15:00 in Lisbon (UTC+0 in early March): 11:00 in Toronto.
    let sunday = second_sunday_of_march(Utc::now().year() + 1);
    let start = sunday.and_hms_opt(15, 0, 0).unwrap().and_utc();
    plan_at(&app, "Rosa", &bond, "Kite flying", start, Lisbon).await;
    let saturday_noon = start - Duration::hours(27);
    reminders::sweep(app.db(), saturday_noon).await.unwrap();

    let for_rosa = nudges_of(&app, "Rosa").await;
    let for_iker = nudges_of(&app, "Iker").await;
    assert_eq!(for_rosa.len(), 1);
    assert_eq!(for_iker.len(), 1);
    let saturday = sunday.pred_opt().unwrap();
    assert_eq!(
        for_rosa[0].1,
        saturday.and_hms_opt(18, 0, 0).unwrap().and_utc(),
        "18:00 in Lisbon is 18:00 UTC"
    );
    assert_eq!(
        for_iker[0].1,
        saturday.and_hms_opt(23, 0, 0).unwrap().and_utc(),
        "18:00 in Toronto is still standard time, UTC-5"
    );
    assert_eq!(
        for_iker[0]
            .1
            .with_timezone(&Toronto)
            .format("%H:%M")
            .to_string(),
        "18:00"
    );
    assert_eq!(
        for_rosa[0]
            .1
            .with_timezone(&Lisbon)
            .format("%H:%M")
            .to_string(),
        "18:00"
    );
    assert_eq!(
        for_rosa[0].0, for_iker[0].0,
        "one subject: the occurrence and its start"
    );

    // A second sweep an hour later proposes nothing new.
    reminders::sweep(app.db(), saturday_noon + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(app.count("nudges").await, 2);

    // When it goes out, each reads the start on their own clock.
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    make_due_now(&app).await;
    app.run_jobs().await;
    assert_no_failed_jobs(&app).await;
    let to_iker = reminder_mails(&app, &iker).await;
    let to_rosa = reminder_mails(&app, &rosa).await;
    assert_eq!((to_iker.len(), to_rosa.len()), (1, 1));
    let day = sunday.format("%-d March").to_string();
    assert!(
        to_iker[0].body.contains(&format!(
            "Kite flying with Rosa: Sunday {day}, 11:00, your time."
        )),
        "{}",
        to_iker[0].body
    );
    assert!(
        to_rosa[0].body.contains(&format!(
            "Kite flying with Iker: Sunday {day}, 15:00, your time."
        )),
        "{}",
        to_rosa[0].body
    );
    assert_eq!(
        to_iker[0].subject,
        format!("Reminder: Kite flying, Sunday {day}, 11:00")
    );
    assert!(
        to_iker[0]
            .body
            .contains(&format!("/bonds/{bond}/together/plans"))
    );
}
both_backends!(
    the_reminder_is_due_at_six_the_evening_before_on_each_members_own_clock_across_daylight_saving
);

async fn a_cancelled_occurrence_gets_no_reminder(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    let start = in_hours(3);
    let early = plan_at(&app, "Iker", &bond, "Zoo", start, Lisbon).await;
    let later = plan_at(&app, "Iker", &bond, "Picnic", in_hours(4), Lisbon).await;
    let cancel = |plan: String, at: DateTime<Utc>| {
        let app = &app;
        let bond = bond.clone();
        async move {
            let access = access_as(app, "Iker", &bond).await;
            let key = schedule::key_of(&plan, at.with_timezone(&Lisbon).naive_local());
            let mut conn = app.db().conn().await.unwrap();
            plans::change(
                &mut conn,
                &access,
                &plan,
                &NewChange::Cancel { occurrence: key },
                "Rain",
            )
            .await
            .unwrap();
        }
    };
    // Cancelled before any sweep saw it: never proposed.
    cancel(early, start).await;
    // Cancelled after its reminder was made, before it went out: void.
    reminders::sweep(app.db(), Utc::now()).await.unwrap();
    cancel(later, in_hours(4)).await;
    app.run_jobs().await;
    assert_no_failed_jobs(&app).await;
    assert!(reminder_mails(&app, &rosa).await.is_empty());
    assert!(reminder_mails(&app, &iker).await.is_empty());
    let for_rosa = nudges_of(&app, "Rosa").await;
    assert_eq!(for_rosa.len(), 1, "only the picnic was ever proposed");
    assert_eq!(for_rosa[0].3.as_deref(), Some("changed"));
    app.get(&rosa, "/").await.assert_lacks("Picnic");
}
both_backends!(a_cancelled_occurrence_gets_no_reminder);

async fn a_moved_occurrence_is_reminded_at_its_new_time_only(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    let start = in_hours(3);
    let plan = plan_at(&app, "Rosa", &bond, "Museum", start, Lisbon).await;
    reminders::sweep(app.db(), Utc::now()).await.unwrap();
    // Rosa moves it two hours later before the reminders go out.
    let moved = start + Duration::hours(2);
    let access = access_as(&app, "Rosa", &bond).await;
    let change = NewChange::Move {
        occurrence: schedule::key_of(&plan, start.with_timezone(&Lisbon).naive_local()),
        starts_local: moved.with_timezone(&Lisbon).naive_local(),
        minutes: 60,
    };
    let mut conn = app.db().conn().await.unwrap();
    plans::change(&mut conn, &access, &plan, &change, "Later suits us")
        .await
        .unwrap();
    drop(conn);
    app.run_jobs().await;
    assert!(
        reminder_mails(&app, &iker).await.is_empty(),
        "the old time is void"
    );
    sweep_and_deliver(&app).await;

    let to_iker = reminder_mails(&app, &iker).await;
    assert_eq!(to_iker.len(), 1);
    let new_time = moved.with_timezone(&Toronto).format("%H:%M").to_string();
    assert!(
        to_iker[0].body.contains(&format!("{new_time}, your time")),
        "{}",
        to_iker[0].body
    );
    // Rosa moved it herself, after the usual reminder time: she knows.
    assert!(reminder_mails(&app, &rosa).await.is_empty());
    let subjects: Vec<_> = nudges_of(&app, "Iker")
        .await
        .into_iter()
        .map(|n| (n.2, n.3))
        .collect();
    assert_eq!(
        subjects,
        vec![(false, Some("changed".to_owned())), (true, None)]
    );
}
both_backends!(a_moved_occurrence_is_reminded_at_its_new_time_only);

async fn who_makes_a_plan_late_is_not_reminded_of_it(app: TestApp) {
    let (rosa, iker, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&rosa, &iker]).await;
    let access = access_as(&app, "Rosa", &bond).await;
    let start = in_hours(3);
    let plan = NewPlan {
        activity_id: None,
        title: "Ice cream".into(),
        place: String::new(),
        tz: Lisbon,
        starts_local: start.with_timezone(&Lisbon).naive_local(),
        minutes: 30,
        recurrence: Recurrence::Once,
        until_day: None,
    };
    let mut conn = app.db().conn().await.unwrap();
    plans::insert(&mut conn, &access, false, &plan)
        .await
        .unwrap();
    drop(conn);
    sweep_and_deliver(&app).await;
    assert_eq!(reminder_mails(&app, &iker).await.len(), 1);
    assert!(reminder_mails(&app, &rosa).await.is_empty());
}
both_backends!(who_makes_a_plan_late_is_not_reminded_of_it);

async fn a_managed_son_without_a_login_gets_no_reminder(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    app.add_son(&rosa, "Tomás", &born_years_ago(4)).await;
    no_quiet_hours(&app, &[&rosa]).await;
    let bond = app.bond_ids(&rosa).await.remove(0);
    plan_at(&app, "Rosa", &bond, "Playground", in_hours(3), Lisbon).await;
    sweep_and_deliver(&app).await;
    let mails = reminder_mails(&app, &rosa).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].body.contains("Playground with Tomás"));
    assert_eq!(nudges_of(&app, "Tomás").await.len(), 0);
    assert_eq!(app.count("nudges").await, 1);
}
both_backends!(a_managed_son_without_a_login_gets_no_reminder);

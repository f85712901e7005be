//! The invitation to reflect: once per member, an hour after a plan's end, batched and capped
//! like every reminder; void for whoever reflected before it went out.

use super::*;

/// A reflection as the reflect form posts it (multipart, no photos).
async fn reflect(app: &TestApp, who: &User, bond: &str, key: &str) {
    let side = [
        ("highlight", "The view from the top"),
        ("learned", "You plan the route"),
        ("feeling", ""),
        ("feeling_words", "proud"),
    ];
    app.post_files(
        who,
        &format!("/bonds/{bond}/together/reflect/{key}"),
        &side,
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

fn reflect_mails(mails: &[tandem::mail::OutboxMail]) -> Vec<&tandem::mail::OutboxMail> {
    mails
        .iter()
        .filter(|m| m.subject.starts_with("How was"))
        .collect()
}

async fn each_member_is_invited_to_reflect_once_after_the_plan(app: TestApp) {
    let (mum, son, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&mum, &son]).await;
    plan_at(&app, "Rosa", &bond, "Climbing wall", in_hours(-3), Lisbon).await;

    sweep_and_deliver(&app).await;
    sweep_and_deliver(&app).await;

    for who in [&mum, &son] {
        let mails = reminder_mails(&app, who).await;
        let invitations = reflect_mails(&mails);
        assert_eq!(
            invitations.len(),
            1,
            "one invitation for {}: {mails:#?}",
            who.email
        );
        assert_eq!(invitations[0].subject, "How was Climbing wall?");
        assert!(invitations[0].body.contains("/together/reflect/"));
        // Nothing of a reminder before it: the plan was over when the sweep saw it.
        assert_eq!(mails.len(), 1);
    }
    let today = app.get(&son, "/").await;
    today
        .assert_status(StatusCode::OK)
        .assert_contains("How was Climbing wall?");
}
both_backends!(each_member_is_invited_to_reflect_once_after_the_plan);

async fn whoever_reflected_before_the_invitation_went_out_is_not_invited(app: TestApp) {
    let (mum, son, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&mum, &son]).await;
    // Ended half an hour ago: the invitation is due in half an hour.
    let start = in_hours(-1) - Duration::minutes(30);
    let plan = plan_at(&app, "Rosa", &bond, "Pizza night", start, Lisbon).await;
    sweep_and_deliver(&app).await;
    assert!(reflect_mails(&reminder_mails(&app, &son).await).is_empty());

    let key = schedule::key_of(&plan, start.with_timezone(&Lisbon).naive_local());
    reflect(&app, &son, &bond, &key).await;
    make_due_now(&app).await;
    app.run_jobs().await;

    assert!(reflect_mails(&reminder_mails(&app, &son).await).is_empty());
    assert_eq!(reflect_mails(&reminder_mails(&app, &mum).await).len(), 1);
    let iker = nudges_of(&app, "Iker").await;
    assert_eq!(iker.len(), 1);
    assert!(!iker[0].2, "Iker's invitation was not delivered: {iker:?}");
    assert!(iker[0].3.is_some(), "and it is void: {iker:?}");
}
both_backends!(whoever_reflected_before_the_invitation_went_out_is_not_invited);

async fn a_cancelled_plan_brings_no_invitation_to_reflect(app: TestApp) {
    let (mum, son, bond) = settled_family(&app).await;
    no_quiet_hours(&app, &[&mum, &son]).await;
    let start = in_hours(-3);
    let plan = plan_at(&app, "Rosa", &bond, "Museum", start, Lisbon).await;
    let key = schedule::key_of(&plan, start.with_timezone(&Lisbon).naive_local());
    let access = access_as(&app, "Iker", &bond).await;
    let mut conn = app.db().conn().await.unwrap();
    plans::change(
        &mut conn,
        &access,
        &plan,
        &NewChange::Cancel { occurrence: key },
        "rain",
    )
    .await
    .unwrap();
    drop(conn);
    sweep_and_deliver(&app).await;
    assert!(reminder_mails(&app, &mum).await.is_empty());
    assert!(nudges_of(&app, "Iker").await.is_empty());
}
both_backends!(a_cancelled_plan_brings_no_invitation_to_reflect);

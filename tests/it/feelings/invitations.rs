//! The weekly invitation to share back: once a week, never twice in a row.

use super::*;

fn invitation_mails(mails: &[tandem::mail::OutboxMail]) -> usize {
    mails
        .iter()
        .filter(|m| m.kind == MailKind::FeelingsInvitation)
        .count()
}

async fn sharing_invites_the_partner_once_a_week(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    assert_eq!(app.count("feeling_invitations").await, 1);
    let mails = app.mail_to(&mother.email).await;
    assert_eq!(invitation_mails(&mails), 1);
    let mail = mails
        .iter()
        .find(|m| m.kind == MailKind::FeelingsInvitation)
        .unwrap();
    assert!(
        mail.subject
            .contains("Iker shared a feeling with you this week"),
        "{}",
        mail.subject
    );
    assert!(
        mail.body.contains("Hello Rosa,") && mail.body.contains(&home),
        "{}",
        mail.body
    );
    // It says that he shared, never what: the word stays on the page behind a login.
    assert!(
        !mail.body.contains("happy") && !mail.subject.contains("happy"),
        "{}",
        mail.body
    );
    // A worker that died after its commit leaves the job to be retried: no second mail.
    app.exec(
        "UPDATE jobs SET done_at = NULL, locked_until = NULL WHERE kind = 'feelings.invite'",
        &[],
    )
    .await;
    app.run_jobs().await;
    assert_eq!(
        app.count("jobs WHERE kind = 'feelings.invite' AND done_at IS NOT NULL")
            .await,
        1
    );
    assert_eq!(app.count("feeling_invitations").await, 1);
    assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 1);

    // Sharing again the same week, or keeping one private, changes nothing.
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "calm"),
            ("feeling", "calm"),
            ("visibility", "shared"),
        ],
    )
    .await;
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("feeling", "sad"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.run_jobs().await;
    assert_eq!(app.count("feeling_invitations").await, 1);
    assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 1);

    app.get(&mother, &home).await.assert_text(
        "#invite-heading",
        &en_with("feelings-invite-heading", &[("partner", "Iker".into())]),
    );
    app.get(&son, &home).await.assert_none("#invite-heading");
    // She shares back: the invitation is answered, and he is not invited (he shared).
    check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "calm"),
            ("feeling", "relieved"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.get(&mother, &home).await.assert_none("#invite-heading");
    app.run_jobs().await;
    assert_eq!(app.count("feeling_invitations").await, 1);
    assert_eq!(invitation_mails(&app.mail_to(&son.email).await), 0);
    app.get(&son, &home).await.assert_none("#invite-heading");
}
both_backends!(sharing_invites_the_partner_once_a_week);

/// A week passes on the app's clock: what was shared now belongs to last week.
fn a_week_passes(app: &TestApp) {
    app.clock().advance(Duration::days(7));
}

async fn invitation_weeks(app: &TestApp) -> Vec<String> {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT week FROM feeling_invitations ORDER BY week"
    )
    .fetch_all(c)
    .await)
    .unwrap()
}

async fn an_unanswered_invitation_is_not_repeated_the_next_week(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    let monday = monday_of(today_in(tz_of(&app, "Rosa").await));
    assert_eq!(invitation_weeks(&app).await, [week_label(monday)]);
    // "Not now" puts it away; it is not an answer.
    app.post(&mother, &format!("{home}/invitation/dismiss"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &home).await.assert_none("#invite-heading");

    a_week_passes(&app);
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "calm"),
            ("feeling", "calm"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    assert_eq!(
        app.count("jobs WHERE kind = 'feelings.invite' AND done_at IS NOT NULL")
            .await,
        2,
        "this week's job ran too"
    );
    // Only last week's: the one she never answered is not repeated.
    assert_eq!(invitation_weeks(&app).await, [week_label(monday)]);
    assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 1);
    app.get(&mother, &home).await.assert_none("#invite-heading");
}
both_backends!(an_unanswered_invitation_is_not_repeated_the_next_week);

async fn an_answered_invitation_may_come_again_the_next_week(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "bright"),
            ("feeling", "happy"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "calm"),
            ("feeling", "calm"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;

    a_week_passes(&app);
    check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "stormy"),
            ("feeling", "cross"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.run_jobs().await;
    let tz = tz_of(&app, "Rosa").await;
    let monday = monday_of(app.clock().now().with_timezone(&tz).date_naive());
    assert_eq!(
        invitation_weeks(&app).await,
        [week_label(monday - Duration::days(7)), week_label(monday)]
    );
    assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 2);
    assert_eq!(invitation_mails(&app.mail_to(&son.email).await), 0);
    app.get(&mother, &home).await.assert_text(
        "#invite-heading",
        &en_with("feelings-invite-heading", &[("partner", "Iker".into())]),
    );
}
both_backends!(an_answered_invitation_may_come_again_the_next_week);

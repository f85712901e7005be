//! Repair after a conflict: each side private until its author shares a part, the agreement
//! both see, earlier versions kept, bad input and other families.

use super::*;

/// The id of the only repair.
async fn repair_id(app: &TestApp) -> String {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM repairs"
    )
    .fetch_one(c)
    .await)
    .unwrap()
}

async fn each_side_stays_private_until_its_author_shares_a_part(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(16).await;
    let list = format!("/bonds/{bond}/talk/repairs");
    app.post(&son, &list, &[("about", "  ")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("What it was about is needed.");
    assert_eq!(app.count("repairs").await, 0);
    app.post(
        &son,
        &list,
        &[("about", "The row about the phone at dinner")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let id = repair_id(&app).await;
    let page = format!("{list}/{id}");
    app.get(&mum, &list)
        .await
        .assert_contains("The row about the phone at dinner");

    // He writes all four parts and shares only what he felt.
    app.post(
        &son,
        &format!("{page}/own"),
        &[
            ("happened", "zqx-happened I was texting a friend"),
            ("felt", "Embarrassed, then angry"),
            ("needed", "zqx-needed a minute before talking"),
            ("wish", "zqx-wish I had put it away"),
            ("share_felt", "on"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let hers = app.get(&mum, &page).await;
    hers.assert_contains("Embarrassed, then angry")
        .assert_lacks("zqx-");
    app.get(&son, &page)
        .await
        .assert_contains("zqx-happened")
        .assert_contains("zqx-wish");
    // Now he shares what he wishes he had done too, and unshares nothing else.
    app.post(
        &son,
        &format!("{page}/own"),
        &[
            ("happened", "zqx-happened I was texting a friend"),
            ("felt", "Embarrassed, then angry"),
            ("needed", "zqx-needed a minute before talking"),
            ("wish", "zqx-wish I had put it away"),
            ("share_felt", "on"),
            ("share_wish", "on"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &page)
        .await
        .assert_contains("zqx-wish I had put it away")
        .assert_lacks("zqx-happened")
        .assert_lacks("zqx-needed");
    assert_eq!(
        app.count("repair_parts").await,
        4,
        "one row per part, updated in place"
    );
    // Taking back a share hides it again.
    app.post(
        &son,
        &format!("{page}/own"),
        &[("felt", "Embarrassed, then angry")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &page)
        .await
        .assert_lacks("Embarrassed")
        .assert_lacks("zqx-");
    assert_eq!(
        app.count("repair_parts WHERE visibility = 'shared'").await,
        0
    );

    // The agreement both see; a new version replaces it, the first is kept.
    app.post(&mum, &format!("{page}/agreement"), &[("body", "")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The agreement is needed.");
    app.post(
        &mum,
        &format!("{page}/agreement"),
        &[("body", "phones stay in the hall at dinner")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &son,
        &format!("{page}/agreement"),
        &[("body", "phones stay in the hall at dinner, both of ours")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &page)
        .await
        .assert_contains("Next time we… phones stay in the hall at dinner, both of ours")
        .assert_contains(&en("talk-repair-earlier"));
    app.get(&son, &list)
        .await
        .assert_contains("phones stay in the hall at dinner, both of ours");

    // Over-long parts are refused and nothing changes; another family finds nothing.
    let long = "p".repeat(2001);
    app.post(&son, &format!("{page}/own"), &[("happened", &long)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("at most 2000 characters");
    let stranger = app.sign_up_mother("Stranger").await;
    app.get(&stranger, &page)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("{page}/agreement"), &[("body", "mine")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&stranger, &format!("{page}/own"), &[("felt", "mine")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("repair_parts").await, 6);
}
both_backends!(each_side_stays_private_until_its_author_shares_a_part);

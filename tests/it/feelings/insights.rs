//! Insights numbers on a fixed data set.

use super::*;

async fn insights_count_a_fixed_week_month_and_year(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(15).await;
    let home = format!("/bonds/{bond}/feelings");
    // Iker lives in Toronto, Rosa in Lisbon; each one's days are counted in their own zone.
    let his: [(&[(&str, &str)], &str); 9] = [
        (
            &[("feeling", "happy"), ("visibility", "shared")],
            "2025-03-10T12:00:00Z",
        ),
        (
            &[("feeling", "happy"), ("visibility", "shared")],
            "2025-03-11T12:00:00Z",
        ),
        (
            &[("feeling", "calm"), ("visibility", "shared")],
            "2025-03-12T12:00:00Z",
        ),
        (
            &[("feeling", "cross"), ("visibility", "shared")],
            "2025-03-13T12:00:00Z",
        ),
        (
            &[
                ("quadrant", "heavy"),
                ("custom_word", "zqxprivateword"),
                ("visibility", "private"),
            ],
            "2025-03-14T12:00:00Z",
        ),
        (
            &[("feeling", "furious"), ("visibility", "shared")],
            "2025-03-20T12:00:00Z",
        ),
        // Still 31 March in Toronto.
        (
            &[("feeling", "tired"), ("visibility", "shared")],
            "2025-04-01T02:00:00Z",
        ),
        (
            &[("feeling", "tired"), ("visibility", "shared")],
            "2025-06-05T12:00:00Z",
        ),
        (
            &[("feeling", "happy"), ("visibility", "shared")],
            "2024-12-31T12:00:00Z",
        ),
    ];
    for (form, when) in his {
        let id = check_in(&app, &son, &bond, form).await;
        app.exec_at(
            "UPDATE checkins SET created_at = $1 WHERE id = $2",
            at(when),
            &[&id],
        )
        .await;
    }
    let hers: [(&[(&str, &str)], &str); 2] = [
        (
            &[("feeling", "calm"), ("visibility", "shared")],
            "2025-03-10T12:00:00Z",
        ),
        (
            &[("feeling", "worried"), ("visibility", "private")],
            "2025-03-12T12:00:00Z",
        ),
    ];
    for (form, when) in hers {
        let id = check_in(&app, &mother, &bond, form).await;
        app.exec_at(
            "UPDATE checkins SET created_at = $1 WHERE id = $2",
            at(when),
            &[&id],
        )
        .await;
    }
    for (strategy, visibility, when) in [
        ("breathe-square", "shared", "2025-03-11T12:00:00Z"),
        ("move-wall-push", "", "2025-03-12T12:00:00Z"),
    ] {
        app.post(
            &son,
            &format!("{home}/toolbox"),
            &[
                ("strategy", strategy),
                ("helped", "yes"),
                ("visibility", visibility),
            ],
        )
        .await
        .assert_status(StatusCode::SEE_OTHER);
        app.exec_at(
            "UPDATE calm_tries SET created_at = $1 WHERE strategy_id = $2",
            at(when),
            &[strategy],
        )
        .await;
    }
    // The weekly invitations his and her shared check-ins made due.
    app.run_jobs().await;
    let insights = |period: &str, on: &str| format!("{home}/insights?period={period}&on={on}");

    // The week of Monday 10 March 2025, as Rosa sees it: all of hers, his shared ones.
    let week = app.get(&mother, &insights("week", "2025-03-12")).await;
    week.assert_status(StatusCode::OK)
        .assert_contains("<strong>10 Mar – 16 Mar 2025</strong>")
        .assert_contains(&table_row("Bright", "0 (0%)", "2 (50%)"))
        .assert_contains(&table_row("Calm", "1 (50%)", "1 (25%)"))
        .assert_contains(&table_row("Stormy", "1 (50%)", "1 (25%)"))
        .assert_contains(&table_row("Heavy", "0 (0%)", "0 (0%)"))
        .assert_contains(&table_row("All", "2", "4"))
        .assert_contains(
            "4 check-ins in 10 Mar – 16 Mar 2025: bright 2, calm 1, stormy 1, heavy 0.",
        )
        .assert_contains(
            r#"<tr><th scope="row">Mon 10 Mar</th><td>1</td><td>0</td><td>0</td><td>0</td></tr>"#,
        )
        .assert_contains(
            r#"<tr><th scope="row">Thu 13 Mar</th><td>0</td><td>0</td><td>1</td><td>0</td></tr>"#,
        )
        .assert_contains(r#"<li>happy <span class="count">× 2</span></li>"#)
        .assert_contains(r#"<li>worried <span class="count">× 1</span></li>"#)
        .assert_contains(r#"<li>Box breathing <span class="count">× 1</span></li>"#)
        .assert_lacks("zqxprivateword")
        .assert_lacks("Fri 14 Mar")
        .assert_lacks("Push the wall");
    // The same week as Iker sees it.
    app.get(&son, &insights("week", "2025-03-16"))
        .await
        .assert_contains(&table_row("Bright", "2 (40%)", "0 (0%)"))
        .assert_contains(&table_row("Calm", "1 (20%)", "1 (100%)"))
        .assert_contains(&table_row("Stormy", "1 (20%)", "0 (0%)"))
        .assert_contains(&table_row("Heavy", "1 (20%)", "0 (0%)"))
        .assert_contains(&table_row("All", "5", "1"))
        .assert_contains(
            r#"<tr><th scope="row">Fri 14 Mar</th><td>0</td><td>0</td><td>0</td><td>1</td></tr>"#,
        )
        .assert_contains(r#"<li>zqxprivateword <span class="count">× 1</span></li>"#)
        .assert_contains(r#"<li>Push the wall <span class="count">× 1</span></li>"#)
        .assert_lacks("worried");

    // March 2025.
    app.get(&mother, &insights("month", "2025-03-01"))
        .await
        .assert_contains("<strong>March 2025</strong>")
        .assert_contains(&table_row("Bright", "0 (0%)", "2 (33%)"))
        .assert_contains(&table_row("Calm", "1 (50%)", "1 (17%)"))
        .assert_contains(&table_row("Stormy", "1 (50%)", "2 (33%)"))
        .assert_contains(&table_row("Heavy", "0 (0%)", "1 (17%)"))
        .assert_contains(&table_row("All", "2", "6"))
        .assert_contains(
            r#"<tr><th scope="row">Mon 31 Mar</th><td>0</td><td>0</td><td>0</td><td>1</td></tr>"#,
        )
        .assert_lacks("zqxprivateword");
    app.get(&son, &insights("month", "2025-03-31"))
        .await
        .assert_contains(&table_row("Bright", "2 (29%)", "0 (0%)"))
        .assert_contains(&table_row("Calm", "1 (14%)", "1 (100%)"))
        .assert_contains(&table_row("Stormy", "2 (29%)", "0 (0%)"))
        .assert_contains(&table_row("Heavy", "2 (29%)", "0 (0%)"))
        .assert_contains(&table_row("All", "7", "1"));
    // April 2025 holds nothing: the late check-in of 31 March is March where he lives.
    app.get(&son, &insights("month", "2025-04-15"))
        .await
        .assert_contains(&table_row("All", "0", "0"));

    // The year 2025.
    let year = app.get(&mother, &insights("year", "2025-07-01")).await;
    year.assert_contains("<strong>2025</strong>")
        .assert_contains(&table_row("Bright", "0 (0%)", "2 (29%)"))
        .assert_contains(&table_row("Calm", "1 (50%)", "1 (14%)"))
        .assert_contains(&table_row("Stormy", "1 (50%)", "2 (29%)"))
        .assert_contains(&table_row("Heavy", "0 (0%)", "2 (29%)"))
        .assert_contains(&table_row("All", "2", "7"))
        .assert_contains(
            r#"<tr><th scope="row">March</th><td>2</td><td>1</td><td>2</td><td>1</td></tr>"#,
        )
        .assert_contains(
            r#"<tr><th scope="row">June</th><td>0</td><td>0</td><td>0</td><td>1</td></tr>"#,
        )
        .assert_contains(
            r#"<tr><th scope="row">March</th><td>0</td><td>1</td><td>1</td><td>0</td></tr>"#,
        )
        .assert_lacks(r#"<th scope="row">April</th>"#)
        .assert_lacks("zqxprivateword");
    let his_column = &year.body[year.body.find(r#"<h2 id="person-2">Iker</h2>"#).unwrap()..];
    let top: Vec<usize> = ["happy", "tired", "calm", "cross", "furious"]
        .iter()
        .map(|w| {
            his_column
                .find(&format!("<li>{w} <span class=\"count\">"))
                .unwrap_or_else(|| panic!("{w} in top words"))
        })
        .collect();
    assert!(
        top.windows(2).all(|w| w[0] < w[1]),
        "most used first, ties by word: {top:?}"
    );
    year.assert_contains(r#"<li>happy <span class="count">× 2</span></li>"#)
        .assert_contains(r#"<li>tired <span class="count">× 2</span></li>"#);
    app.get(&son, &insights("year", "2025-01-01"))
        .await
        .assert_contains(&table_row("Bright", "2 (25%)", "0 (0%)"))
        .assert_contains(&table_row("Calm", "1 (13%)", "1 (100%)"))
        .assert_contains(&table_row("Stormy", "2 (25%)", "0 (0%)"))
        .assert_contains(&table_row("Heavy", "3 (38%)", "0 (0%)"))
        .assert_contains(&table_row("All", "8", "1"));
    app.get(&mother, &insights("year", "2024-06-01"))
        .await
        .assert_contains(&table_row("Bright", "0 (0%)", "1 (100%)"))
        .assert_contains(&table_row("All", "0", "1"));
}
both_backends!(insights_count_a_fixed_week_month_and_year);

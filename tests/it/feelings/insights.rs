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
    // Each written on its day: the app's clock is set there for the time it takes.
    for (form, when) in his {
        app.clock().set(at(when));
        check_in(&app, &son, &bond, form).await;
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
        app.clock().set(at(when));
        check_in(&app, &mother, &bond, form).await;
    }
    for (strategy, visibility, when) in [
        ("breathe-square", "shared", "2025-03-11T12:00:00Z"),
        ("move-wall-push", "", "2025-03-12T12:00:00Z"),
    ] {
        app.clock().set(at(when));
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
    }
    app.clock().set(Utc::now());
    // The weekly invitations his and her shared check-ins made due.
    app.run_jobs().await;
    let insights = |period: &str, on: &str| format!("{home}/insights?period={period}&on={on}");

    // The week of Monday 10 March 2025, as Rosa sees it: all of hers, his shared ones.
    let week = app.get(&mother, &insights("week", "2025-03-12")).await;
    week.assert_status(StatusCode::OK)
        .assert_text("strong", "10 Mar – 16 Mar 2025")
        .assert_row("Bright", &["0 (0%)", "2 (50%)"])
        .assert_row("Calm", &["1 (50%)", "1 (25%)"])
        .assert_row("Stormy", &["1 (50%)", "1 (25%)"])
        .assert_row("Heavy", &["0 (0%)", "0 (0%)"])
        .assert_row("All", &["2", "4"])
        .assert_contains(
            "4 check-ins in 10 Mar – 16 Mar 2025: bright 2, calm 1, stormy 1, heavy 0.",
        )
        .assert_row("Mon 10 Mar", &["1", "0", "0", "0"])
        .assert_row("Thu 13 Mar", &["0", "0", "1", "0"])
        .assert_text("li", "happy × 2")
        .assert_text("li", "worried × 1")
        .assert_text("li", "Box breathing × 1")
        .assert_lacks("zqxprivateword")
        .assert_lacks("Fri 14 Mar")
        .assert_lacks("Push the wall");
    // The same week as Iker sees it.
    app.get(&son, &insights("week", "2025-03-16"))
        .await
        .assert_row("Bright", &["2 (40%)", "0 (0%)"])
        .assert_row("Calm", &["1 (20%)", "1 (100%)"])
        .assert_row("Stormy", &["1 (20%)", "0 (0%)"])
        .assert_row("Heavy", &["1 (20%)", "0 (0%)"])
        .assert_row("All", &["5", "1"])
        .assert_row("Fri 14 Mar", &["0", "0", "0", "1"])
        .assert_text("li", "zqxprivateword × 1")
        .assert_text("li", "Push the wall × 1")
        .assert_lacks("worried");

    // March 2025.
    app.get(&mother, &insights("month", "2025-03-01"))
        .await
        .assert_text("strong", "March 2025")
        .assert_row("Bright", &["0 (0%)", "2 (33%)"])
        .assert_row("Calm", &["1 (50%)", "1 (17%)"])
        .assert_row("Stormy", &["1 (50%)", "2 (33%)"])
        .assert_row("Heavy", &["0 (0%)", "1 (17%)"])
        .assert_row("All", &["2", "6"])
        .assert_row("Mon 31 Mar", &["0", "0", "0", "1"])
        .assert_lacks("zqxprivateword");
    app.get(&son, &insights("month", "2025-03-31"))
        .await
        .assert_row("Bright", &["2 (29%)", "0 (0%)"])
        .assert_row("Calm", &["1 (14%)", "1 (100%)"])
        .assert_row("Stormy", &["2 (29%)", "0 (0%)"])
        .assert_row("Heavy", &["2 (29%)", "0 (0%)"])
        .assert_row("All", &["7", "1"]);
    // April 2025 holds nothing: the late check-in of 31 March is March where he lives.
    app.get(&son, &insights("month", "2025-04-15"))
        .await
        .assert_row("All", &["0", "0"]);

    // The year 2025.
    let year = app.get(&mother, &insights("year", "2025-07-01")).await;
    year.assert_text("strong", "2025")
        .assert_row("Bright", &["0 (0%)", "2 (29%)"])
        .assert_row("Calm", &["1 (50%)", "1 (14%)"])
        .assert_row("Stormy", &["1 (50%)", "2 (29%)"])
        .assert_row("Heavy", &["0 (0%)", "2 (29%)"])
        .assert_row("All", &["2", "7"])
        .assert_row("March", &["2", "1", "2", "1"])
        .assert_row("June", &["0", "0", "0", "1"])
        .assert_row("March", &["0", "1", "1", "0"])
        .assert_no_text("th[scope=row]", "April")
        .assert_lacks("zqxprivateword");
    year.assert_text("#person-2", "Iker");
    let his_of = year.select("section[aria-labelledby=person-2] li");
    let top: Vec<usize> = ["happy", "tired", "calm", "cross", "furious"]
        .iter()
        .map(|w| {
            his_of
                .iter()
                .position(|item| item.starts_with(&format!("{w} × ")))
                .unwrap_or_else(|| panic!("{w} in top words {his_of:?}"))
        })
        .collect();
    assert!(
        top.windows(2).all(|w| w[0] < w[1]),
        "most used first, ties by word: {top:?}"
    );
    year.assert_text("li", "happy × 2")
        .assert_text("li", "tired × 2");
    app.get(&son, &insights("year", "2025-01-01"))
        .await
        .assert_row("Bright", &["2 (25%)", "0 (0%)"])
        .assert_row("Calm", &["1 (13%)", "1 (100%)"])
        .assert_row("Stormy", &["2 (25%)", "0 (0%)"])
        .assert_row("Heavy", &["3 (38%)", "0 (0%)"])
        .assert_row("All", &["8", "1"]);
    app.get(&mother, &insights("year", "2024-06-01"))
        .await
        .assert_row("Bright", &["0 (0%)", "1 (100%)"])
        .assert_row("All", &["0", "1"]);
}
both_backends!(insights_count_a_fixed_week_month_and_year);

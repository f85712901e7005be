//! Health, metrics, request ids, error pages, backups and the demo family.

use axum::http::StatusCode;

use crate::both_backends;
use crate::harness::{
    BOND_HEADING, Backend, PASSWORD, Response, TestApp, User, en, en_with, session_cookie,
};
use crate::together::fixtures::photo_srcs;

async fn healthz_checks_the_database(app: TestApp) {
    let ok = app.get(&User::anonymous(), "/healthz").await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.body, "ok");
    app.db().close().await;
    app.get(&User::anonymous(), "/healthz")
        .await
        .assert_status(StatusCode::SERVICE_UNAVAILABLE);
}
both_backends!(healthz_checks_the_database);

async fn the_demo_family_can_be_created_twice_and_both_can_log_in(app: TestApp) {
    tandem::demo::create(app.db(), &app.state.media)
        .await
        .unwrap();
    let first_files = app.media_files();
    assert!(!first_files.is_empty());
    let demo = tandem::demo::create(app.db(), &app.state.media)
        .await
        .unwrap();
    assert_eq!(app.count("families").await, 1, "recreated, not duplicated");
    // The first demo's picture files went with its rows: two files per photo, no more.
    let files = app.media_files();
    assert!(
        first_files.iter().all(|f| !files.contains(f)),
        "{first_files:?} left behind"
    );
    assert_eq!(
        files.len() as i64,
        2 * app.count("photos").await,
        "{files:?}"
    );
    let mother = app.log_in(&demo.mother_email, &demo.mother_password).await;
    mother.assert_status(StatusCode::SEE_OTHER);
    let son = User {
        cookie: Some(crate::harness::session_cookie(
            &app.log_in(&demo.son_email, &demo.son_password).await,
        )),
        ..User::anonymous()
    };
    app.get(&son, "/")
        .await
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Maya".into())]),
        )
        .assert_none(".band");
    let bond = app.bond_ids(&son).await.remove(0);
    let mother = User {
        cookie: Some(crate::harness::session_cookie(&mother)),
        ..User::anonymous()
    };
    app.get(&mother, "/")
        .await
        .assert_text(".band", &en("age-band-teen"));
    app.get(&mother, &format!("/bonds/{bond}/notes"))
        .await
        .assert_lacks("Nervous about the maths test");
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_contains("Nervous about the maths test");
    // Two weeks of feelings: his private check-ins stay his, the shared ones reach her.
    let feelings = format!("/bonds/{bond}/feelings");
    app.get(&mother, &feelings)
        .await
        .assert_contains("frustrated")
        .assert_lacks("worried");
    app.get(&son, &feelings)
        .await
        .assert_contains("frustrated")
        .assert_contains("worried");
    app.get(&mother, &format!("{feelings}/insights?period=month"))
        .await
        .assert_has("svg.chart");
    app.get(&mother, &format!("{feelings}/needs"))
        .await
        .assert_contains("I go quiet and stay in my room.");
    // A few days of talk: what both answered is revealed, what only he answered is not.
    let history = format!("/bonds/{bond}/talk/history");
    app.get(&mother, &history)
        .await
        .assert_contains("The trampoline park")
        .assert_contains("rowing boat")
        .assert_lacks("picked last");
    app.get(&son, &history).await.assert_contains("picked last");
    app.get(&son, "/")
        .await
        .assert_contains("Sunday, on the walk to the market");
}
both_backends!(the_demo_family_can_be_created_twice_and_both_can_log_in);

/// The demo's mother and son, logged in, and their bond.
async fn demo_logins(app: &TestApp, demo: &tandem::demo::Demo) -> (User, User, String) {
    let mut users = Vec::new();
    for (email, password) in [
        (&demo.mother_email, &demo.mother_password),
        (&demo.son_email, &demo.son_password),
    ] {
        let cookie = session_cookie(&app.log_in(email, password).await);
        users.push(User {
            cookie: Some(cookie),
            ..User::anonymous()
        });
    }
    let son = users.pop().unwrap();
    let bond = app.bond_ids(&son).await.remove(0);
    (users.pop().unwrap(), son, bond)
}

/// Every link of a page that starts with `prefix`, in page order.
fn links(page: &Response, prefix: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for link in page.select_attr(&format!("[href^='{prefix}']"), "href") {
        if !found.contains(&link) {
            found.push(link);
        }
    }
    found
}

async fn the_demo_familys_together_is_lived_in_and_its_pictures_load(app: TestApp) {
    let demo = tandem::demo::create(app.db(), &app.state.media)
        .await
        .unwrap();
    let (mum, son, bond) = demo_logins(&app, &demo).await;
    let together = format!("/bonds/{bond}/together");
    // The overview: his reflection waiting for hers (only that he wrote), what comes next.
    app.get(&mum, &together)
        .await
        .assert_contains(&en_with(
            "together-hub-partner-has-written",
            &[("partner", "Leo".into())],
        ))
        .assert_contains("Climb the nearest hill")
        .assert_lacks("New number one");
    // Favourites on both sides, and Leo's own activity beside the library's.
    app.get(&mum, &format!("{together}/activities?favourites=1"))
        .await
        .assert_contains("Escape room")
        .assert_contains("★ A favourite of yours")
        .assert_contains("♥ Leo likes this");
    app.get(&mum, &format!("{together}/activities"))
        .await
        .assert_contains("Bakery ranking walk");
    // Interests: four in common (one in words typed differently), the rest to show.
    let interests = app.get(&mum, &format!("{together}/interests")).await;
    for shared in [
        "Football",
        "Puzzles and riddles",
        "Food from far away",
        "card tricks",
    ] {
        interests.assert_text("li", shared);
    }
    interests
        .assert_contains(&en_with(
            "together-interests-show-me",
            &[("partner", "Leo".into())],
        ))
        .assert_contains("Robotics");
    // The goal, real weeks (one over the goal, one cancelled), a moved time, what comes.
    app.get(&son, &format!("{together}/plans"))
        .await
        .assert_has(r#"select[name=minutes] option[value="60"][selected]"#)
        .assert_contains(&en_with(
            "plans-goal-table-caption-goal",
            &[("goal", "1 h".into())],
        ))
        .assert_contains("2 h 30 min ✓")
        .assert_contains("Tournament runs all Sunday")
        .assert_contains("moved it to")
        .assert_contains("Climb the nearest hill")
        .assert_contains(&en("plans-recurrence-weekly"));
    // The memory book: four memories, one a year ago today, each with pictures that load.
    let book = app.get(&mum, &format!("{together}/memories")).await;
    book.assert_contains("Escape room")
        .assert_contains("Bakery ranking walk")
        .assert_contains(&en("memories-on-this-day"))
        .assert_contains("The lighthouse walk that took all day")
        .assert_contains(&en_with(
            "memories-partner-reflected",
            &[("partner", "Leo".into())],
        ));
    let thumbs = photo_srcs(&book.body, "thumb");
    assert_eq!(thumbs.len(), 8, "{}", book.body);
    let memories: Vec<String> = links(&book, &format!("{together}/memories/"))
        .into_iter()
        .filter(|l| !l.ends_with("/new"))
        .collect();
    assert_eq!(memories.len(), 4, "{memories:?}");
    let mut larges = Vec::new();
    for memory in &memories {
        let page = app.get(&son, memory).await;
        page.assert_status(StatusCode::OK)
            .assert_contains("A drawing of");
        larges.extend(photo_srcs(&page.body, "large"));
    }
    assert_eq!(larges.len(), 8);
    for path in thumbs.iter().chain(&larges) {
        let served = app.get_raw(&son, path, &[]).await;
        assert_eq!(served.status, StatusCode::OK, "{path}");
        assert_eq!(
            served.header(axum::http::header::CONTENT_TYPE),
            "image/jpeg"
        );
        image::load_from_memory(&served.bytes).unwrap();
    }
    // Maya's lone side of the rainy walk (and of the lighthouse) waits for his.
    let his_book = app.get(&son, &format!("{together}/memories")).await;
    his_book.assert_contains(&en("memories-add-your-side"));
    // His words on last Sunday stay his until she writes hers.
    let reflect = format!("{together}/reflect/");
    let his_waiting = links(&his_book, &reflect);
    let only_hers: Vec<String> = links(&book, &reflect)
        .into_iter()
        .filter(|l| !his_waiting.contains(l))
        .collect();
    assert_eq!(only_hers.len(), 1, "{}", book.body);
    app.get(&mum, &only_hers[0])
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("New number one");
    app.get(&son, &only_hers[0])
        .await
        .assert_contains("New number one");
}
both_backends!(the_demo_familys_together_is_lived_in_and_its_pictures_load);

#[tokio::test]
async fn metrics_count_requests_by_route_and_responses_carry_a_request_id() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let page = app.get(&User::anonymous(), "/login").await;
    assert!(page.headers.get("x-request-id").is_some());
    app.get(&User::anonymous(), "/invite/secret-token-value")
        .await;
    let mut conn = app.db().conn().await.unwrap();
    let now = chrono::Utc::now();
    let counted = tandem::mail::SendMail {
        outbox_id: "counted".into(),
    };
    tandem::jobs::enqueue(&mut conn, &counted, now)
        .await
        .unwrap();
    let payload = serde_json::json!({ "outbox_id": "none" });
    tandem::jobs::enqueue_raw(&mut conn, "no.such.kind", "counted-failure", &payload, now)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(app.run_jobs().await, 2);
    let metrics = crate::side_doors::metrics_page().await;
    metrics
        .assert_contains("tandem_http_requests_total{")
        .assert_contains("route=\"/login\"")
        .assert_contains("route=\"/invite/{token}\"")
        .assert_contains("tandem_http_request_duration_seconds_bucket")
        .assert_contains("tandem_jobs_run_total{kind=\"mail.send\"}")
        .assert_contains("tandem_jobs_failed_total{kind=\"no.such.kind\"}")
        .assert_lacks("secret-token-value");
}

#[tokio::test]
async fn unknown_paths_get_the_html_404_page() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let page = app.get(&User::anonymous(), "/no/such/page").await;
    page.assert_status(StatusCode::NOT_FOUND)
        .assert_text("h1", "Page not found")
        .assert_has("html[lang=en]");
    let headers = &page.headers;
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert!(headers.get("content-security-policy").is_some());
}

#[tokio::test]
async fn a_sqlite_backup_is_a_consistent_openable_copy() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    app.sign_up_mother("Rosa").await;
    let file = app.dir.path().join("backup.db");
    app.db().backup_to(&file).await.unwrap();
    assert!(app.db().backup_to(&file).await.is_err(), "never overwrites");
    let copy = tandem::db::Db::connect(&format!("sqlite:{}", file.display()))
        .await
        .unwrap();
    let mut conn = copy.conn().await.unwrap();
    let accounts: i64 = tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(accounts, 1);
    let _ = PASSWORD;
}

#[tokio::test]
async fn postgres_backup_points_to_pg_dump() {
    let Some(app) = TestApp::new(Backend::Postgres).await else {
        return;
    };
    let err = app
        .db()
        .backup_to(&app.dir.path().join("x"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("pg_dump"));
}

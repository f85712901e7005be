//! Calendar feeds and downloads: a private link per member that a new link replaces and that
//! can be turned off; forged, revoked and malformed tokens find nothing; another family's
//! plans never appear. The iCalendar text is read back by an independent parser (Python's
//! icalendar and recurring_ical_events), whose expanded times must equal the app's own.

use std::{path::PathBuf, process::Command};

use axum::http::{StatusCode, header};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;
use tandem::plans::Calendar;

use super::plans::{
    access_as, key, local, make_plan, next_year, other_family, plan_fields, plans_path, sunday,
    time_path, today_in, with,
};
use crate::both_backends;
use crate::harness::{Response, TestApp, User, en, en_with};

fn calendar_page(bond: &str) -> String {
    format!("/bonds/{bond}/together/calendar")
}

/// Makes (or replaces) the user's feed link; returns its path, read off the page.
async fn new_feed(app: &TestApp, who: &User, bond: &str) -> String {
    let page = app.post(who, &calendar_page(bond), &[]).await;
    page.assert_status(StatusCode::OK)
        .assert_text("h2", &en("plans-calendar-new-link"))
        .assert_contains("webcal://");
    let start = page.body.find("/calendar/").expect("the link is shown");
    let rest = &page.body[start..];
    rest[..rest.find(".ics").expect("an .ics link") + 4].to_owned()
}

#[track_caller]
fn is_calendar(response: &Response) {
    response.assert_status(StatusCode::OK);
    let header = |name| {
        response
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    assert_eq!(header(header::CONTENT_TYPE), "text/calendar; charset=utf-8");
    assert_eq!(header(header::CACHE_CONTROL), "private, max-age=300");
    assert!(
        response
            .body
            .starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{}",
        response.body
    );
    assert!(response.body.ends_with("END:VCALENDAR\r\n"));
}

async fn feed_links_are_private_replaceable_and_revocable(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(22).await;
    let (marta, _leo, their_bond) = other_family(&app).await;
    let day = (today_in(chrono_tz::Europe::Lisbon) + Duration::days(4)).to_string();
    let ours = make_plan(
        &app,
        &mum,
        &bond,
        &plan_fields(
            "Market walk",
            &day,
            "09:00",
            "10:00",
            "Europe/Lisbon",
            "weekly",
        ),
    )
    .await;
    make_plan(
        &app,
        &marta,
        &their_bond,
        &plan_fields(
            "Their own secret",
            &day,
            "09:00",
            "10:00",
            "Europe/Lisbon",
            "once",
        ),
    )
    .await;
    app.get(&mum, &calendar_page(&bond))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("p", &en("plans-calendar-no-link-yet"));

    let first = new_feed(&app, &mum, &bond).await;
    let token = first
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    assert!(token.len() >= 43, "at least 256 bits: {token}");
    // Only its fingerprint is stored.
    assert_eq!(
        app.count(&format!("calendar_feeds WHERE token_hash LIKE '%{token}%'"))
            .await,
        0
    );
    assert_eq!(app.count("calendar_feeds").await, 1);
    app.get(&mum, &calendar_page(&bond))
        .await
        .assert_text_starts_with(
            "p",
            en_with("plans-calendar-made-on", &[("day", "".into())]).trim_end_matches('.'),
        )
        .assert_lacks(&token);

    // Calendar apps cannot log in.
    let feed = app.get(&User::anonymous(), &first).await;
    is_calendar(&feed);
    feed.assert_contains(&format!("UID:{ours}@tandem"))
        .assert_contains("SUMMARY:Market walk")
        .assert_lacks("Their own secret");

    // His link is his own; a new link of hers replaces her old one only.
    let his = new_feed(&app, &son, &bond).await;
    let second = new_feed(&app, &mum, &bond).await;
    assert_ne!(first, second);
    app.get(&User::anonymous(), &first)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    is_calendar(&app.get(&User::anonymous(), &second).await);
    is_calendar(&app.get(&User::anonymous(), &his).await);
    // Turned off, it is gone; his still works.
    app.post(&mum, &format!("{}/off", calendar_page(&bond)), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&User::anonymous(), &second)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    is_calendar(&app.get(&User::anonymous(), &his).await);
    app.get(&mum, &calendar_page(&bond))
        .await
        .assert_text("p", &en("plans-calendar-no-link-yet"));

    // Forged, malformed, or without the extension: nothing.
    let bad = [
        format!("/calendar/{}.ics", "A".repeat(43)),
        "/calendar/abc.ics".into(),
        "/calendar/.ics".into(),
        "/calendar/%00.ics".into(),
        "/calendar/%FF%FE.ics".into(),
        his.replace(".ics", ""),
        his.replace(".ics", ".ics.ics"),
        his.replace("/calendar/", "/calendar/x"),
    ];
    for path in &bad {
        app.get(&User::anonymous(), path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // Another family cannot make or end links on this bond.
    app.post(&marta, &calendar_page(&bond), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&marta, &format!("{}/off", calendar_page(&bond)), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    is_calendar(&app.get(&User::anonymous(), &his).await);

    // One plan as a download, for members only.
    let download = format!("{}/{ours}.ics", plans_path(&bond));
    let file = app.get(&son, &download).await;
    is_calendar(&file);
    assert_eq!(
        file.headers.get(header::CONTENT_DISPOSITION).unwrap(),
        &format!("attachment; filename=\"{ours}.ics\"")
    );
    app.get(&marta, &download)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&User::anonymous(), &download)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &format!("{}/{ours}", plans_path(&bond)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
both_backends!(feed_links_are_private_replaceable_and_revocable);

/// The parse-back tool's packages, installed by `bin/test`; `None` (said loudly) where they
/// are missing outside CI.
fn python_packages() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pyical");
    let python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if python && dir.join("recurring_ical_events").is_dir() && dir.join("icalendar").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the calendar parse-back must run in CI, but python3 or {} is missing (bin/test installs them)",
        dir.display()
    );
    eprintln!(
        "SKIPPED calendar parse-back: python3 with icalendar and recurring_ical_events is not installed in {}",
        dir.display()
    );
    None
}

/// Expands a calendar file with the independent parser (see expand_ics.py).
fn expand(
    app: &TestApp,
    packages: &PathBuf,
    ics: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    mode: &str,
) -> Value {
    let file = app.dir.path().join(format!("plans-{mode}.ics"));
    std::fs::write(&file, ics).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/together/expand_ics.py");
    let utc = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let out = Command::new("python3")
        .arg(&script)
        .arg(&file)
        .arg(utc(from))
        .arg(utc(to))
        .arg(mode)
        .env("PYTHONPATH", packages)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the parser failed:\n{}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(parsed["problems"], serde_json::json!([]), "{ics}");
    let defined: Vec<&str> = parsed["tzids_defined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for used in parsed["tzids_used"].as_array().unwrap() {
        assert!(
            defined.contains(&used.as_str().unwrap()),
            "{used} has no VTIMEZONE"
        );
    }
    parsed
}

/// (uid, start, end) of the events the parser found, cancelled ones left out.
fn times_of(parsed: &Value) -> Vec<(String, String, String)> {
    parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] != "CANCELLED")
        .map(|e| {
            (
                e["uid"].as_str().unwrap().to_owned(),
                e["start"].as_str().unwrap().to_owned(),
                e["end"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn event<'a>(parsed: &'a Value, summary: &str) -> Vec<&'a Value> {
    parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["summary"] == summary)
        .collect()
}

async fn the_feed_read_back_by_another_parser_gives_the_same_times(app: TestApp) {
    let Some(packages) = python_packages() else {
        return;
    };
    let (mum, son, bond) = app.mother_and_son(27).await;
    let year = next_year();
    let d = |s: NaiveDate| s.to_string();
    // Weekly in Lisbon across its spring change; one time moved, the change day cancelled.
    let lisbon_spring = sunday(year, 3, 0);
    let weekly_start = lisbon_spring - Duration::weeks(3);
    let weekly = make_plan(
        &app,
        &mum,
        &bond,
        &with(
            plan_fields(
                "Sunday call, with tea; and cake",
                &d(weekly_start),
                "10:00",
                "11:00",
                "Europe/Lisbon",
                "weekly",
            ),
            "place",
            "Video call, kitchen",
        ),
    )
    .await;
    let moved_from = lisbon_spring - Duration::weeks(2);
    app.post(
        &son,
        &time_path(&bond, &key(&weekly, moved_from, "10:00"), "move"),
        &[
            ("date", &d(moved_from - Duration::days(1))),
            ("start", "18:00"),
            ("end", "19:30"),
            ("note", "Match day, sorry"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &son,
        &time_path(&bond, &key(&weekly, lisbon_spring, "10:00"), "cancel"),
        &[("note", "Clocks change, let us sleep")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // Every other week in Toronto across its autumn change, with a last date.
    let first_fortnight = sunday(year, 11, 1) - Duration::weeks(4);
    let fortnightly = make_plan(
        &app,
        &son,
        &bond,
        &with(
            plan_fields(
                "Chess online",
                &d(first_fortnight),
                "09:00",
                "10:00",
                "America/Toronto",
                "fortnightly",
            ),
            "until",
            &d(first_fortnight + Duration::weeks(10)),
        ),
    )
    .await;
    // Monthly on the 31st in Lisbon, stopped in August.
    let jan31 = NaiveDate::from_ymd_opt(year, 1, 31).unwrap();
    let monthly = make_plan(
        &app,
        &mum,
        &bond,
        &plan_fields(
            "Month-end dinner",
            &d(jan31),
            "20:00",
            "22:00",
            "Europe/Lisbon",
            "monthly",
        ),
    )
    .await;
    app.post(
        &son,
        &format!("{}/{monthly}/stop", plans_path(&bond)),
        &[("note", "New job")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let stop = local(NaiveDate::from_ymd_opt(year, 8, 15).unwrap(), "12:00").and_utc();
    app.exec_at(
        "UPDATE plan_changes SET created_at = $1 WHERE kind = 'stopped'",
        stop,
        &[],
    )
    .await;
    // One-offs: one cancelled, one moved to another length.
    let june5 = NaiveDate::from_ymd_opt(year, 6, 5).unwrap();
    let cinema = make_plan(
        &app,
        &mum,
        &bond,
        &plan_fields(
            "Cinema",
            &d(june5),
            "21:00",
            "23:30",
            "Europe/Lisbon",
            "once",
        ),
    )
    .await;
    app.post(
        &son,
        &time_path(&bond, &key(&cinema, june5, "21:00"), "cancel"),
        &[("note", "")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let july10 = NaiveDate::from_ymd_opt(year, 7, 10).unwrap();
    let museum = make_plan(
        &app,
        &son,
        &bond,
        &plan_fields(
            "Museum",
            &d(july10),
            "14:00",
            "16:00",
            "America/Toronto",
            "once",
        ),
    )
    .await;
    app.post(
        &mum,
        &time_path(&bond, &key(&museum, july10, "14:00"), "move"),
        &[
            ("date", &d(july10 + Duration::days(1))),
            ("start", "15:00"),
            ("end", "16:15"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // Another family's plans never appear.
    let (marta, _leo, their_bond) = other_family(&app).await;
    make_plan(
        &app,
        &marta,
        &their_bond,
        &plan_fields(
            "Their own secret",
            &d(june5),
            "10:00",
            "11:00",
            "Europe/Lisbon",
            "weekly",
        ),
    )
    .await;

    let link = new_feed(&app, &mum, &bond).await;
    let feed = app.get(&User::anonymous(), &link).await;
    is_calendar(&feed);
    let ics = feed.body.clone();
    for part in [
        "METHOD:PUBLISH\r\n",
        "CALSCALE:GREGORIAN\r\n",
        "X-WR-CALNAME:Rosa & Iker\r\n",
        "RRULE:FREQ=WEEKLY\r\n",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=",
        "EXDATE;TZID=Europe/Lisbon:",
        "RECURRENCE-ID;TZID=Europe/Lisbon:",
        "STATUS:CANCELLED\r\n",
        "SUMMARY:Sunday call\\, with tea\\; and cake\r\n",
        "LOCATION:Video call\\, kitchen\r\n",
        "DTSTART;TZID=America/Toronto:",
        "DURATION:PT75M\r\n",
    ] {
        assert!(ics.contains(part), "{part} missing in:\n{ics}");
    }
    assert_eq!(
        ics.matches("BEGIN:VTIMEZONE").count(),
        2,
        "one per zone used"
    );
    assert!(!ics.contains("Their own secret"));

    let from = local(NaiveDate::from_ymd_opt(year, 1, 1).unwrap(), "00:00").and_utc();
    let to = local(NaiveDate::from_ymd_opt(year + 2, 1, 1).unwrap(), "00:00").and_utc();
    let access = access_as(&app, "Rosa", &bond).await;
    let calendar = Calendar::load(&mut app.db().conn().await.unwrap(), &access)
        .await
        .unwrap();
    let utc = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let expected = |only: Option<&str>| {
        let mut times: Vec<(String, String, String)> = calendar
            .between(from, to)
            .into_iter()
            .filter(|o| o.is_on() && only.is_none_or(|p| o.plan.id == p))
            .map(|o| {
                (
                    format!("{}@tandem", o.plan.id),
                    utc(o.starts_at),
                    utc(o.ends_at),
                )
            })
            .collect();
        times.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        times
    };
    let all = expected(None);
    // The rhythms' shapes, as the app counts them: 6 chess games, 4 month-end dinners.
    let of = |plan: &str| {
        all.iter()
            .filter(|t| t.0 == format!("{plan}@tandem"))
            .count()
    };
    assert_eq!(
        (of(&fortnightly), of(&monthly), of(&museum), of(&cinema)),
        (6, 4, 1, 0)
    );

    for mode in ["named", "own"] {
        let parsed = expand(&app, &packages, &ics, from, to, mode);
        assert_eq!(times_of(&parsed), all, "{mode}");
        assert_eq!(parsed["calendar_name"], "Rosa & Iker");
        assert_eq!(parsed["method"], "PUBLISH");
        let cinema_events = event(&parsed, "Cinema");
        assert_eq!(cinema_events.len(), 1);
        assert_eq!(cinema_events[0]["status"], "CANCELLED");
        let moved: Vec<&Value> = event(&parsed, "Sunday call, with tea; and cake")
            .into_iter()
            .filter(|e| {
                e["description"]
                    .as_str()
                    .unwrap()
                    .contains("moved this time")
            })
            .collect();
        assert_eq!(moved.len(), 1);
        assert!(
            moved[0]["description"]
                .as_str()
                .unwrap()
                .starts_with("Iker moved this time: Match day, sorry"),
            "{}",
            moved[0]
        );
        assert_eq!(moved[0]["location"], "Video call, kitchen");
        assert_eq!(moved[0]["sequence"], 2);
        assert_eq!(event(&parsed, "Museum")[0]["sequence"], 1);
    }

    // The one-plan download reads back to the same times of that plan.
    let file = app
        .get(&son, &format!("{}/{weekly}.ics", plans_path(&bond)))
        .await;
    is_calendar(&file);
    assert_eq!(file.body.matches("BEGIN:VTIMEZONE").count(), 1);
    let parsed = expand(&app, &packages, &file.body, from, to, "own");
    assert_eq!(times_of(&parsed), expected(Some(&weekly)));
}
both_backends!(the_feed_read_back_by_another_parser_gives_the_same_times);

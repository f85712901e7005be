//! Plans: made in either member's time, seen by both, moved and cancelled with a note, a
//! rhythm stopped; another family finds nothing; every bad input is refused with a message
//! and nothing is stored. The helpers here serve the goal and calendar tests too.

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use tandem::{
    plans::{self, NewPlan, Recurrence, schedule},
    privacy::BondAccess,
};

use crate::both_backends;
use crate::family::born_years_ago;
use crate::harness::{Response, TestApp, User, en, en_with};

/// A message with markup, as its element's text reads.
pub fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A change or stop line: who (`you` or a name) did it, with a note.
fn change_line(key: &str, who: &str, note: &str, more: &[(&'static str, &str)]) -> String {
    let you = if who == "you" { "yes" } else { "no" };
    let mut args: Vec<(&'static str, tandem::i18n::Arg)> = vec![
        ("you", you.into()),
        ("name", who.into()),
        ("noted", if note.is_empty() { "no" } else { "yes" }.into()),
        ("note", note.into()),
    ];
    args.extend(more.iter().map(|(k, v)| (*k, (*v).into())));
    without_tags(&en_with(key, &args))
}

pub fn plans_path(bond: &str) -> String {
    format!("/bonds/{bond}/together/plans")
}

/// The fields of a good plan; tests override what they need.
pub fn plan_fields<'a>(
    title: &'a str,
    date: &'a str,
    start: &'a str,
    end: &'a str,
    zone: &'a str,
    recurrence: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("date", date),
        ("start", start),
        ("end", end),
        ("zone", zone),
        ("recurrence", recurrence),
        ("until", ""),
        ("place", ""),
        ("activity", ""),
    ]
}

/// Replaces one field of a form.
pub fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    name: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value));
    fields
}

/// Makes a plan through the form and returns its id.
pub async fn make_plan(app: &TestApp, who: &User, bond: &str, fields: &[(&str, &str)]) -> String {
    let response = app
        .post(who, &format!("{}/new", plans_path(bond)), fields)
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(response.location(), plans_path(bond));
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM plans ORDER BY created_at DESC, id DESC LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap()
}

/// The key of the occurrence planned at a local date and time.
pub fn key(plan: &str, date: NaiveDate, time: &str) -> String {
    let time = NaiveTime::parse_from_str(time, "%H:%M").unwrap();
    schedule::key_of(plan, date.and_time(time))
}

pub fn time_path(bond: &str, key: &str, action: &str) -> String {
    format!("{}/times/{key}/{action}", plans_path(bond))
}

pub(crate) use crate::talk::access_as;

/// A second family, Marta and her son Leo, with a bond of their own.
pub async fn other_family(app: &TestApp) -> (User, User, String) {
    let mother = app.sign_up_mother("Marta").await;
    let link = app
        .invite(&mother, &[("name", "Leo"), ("role", "son")])
        .await;
    let son = app.accept(&link, "Leo", &born_years_ago(16)).await;
    let bond = app.bond_ids(&son).await.remove(0);
    (mother, son, bond)
}

pub fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// The year after this one: far enough that every date in it is still to come.
pub fn next_year() -> i32 {
    Utc::now().year() + 1
}

/// The `n`-th Sunday of a month (1-based), or the last one with `n = 0`.
pub fn sunday(year: i32, month: u32, n: u8) -> NaiveDate {
    if n == 0 {
        let first_next = NaiveDate::from_ymd_opt(year, month, 1)
            .unwrap()
            .checked_add_months(chrono::Months::new(1))
            .unwrap();
        let mut d = first_next - Duration::days(1);
        while d.weekday() != Weekday::Sun {
            d -= Duration::days(1);
        }
        d
    } else {
        NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n).unwrap()
    }
}

pub fn local(date: NaiveDate, time: &str) -> NaiveDateTime {
    date.and_time(NaiveTime::parse_from_str(time, "%H:%M").unwrap())
}

/// Stores a plan directly (as the app's own insert does), e.g. one that began in the past.
pub async fn insert_plan(
    app: &TestApp,
    access: &BondAccess,
    tz: Tz,
    starts: NaiveDateTime,
    recurrence: Recurrence,
) -> String {
    let plan = NewPlan {
        activity_id: None,
        title: "Breakfast call".into(),
        place: String::new(),
        tz,
        starts_local: starts,
        minutes: 30,
        recurrence,
        until_day: None,
    };
    let mut conn = app.db().conn().await.unwrap();
    plans::insert(&mut conn, access, false, &plan)
        .await
        .unwrap()
}

pub async fn count_plans(app: &TestApp) -> (i64, i64) {
    (app.count("plans").await, app.count("plan_changes").await)
}

/// Posts a form whose values the test computed.
pub async fn post_owned(
    app: &TestApp,
    who: &User,
    path: &str,
    fields: &[(&str, String)],
) -> Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post(who, path, &fields).await
}

fn at(tz: Tz, date: NaiveDate, time: &str) -> DateTime<Utc> {
    schedule::instant(tz, local(date, time))
}

async fn a_plan_is_made_moved_and_cancelled_and_both_see_every_step(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let page = plans_path(&bond);
    // An activity page links here with a title, a length and its id.
    app.get(
        &mum,
        &format!("{page}/new?title=Pancakes&minutes=45&activity=cooking-pancake-lab"),
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_has("input[value=Pancakes]")
    .assert_has(r#"input[name=end][type=time][value="10:45"]"#)
    .assert_has("input[name=activity][value=cooking-pancake-lab]")
    .assert_contains("s time (Toronto, now");
    let lisbon = chrono_tz::Europe::Lisbon;
    let toronto = chrono_tz::America::Toronto;
    let day = today_in(lisbon) + Duration::days(10);
    let date = day.to_string();
    let fields = with(
        with(
            plan_fields(
                "Pancakes, then a walk",
                &date,
                "18:00",
                "19:30",
                "Europe/Lisbon",
                "once",
            ),
            "place",
            "Kitchen",
        ),
        "activity",
        "cooking-pancake-lab",
    );
    let id = make_plan(&app, &mum, &bond, &fields).await;
    assert_eq!(
        app.count("plans WHERE activity_id = 'cooking-pancake-lab' AND minutes = 90")
            .await,
        1
    );

    // He sees it in his own time, and in hers.
    let his = at(lisbon, day, "18:00").with_timezone(&toronto);
    let his_end = his + Duration::minutes(90);
    app.get(&son, &page)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Pancakes, then a walk")
        .assert_text_contains(
            "p.when strong",
            &format!("{}–{}", his.format("%H:%M"), his_end.format("%H:%M")),
        )
        .assert_text_contains(
            "p.when",
            &format!(
                "{}–{} your time · 18:00–19:30 in Lisbon",
                his.format("%H:%M"),
                his_end.format("%H:%M")
            ),
        )
        .assert_contains("Kitchen");
    app.get(&mum, &page)
        .await
        .assert_text_contains("p.when strong", "18:00–19:30")
        .assert_text_ends_with("p.when", "18:00–19:30 your time");

    // He moves it, with a note; she sees who and why.
    let k = key(&id, day, "18:00");
    let next = (day + Duration::days(1)).to_string();
    app.post(
        &son,
        &time_path(&bond, &k, "move"),
        &[
            ("date", &next),
            ("start", "17:00"),
            ("end", "18:00"),
            ("note", "Football practice moved"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &page)
        .await
        .assert_text_contains("p.when strong", "17:00–18:00")
        .assert_text_contains("p.when", "17:00–18:00 your time")
        .assert_text("li.change strong", "Iker")
        .assert_text(
            "li.change",
            &change_line(
                "plans-change-moved",
                "Iker",
                "Football practice moved",
                &[
                    (
                        "day",
                        &(day + Duration::days(1)).format("%a %-d %b %Y").to_string(),
                    ),
                    ("start", "17:00"),
                ],
            ),
        )
        .assert_text(
            "p.hint",
            &en_with(
                "plans-first-planned",
                &[
                    ("day", day.format("%a %-d %b %Y").to_string().into()),
                    ("start", "18:00".into()),
                ],
            ),
        );
    // She cancels it; he sees that, and it can change no more.
    let moved_his = at(lisbon, day + Duration::days(1), "17:00").with_timezone(&toronto);
    app.post(
        &mum,
        &time_path(&bond, &k, "cancel"),
        &[("note", "I have a cold, sorry")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &page)
        .await
        .assert_text("span.badge", &en("plans-badge-cancelled"))
        .assert_text("li.change strong", "You")
        .assert_text(
            "li.change",
            &change_line(
                "plans-change-moved",
                "you",
                "Football practice moved",
                &[
                    ("day", &moved_his.format("%a %-d %b %Y").to_string()),
                    ("start", &moved_his.format("%H:%M").to_string()),
                ],
            ),
        )
        .assert_text("li.change strong", "Rosa")
        .assert_text(
            "li.change",
            &change_line(
                "plans-change-cancelled",
                "Rosa",
                "I have a cold, sorry",
                &[],
            ),
        );
    app.post(&son, &time_path(&bond, &k, "cancel"), &[("note", "")])
        .await
        .assert_status(StatusCode::CONFLICT);
    app.post(
        &son,
        &time_path(&bond, &k, "move"),
        &[("date", &next), ("start", "17:00"), ("end", "18:00")],
    )
    .await
    .assert_status(StatusCode::CONFLICT);

    // A weekly rhythm in his time, stopped by her from now on.
    let sunday_ahead = (1..=7)
        .map(|d| today_in(toronto) + Duration::days(d))
        .find(|d| d.weekday() == Weekday::Sun)
        .unwrap();
    let rhythm = make_plan(
        &app,
        &son,
        &bond,
        &plan_fields(
            "Sunday call",
            &sunday_ahead.to_string(),
            "10:00",
            "10:45",
            "America/Toronto",
            "weekly",
        ),
    )
    .await;
    app.get(&mum, &page).await.assert_text_starts_with(
        "li.slot p",
        &en_with(
            "plans-rhythm-when",
            &[
                ("recurrence", "weekly".into()),
                ("weekday", "Sunday".into()),
                ("day", "".into()),
                ("start", "10:00".into()),
                ("end", "10:45".into()),
                ("city", "Toronto".into()),
            ],
        ),
    );
    let stop = format!("{page}/{rhythm}/stop");
    app.post(&mum, &stop, &[("note", "Lets find a new day")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let after = app.get(&son, &page).await;
    after
        .assert_text("p.change strong", "Rosa")
        .assert_text_starts_with(
            "p.change",
            &change_line("plans-rhythm-stopped", "Rosa", "", &[("day", "")]),
        )
        .assert_contains("Lets find a new day");
    assert!(
        !after.body.contains(&format!("times/{rhythm}-")),
        "no time of the stopped rhythm is left to change"
    );
    app.post(&son, &stop, &[("note", "")])
        .await
        .assert_status(StatusCode::CONFLICT);
    app.post(&son, &format!("{page}/{id}/stop"), &[("note", "")])
        .await
        .assert_status(StatusCode::CONFLICT);
    assert_eq!(count_plans(&app).await, (2, 3));
}
both_backends!(a_plan_is_made_moved_and_cancelled_and_both_see_every_step);

async fn another_family_finds_nothing_of_the_plans(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let (marta, _leo, their_bond) = other_family(&app).await;
    let day = today_in(chrono_tz::Europe::Lisbon) + Duration::days(3);
    let id = make_plan(
        &app,
        &mum,
        &bond,
        &plan_fields(
            "Our secret picnic",
            &day.to_string(),
            "12:00",
            "13:00",
            "Europe/Lisbon",
            "once",
        ),
    )
    .await;
    let k = key(&id, day, "12:00");
    // Not through our bond, not through theirs.
    app.get(&marta, &plans_path(&bond))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&marta, &format!("{}/new", plans_path(&bond)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &marta,
        &format!("{}/new", plans_path(&bond)),
        &plan_fields(
            "x",
            &day.to_string(),
            "12:00",
            "13:00",
            "Europe/Lisbon",
            "once",
        ),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    for action in ["move", "cancel"] {
        app.post(
            &marta,
            &time_path(&their_bond, &k, action),
            &[
                ("date", &day.to_string()),
                ("start", "14:00"),
                ("end", "15:00"),
            ],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
        app.post(&marta, &time_path(&bond, &k, action), &[("note", "")])
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    app.post(
        &marta,
        &format!("{}/{id}/stop", plans_path(&their_bond)),
        &[("note", "")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get(&marta, &format!("{}/{id}.ics", plans_path(&their_bond)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&marta, &plans_path(&their_bond))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Our secret picnic");
    // Made-up keys are simply not found.
    app.post(
        &mum,
        &time_path(&bond, "nonsense", "cancel"),
        &[("note", "")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &mum,
        &time_path(&bond, &key(&id, day, "13:00"), "cancel"),
        &[("note", "")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(count_plans(&app).await, (1, 0));
}
both_backends!(another_family_finds_nothing_of_the_plans);

async fn bad_plans_and_moves_are_refused_with_a_message_and_nothing_is_stored(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let new = format!("{}/new", plans_path(&bond));
    let lisbon = chrono_tz::Europe::Lisbon;
    let soon = (today_in(lisbon) + Duration::days(5)).to_string();
    let yesterday = (today_in(lisbon) - Duration::days(1)).to_string();
    let far = (today_in(lisbon) + Duration::days(800)).to_string();
    let long = "x".repeat(121);
    let good = plan_fields("Chess", &soon, "18:00", "19:00", "Europe/Lisbon", "weekly");
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            with(good.clone(), "date", &yesterday),
            "This time has already passed in Lisbon",
        ),
        (with(good.clone(), "date", &far), "up to two years ahead"),
        (
            with(good.clone(), "end", "17:00"),
            "The end must be after the start",
        ),
        (
            with(good.clone(), "end", "18:00"),
            "The end must be after the start",
        ),
        (
            with(good.clone(), "end", "18:03"),
            "A plan lasts at least 5 minutes",
        ),
        (
            with(good.clone(), "recurrence", "daily"),
            "Choose how often",
        ),
        (
            with(good.clone(), "until", &yesterday),
            "The last date is before the first one.",
        ),
        (
            with(good.clone(), "until", "soon"),
            "Give the last date as year, month and day",
        ),
        (with(good.clone(), "title", "   "), "The title is needed."),
        (
            with(good.clone(), "title", &long),
            "The title can be at most 120 characters",
        ),
        (
            with(good.clone(), "place", &long),
            "The place can be at most 120 characters",
        ),
        (
            with(good.clone(), "zone", "Mars/Olympus"),
            "Tandem does not know this time zone",
        ),
        (
            with(good.clone(), "date", "next week"),
            "Give the date as year, month and day",
        ),
        (
            with(good.clone(), "start", "6pm"),
            "Give the start as hours and minutes",
        ),
    ];
    for (fields, message) in cases {
        app.post(&mum, &new, &fields)
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(message)
            .assert_text("div.alert h2", &en("plans-new-not-saved"));
    }
    assert_eq!(count_plans(&app).await, (0, 0));

    // Moves: not into the past, not too far, notes not too long.
    let day = today_in(lisbon) + Duration::days(5);
    let id = make_plan(&app, &mum, &bond, &good).await;
    let k = key(&id, day, "18:00");
    let move_path = time_path(&bond, &k, "move");
    let to = |date: NaiveDate| {
        [
            ("date", date.to_string()),
            ("start", "18:00".to_owned()),
            ("end", "19:00".to_owned()),
        ]
    };
    post_owned(
        &app,
        &son,
        &move_path,
        &to(today_in(lisbon) - Duration::days(1)),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("This time has already passed in Lisbon");
    post_owned(&app, &son, &move_path, &to(day + Duration::days(61)))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("up to 60 days");
    app.post(
        &son,
        &move_path,
        &[("date", &soon), ("start", "18:00"), ("end", "17:00")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text_contains("main", &en("plans-end-must-after-start"));
    let too_long = long.repeat(3);
    app.post(
        &son,
        &time_path(&bond, &k, "cancel"),
        &[("note", &too_long)],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("The note can be at most 300 characters");
    app.post(
        &son,
        &format!("{}/{id}/stop", plans_path(&bond)),
        &[("note", &too_long)],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("The note can be at most 300 characters");
    assert_eq!(count_plans(&app).await, (1, 0));
    // A move within the limit, the other way, is fine.
    post_owned(&app, &son, &move_path, &to(day - Duration::days(2)))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(count_plans(&app).await, (1, 1));

    // A time that has begun can change no more.
    let access = access_as(&app, "Rosa", &bond).await;
    let two_days_ago = today_in(lisbon) - Duration::days(2);
    let past = insert_plan(
        &app,
        &access,
        lisbon,
        local(two_days_ago, "08:00"),
        Recurrence::Weekly,
    )
    .await;
    let pk = key(&past, two_days_ago, "08:00");
    app.post(&son, &time_path(&bond, &pk, "cancel"), &[("note", "")])
        .await
        .assert_status(StatusCode::CONFLICT);
    app.post(
        &son,
        &time_path(&bond, &pk, "move"),
        &[("date", &soon), ("start", "08:00"), ("end", "08:30")],
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    assert_eq!(count_plans(&app).await, (2, 1));
    // The page lists it among the last weeks, without forms.
    let page = app.get(&mum, &plans_path(&bond)).await;
    page.assert_text("h2#past-heading", &en("plans-last-weeks"));
    assert!(!page.body.contains(&format!("times/{pk}/")));
}
both_backends!(bad_plans_and_moves_are_refused_with_a_message_and_nothing_is_stored);

//! The memory book: a memory added directly is shared at once, the other adds their side,
//! each changes only their own; filters by kind and year; "on this day"; bad input.

use axum::http::StatusCode;
use chrono::{Datelike, Duration, NaiveDate, Utc};

use super::fixtures::{File, file, jpeg, photo_srcs};
use crate::both_backends;
use crate::harness::{TestApp, User, en, en_with};
use tandem::i18n::Key;

pub fn book(bond: &str) -> String {
    format!("/bonds/{bond}/together/memories")
}

pub fn new_memory_path(bond: &str) -> String {
    book(bond)
}

fn rosa_today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Lisbon)
        .date_naive()
}

/// The fields of a new memory that happened a year ago (one of Rosa's days).
pub fn memory_fields(title: &str) -> Vec<(String, String)> {
    [
        ("title", title.to_owned()),
        (
            "happened_on",
            (rosa_today() - Duration::days(400)).to_string(),
        ),
        ("category", "nature".to_owned()),
        ("highlight", "The kite finally went up".to_owned()),
        ("learned", "You are patient with knots".to_owned()),
        ("feeling", String::new()),
        ("feeling_words", String::new()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The fields with some values changed.
pub fn with(mut fields: Vec<(String, String)>, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    for (k, v) in changes {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = (*v).to_owned(),
            None => fields.push(((*k).to_owned(), (*v).to_owned())),
        }
    }
    fields
}

pub fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Adds a memory (fields changed by `changes`) and returns its page's path.
pub async fn add_memory(
    app: &TestApp,
    who: &User,
    bond: &str,
    changes: &[(&str, &str)],
    files: Vec<File>,
) -> String {
    let fields = with(memory_fields("Kite day"), changes);
    let response = app
        .post_files(who, &new_memory_path(bond), &pairs(&fields), &files)
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let location = response.location().to_owned();
    assert!(location.starts_with(&book(bond)), "{location}");
    location
}

impl TestApp {
    /// Adds or changes the user's side of a memory.
    async fn side(
        &self,
        who: &User,
        memory: &str,
        fields: &[(&str, &str)],
        files: Vec<File>,
    ) -> crate::harness::Response {
        self.post_files(who, &format!("{memory}/perspective"), fields, &files)
            .await
    }
}

async fn a_memory_added_directly_is_shared_and_the_other_adds_their_side(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let photos =
        r#"input#photos[name=photos][type=file][accept="image/jpeg,image/png,image/webp"]"#;
    app.get(&mum, &format!("{}/new", book(&bond)))
        .await
        .assert_status(StatusCode::OK)
        .assert_has(r#"form[enctype="multipart/form-data"]"#)
        .assert_has(&format!("{photos}[multiple]"));
    let memory = add_memory(
        &app,
        &mum,
        &bond,
        &[("title", "Kite day on the dunes")],
        vec![file("k.jpg", jpeg(80, 60))],
    )
    .await;

    // Iker sees it at once, in the book and on its page, and is invited to add his side.
    app.get(&son, &book(&bond))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Kite day on the dunes")
        .assert_text("p.hint a", &en("memories-add-your-side"));
    let page = app.get(&son, &memory).await;
    page.assert_status(StatusCode::OK)
        .assert_text(
            "h2",
            &en_with("memories-their-side", &[("name", "Rosa".into())]),
        )
        .assert_contains("The kite finally went up")
        .assert_contains("You are patient with knots")
        .assert_text("p.empty", &en("memories-not-added-yours"));
    assert_eq!(photo_srcs(&page.body, "thumb").len(), 1);

    // His side, with a photo of his own.
    let fields = [
        ("highlight", "Running with the string"),
        ("learned", "Mum screams at crabs"),
        ("feeling", "proud"),
        ("feeling_words", ""),
    ];
    app.side(&son, &memory, &fields, vec![file("mine.jpg", jpeg(50, 50))])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&mum, &memory).await;
    page.assert_text(
        "h2",
        &en_with("memories-their-side", &[("name", "Iker".into())]),
    )
    .assert_contains("Running with the string")
    .assert_text("h2", &en("memories-your-side"))
    .assert_lacks(&en("memories-not-added-yours"));
    assert_eq!(photo_srcs(&page.body, "thumb").len(), 2);
    assert_eq!(app.count("memories").await, 1);
    assert_eq!(
        app.count("reflections WHERE visibility = 'shared'").await,
        2
    );
    assert_eq!(app.count("photos WHERE visibility = 'shared'").await, 2);

    // A second "add" from him changes his side instead of adding another.
    app.side(
        &son,
        &memory,
        &[("highlight", "Running, and the red kite")],
        vec![],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("reflections").await, 2);
    app.get(&mum, &memory)
        .await
        .assert_contains("Running, and the red kite")
        .assert_lacks("Running with the string");
    // Her side is hers: his change did not touch it.
    app.get(&son, &memory)
        .await
        .assert_contains("The kite finally went up");

    // Another family sees nothing of it and can add nothing to it.
    let stranger = app.sign_up_mother("Wanda").await;
    app.get(&stranger, &memory)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&stranger, &book(&bond))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.side(
        &stranger,
        &memory,
        &[("highlight", "Intruding")],
        vec![file("x.jpg", jpeg(20, 20))],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("reflections").await, 2);
    assert_eq!(app.media_files().len(), 4);
}
both_backends!(a_memory_added_directly_is_shared_and_the_other_adds_their_side);

async fn bad_memories_are_refused_next_to_their_fields_and_nothing_is_stored(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(8).await;
    let tomorrow = (rosa_today() + Duration::days(2)).to_string();
    let needed = |what: &'static str| en_with("form-needed", &[("what", Key(what).into())]);
    let cases: &[(&[(&str, &str)], String)] = &[
        (
            &[("happened_on", &tomorrow)],
            en("memories-date-not-come-yet"),
        ),
        (
            &[("happened_on", "last summer")],
            en("memories-please-give-date-happened"),
        ),
        (&[("title", "  ")], needed("field-the-title")),
        (&[("highlight", "")], needed("field-the-highlight")),
        (
            &[("category", "skydiving")],
            en("memories-please-choose-one-kinds"),
        ),
    ];
    for (changes, message) in cases {
        let fields = with(memory_fields("Kite day"), changes);
        let response = app
            .post_files(
                &mum,
                &new_memory_path(&bond),
                &pairs(&fields),
                &[file("k.jpg", jpeg(40, 40))],
            )
            .await;
        response
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains(message)
            .assert_text("p#photos-again", &en("memories-photos-choose-again"));
    }
    // A word the feelings vocabulary offers only to older boys is not his to pick.
    let grown_up = tandem::feelings::vocabulary::all()
        .iter()
        .find(|f| !f.offered_to(tandem::family::AgeBand::Child))
        .unwrap();
    let fields = with(memory_fields("Kite day"), &[("feeling", &grown_up.id)]);
    app.post_files(&son, &new_memory_path(&bond), &pairs(&fields), &[])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text(
            "p.error#feeling-error",
            &en("memories-please-choose-one-words"),
        );
    // Not a form with files at all.
    app.post(&mum, &new_memory_path(&bond), &[("title", "x")])
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    for table in ["memories", "reflections", "photos"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    assert!(app.media_files().is_empty());
}
both_backends!(bad_memories_are_refused_next_to_their_fields_and_nothing_is_stored);

async fn the_book_filters_by_kind_and_year_newest_first(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let today = rosa_today();
    let two_years_ago = NaiveDate::from_ymd_opt(today.year() - 2, 3, 10)
        .unwrap()
        .to_string();
    let last_year = NaiveDate::from_ymd_opt(today.year() - 1, 9, 20)
        .unwrap()
        .to_string();
    add_memory(
        &app,
        &mum,
        &bond,
        &[
            ("title", "Zqx pancakes"),
            ("category", "cooking"),
            ("happened_on", &two_years_ago),
        ],
        vec![],
    )
    .await;
    add_memory(
        &app,
        &son,
        &bond,
        &[
            ("title", "Zqx forest walk"),
            ("category", "nature"),
            ("happened_on", &last_year),
        ],
        vec![],
    )
    .await;
    add_memory(
        &app,
        &mum,
        &bond,
        &[
            ("title", "Zqx chess final"),
            ("category", "games"),
            ("happened_on", &last_year),
        ],
        vec![],
    )
    .await;

    let all = app.get(&mum, &book(&bond)).await;
    let order: Vec<&str> = all
        .body
        .match_indices("Zqx ")
        .map(|(i, _)| &all.body[i..i + 9])
        .collect();
    assert_eq!(order, ["Zqx chess", "Zqx fores", "Zqx panca"]);

    let cooking = app
        .get(&mum, &format!("{}?category=cooking", book(&bond)))
        .await;
    cooking
        .assert_contains("Zqx pancakes")
        .assert_lacks("Zqx forest")
        .assert_lacks("Zqx chess");
    let year = today.year() - 1;
    let in_year = app.get(&son, &format!("{}?year={year}", book(&bond))).await;
    in_year
        .assert_contains("Zqx forest")
        .assert_contains("Zqx chess")
        .assert_lacks("Zqx pancakes");
    in_year.assert_has(&format!(
        r#"select[name=year] option[value="{year}"][selected]"#
    ));
    app.get(&son, &format!("{}?year={year}&category=games", book(&bond)))
        .await
        .assert_contains("Zqx chess")
        .assert_lacks("Zqx forest");
    app.get(&son, &format!("{}?category=art", book(&bond)))
        .await
        .assert_text("p.empty", &en("memories-none-match"));
    app.get(&son, &format!("{}?category=flying", book(&bond)))
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    app.get(&son, &format!("{}?year=soon", book(&bond)))
        .await
        .assert_status(StatusCode::BAD_REQUEST);
}
both_backends!(the_book_filters_by_kind_and_year_newest_first);

async fn on_this_day_brings_back_earlier_years_within_three_days(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let today = rosa_today();
    let years_ago = |years: i32, days: i64| {
        let same_day = today
            .with_year(today.year() - years)
            .unwrap_or(today - Duration::days(365 * years as i64));
        (same_day + Duration::days(days)).to_string()
    };
    add_memory(
        &app,
        &mum,
        &bond,
        &[
            ("title", "Zqx near one"),
            ("happened_on", &years_ago(1, -2)),
        ],
        vec![],
    )
    .await;
    add_memory(
        &app,
        &mum,
        &bond,
        &[
            ("title", "Zqx near three"),
            ("happened_on", &years_ago(3, 3)),
        ],
        vec![],
    )
    .await;
    add_memory(
        &app,
        &mum,
        &bond,
        &[
            ("title", "Zqx too far"),
            ("happened_on", &years_ago(1, -10)),
        ],
        vec![],
    )
    .await;
    add_memory(
        &app,
        &mum,
        &bond,
        &[
            ("title", "Zqx this year"),
            ("happened_on", &today.to_string()),
        ],
        vec![],
    )
    .await;

    let page = app.get(&mum, &book(&bond)).await;
    let section = page
        .body
        .split(r#"<h2 id="otd-heading">On this day</h2>"#)
        .nth(1)
        .unwrap_or_else(|| panic!("no 'on this day':\n{}", page.body));
    let section = section.split("</section>").next().unwrap();
    assert!(
        section.contains("Zqx near one") && section.contains("Zqx near three"),
        "{section}"
    );
    assert!(
        !section.contains("Zqx too far") && !section.contains("Zqx this year"),
        "{section}"
    );
}
both_backends!(on_this_day_brings_back_earlier_years_within_three_days);

async fn an_empty_book_invites_the_first_memory(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    app.get(&mum, &book(&bond))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("p.empty", &en("memories-none-yet"))
        .assert_lacks(&en("memories-on-this-day"))
        .assert_has(&format!(r#"a[href="/bonds/{bond}/together/memories/new"]"#));
}
both_backends!(an_empty_book_invites_the_first_memory);

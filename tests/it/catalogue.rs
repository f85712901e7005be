//! Every word a page shows comes from the message catalogue: each page is read in the
//! pseudo-language `en-XA`, where every message is wrapped in `⟦…⟧`, and any visible text
//! (or `placeholder`, `aria-label`, `title`, `alt`, button `value`) outside the markers fails,
//! unless it is what the test itself typed in (names, titles), a number or punctuation.
//!
//! A new page is listed in `PAGES` (with the data it needs made in the test); the talk and
//! feelings tests read their pages in every state the same way (`talk::catalogue`,
//! `feelings::catalogue`).

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use scraper::{Html, Node};

use crate::both_backends;
use crate::family::born_years_ago;
use crate::harness::{ORIGIN, PASSWORD, TestApp, User};

/// Who asks for a page.
#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    Mother,
    Son,
    /// A mother whose family has no son yet.
    LoneMother,
}

/// Pages whose every word must come from the catalogue: `{bond}` is the bond's id, `{invite}` the
/// path of an invitation link and `{ready}` the page that shows it to its maker; `{memory}` is
/// a memory's page, `{own}` the id of the pair's own activity, `{reflect}` the key of a plan
/// to reflect on and `{note}` the id of a shared note with a reply.
const PAGES: &[(Who, &str, StatusCode)] = &[
    (Who::Mother, "/settings", StatusCode::OK),
    (Who::Son, "/settings", StatusCode::OK),
    (Who::Mother, "/no-such-page", StatusCode::NOT_FOUND),
    (Who::Anonymous, "/no-such-page", StatusCode::NOT_FOUND),
    (Who::Son, "/bonds/not-a-bond/talk", StatusCode::NOT_FOUND),
    (Who::Mother, "/bonds/{bond}/notes", StatusCode::OK),
    (Who::Anonymous, "/", StatusCode::OK),
    (Who::Anonymous, "/login", StatusCode::OK),
    (Who::Anonymous, "/signup", StatusCode::OK),
    (Who::Mother, "/settings/reminders", StatusCode::OK),
    (Who::Anonymous, "/offline", StatusCode::OK),
    (Who::Mother, "/offline", StatusCode::OK),
    (Who::Anonymous, "/password/forgot", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/notes", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/notes/{note}", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/notes/{note}", StatusCode::OK),
    (Who::Mother, "/family", StatusCode::OK),
    (Who::Son, "/family", StatusCode::OK),
    (Who::Mother, "/family/leave", StatusCode::OK),
    (Who::Mother, "{ready}", StatusCode::OK),
    (Who::Anonymous, "{invite}", StatusCode::OK),
    (Who::Mother, "/outbox", StatusCode::OK),
    (Who::Son, "/more", StatusCode::OK),
    (Who::Anonymous, "/signup/check-mail", StatusCode::OK),
    (Who::LoneMother, "/talk", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/together/plans", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/together/plans", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/together/plans/new",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/calendar",
        StatusCode::OK,
    ),
    (Who::Son, "/bonds/{bond}/together/calendar", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/together", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/together", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities?category=games&minutes=5&favourites=1",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities?minutes=many&cost=gold",
        StatusCode::UNPROCESSABLE_ENTITY,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities/new",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities/cooking-pancake-lab",
        StatusCode::OK,
    ),
    (
        Who::Son,
        "/bonds/{bond}/together/activities/games-teach-me-your-card-game?surprise=1&category=games",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities/{own}",
        StatusCode::OK,
    ),
    (
        Who::Son,
        "/bonds/{bond}/together/activities/{own}",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/activities/{own}/edit",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/interests",
        StatusCode::OK,
    ),
    (Who::Son, "/bonds/{bond}/together/interests", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/together/memories",
        StatusCode::OK,
    ),
    (Who::Son, "/bonds/{bond}/together/memories", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/together/memories?category=nature",
        StatusCode::OK,
    ),
    (
        Who::Mother,
        "/bonds/{bond}/together/memories/new",
        StatusCode::OK,
    ),
    (Who::Mother, "{memory}", StatusCode::OK),
    (Who::Son, "{memory}", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/together/reflect/{reflect}",
        StatusCode::OK,
    ),
    (
        Who::Son,
        "/bonds/{bond}/together/reflect/{reflect}",
        StatusCode::OK,
    ),
    (Who::Mother, "/bonds/{bond}/talk", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/history", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/starters", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/requests", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/talk/repairs", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/talk/starters", StatusCode::OK),
    (Who::Mother, "/settings/support", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/check-in", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/words", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/insights", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/toolbox", StatusCode::OK),
    (Who::Son, "/bonds/{bond}/feelings/needs", StatusCode::OK),
    (
        Who::Mother,
        "/bonds/{bond}/feelings/coaching",
        StatusCode::OK,
    ),
    (Who::Son, "/bonds/{bond}/feelings/coaching", StatusCode::OK),
    (Who::Mother, "/bonds/{bond}/feelings/words", StatusCode::OK),
    (Who::Son, "/settings/support", StatusCode::OK),
    (Who::Mother, "/", StatusCode::OK),
    (Who::Son, "/", StatusCode::OK),
];

/// What the test typed in, which pages show as it is.
const USER_DATA: &[&str] = &[
    "Rosa",
    "Iker",
    "Tomás",
    "Lone",
    "The Testers",
    "We built a den today",
    "Can we keep it up till Sunday?",
    "Kite flying",
    "The dunes",
    "Rain again",
    "Sunday call",
    "Dinner out",
    "Sorry, a cold",
    "Lets find a new day",
    "Market walk",
    "The park",
    "Kite day on the dunes",
    "The kite finally went up",
    "You are patient with knots",
    "Zoo trip",
    "Rosa's card game",
    "Deal seven each.",
    "A deck of cards",
    "Who taught you cards?",
    "Old maps",
    "Her stall of apples",
    "Something new",
    "glad",
];

async fn every_page_speaks_only_from_the_catalogue(app: TestApp) {
    let (mother, son, bond) = app.mother_and_son(14).await;
    app.post(
        &mother,
        &format!("/bonds/{bond}/notes"),
        &[("body", "We built a den today"), ("visibility", "shared")],
    )
    .await;
    let note = app.select_one("SELECT id FROM notes").await;
    app.post(
        &son,
        &format!("/bonds/{bond}/notes/{note}/replies"),
        &[("body", "Can we keep it up till Sunday?")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let invited = app
        .post(
            &mother,
            "/family/invitations",
            &[
                ("name", "Tomás"),
                ("role", "son"),
                ("email", "tomas@example.com"),
            ],
        )
        .await;
    let ready = invited.location().to_owned();
    let invite = app
        .invite(&mother, &[("name", "Tomás"), ("role", "son")])
        .await;
    let lone = app.sign_up_mother("Lone").await;
    plans_to_show(&app, &mother, &son, &bond).await;
    let shown = together_to_show(&app, &mother, &son, &bond).await;
    let places = [
        ("{bond}", bond.as_str()),
        ("{ready}", &ready),
        ("{invite}", &invite),
        ("{memory}", &shown.memory),
        ("{own}", &shown.own),
        ("{reflect}", &shown.reflect),
        ("{note}", &note),
    ];
    // Everyone reads Tandem in the pseudo-language; a visitor asks for it by header.
    app.exec("UPDATE members SET language = 'en-XA'", &[]).await;
    let mut data = vec![mother.email.clone(), son.email.clone(), lone.email.clone()];
    // Mail is written once, in its reader's language of the day: the outbox shows it as it was.
    data.extend(outbox_texts(&app).await);
    let content = content_texts();
    let mut allowed: Vec<&str> = USER_DATA.to_vec();
    allowed.extend(data.iter().map(String::as_str));
    allowed.extend(content.iter().map(String::as_str));
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));

    let mut failures = vec![];
    let users = [&mother, &son, &lone];
    for (who, path, status) in PAGES {
        let path = places
            .iter()
            .fold(path.to_string(), |p, (k, v)| p.replace(k, v));
        let page = get(&app, user(*who, users), &path).await;
        assert_eq!(page.0, *status, "{who:?} {path}: {}", page.1);
        assert!(page.1.contains("lang=\"en-XA\""), "{who:?} {path}");
        let unmarked = unmarked_text(&page.1, &allowed);
        if !unmarked.is_empty() {
            failures.push(format!("{who:?} {path}: {unmarked:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "text outside the catalogue:\n{}",
        failures.join("\n")
    );
}
both_backends!(every_page_speaks_only_from_the_catalogue);

/// The account pages a mail link or a refusal leads to, each asked for by a browser that
/// prefers the pseudo-language: confirming a sign-up, choosing a new password, the lockout
/// after wrong passwords, and the page for a boy too young to start a family.
async fn the_account_pages_speak_only_from_the_catalogue(app: TestApp) {
    let visitor = User::anonymous();
    let pseudo = [("origin", ORIGIN), ("accept-language", "en-XA")];
    let mut seen = vec![];

    let signup = |role, email, birth_date| {
        [
            ("role", role),
            ("family_name", "The Testers"),
            ("display_name", "Rosa"),
            ("email", email),
            ("password", PASSWORD),
            ("time_zone", "UTC"),
            ("birth_date", birth_date),
        ]
    };
    app.post(
        &visitor,
        "/signup",
        &signup("mother", "rosa@example.org", ""),
    )
    .await;
    let confirm = app.confirmation_link("rosa@example.org").await.unwrap();
    seen.push((
        "confirm",
        StatusCode::OK,
        get(&app, &visitor, &confirm).await,
    ));

    let mother = app.sign_up_mother("Rosa").await;
    let forgot = [("email", mother.email.as_str())];
    let sent = app
        .post_with(&visitor, "/password/forgot", &forgot, &pseudo)
        .await;
    seen.push(("reset sent", StatusCode::OK, (sent.status, sent.body)));
    let mail = app.mail_to(&mother.email).await.remove(0).body;
    let reset = mail[mail.find("/password/reset/").unwrap()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    seen.push(("reset", StatusCode::OK, get(&app, &visitor, &reset).await));

    let stranger = User {
        ip: [198, 51, 100, 9],
        ..User::anonymous()
    };
    let wrong = [
        ("email", mother.email.as_str()),
        ("password", "not it at all"),
    ];
    for _ in 0..6 {
        app.post(&stranger, "/login", &wrong).await;
    }
    let locked = app.post_with(&stranger, "/login", &wrong, &pseudo).await;
    seen.push((
        "locked",
        StatusCode::TOO_MANY_REQUESTS,
        (locked.status, locked.body),
    ));

    let young = born_years_ago(7);
    let form = signup("son", "leo@example.org", &young);
    let ask = app.post_with(&visitor, "/signup", &form, &pseudo).await;
    seen.push(("ask your mother", StatusCode::OK, (ask.status, ask.body)));

    let emails = [mother.email.as_str(), "rosa@example.org"];
    let mut allowed: Vec<&str> = USER_DATA.iter().chain(&emails).copied().collect();
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut failures = vec![];
    for (page, status, (got, body)) in seen {
        assert_eq!(got, status, "{page}: {body}");
        assert!(body.contains("lang=\"en-XA\""), "{page}");
        let unmarked = unmarked_text(&body, &allowed);
        if !unmarked.is_empty() {
            failures.push(format!("{page}: {unmarked:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "text outside the catalogue:\n{}",
        failures.join("\n")
    );
}
both_backends!(the_account_pages_speak_only_from_the_catalogue);

/// Where the pages of one memory, one own activity and one plan to reflect on are.
struct Shown {
    memory: String,
    own: String,
    reflect: String,
}

/// Together's pages with content: interests of both, an activity of their own, favourites, a
/// memory with a photo and one side, one from a year ago, a plan she has reflected on.
async fn together_to_show(app: &TestApp, mother: &User, son: &User, bond: &str) -> Shown {
    use crate::together::{fixtures::file, fixtures::jpeg, memories, reflections};
    let interests = format!("/bonds/{bond}/together/interests");
    for (who, tags) in [
        (mother, ["football", "running"]),
        (son, ["football", "swimming"]),
    ] {
        let form: Vec<(&str, &str)> = tags.iter().map(|t| ("tag", *t)).collect();
        app.post(who, &format!("{interests}/tags"), &form).await;
    }
    app.post(
        mother,
        &format!("{interests}/words"),
        &[("words", "Old maps")],
    )
    .await;
    let activities = format!("/bonds/{bond}/together/activities");
    let response = app
        .post(
            mother,
            &activities,
            &[
                ("title", "Rosa's card game"),
                ("category", "games"),
                ("minutes", "30"),
                ("cost", "free"),
                ("place", "indoor"),
                ("energy", "low"),
                ("needs", "A deck of cards"),
                ("how", "Deal seven each."),
                ("talk", "Who taught you cards?"),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let own = response
        .location()
        .split(['?', '#'])
        .next()
        .and_then(|path| path.rsplit('/').next())
        .unwrap_or_default()
        .to_owned();
    for (who, id) in [
        (son, "games-teach-me-your-card-game"),
        (son, "cooking-pancake-lab"),
    ] {
        app.post(
            who,
            &format!("{activities}/{id}/favourite"),
            &[("on", "1"), ("back", "")],
        )
        .await;
    }
    let memory = memories::add_memory(
        app,
        mother,
        bond,
        &[("title", "Kite day on the dunes")],
        vec![file("k.jpg", jpeg(80, 60))],
    )
    .await;
    let year_ago = (chrono::Utc::now().date_naive() - chrono::Duration::days(365)).to_string();
    memories::add_memory(
        app,
        son,
        bond,
        &[
            ("title", "Zoo trip"),
            ("happened_on", year_ago.as_str()),
            ("category", "adventure"),
        ],
        vec![],
    )
    .await;
    let reflect = reflections::plan(
        app,
        bond,
        "Her stall of apples",
        chrono::Duration::hours(-5),
    )
    .await;
    app.post_files(
        mother,
        &reflections::reflect_path(bond, &reflect),
        &reflections::side("The kite finally went up"),
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.run_jobs().await;
    Shown {
        memory,
        own,
        reflect,
    }
}

/// Plans with something of everything: a time moved with a note, one cancelled, a weekly
/// rhythm stopped, a weekly goal.
async fn plans_to_show(app: &TestApp, mother: &User, son: &User, bond: &str) {
    use crate::together::plans::{key, make_plan, plan_fields, plans_path, time_path, with};
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(3);
    let date = day.to_string();
    let fields = with(
        plan_fields(
            "Kite flying",
            &date,
            "10:00",
            "11:30",
            "Europe/Lisbon",
            "once",
        ),
        "place",
        "The dunes",
    );
    let kite = make_plan(app, mother, bond, &fields).await;
    let moved_to = (day + chrono::Duration::days(1)).to_string();
    app.post(
        son,
        &time_path(bond, &key(&kite, day, "10:00"), "move"),
        &[
            ("date", moved_to.as_str()),
            ("start", "11:00"),
            ("end", "12:30"),
            ("note", "Rain again"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let fields = plan_fields(
        "Dinner out",
        &date,
        "19:00",
        "20:00",
        "Europe/Lisbon",
        "once",
    );
    let dinner = make_plan(app, son, bond, &fields).await;
    app.post(
        mother,
        &time_path(bond, &key(&dinner, day, "19:00"), "cancel"),
        &[("note", "Sorry, a cold")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let fields = with(
        plan_fields(
            "Sunday call",
            &date,
            "18:00",
            "18:45",
            "America/Toronto",
            "weekly",
        ),
        "until",
        "2099-01-01",
    );
    let call = make_plan(app, son, bond, &fields).await;
    app.post(
        mother,
        &format!("{}/{call}/stop", plans_path(bond)),
        &[("note", "Lets find a new day")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let fields = plan_fields(
        "Sunday call",
        &date,
        "09:00",
        "09:30",
        "America/Toronto",
        "fortnightly",
    );
    make_plan(app, son, bond, &fields).await;
    crate::together::reflections::plan(app, bond, "Market walk", chrono::Duration::hours(-3)).await;
    app.post(mother, &format!("/bonds/{bond}/together/calendar"), &[])
        .await
        .assert_status(StatusCode::OK);
    app.post(
        son,
        &format!("{}/goal", plans_path(bond)),
        &[("minutes", "90")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
}

/// Every text of `content/` (activities, starters, feelings words…): content is data written
/// per language apart from the catalogue (content/README.md), so a page may show it as it is.
pub fn content_texts() -> Vec<String> {
    use tandem::talk::questions::OTHER_NAME;
    fn strings(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            // A side's question names the other where it says `{name}`: a page shows it filled
            // in with a member's name, so each piece around the name is content.
            toml::Value::String(text) if text.contains(OTHER_NAME) => out.extend(
                text.split(OTHER_NAME)
                    .filter(|piece| piece.chars().any(char::is_alphabetic))
                    .map(str::to_owned),
            ),
            toml::Value::String(text) if !text.trim().is_empty() => out.push(text.clone()),
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut texts = vec![];
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let table: toml::Table = text.parse().unwrap();
                table.values().for_each(|v| strings(v, &mut texts));
            }
        }
    }
    assert!(texts.len() > 100, "content/ read: {} texts", texts.len());
    texts
}

/// The user `who` stands for, among the mother, the son and the lone mother.
fn user(who: Who, [mother, son, lone]: [&User; 3]) -> &User {
    static ANONYMOUS: std::sync::OnceLock<User> = std::sync::OnceLock::new();
    match who {
        Who::Anonymous => ANONYMOUS.get_or_init(User::anonymous),
        Who::Mother => mother,
        Who::Son => son,
        Who::LoneMother => lone,
    }
}

/// The subjects and bodies of every mail in the outbox, line by line.
async fn outbox_texts(app: &TestApp) -> Vec<String> {
    let mails = tandem::mail::waiting(app.db(), 1000).await.unwrap();
    mails
        .into_iter()
        .flat_map(|m| {
            let lines: Vec<String> = m.body.lines().map(str::to_owned).collect();
            std::iter::once(m.subject).chain(lines)
        })
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// A page as a browser that prefers the pseudo-language gets it.
async fn get(app: &TestApp, user: &User, path: &str) -> (StatusCode, String) {
    let request = Request::get(path).header("accept-language", "en-XA");
    let response = app.send_raw(user, request, Body::empty()).await;
    (
        response.status,
        String::from_utf8_lossy(&response.bytes).into_owned(),
    )
}

/// The pieces of a page's text outside `⟦…⟧`, less what `allowed` holds (longest first),
/// numbers and punctuation: each one is a sentence or a word that bypassed the catalogue.
pub fn unmarked_text(html: &str, allowed: &[&str]) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut found = vec![];
    let mut depth = 0usize;
    for node in document.tree.root().descendants() {
        match node.value() {
            Node::Text(text) => {
                // Scripts are not read; text marked as another language (a language's name
                // in itself, in the Settings list) is meant to stay as it is.
                let hidden = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "script" | "style" | "noscript")
                            || e.attr("lang").is_some_and(|lang| lang != "en-XA")
                    })
                });
                if !hidden {
                    let outside = outside_markers(text, &mut depth);
                    if is_words(&outside, allowed) {
                        found.push(text.trim().to_owned());
                    }
                }
            }
            Node::Element(element) => {
                // An input button shows its value; a `<button>` shows its content, and its
                // value is only sent (`helped=yes`).
                let button = element.name() == "input"
                    && matches!(element.attr("type"), Some("submit" | "button" | "reset"));
                for attribute in ["placeholder", "aria-label", "title", "alt", "value"] {
                    if attribute == "value" && !button {
                        continue;
                    }
                    if let Some(value) = element.attr(attribute) {
                        let outside = outside_markers(value, &mut 0);
                        if is_words(&outside, allowed) {
                            found.push(format!("{attribute}=\"{value}\""));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The characters of `text` outside the markers; `depth` carries an open `⟦` from one text
/// node to the next (a message with markup, such as `<strong>`, spans several nodes).
fn outside_markers(text: &str, depth: &mut usize) -> String {
    let mut outside = String::new();
    for c in text.chars() {
        match c {
            '⟦' => *depth += 1,
            '⟧' => *depth = depth.saturating_sub(1),
            c if *depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
}

/// Whether `outside` still holds a word once time zone names, user data, numbers and
/// punctuation are taken away.
fn is_words(outside: &str, allowed: &[&str]) -> bool {
    // Time zones first: "America/Rosario" holds the name "Rosa".
    let mut rest = outside
        .split_whitespace()
        .filter(|word| !is_time_zone(word))
        .collect::<Vec<_>>()
        .join(" ");
    // Longest first, so a name inside a longer text does not split it.
    for data in allowed {
        if !rest.chars().any(char::is_alphabetic) {
            break;
        }
        if rest.contains(data) {
            rest = rest.replace(data, " ");
        }
    }
    rest.split_whitespace()
        .any(|word| word.chars().any(char::is_alphabetic))
}

/// An IANA time zone name (`Europe/Lisbon`, `America/Argentina/Rosario`): data, not words.
fn is_time_zone(word: &str) -> bool {
    word.parse::<chrono_tz::Tz>().is_ok()
        || (word.contains('/')
            && word.split('/').all(|part| {
                part.starts_with(|c: char| c.is_ascii_uppercase())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
            }))
}

#[test]
fn the_check_finds_a_hard_coded_sentence_and_passes_marked_text() {
    let page = "<html><body><h1>⟦Séétttííngs⟧</h1><p>⟦Yóóúú lóóg íín áás <strong>Rosa</strong>.⟧</p>\
                <p>Iker · 14</p><button>Save</button><select><option>Europe/Lisbon</option>\
                <option>America/Rosario</option><option lang=\"en\">English</option></select>\
                <p>Your profile is saved.</p></body></html>";
    assert_eq!(
        unmarked_text(page, &["Rosa", "Iker"]),
        vec!["Save".to_owned(), "Your profile is saved.".to_owned()]
    );
}

//! The talk pages in every state they can be in, read in the pseudo-language: each word comes
//! from the catalogue (or is what the two typed, or content). `tests/it/catalogue.rs` reads the
//! first page of each; here are the days, requests and repairs as they move along, the refused
//! forms, and the mail for help now.

use tandem::mail::MailKind;

use super::*;
use crate::catalogue::{content_texts, unmarked_text};

/// What the tests of this file type in, which pages show as it is.
const TYPED: &[&str] = &[
    "Rosa",
    "Iker",
    "zqx the lighthouse",
    "zqx the lake",
    "zqx why?",
    "zqx who?",
    "zqx when?",
    "zqx the school trip",
    "zqx Saturday morning",
    "zqx glad we did",
    "zqx the phone at dinner",
    "zqx embarrassed",
    "zqx phones stay in the hall",
    "zqx phones off at dinner",
];

/// Reads pages as one member in the pseudo-language and gathers what is outside it.
pub(crate) struct Reader<'a> {
    app: &'a TestApp,
    allowed: Vec<String>,
    pub failures: Vec<String>,
}

impl<'a> Reader<'a> {
    /// Every member of the test reads Tandem in the pseudo-language from now on.
    pub(crate) async fn new(app: &'a TestApp, typed: &[&str], users: &[&User]) -> Reader<'a> {
        app.exec("UPDATE members SET language = 'en-XA'", &[]).await;
        let mut allowed: Vec<String> = typed.iter().map(|t| (*t).to_owned()).collect();
        allowed.extend(users.iter().map(|u| u.email.clone()));
        allowed.extend(content_texts());
        allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
        Reader {
            app,
            allowed,
            failures: vec![],
        }
    }

    /// Checks a page already fetched (a refused form, say).
    #[track_caller]
    pub(crate) fn check(&mut self, what: &str, page: &Response) {
        assert!(
            page.body.contains("lang=\"en-XA\""),
            "{what}: {}",
            page.body
        );
        let allowed: Vec<&str> = self.allowed.iter().map(String::as_str).collect();
        let unmarked = unmarked_text(&page.body, &allowed);
        if !unmarked.is_empty() {
            self.failures.push(format!("{what}: {unmarked:?}"));
        }
    }

    /// Fetches a page (200) and checks it.
    pub(crate) async fn read(&mut self, who: &User, path: &str) -> Response {
        let page = self.app.get(who, path).await;
        page.assert_status(StatusCode::OK);
        self.check(&format!("{} {path}", who.email), &page);
        page
    }

    /// A mail's subject and body: nothing outside the catalogue's markers but its link.
    pub(crate) fn check_mail(&mut self, mail: &tandem::mail::OutboxMail) {
        let text = format!("{}\n{}", mail.subject, mail.body);
        let mut depth = 0usize;
        let mut outside = String::new();
        for c in text.chars() {
            match c {
                '⟦' => depth += 1,
                '⟧' => depth = depth.saturating_sub(1),
                c if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        let words: Vec<&str> = outside
            .split_whitespace()
            .filter(|w| !w.starts_with("http") && w.chars().any(char::is_alphabetic))
            .collect();
        if !words.is_empty() || !mail.subject.starts_with('⟦') {
            self.failures
                .push(format!("mail {:?}: {words:?}", mail.subject));
        }
    }

    #[track_caller]
    pub(crate) fn assert_clean(&self) {
        assert!(
            self.failures.is_empty(),
            "text outside the catalogue:\n{}",
            self.failures.join("\n")
        );
    }
}

async fn the_question_of_the_day_speaks_from_the_catalogue_at_every_step(app: TestApp) {
    let (mum, son, bond, day) = same_day_pair(&app).await;
    let mut reader = Reader::new(&app, TYPED, &[&mum, &son]).await;
    let today = talk(&bond);
    // Nobody has answered; then he has, and she is told so; he waits.
    reader.read(&mum, &today).await;
    answer(&app, &son, &bond, day, "zqx the lighthouse").await;
    reader.read(&mum, &today).await;
    reader.read(&son, &today).await;
    let refused = app
        .post(
            &mum,
            &format!("{}/answer", day_path(&bond, day)),
            &[("body", " ")],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("an empty answer", &refused);
    // Both answered: the answers, the thread, a reaction, and the coach after three questions.
    answer(&app, &mum, &bond, day, "zqx the lake").await;
    let replies = format!("{}/replies", day_path(&bond, day));
    app.post(&mum, &replies, &[("reaction", "with-you")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    for question in ["zqx why?", "zqx who?", "zqx when?"] {
        app.post(&son, &replies, &[("body", question)])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    reader
        .read(&son, &day_path(&bond, day))
        .await
        .assert_has("div.coach");
    reader.read(&mum, &day_path(&bond, day)).await;
    let refused = app.post(&mum, &replies, &[("reaction", "nope")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("an unknown reaction", &refused);
    // An earlier day, skipped by him, answered by her; kept as a favourite.
    let earlier = day - Duration::days(1);
    let access = access_as(&app, "Rosa", &bond).await;
    draw(&app, &access, earlier).await;
    app.post(&son, &format!("{}/skip", day_path(&bond, earlier)), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    reader.read(&son, &day_path(&bond, earlier)).await;
    answer(&app, &mum, &bond, earlier, "zqx the lake").await;
    app.post(
        &mum,
        &format!("{}/favourite", day_path(&bond, earlier)),
        &[("on", "1")],
    )
    .await;
    reader
        .read(&mum, &day_path(&bond, earlier))
        .await
        .assert_text_contains("h1", "⟦");
    // The history: revealed, answered only by one, searched in vain, by topic.
    let history = format!("{today}/history");
    reader.read(&mum, &history).await;
    reader.read(&son, &history).await;
    reader.read(&mum, &format!("{history}?q=zzzz")).await;
    reader
        .read(&mum, &format!("{history}?topic=memories&favourites=1"))
        .await;
    // Starters, by setting, for each of them.
    reader
        .read(&son, &format!("{today}/starters?setting=walk"))
        .await;
    reader.read(&mum, &format!("{today}/starters?n=3")).await;
    reader.assert_clean();
}
both_backends!(the_question_of_the_day_speaks_from_the_catalogue_at_every_step);

async fn requests_and_repairs_speak_from_the_catalogue_at_every_step(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let mut reader = Reader::new(&app, TYPED, &[&mum, &son]).await;
    let requests = format!("{}/requests", talk(&bond));
    // He asks for help now: the mail to her is in her language, the page in his.
    app.post(
        &son,
        &requests,
        &[
            ("topic", "zqx the school trip"),
            ("wish", "help_now"),
            ("setting", "text_first"),
            ("urgency", "today"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let mails: Vec<_> = app
        .mail_to(&mum.email)
        .await
        .into_iter()
        .filter(|m| m.kind == MailKind::TalkRequest)
        .collect();
    assert_eq!(mails.len(), 1);
    reader.check_mail(&mails[0]);
    reader.read(&son, &requests).await;
    reader.read(&mum, &requests).await;
    let mut conn = app.db().conn().await.unwrap();
    let request: String = tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM talk_requests"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    drop(conn);
    let refused = app
        .post(
            &mum,
            &format!("{requests}/{request}/plan"),
            &[("body", " ")],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a time left empty", &refused);
    app.post(
        &mum,
        &format!("{requests}/{request}/plan"),
        &[("body", "zqx Saturday morning")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    reader.read(&son, &requests).await;
    reader.read(&mum, &requests).await;
    app.post(
        &son,
        &format!("{requests}/{request}/outcome"),
        &[("body", "zqx glad we did")],
    )
    .await;
    app.post(
        &mum,
        &format!("{requests}/{request}/outcome"),
        &[("body", "")],
    )
    .await;
    // And one he takes back.
    app.post(
        &son,
        &requests,
        &[("wish", "listen"), ("setting", "face_to_face")],
    )
    .await;
    reader.read(&son, &requests).await;
    let refused = app.post(&son, &requests, &[("wish", "")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a request without a wish", &refused);

    // Making up: started, each side written and partly shared, agreed twice.
    let repairs = format!("{}/repairs", talk(&bond));
    let refused = app.post(&son, &repairs, &[("about", "")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a repair about nothing", &refused);
    let started = app
        .post(&son, &repairs, &[("about", "zqx the phone at dinner")])
        .await;
    started.assert_status(StatusCode::SEE_OTHER);
    let repair = started.location().to_owned();
    app.post(
        &son,
        &format!("{repair}/own"),
        &[("felt", "zqx embarrassed"), ("share_felt", "on")],
    )
    .await;
    reader.read(&son, &format!("{repair}?saved=1")).await;
    reader.read(&mum, &repair).await;
    for agreement in ["zqx phones stay in the hall", "zqx phones off at dinner"] {
        app.post(&mum, &format!("{repair}/agreement"), &[("body", agreement)])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    reader.read(&son, &repair).await;
    reader.read(&son, &repairs).await;
    let refused = app
        .post(&son, &format!("{repair}/agreement"), &[("body", "")])
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("an empty agreement", &refused);
    reader.assert_clean();
}
both_backends!(requests_and_repairs_speak_from_the_catalogue_at_every_step);

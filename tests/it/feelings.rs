//! Feelings: check-ins and their visibility, answers, the reciprocity invitation, insights on a
//! fixed data set, the needs profile, together mode with a little one and the toolbox.

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use tandem::mail::MailKind;

use crate::family::{born_years_ago, member_id};
use crate::harness::{TestApp, User};
use crate::on_both_backends;

/// Posts a check-in and returns its id, read off the redirect to the saved page.
async fn check_in(app: &TestApp, who: &User, bond: &str, form: &[(&str, &str)]) -> String {
    let response = app
        .post(who, &format!("/bonds/{bond}/feelings"), form)
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let prefix = format!("/bonds/{bond}/feelings/");
    let id = response
        .location()
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("?saved=1"))
        .unwrap_or_else(|| panic!("unexpected redirect {:?}", response.location()));
    id.to_owned()
}

/// A check-in row as stored: author, made together, word id, own word, quadrant, visibility.
type Row = (String, bool, Option<String>, Option<String>, String, String);

async fn stored(app: &TestApp, id: &str) -> Row {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_as::<_, Row>(
        "SELECT author_id, made_together, feeling_id, custom_word, quadrant, visibility
         FROM checkins WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap()
}

/// A member's time zone as stored (the one given at sign-up or acceptance).
async fn tz_of(app: &TestApp, name: &str) -> Tz {
    let mut conn = app.db().conn().await.unwrap();
    let tz: String = tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT time_zone FROM members WHERE display_name = $1"
    )
    .bind(name)
    .fetch_one(c)
    .await)
    .unwrap();
    tz.parse().unwrap()
}

fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// "2026-W47": the ISO week label of a day.
fn week_label(day: NaiveDate) -> String {
    day.format("%G-W%V").to_string()
}

fn noon_in(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    tz.from_local_datetime(&day.and_hms_opt(12, 0, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A row of the insights table: the reader's cell first, then the partner's.
fn table_row(label: &str, mine: &str, theirs: &str) -> String {
    format!(r#"<tr><th scope="row">{label}</th><td>{mine}</td><td>{theirs}</td></tr>"#)
}

fn invitation_mails(mails: &[tandem::mail::OutboxMail]) -> usize {
    mails
        .iter()
        .filter(|m| m.kind == MailKind::FeelingsInvitation)
        .count()
}

on_both_backends! {
    async fn members_create_change_and_delete_their_own_checkins(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        let to_bond = app.get(&son, "/feelings").await;
        to_bond.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(to_bond.location(), home);

        let listed = check_in(&app, &son, &bond, &[
            ("quadrant", "bright"), ("feeling", "happy"), ("intensity", "4"),
            ("note", "Won the match"), ("need", "fun"), ("visibility", "private"),
        ]).await;
        let own = check_in(&app, &son, &bond, &[
            ("quadrant", "heavy"), ("custom_word", "wobbly"), ("visibility", "private"),
        ]).await;
        assert_eq!(app.count("checkins").await, 2);
        let son_id = member_id(&app, "Iker").await;
        assert_eq!(stored(&app, &listed).await, (son_id.clone(), false, Some("happy".into()), None, "bright".into(), "private".into()));
        assert_eq!(stored(&app, &own).await, (son_id.clone(), false, None, Some("wobbly".into()), "heavy".into(), "private".into()));

        app.get(&son, &format!("{home}/{listed}?saved=1")).await
            .assert_status(StatusCode::OK)
            .assert_contains("Saved, just for you.")
            .assert_contains(r#"You felt <span class="word">happy</span>"#)
            .assert_contains("<dd>4 of 5</dd>")
            .assert_contains("<dd>A bit of fun</dd>")
            .assert_contains("Won the match")
            .assert_contains("Bright — pleasant, full of energy")
            .assert_contains("<dd>Only you</dd>");
        app.get(&son, &format!("{home}/{own}")).await
            .assert_contains(r#"You felt <span class="word">wobbly</span>"#)
            .assert_contains("Heavy — unpleasant, low energy");
        let page = app.get(&son, &home).await;
        page.assert_contains(r#"<strong class="word">happy</strong> <span class="intensity">4/5</span>"#)
            .assert_contains(r#"<strong class="word">wobbly</strong>"#);
        assert_eq!(page.body.matches(r#"<span class="badge private">Only me</span>"#).count(), 2);

        // The edit form starts from what was stored.
        app.get(&son, &format!("{home}/{listed}/edit")).await
            .assert_status(StatusCode::OK)
            .assert_contains(r#"value="happy" checked"#)
            .assert_contains(r#"value="private" checked"#);
        // A new word and a new audience.
        let edited = app.post(&son, &format!("{home}/{listed}/edit"), &[
            ("quadrant", "calm"), ("feeling", "calm"), ("note", "Calmer now"), ("visibility", "shared"),
        ]).await;
        edited.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(edited.location(), format!("{home}/{listed}"));
        assert_eq!(stored(&app, &listed).await, (son_id.clone(), false, Some("calm".into()), None, "calm".into(), "shared".into()));
        app.get(&son, &format!("{home}/{listed}")).await
            .assert_contains(r#"You felt <span class="word">calm</span>"#)
            .assert_contains("<dd>You and Rosa</dd>")
            .assert_contains("Calmer now")
            .assert_lacks("4 of 5");
        app.get(&mother, &format!("{home}/{listed}")).await
            .assert_status(StatusCode::OK)
            .assert_contains(r#"Iker felt <span class="word">calm</span>"#);
        // A listed word can become one's own word.
        app.post(&son, &format!("{home}/{own}/edit"), &[
            ("quadrant", "heavy"), ("custom_word", "drained"), ("visibility", "private"),
        ]).await.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(stored(&app, &own).await, (son_id.clone(), false, None, Some("drained".into()), "heavy".into(), "private".into()));

        // Someone else's check-in, even one she can read, is not hers to change or delete.
        app.get(&mother, &format!("{home}/{listed}/edit")).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&mother, &format!("{home}/{listed}/edit"), &[
            ("quadrant", "heavy"), ("feeling", "sad"), ("visibility", "private"),
        ]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&mother, &format!("{home}/{listed}/delete"), &[]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&mother, &format!("{home}/{own}/delete"), &[]).await.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(app.count("checkins").await, 2);
        assert_eq!(stored(&app, &listed).await, (son_id.clone(), false, Some("calm".into()), None, "calm".into(), "shared".into()));
        app.get(&mother, &format!("{home}/{listed}")).await.assert_lacks(">Change</a>").assert_lacks(&format!("{listed}/delete"));

        // Deleting takes the answers with it.
        app.post(&mother, &format!("{home}/{listed}/replies"), &[("body", "Glad you feel calmer")]).await.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(app.count("checkin_replies").await, 1);
        let deleted = app.post(&son, &format!("{home}/{listed}/delete"), &[]).await;
        deleted.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(deleted.location(), home);
        assert_eq!(app.count("checkins").await, 1);
        assert_eq!(app.count("checkin_replies").await, 0);
        app.get(&son, &format!("{home}/{listed}")).await.assert_status(StatusCode::NOT_FOUND);
        app.get(&mother, &format!("{home}/{listed}")).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&son, &format!("{home}/{listed}/delete"), &[]).await.assert_status(StatusCode::NOT_FOUND);
        app.get(&son, &home).await.assert_lacks(">calm</strong>").assert_contains(">drained</strong>");
    }
}

on_both_backends! {
    async fn a_sons_private_checkin_never_reaches_his_mother(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        // Both insights views cover the son's own day, whatever the hour.
        let day = today_in(tz_of(&app, "Iker").await).format("%Y-%m-%d").to_string();
        let insights = format!("{home}/insights?period=week&on={day}");
        let secret = check_in(&app, &son, &bond, &[
            ("quadrant", "heavy"), ("custom_word", "zqxprivateword"), ("note", "zqxprivatenote"), ("visibility", "private"),
        ]).await;

        // He sees it everywhere that is his.
        app.get(&son, &home).await.assert_contains("zqxprivateword");
        app.get(&son, &format!("{home}/{secret}")).await.assert_contains("zqxprivatenote");
        app.get(&son, &insights).await
            .assert_contains(&table_row("All", "1", "0"))
            .assert_contains(&table_row("Heavy", "1 (100%)", "0 (0%)"))
            .assert_contains("zqxprivateword <span class=\"count\">× 1</span>");

        // She sees nothing of it: no page, no count, no chart.
        let mothers_pages = [
            home.clone(), "/".to_owned(), format!("{home}/words"), format!("{home}/needs"),
            format!("{home}/toolbox"), format!("{home}/coaching"), insights.clone(),
        ];
        for page in &mothers_pages {
            app.get(&mother, page).await.assert_status(StatusCode::OK).assert_lacks("zqxprivate");
        }
        app.get(&mother, &insights).await
            .assert_contains(&table_row("All", "0", "0"))
            .assert_contains(&table_row("Heavy", "0 (0%)", "0 (0%)"))
            .assert_contains("No shared check-ins in this period.")
            .assert_contains("Iker: bright 0, calm 0, stormy 0, heavy 0");
        app.get(&mother, &format!("{home}/{secret}")).await.assert_status(StatusCode::NOT_FOUND).assert_lacks("zqxprivate");
        app.post(&mother, &format!("{home}/{secret}/replies"), &[("body", "I saw it anyway")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&mother, &format!("{home}/{secret}/replies"), &[("reaction", "sending-a-hug")]).await.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(app.count("checkin_replies").await, 0);

        // A shared one reaches her.
        let open = check_in(&app, &son, &bond, &[
            ("quadrant", "stormy"), ("custom_word", "zqxsharedword"), ("note", "zqxsharednote"), ("visibility", "shared"),
        ]).await;
        app.get(&mother, &home).await.assert_contains("zqxsharedword").assert_lacks("zqxprivate");
        app.get(&mother, &format!("{home}/{open}")).await.assert_status(StatusCode::OK).assert_contains("zqxsharednote");
        app.get(&mother, &insights).await
            .assert_contains(&table_row("All", "0", "1"))
            .assert_contains(&table_row("Stormy", "0 (0%)", "1 (100%)"))
            .assert_contains("zqxsharedword <span class=\"count\">× 1</span>")
            .assert_lacks("zqxprivate");
        app.get(&son, &insights).await.assert_contains(&table_row("All", "2", "0"));

        // Made private again, it is gone from her view at once.
        app.post(&son, &format!("{home}/{open}/edit"), &[
            ("quadrant", "stormy"), ("custom_word", "zqxsharedword"), ("note", "zqxsharednote"), ("visibility", "private"),
        ]).await.assert_status(StatusCode::SEE_OTHER);
        for page in &mothers_pages {
            app.get(&mother, page).await.assert_status(StatusCode::OK).assert_lacks("zqxsharedword").assert_lacks("zqxsharednote");
        }
        app.get(&mother, &insights).await.assert_contains(&table_row("All", "0", "0"));
        app.get(&mother, &format!("{home}/{open}")).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&mother, &format!("{home}/{open}/replies"), &[("body", "Too late")]).await.assert_status(StatusCode::NOT_FOUND);
        app.get(&son, &insights).await.assert_contains(&table_row("All", "2", "0"));
        assert_eq!(app.count("checkins").await, 2);
    }
}

on_both_backends! {
    async fn a_mothers_private_checkin_stays_hers_and_other_families_find_nothing(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        let day = today_in(tz_of(&app, "Rosa").await).format("%Y-%m-%d").to_string();
        let insights = format!("{home}/insights?period=week&on={day}");
        let mine = check_in(&app, &mother, &bond, &[
            ("quadrant", "heavy"), ("custom_word", "zqxmumword"), ("note", "zqxmumnote"), ("visibility", "private"),
        ]).await;
        app.get(&mother, &home).await.assert_contains("zqxmumword");
        app.get(&mother, &insights).await.assert_contains(&table_row("All", "1", "0"));
        for page in [home.clone(), "/".to_owned(), format!("{home}/words"), insights.clone()] {
            app.get(&son, &page).await.assert_status(StatusCode::OK).assert_lacks("zqxmum");
        }
        app.get(&son, &insights).await.assert_contains(&table_row("All", "0", "0"));
        app.get(&son, &format!("{home}/{mine}")).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&son, &format!("{home}/{mine}/replies"), &[("body", "hi")]).await.assert_status(StatusCode::NOT_FOUND);

        let shared = check_in(&app, &mother, &bond, &[("quadrant", "calm"), ("feeling", "calm"), ("visibility", "shared")]).await;
        let stranger = app.sign_up_mother("Eve").await;
        for page in [
            home.clone(), format!("{home}/check-in?quadrant=calm"), format!("{home}/{shared}"), format!("{home}/{mine}"),
            format!("{home}/{shared}/edit"), format!("{home}/needs"), format!("{home}/toolbox"),
            format!("{home}/coaching"), format!("{home}/words"), insights.clone(),
        ] {
            app.get(&stranger, &page).await.assert_status(StatusCode::NOT_FOUND).assert_lacks("zqxmum").assert_lacks("Rosa");
        }
        app.post(&stranger, &home, &[("quadrant", "calm"), ("feeling", "calm"), ("visibility", "shared")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&stranger, &format!("{home}/{shared}/replies"), &[("body", "hello")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&stranger, &format!("{home}/{shared}/edit"), &[("quadrant", "calm"), ("feeling", "calm"), ("visibility", "private")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&stranger, &format!("{home}/{shared}/delete"), &[]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&stranger, &format!("{home}/needs"), &[("helps", "tea")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&stranger, &format!("{home}/toolbox"), &[("strategy", "breathe-square"), ("helped", "yes")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&stranger, &format!("{home}/invitation/dismiss"), &[]).await.assert_status(StatusCode::NOT_FOUND);
        app.get(&stranger, "/").await.assert_lacks("zqxmum");
        assert_eq!(app.count("checkins").await, 2);
        assert_eq!(app.count("checkin_replies").await, 0);
        assert_eq!(app.count("needs_profiles").await, 0);
        assert_eq!(app.count("calm_tries").await, 0);
        assert_eq!(stored(&app, &shared).await.5, "shared");
    }
}

on_both_backends! {
    async fn bad_checkins_are_refused_with_a_message_and_nothing_is_stored(app: TestApp) {
        let (_mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        let long_note = "n".repeat(1001);
        let long_word = "w".repeat(31);
        let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (vec![("quadrant", "bright"), ("feeling", "gleeful-made-up"), ("visibility", "private")], "Tandem does not know that feeling word."),
            // A forged form without the quadrant the page always sends.
            (vec![("feeling", "gleeful-made-up"), ("visibility", "private")], "Tandem does not know that feeling word."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("intensity", "0"), ("visibility", "private")], "Strength goes from 1 (a little) to 5 (very strong)."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("intensity", "6"), ("visibility", "private")], "Strength goes from 1 (a little) to 5 (very strong)."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("intensity", "abc"), ("visibility", "private")], "Strength goes from 1 (a little) to 5 (very strong)."),
            (vec![("feeling", "happy"), ("intensity", "6"), ("visibility", "private")], "Strength goes from 1 (a little) to 5 (very strong)."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("note", &long_note), ("visibility", "private")], "The note can be at most 1000 characters (it has 1001)."),
            (vec![("quadrant", "heavy"), ("custom_word", &long_word), ("visibility", "private")], "Your own word can be at most 30 characters (it has 31)."),
            (vec![("quadrant", "heavy"), ("custom_word", "low\nand slow"), ("visibility", "private")], "Your own word must fit on one line."),
            (vec![("custom_word", "meh"), ("visibility", "private")], "Choose the part of the grid your own word belongs to."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("visibility", "sealed")], "A check-in is either just for you or shared with Rosa."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("visibility", "public")], "A check-in is either just for you or shared with Rosa."),
            (vec![("quadrant", "bright"), ("feeling", "happy")], "A check-in is either just for you or shared with Rosa."),
            (vec![("quadrant", "bright"), ("feeling", "happy"), ("need", "money"), ("visibility", "private")], "Please choose one of the needs offered."),
            (vec![("quadrant", "bright"), ("visibility", "private")], "Pick the word closest to how you feel, or write your own."),
            (vec![("visibility", "shared")], "Pick the word closest to how you feel, or write your own."),
        ];
        for (form, message) in &cases {
            let response = app.post(&son, &home, form).await;
            assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}: {}", response.body);
            assert!(response.body.contains(message), "{form:?}: expected {message:?} in:\n{}", response.body);
        }
        // The refused input comes back to be fixed, escaped.
        app.post(&son, &home, &[("quadrant", "bright"), ("feeling", "happy"), ("note", "<b>kept</b>"), ("intensity", "9"), ("visibility", "private")])
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("&#60;b&#62;kept&#60;/b&#62;")
            .assert_contains(r#"value="happy" checked"#);
        // Not a bond of his: not found, before anything is checked.
        app.post(&son, "/bonds/no-such-bond/feelings", &[("quadrant", "bright"), ("feeling", "happy"), ("visibility", "private")])
            .await
            .assert_status(StatusCode::NOT_FOUND);
        let (_other_mother, _other_son, other_bond) = app.mother_and_son(14).await;
        app.post(&son, &format!("/bonds/{other_bond}/feelings"), &[("quadrant", "bright"), ("feeling", "happy"), ("visibility", "private")])
            .await
            .assert_status(StatusCode::NOT_FOUND);
        app.get(&son, &format!("/bonds/{bond}/feelings/insights?period=decade")).await.assert_status(StatusCode::BAD_REQUEST);
        app.get(&son, &format!("/bonds/{bond}/feelings/insights?period=week&on=yesterday")).await.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(app.count("checkins").await, 0);

        // A word of his own is stored as typed and always shown escaped (as `&#60;` and `&#62;`).
        let id = check_in(&app, &son, &bond, &[("quadrant", "stormy"), ("custom_word", "<script>alert(1)</script>"), ("visibility", "shared")]).await;
        assert_eq!(stored(&app, &id).await.3.as_deref(), Some("<script>alert(1)</script>"));
        for page in [format!("{home}/{id}"), home.clone()] {
            app.get(&son, &page).await.assert_contains("&#60;script&#62;alert(1)&#60;/script&#62;").assert_lacks("<script>alert(1)");
        }

        // Answers and tries are checked too.
        let replies = format!("{home}/{id}/replies");
        app.post(&son, &replies, &[("reaction", "high-five-made-up")]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Please pick one of the reactions offered.");
        app.post(&son, &replies, &[("body", "   ")]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Write a few words, or tap one of the reactions.");
        app.post(&son, &replies, &[("body", &"r".repeat(1001))]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Your answer can be at most 1000 characters");
        assert_eq!(app.count("checkin_replies").await, 0);
        let toolbox = format!("{home}/toolbox");
        app.post(&son, &toolbox, &[("strategy", "juggle-chainsaws"), ("helped", "yes")]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Please pick one of the ideas in the toolbox.");
        app.post(&son, &toolbox, &[("strategy", "breathe-square"), ("helped", "maybe")]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("Say whether it helped: yes, a bit, or not this time.");
        app.post(&son, &toolbox, &[("strategy", "breathe-square"), ("helped", "yes"), ("visibility", "sealed")]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("This is either just for you or shared.");
        assert_eq!(app.count("calm_tries").await, 0);
        assert_eq!(app.count("checkins").await, 1);
    }
}

on_both_backends! {
    async fn a_mother_answers_her_sons_shared_checkin(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        let id = check_in(&app, &son, &bond, &[
            ("quadrant", "stormy"), ("feeling", "cross"), ("note", "Missed the bus again"), ("visibility", "shared"),
        ]).await;
        app.get(&son, &format!("{home}/{id}?saved=1")).await.assert_contains("Saved and shared with Rosa.");
        let page = app.get(&mother, &format!("{home}/{id}")).await;
        page.assert_status(StatusCode::OK)
            .assert_contains(r#"Iker felt <span class="word">cross</span>"#)
            .assert_contains("Answer Iker")
            .assert_contains("It sounds like you felt … because …")
            .assert_contains("Thank you for telling me")
            .assert_contains(r#"value="sending-a-hug">Sending a hug</button>"#)
            .assert_contains("No answers yet.")
            .assert_lacks(">Change</a>");

        let body = app.post(&mother, &format!("{home}/{id}/replies"), &[("body", "It sounds like you felt cross because the bus left early")]).await;
        body.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(body.location(), format!("{home}/{id}#replies"));
        app.post(&mother, &format!("{home}/{id}/replies"), &[("reaction", "sending-a-hug")]).await.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(app.count("checkin_replies").await, 2);

        let his = app.get(&son, &format!("{home}/{id}")).await;
        his.assert_contains(r#"<p class="note-body">It sounds like you felt cross because the bus left early</p>"#)
            .assert_contains(r#"<p class="reaction">Sending a hug</p>"#)
            .assert_lacks("No answers yet.");
        assert_eq!(his.body.matches(r#"<div class="note-meta">Rosa</div>"#).count(), 2);
        // The body came first.
        assert!(his.body.find("the bus left early</p>").unwrap() < his.body.find(r#"<p class="reaction">Sending a hug"#).unwrap());
        // He can add to his own shared check-in too.
        app.post(&son, &format!("{home}/{id}/replies"), &[("body", "Thanks mum")]).await.assert_status(StatusCode::SEE_OTHER);
        app.get(&mother, &format!("{home}/{id}")).await.assert_contains("Thanks mum").assert_contains(r#"<div class="note-meta">Iker</div>"#);

        // A private check-in has no one to answer it: not even its author can.
        let private = check_in(&app, &son, &bond, &[("quadrant", "heavy"), ("feeling", "tired"), ("visibility", "private")]).await;
        app.post(&mother, &format!("{home}/{private}/replies"), &[("body", "Rest well")]).await.assert_status(StatusCode::NOT_FOUND);
        app.post(&son, &format!("{home}/{private}/replies"), &[("reaction", "sending-a-hug")]).await.assert_status(StatusCode::NOT_FOUND);
        app.get(&son, &format!("{home}/{private}")).await.assert_lacks(r#"id="replies""#).assert_lacks(&format!("{private}/replies"));
        assert_eq!(app.count("checkin_replies").await, 3);
    }
}

on_both_backends! {
    async fn sharing_invites_the_partner_once_a_week(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        check_in(&app, &son, &bond, &[("quadrant", "bright"), ("feeling", "happy"), ("visibility", "shared")]).await;
        app.run_jobs().await;
        assert_eq!(app.count("feeling_invitations").await, 1);
        let mails = app.mail_to(&mother.email).await;
        assert_eq!(invitation_mails(&mails), 1);
        let mail = mails.iter().find(|m| m.kind == MailKind::FeelingsInvitation).unwrap();
        assert!(mail.subject.contains("Iker shared how they're feeling this week"), "{}", mail.subject);
        assert!(mail.body.contains("Hello Rosa,") && mail.body.contains(&home), "{}", mail.body);
        // A worker that died after its commit leaves the job to be retried: no second mail.
        app.exec("UPDATE jobs SET done_at = NULL, locked_until = NULL WHERE kind = 'feelings.invite'", &[]).await;
        app.run_jobs().await;
        assert_eq!(app.count("jobs WHERE kind = 'feelings.invite' AND done_at IS NOT NULL").await, 1);
        assert_eq!(app.count("feeling_invitations").await, 1);
        assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 1);

        // Sharing again the same week, or keeping one private, changes nothing.
        check_in(&app, &son, &bond, &[("quadrant", "calm"), ("feeling", "calm"), ("visibility", "shared")]).await;
        check_in(&app, &son, &bond, &[("quadrant", "heavy"), ("feeling", "sad"), ("visibility", "private")]).await;
        app.run_jobs().await;
        assert_eq!(app.count("feeling_invitations").await, 1);
        assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 1);

        app.get(&mother, &home).await.assert_contains("Iker shared a feeling this week");
        app.get(&son, &home).await.assert_lacks("shared a feeling this week");
        // She shares back: the invitation is answered, and he is not invited (he shared).
        check_in(&app, &mother, &bond, &[("quadrant", "calm"), ("feeling", "relieved"), ("visibility", "shared")]).await;
        app.get(&mother, &home).await.assert_lacks("shared a feeling this week");
        app.run_jobs().await;
        assert_eq!(app.count("feeling_invitations").await, 1);
        assert_eq!(invitation_mails(&app.mail_to(&son.email).await), 0);
        app.get(&son, &home).await.assert_lacks("shared a feeling this week");
    }
}

/// Moves the whole story of the test one week back, as seen from the mother's calendar: her
/// invitation (row, week label, job key) and every check-in (to last Wednesday noon, her time).
async fn move_back_a_week(app: &TestApp) {
    let tz = tz_of(app, "Rosa").await;
    let monday = monday_of(today_in(tz));
    let (this_week, last_week) = (week_label(monday), week_label(monday - Duration::days(7)));
    let last_wednesday = noon_in(tz, monday - Duration::days(5));
    app.exec_at(
        "UPDATE feeling_invitations SET created_at = $1, week = $2 WHERE week = $3",
        last_wednesday,
        &[&last_week, &this_week],
    )
    .await;
    app.exec(
        "UPDATE jobs SET job_key = REPLACE(job_key, $1, $2) WHERE kind = 'feelings.invite'",
        &[&this_week, &last_week],
    )
    .await;
    app.exec_at("UPDATE checkins SET created_at = $1", last_wednesday, &[])
        .await;
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

on_both_backends! {
    async fn an_unanswered_invitation_is_not_repeated_the_next_week(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        check_in(&app, &son, &bond, &[("quadrant", "bright"), ("feeling", "happy"), ("visibility", "shared")]).await;
        app.run_jobs().await;
        let monday = monday_of(today_in(tz_of(&app, "Rosa").await));
        assert_eq!(invitation_weeks(&app).await, [week_label(monday)]);
        // "Not now" puts it away; it is not an answer.
        app.post(&mother, &format!("{home}/invitation/dismiss"), &[]).await.assert_status(StatusCode::SEE_OTHER);
        app.get(&mother, &home).await.assert_lacks("shared a feeling this week");

        move_back_a_week(&app).await;
        check_in(&app, &son, &bond, &[("quadrant", "calm"), ("feeling", "calm"), ("visibility", "shared")]).await;
        app.run_jobs().await;
        assert_eq!(app.count("jobs WHERE kind = 'feelings.invite' AND done_at IS NOT NULL").await, 2, "this week's job ran too");
        assert_eq!(invitation_weeks(&app).await, [week_label(monday - Duration::days(7))]);
        assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 1);
        app.get(&mother, &home).await.assert_lacks("shared a feeling this week");
    }
}

on_both_backends! {
    async fn an_answered_invitation_may_come_again_the_next_week(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        check_in(&app, &son, &bond, &[("quadrant", "bright"), ("feeling", "happy"), ("visibility", "shared")]).await;
        app.run_jobs().await;
        check_in(&app, &mother, &bond, &[("quadrant", "calm"), ("feeling", "calm"), ("visibility", "shared")]).await;
        app.run_jobs().await;

        move_back_a_week(&app).await;
        check_in(&app, &son, &bond, &[("quadrant", "stormy"), ("feeling", "cross"), ("visibility", "shared")]).await;
        app.run_jobs().await;
        let monday = monday_of(today_in(tz_of(&app, "Rosa").await));
        assert_eq!(invitation_weeks(&app).await, [week_label(monday - Duration::days(7)), week_label(monday)]);
        assert_eq!(invitation_mails(&app.mail_to(&mother.email).await), 2);
        assert_eq!(invitation_mails(&app.mail_to(&son.email).await), 0);
        app.get(&mother, &home).await.assert_contains("Iker shared a feeling this week");
    }
}

on_both_backends! {
    async fn insights_count_a_fixed_week_month_and_year(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        // Iker lives in Toronto, Rosa in Lisbon; each one's days are counted in their own zone.
        let his: [(&[(&str, &str)], &str); 9] = [
            (&[("feeling", "happy"), ("visibility", "shared")], "2025-03-10T12:00:00Z"),
            (&[("feeling", "happy"), ("visibility", "shared")], "2025-03-11T12:00:00Z"),
            (&[("feeling", "calm"), ("visibility", "shared")], "2025-03-12T12:00:00Z"),
            (&[("feeling", "cross"), ("visibility", "shared")], "2025-03-13T12:00:00Z"),
            (&[("quadrant", "heavy"), ("custom_word", "zqxprivateword"), ("visibility", "private")], "2025-03-14T12:00:00Z"),
            (&[("feeling", "furious"), ("visibility", "shared")], "2025-03-20T12:00:00Z"),
            // Still 31 March in Toronto.
            (&[("feeling", "tired"), ("visibility", "shared")], "2025-04-01T02:00:00Z"),
            (&[("feeling", "tired"), ("visibility", "shared")], "2025-06-05T12:00:00Z"),
            (&[("feeling", "happy"), ("visibility", "shared")], "2024-12-31T12:00:00Z"),
        ];
        for (form, when) in his {
            let id = check_in(&app, &son, &bond, form).await;
            app.exec_at("UPDATE checkins SET created_at = $1 WHERE id = $2", at(when), &[&id]).await;
        }
        let hers: [(&[(&str, &str)], &str); 2] = [
            (&[("feeling", "calm"), ("visibility", "shared")], "2025-03-10T12:00:00Z"),
            (&[("feeling", "worried"), ("visibility", "private")], "2025-03-12T12:00:00Z"),
        ];
        for (form, when) in hers {
            let id = check_in(&app, &mother, &bond, form).await;
            app.exec_at("UPDATE checkins SET created_at = $1 WHERE id = $2", at(when), &[&id]).await;
        }
        for (strategy, visibility, when) in [("breathe-square", "shared", "2025-03-11T12:00:00Z"), ("move-wall-push", "", "2025-03-12T12:00:00Z")] {
            app.post(&son, &format!("{home}/toolbox"), &[("strategy", strategy), ("helped", "yes"), ("visibility", visibility)])
                .await
                .assert_status(StatusCode::SEE_OTHER);
            app.exec_at("UPDATE calm_tries SET created_at = $1 WHERE strategy_id = $2", at(when), &[strategy]).await;
        }
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
            .assert_contains("4 check-ins in 10 Mar – 16 Mar 2025: bright 2, calm 1, stormy 1, heavy 0.")
            .assert_contains(r#"<tr><th scope="row">Mon 10 Mar</th><td>1</td><td>0</td><td>0</td><td>0</td></tr>"#)
            .assert_contains(r#"<tr><th scope="row">Thu 13 Mar</th><td>0</td><td>0</td><td>1</td><td>0</td></tr>"#)
            .assert_contains(r#"<li>happy <span class="count">× 2</span></li>"#)
            .assert_contains(r#"<li>worried <span class="count">× 1</span></li>"#)
            .assert_contains(r#"<li>Box breathing <span class="count">× 1</span></li>"#)
            .assert_lacks("zqxprivateword")
            .assert_lacks("Fri 14 Mar")
            .assert_lacks("Push the wall");
        // The same week as Iker sees it.
        app.get(&son, &insights("week", "2025-03-16")).await
            .assert_contains(&table_row("Bright", "2 (40%)", "0 (0%)"))
            .assert_contains(&table_row("Calm", "1 (20%)", "1 (100%)"))
            .assert_contains(&table_row("Stormy", "1 (20%)", "0 (0%)"))
            .assert_contains(&table_row("Heavy", "1 (20%)", "0 (0%)"))
            .assert_contains(&table_row("All", "5", "1"))
            .assert_contains(r#"<tr><th scope="row">Fri 14 Mar</th><td>0</td><td>0</td><td>0</td><td>1</td></tr>"#)
            .assert_contains(r#"<li>zqxprivateword <span class="count">× 1</span></li>"#)
            .assert_contains(r#"<li>Push the wall <span class="count">× 1</span></li>"#)
            .assert_lacks("worried");

        // March 2025.
        app.get(&mother, &insights("month", "2025-03-01")).await
            .assert_contains("<strong>March 2025</strong>")
            .assert_contains(&table_row("Bright", "0 (0%)", "2 (33%)"))
            .assert_contains(&table_row("Calm", "1 (50%)", "1 (17%)"))
            .assert_contains(&table_row("Stormy", "1 (50%)", "2 (33%)"))
            .assert_contains(&table_row("Heavy", "0 (0%)", "1 (17%)"))
            .assert_contains(&table_row("All", "2", "6"))
            .assert_contains(r#"<tr><th scope="row">Mon 31 Mar</th><td>0</td><td>0</td><td>0</td><td>1</td></tr>"#)
            .assert_lacks("zqxprivateword");
        app.get(&son, &insights("month", "2025-03-31")).await
            .assert_contains(&table_row("Bright", "2 (29%)", "0 (0%)"))
            .assert_contains(&table_row("Calm", "1 (14%)", "1 (100%)"))
            .assert_contains(&table_row("Stormy", "2 (29%)", "0 (0%)"))
            .assert_contains(&table_row("Heavy", "2 (29%)", "0 (0%)"))
            .assert_contains(&table_row("All", "7", "1"));
        // April 2025 holds nothing: the late check-in of 31 March is March where he lives.
        app.get(&son, &insights("month", "2025-04-15")).await.assert_contains(&table_row("All", "0", "0"));

        // The year 2025.
        let year = app.get(&mother, &insights("year", "2025-07-01")).await;
        year.assert_contains("<strong>2025</strong>")
            .assert_contains(&table_row("Bright", "0 (0%)", "2 (29%)"))
            .assert_contains(&table_row("Calm", "1 (50%)", "1 (14%)"))
            .assert_contains(&table_row("Stormy", "1 (50%)", "2 (29%)"))
            .assert_contains(&table_row("Heavy", "0 (0%)", "2 (29%)"))
            .assert_contains(&table_row("All", "2", "7"))
            .assert_contains(r#"<tr><th scope="row">March</th><td>2</td><td>1</td><td>2</td><td>1</td></tr>"#)
            .assert_contains(r#"<tr><th scope="row">June</th><td>0</td><td>0</td><td>0</td><td>1</td></tr>"#)
            .assert_contains(r#"<tr><th scope="row">March</th><td>0</td><td>1</td><td>1</td><td>0</td></tr>"#)
            .assert_lacks(r#"<th scope="row">April</th>"#)
            .assert_lacks("zqxprivateword");
        let his_column = &year.body[year.body.find(r#"<h2 id="person-2">Iker</h2>"#).unwrap()..];
        let top: Vec<usize> = ["happy", "tired", "calm", "cross", "furious"]
            .iter()
            .map(|w| his_column.find(&format!("<li>{w} <span class=\"count\">")).unwrap_or_else(|| panic!("{w} in top words")))
            .collect();
        assert!(top.windows(2).all(|w| w[0] < w[1]), "most used first, ties by word: {top:?}");
        year.assert_contains(r#"<li>happy <span class="count">× 2</span></li>"#)
            .assert_contains(r#"<li>tired <span class="count">× 2</span></li>"#);
        app.get(&son, &insights("year", "2025-01-01")).await
            .assert_contains(&table_row("Bright", "2 (25%)", "0 (0%)"))
            .assert_contains(&table_row("Calm", "1 (13%)", "1 (100%)"))
            .assert_contains(&table_row("Stormy", "2 (25%)", "0 (0%)"))
            .assert_contains(&table_row("Heavy", "3 (38%)", "0 (0%)"))
            .assert_contains(&table_row("All", "8", "1"));
        app.get(&mother, &insights("year", "2024-06-01")).await
            .assert_contains(&table_row("Bright", "0 (0%)", "1 (100%)"))
            .assert_contains(&table_row("All", "0", "1"));
    }
}

on_both_backends! {
    async fn each_reads_the_others_needs_profile(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let needs = format!("/bonds/{bond}/feelings/needs");
        // Worded for a teen, and for a mother.
        app.get(&son, &needs).await
            .assert_contains("fed up or angry, what actually helps is")
            .assert_contains("Being left alone for an hour, then food.")
            .assert_contains("Rosa hasn")
            .assert_lacks("what makes you feel better?");
        app.get(&mother, &needs).await
            .assert_contains("A cup of tea and ten quiet minutes, then a hug.")
            .assert_lacks("what actually helps is");

        let saved = app.post(&son, &needs, &[
            ("helps", "Music loud, then pizza"), ("unhelpful", "Twenty questions at dinner"),
            ("comfort", "Just sit with me"), ("signs", "Headphones all day"),
        ]).await;
        saved.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(saved.location(), format!("{needs}?saved=1"));
        app.get(&son, &format!("{needs}?saved=1")).await
            .assert_contains("Saved. Rosa can read it now.")
            .assert_contains(">Music loud, then pizza</textarea>");
        app.post(&mother, &needs, &[("helps", "A walk by the river"), ("comfort", "A long hug")]).await.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(app.count("needs_profiles").await, 2);

        let hers = app.get(&mother, &needs).await;
        hers.assert_contains("<dd>Music loud, then pizza</dd>")
            .assert_contains("<dd>Twenty questions at dinner</dd>")
            .assert_contains("<dd>Just sit with me</dd>")
            .assert_contains("<dd>Headphones all day</dd>")
            .assert_contains("fed up or angry, what actually helps is…</dt>");
        let his = app.get(&son, &needs).await;
        his.assert_contains("<dd>A walk by the river</dd>").assert_contains("<dd>A long hug</dd>");
        assert_eq!(his.body.matches("<dd>").count(), 2, "unanswered prompts are left out");

        // Too long: refused, kept for fixing, nothing overwritten.
        let long = "x".repeat(601);
        app.post(&son, &needs, &[("helps", "Short"), ("signs", &long)]).await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_contains("This answer can be at most 600 characters (it has 601).")
            .assert_contains(r#"aria-invalid="true""#);
        app.get(&mother, &needs).await.assert_contains("<dd>Music loud, then pizza</dd>").assert_lacks("<dd>Short</dd>");

        let stranger = app.sign_up_mother("Eve").await;
        app.get(&stranger, &needs).await.assert_status(StatusCode::NOT_FOUND).assert_lacks("Music loud");
        app.post(&stranger, &needs, &[("helps", "intruding")]).await.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(app.count("needs_profiles").await, 2);
    }
}

on_both_backends! {
    async fn a_little_ones_needs_profile_is_asked_in_his_words(app: TestApp) {
        let mother = app.sign_up_mother("Rosa").await;
        app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
        let son_id = member_id(&app, "Tomás").await;
        let bond = app.bond_ids(&mother).await.remove(0);
        let needs = format!("/bonds/{bond}/feelings/needs");
        // Before together mode, she fills in her own, worded for a mother.
        app.get(&mother, &needs).await.assert_contains("A cup of tea and ten quiet minutes").assert_lacks("what makes you feel better?");

        app.post(&mother, &format!("/together/{son_id}"), &[]).await.assert_status(StatusCode::SEE_OTHER);
        app.get(&mother, &needs).await
            .assert_contains("When you feel sad or cross, what makes you feel better?")
            .assert_contains("A big hug and my soft blanket.")
            .assert_lacks("what actually helps is");
        app.post(&mother, &needs, &[("helps", "Teddy and a song")]).await.assert_status(StatusCode::SEE_OTHER);
        let mut conn = app.db().conn().await.unwrap();
        let row: (String, String, bool) = tandem::db_run!(&mut conn, |c| sqlx::query_as::<_, (String, String, bool)>(
            "SELECT member_id, helps, made_together FROM needs_profiles"
        )
        .fetch_one(c)
        .await)
        .unwrap();
        drop(conn);
        assert_eq!(row, (son_id, "Teddy and a song".to_owned(), true));

        app.post(&mother, "/together/stop", &[]).await.assert_status(StatusCode::SEE_OTHER);
        app.get(&mother, &needs).await
            .assert_contains("<dt>When you feel sad or cross, what makes you feel better?</dt><dd>Teddy and a song</dd>");
    }
}

on_both_backends! {
    async fn a_mother_checks_in_with_her_little_son_in_together_mode(app: TestApp) {
        let mother = app.sign_up_mother("Rosa").await;
        app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
        let son_id = member_id(&app, "Tomás").await;
        let bond = app.bond_ids(&mother).await.remove(0);
        let home = format!("/bonds/{bond}/feelings");
        // On her own, she sees the grid of quadrants, not faces.
        app.get(&mother, &home).await.assert_lacks(r#"class="face""#).assert_contains("check-in?quadrant=stormy");

        app.post(&mother, &format!("/together/{son_id}"), &[]).await.assert_status(StatusCode::SEE_OTHER);
        let page = app.get(&mother, &home).await;
        assert_eq!(page.body.matches(r#"<svg class="face""#).count(), 10, "{}", page.body);
        page.assert_contains(&format!("{home}/check-in?feeling=happy"))
            .assert_lacks("check-in?quadrant=");
        let form = app.get(&mother, &format!("{home}/check-in?feeling=happy")).await;
        form.assert_status(StatusCode::OK)
            .assert_contains("Which face is like you?")
            .assert_contains(r#"value="happy" checked"#)
            .assert_contains("Share with Rosa")
            .assert_lacks(r#"aria-label="Part of the grid""#)
            .assert_lacks(r#"value="furious""#)
            .assert_lacks(r#"value="ecstatic""#);
        assert_eq!(form.body.matches(r#"name="feeling""#).count(), 10);
        assert_eq!(form.body.matches(r#"<svg class="face""#).count(), 10);
        // Pleasant words come first for the youngest.
        assert!(form.body.find(r#"value="happy""#).unwrap() < form.body.find(r#"value="sad""#).unwrap());
        app.get(&mother, &format!("{home}/words")).await.assert_contains("10 words for Tom");

        let id = check_in(&app, &mother, &bond, &[("quadrant", "bright"), ("feeling", "happy"), ("need", "together"), ("visibility", "shared")]).await;
        assert_eq!(stored(&app, &id).await, (son_id.clone(), true, Some("happy".into()), None, "bright".into(), "shared".into()));
        app.get(&mother, &format!("{home}/{id}")).await
            .assert_contains(r#"You felt <span class="word">happy</span>"#)
            .assert_contains("<dd>Time with you</dd>")
            .assert_contains("made together");

        // Back on her own, it is his check-in, shared with her.
        app.post(&mother, "/together/stop", &[]).await.assert_status(StatusCode::SEE_OTHER);
        app.get(&mother, &format!("{home}/{id}")).await
            .assert_contains(r#"Tomás felt <span class="word">happy</span>"#)
            .assert_contains("made together")
            .assert_lacks(">Change</a>");
        app.post(&mother, &format!("{home}/{id}/delete"), &[]).await.assert_status(StatusCode::NOT_FOUND);
        assert_eq!(app.count("checkins").await, 1);
    }
}

on_both_backends! {
    async fn what_helped_before_is_shown_after_a_hard_feeling(app: TestApp) {
        let (mother, son, bond) = app.mother_and_son(15).await;
        let home = format!("/bonds/{bond}/feelings");
        app.get(&son, &format!("{home}/toolbox")).await
            .assert_contains("Nothing noted yet.")
            .assert_contains("Box breathing")
            .assert_lacks("Balloon tummy");
        let tried = app.post(&son, &format!("{home}/toolbox"), &[("strategy", "breathe-square"), ("helped", "yes")]).await;
        tried.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(tried.location(), format!("{home}/toolbox?recorded=1#helped-heading"));
        app.post(&son, &format!("{home}/toolbox"), &[("strategy", "move-wall-push"), ("helped", "no")]).await.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(app.count("calm_tries").await, 2);
        app.get(&son, &format!("{home}/toolbox?recorded=1")).await
            .assert_contains("Noted. Thank you for trying.")
            .assert_contains("<strong>Box breathing</strong> · helped 1 time")
            .assert_lacks("<strong>Push the wall</strong> · helped")
            .assert_contains("Push the wall — Not this time");

        let stormy = check_in(&app, &son, &bond, &[("quadrant", "stormy"), ("feeling", "furious"), ("visibility", "shared")]).await;
        let saved = app.get(&son, &format!("{home}/{stormy}?saved=1")).await;
        saved.assert_contains("What helped you before")
            .assert_contains("<strong>Box breathing</strong> — Breathe in for a count of four")
            .assert_lacks("Push the wall");
        let heavy = check_in(&app, &son, &bond, &[("quadrant", "heavy"), ("custom_word", "flattened"), ("visibility", "private")]).await;
        app.get(&son, &format!("{home}/{heavy}?saved=1")).await.assert_contains("What helped you before").assert_contains("Box breathing");
        // Not after a pleasant one, and not on her view of his check-in.
        let bright = check_in(&app, &son, &bond, &[("quadrant", "bright"), ("feeling", "happy"), ("visibility", "private")]).await;
        app.get(&son, &format!("{home}/{bright}?saved=1")).await.assert_lacks("What helped you before").assert_lacks("Box breathing");
        app.get(&mother, &format!("{home}/{stormy}")).await.assert_lacks("What helped you before").assert_lacks("Box breathing");
        // She has tried nothing, so her own hard feeling gets the toolbox, not his history.
        let hers = check_in(&app, &mother, &bond, &[("quadrant", "heavy"), ("feeling", "exhausted"), ("visibility", "private")]).await;
        app.get(&mother, &format!("{home}/{hers}?saved=1")).await
            .assert_lacks("What helped you before")
            .assert_contains("Something that might help");
    }
}

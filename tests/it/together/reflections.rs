//! Reflecting on a plan: private until both have reflected, then one memory with both sides
//! and their photos; a lone reflection becomes a memory a week after the plan; bad attempts
//! (another bond's plan, one not over, a cancelled one, twice) store nothing.

use axum::http::StatusCode;
use chrono::{Duration, Timelike, Utc};
use tandem::{
    memories::reflections::on_plans::awaiting_reflection,
    plans::{self, NewChange, NewPlan, Recurrence, schedule},
};

use super::fixtures::{file, jpeg, photo_srcs};
use super::plans::without_tags;
use crate::both_backends;
use crate::harness::{TestApp, User, en, en_with};
use crate::talk::access_as;

/// A one-off plan of Rosa's starting `starts_in` from now (negative: in the past), an hour
/// long; returns its occurrence's key.
pub async fn plan(app: &TestApp, bond: &str, title: &str, starts_in: Duration) -> String {
    plan_from(app, bond, title, None, starts_in).await
}

/// Like [`plan`], planned from an activity.
async fn plan_from(
    app: &TestApp,
    bond: &str,
    title: &str,
    activity: Option<&str>,
    starts_in: Duration,
) -> String {
    let access = access_as(app, "Rosa", bond).await;
    let tz = chrono_tz::Europe::Lisbon;
    let starts_local = (Utc::now() + starts_in)
        .with_timezone(&tz)
        .naive_local()
        .with_second(0)
        .unwrap()
        .with_nanosecond(0)
        .unwrap();
    let new = NewPlan {
        activity_id: activity.map(str::to_owned),
        title: title.into(),
        place: "The park".into(),
        tz,
        starts_local,
        minutes: 60,
        recurrence: Recurrence::Once,
        until_day: None,
    };
    let mut conn = app.db().conn().await.unwrap();
    let id = plans::insert(&mut conn, &access, false, &new)
        .await
        .unwrap();
    schedule::key_of(&id, starts_local)
}

pub fn reflect_path(bond: &str, key: &str) -> String {
    format!("/bonds/{bond}/together/reflect/{key}")
}

pub fn side(highlight: &str) -> Vec<(&str, &str)> {
    vec![
        ("highlight", highlight),
        ("learned", "Something new"),
        ("feeling", ""),
        ("feeling_words", "glad"),
    ]
}

async fn awaited_by(app: &TestApp, name: &str, bond: &str) -> Vec<(String, bool)> {
    let access = access_as(app, name, bond).await;
    let mut conn = app.db().conn().await.unwrap();
    awaiting_reflection(&mut conn, &access)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.occurrence.key, a.partner_has_reflected))
        .collect()
}

impl TestApp {
    async fn reflect(
        &self,
        who: &User,
        bond: &str,
        key: &str,
        highlight: &str,
        files: Vec<super::fixtures::File>,
    ) -> crate::harness::Response {
        self.post_files(who, &reflect_path(bond, key), &side(highlight), &files)
            .await
    }
}

async fn the_second_reflection_reveals_both_and_makes_exactly_one_memory(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let key = plan(&app, &bond, "Climbing wall", Duration::hours(-3)).await;
    assert_eq!(
        awaited_by(&app, "Iker", &bond).await,
        vec![(key.clone(), false)]
    );
    app.get(&son, &reflect_path(&bond, &key))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("h2", &en("memories-how-was-it"))
        .assert_has(r#"input[type=file][accept="image/jpeg,image/png,image/webp"][multiple]"#);

    let his = app
        .reflect(
            &son,
            &bond,
            &key,
            "Zqxhis reaching the top",
            vec![file("top.jpg", jpeg(90, 60))],
        )
        .await;
    his.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(his.location(), reflect_path(&bond, &key));
    let own = app.get(&son, &reflect_path(&bond, &key)).await;
    own.assert_contains("Zqxhis reaching the top").assert_text(
        "p.status",
        &en_with("memories-reflect-waiting", &[("partner", "Rosa".into())]),
    );
    let his_photo = photo_srcs(&own.body, "thumb").remove(0);
    let served = app.get_raw(&son, &his_photo, &[]).await;
    assert_eq!(served.status, StatusCode::OK);
    let his_tag = served.header(axum::http::header::ETAG).to_owned();

    // Rosa learns only that he has reflected.
    let hers = app.get(&mum, &reflect_path(&bond, &key)).await;
    hers.assert_text(
        "p.status strong",
        without_tags(&en_with(
            "memories-partner-has-reflected",
            &[("partner", "Iker".into())],
        ))
        .split_inclusive('.')
        .next()
        .unwrap_or_default(),
    )
    .assert_lacks("Zqxhis");
    for path in [format!("/bonds/{bond}/together/memories"), "/".to_owned()] {
        app.get(&mum, &path).await.assert_lacks("Zqxhis");
    }
    app.get(&mum, &format!("/bonds/{bond}/together/memories"))
        .await
        .assert_contains("Climbing wall")
        .assert_text_contains(
            "span.hint",
            &en_with("memories-partner-reflected", &[("partner", "Iker".into())]),
        );
    assert_eq!(
        app.get_raw(&mum, &his_photo, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    // Not even a "not modified" for the right tag: that would tell her the photo exists.
    let with_tag = [("if-none-match", his_tag.as_str())];
    assert_eq!(
        app.get_raw(&mum, &his_photo, &with_tag).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_raw(&mum, &his_photo.replace("/thumb", "/large"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(awaited_by(&app, "Iker", &bond).await, vec![]);
    assert_eq!(
        awaited_by(&app, "Rosa", &bond).await,
        vec![(key.clone(), true)]
    );
    assert_eq!(app.count("memories").await, 0);
    assert_eq!(
        app.count("reflections WHERE visibility = 'private'").await,
        1
    );
    assert_eq!(app.count("photos WHERE visibility = 'private'").await, 1);

    // Another plan he reflected on alone, with a photo: it stays his through her reveal.
    let other = plan(&app, &bond, "Market", Duration::hours(-6)).await;
    app.reflect(
        &son,
        &bond,
        &other,
        "Zqxother the cheese stall",
        vec![file("m.jpg", jpeg(30, 30))],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let other_photo = photo_srcs(
        &app.get(&son, &reflect_path(&bond, &other)).await.body,
        "thumb",
    )
    .remove(0);

    let second = app
        .reflect(&mum, &bond, &key, "Zqxhers watching him climb", vec![])
        .await;
    second.assert_status(StatusCode::SEE_OTHER);
    let memory = second.location().to_owned();
    assert!(
        memory.starts_with(&format!("/bonds/{bond}/together/memories/")),
        "{memory}"
    );
    assert_eq!(app.count("memories").await, 1);
    assert_eq!(
        app.count("reflections WHERE visibility = 'shared'").await,
        2
    );
    assert_eq!(app.count("photos WHERE visibility = 'shared'").await, 1);
    assert_eq!(
        app.count("reflections WHERE visibility = 'private'").await,
        1
    );
    assert_eq!(app.count("photos WHERE visibility = 'private'").await, 1);
    assert_eq!(
        app.get_raw(&mum, &other_photo, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    app.get(&mum, &reflect_path(&bond, &other))
        .await
        .assert_lacks("Zqxother");
    for who in [&mum, &son] {
        let page = app.get(who, &memory).await;
        page.assert_status(StatusCode::OK)
            .assert_contains("Climbing wall")
            .assert_contains("Zqxhis reaching the top")
            .assert_contains("Zqxhers watching him climb");
        assert_eq!(photo_srcs(&page.body, "thumb"), vec![his_photo.clone()]);
        // The reflection page now leads to the memory.
        let again = app.get(who, &reflect_path(&bond, &key)).await;
        again.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(again.location(), memory);
    }
    assert_eq!(
        app.get_raw(&mum, &his_photo, &[]).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get_raw(&mum, &his_photo, &with_tag).await.status,
        StatusCode::NOT_MODIFIED
    );
    assert_eq!(
        awaited_by(&app, "Rosa", &bond).await,
        vec![(other.clone(), true)]
    );
    // The memory is dated on the day of the plan and found in the book.
    app.get(&mum, &format!("/bonds/{bond}/together/memories"))
        .await
        .assert_contains(&memory);
}
both_backends!(the_second_reflection_reveals_both_and_makes_exactly_one_memory);

async fn a_lone_reflection_becomes_a_memory_a_week_after_and_only_once(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let key = plan(&app, &bond, "Pizza night", Duration::hours(-2)).await;
    app.reflect(
        &son,
        &bond,
        &key,
        "Zqxalone the burnt crust",
        vec![file("pizza.jpg", jpeg(40, 40))],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("jobs WHERE kind = 'together.reflection_alone'")
            .await,
        1
    );
    // Not due for a week.
    app.run_jobs().await;
    assert_eq!(app.count("memories").await, 0);

    // A week later, by the app's clock.
    app.clock().advance(Duration::days(8));
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(app.count("memories").await, 1);
    assert_eq!(
        app.count("reflections WHERE visibility = 'shared'").await,
        1
    );
    assert_eq!(app.count("photos WHERE visibility = 'shared'").await, 1);
    // Running it again changes nothing.
    app.exec_at(
        "UPDATE jobs SET run_at = $1, done_at = NULL WHERE kind = 'together.reflection_alone'",
        Utc::now() - Duration::minutes(1),
        &[],
    )
    .await;
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(app.count("memories").await, 1);
    let alone_jobs = "jobs WHERE kind = 'together.reflection_alone' \
                      AND failed_at IS NULL AND last_error IS NULL";
    assert_eq!(app.count(alone_jobs).await, 1);

    // Rosa finds it in the book, with his side and photo, and adds hers on the memory.
    let book = app
        .get(&mum, &format!("/bonds/{bond}/together/memories"))
        .await;
    book.assert_contains("Pizza night")
        .assert_text("p.hint a", &en("memories-add-your-side"));
    let redirect = app.get(&mum, &reflect_path(&bond, &key)).await;
    redirect.assert_status(StatusCode::SEE_OTHER);
    let memory = redirect.location().to_owned();
    let page = app.get(&mum, &memory).await;
    page.assert_contains("Zqxalone the burnt crust")
        .assert_contains(&en("memories-not-added-yours"));
    assert_eq!(photo_srcs(&page.body, "thumb").len(), 1);
    assert_eq!(
        awaited_by(&app, "Rosa", &bond).await,
        vec![(key.clone(), true)]
    );
    app.post_files(
        &mum,
        &format!("{memory}/perspective"),
        &side("Zqxlate the smoke alarm"),
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &memory)
        .await
        .assert_contains("Zqxlate the smoke alarm");
    assert_eq!(awaited_by(&app, "Rosa", &bond).await, vec![]);
    assert_eq!(app.count("memories").await, 1);
}
both_backends!(a_lone_reflection_becomes_a_memory_a_week_after_and_only_once);

async fn a_late_lone_reflection_stays_private_for_a_week_from_when_it_was_written(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    // Ten days ago: still offered for reflection, but past the week after its end.
    let key = plan(&app, &bond, "Old bike ride", Duration::days(-10)).await;
    app.reflect(
        &son,
        &bond,
        &key,
        "Zqxlate the flat tyre",
        vec![file("bike.jpg", jpeg(40, 40))],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.run_jobs().await;
    assert_eq!(app.count("memories").await, 0);
    assert_eq!(
        app.count("reflections WHERE visibility = 'private'").await,
        1
    );
    assert_eq!(app.count("photos WHERE visibility = 'private'").await, 1);
    app.get(&mum, &format!("/bonds/{bond}/together/memories"))
        .await
        .assert_lacks("Zqxlate");
    // The week starts when he wrote it.
    let mut conn = app.db().conn().await.unwrap();
    let run_at = tandem::db_run!(&mut conn, |c| {
        sqlx::query_scalar::<_, chrono::DateTime<Utc>>(
            "SELECT run_at FROM jobs WHERE kind = 'together.reflection_alone'",
        )
        .fetch_one(c)
        .await
    })
    .unwrap();
    assert!(run_at > Utc::now() + Duration::days(6), "due at {run_at}");
}
both_backends!(a_late_lone_reflection_stays_private_for_a_week_from_when_it_was_written);

async fn reflections_that_cannot_be_are_refused_and_store_nothing(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let upcoming = plan(&app, &bond, "Cinema", Duration::hours(2)).await;
    let running = plan(&app, &bond, "Long walk", Duration::minutes(-30)).await;
    let cancelled = plan(&app, &bond, "Football", Duration::hours(-5)).await;
    let access = access_as(&app, "Iker", &bond).await;
    let plan_id = cancelled.rsplit_once('-').unwrap().0.to_owned();
    let mut conn = app.db().conn().await.unwrap();
    plans::change(
        &mut conn,
        &access,
        &plan_id,
        &NewChange::Cancel {
            occurrence: cancelled.clone(),
        },
        "Rain",
    )
    .await
    .unwrap();
    drop(conn);
    let done = plan(&app, &bond, "Board games", Duration::hours(-4)).await;

    for (key, message) in [
        (&upcoming, "This has not happened yet."),
        (&running, "This has not happened yet."),
        (&cancelled, "This was cancelled"),
    ] {
        app.reflect(
            &son,
            &bond,
            key,
            "Zqx too soon",
            vec![file("a.jpg", jpeg(20, 20))],
        )
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains(message);
    }
    app.get(&son, &reflect_path(&bond, &upcoming))
        .await
        .assert_status(StatusCode::OK)
        .assert_text(".status", &en("memories-reflect-not-yet"))
        .assert_none("input[type=file]");
    assert_eq!(
        awaited_by(&app, "Iker", &bond).await,
        vec![(done.clone(), false)]
    );

    // Rosa's bond with another son: this plan is not one of its plans.
    app.add_son(&mum, "Tomás", &crate::family::born_years_ago(4))
        .await;
    let other_bond = app
        .bond_ids(&mum)
        .await
        .into_iter()
        .find(|b| *b != bond)
        .unwrap();
    app.reflect(&mum, &other_bond, &done, "Zqx wrong bond", vec![])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&mum, &reflect_path(&other_bond, &done))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Another family: not found.
    let stranger = app.sign_up_mother("Wanda").await;
    app.reflect(&stranger, &bond, &done, "Zqx intruder", vec![])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&stranger, &reflect_path(&bond, &done))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // A key that is not one of the bond's occurrences.
    let shifted = done.replace("T", "X");
    app.reflect(&son, &bond, &shifted, "Zqx nothing", vec![])
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // A bad field re-shows the form; a good one is kept; a second one is refused.
    app.reflect(&son, &bond, &done, "", vec![file("a.jpg", jpeg(20, 20))])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The highlight is needed.")
        .assert_text_contains("main", &en("memories-photos-choose-again"));
    app.reflect(&son, &bond, &done, "Zqx the dice", vec![])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.reflect(
        &son,
        &bond,
        &done,
        "Zqx again",
        vec![file("b.jpg", jpeg(20, 20))],
    )
    .await
    .assert_status(StatusCode::CONFLICT)
    .assert_contains(&en("memories-have-already-reflected"));
    assert_eq!(app.count("reflections").await, 1);
    assert_eq!(app.count("photos").await, 0);
    assert_eq!(app.count("memories").await, 0);
    assert!(app.media_files().is_empty(), "{:?}", app.media_files());
    // Nothing of it reached Rosa.
    app.get(&mum, &reflect_path(&bond, &done))
        .await
        .assert_lacks("Zqx");
}
both_backends!(reflections_that_cannot_be_are_refused_and_store_nothing);

async fn only_the_last_two_weeks_are_awaited(app: TestApp) {
    let (_mum, _son, bond) = app.mother_and_son(15).await;
    let recent = plan(&app, &bond, "Recent", Duration::days(-13)).await;
    plan(&app, &bond, "Too old", Duration::days(-15)).await;
    plan(&app, &bond, "Not yet", Duration::days(1)).await;
    assert_eq!(awaited_by(&app, "Rosa", &bond).await, vec![(recent, false)]);
}
both_backends!(only_the_last_two_weeks_are_awaited);

async fn photos_written_for_a_reflection_that_loses_a_race_are_removed(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    let key = plan(&app, &bond, "Bike ride", Duration::hours(-3)).await;
    // His other tab reflected a moment ago: the round says so, though this request's
    // early check (no reflection of his yet) passed.
    let plan_id = key.rsplit_once('-').unwrap().0.to_owned();
    let now = Utc::now();
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_exec!(&mut conn, |c| sqlx::query(
        "INSERT INTO reflection_rounds (bond_id, moment_key, plan_id, title, happened_on, ends_at,
                 son_reflected_at, created_at)
             VALUES ($1, $2, $3, 'Bike ride', $4, $5, $5, $5)"
    )
    .bind(&bond)
    .bind(format!("plan:{key}"))
    .bind(&plan_id)
    .bind(now.date_naive())
    .bind(now)
    .execute(c)
    .await)
    .unwrap();
    drop(conn);
    app.reflect(
        &son,
        &bond,
        &key,
        "Zqx the hill",
        vec![file("a.jpg", jpeg(30, 30)), file("b.jpg", jpeg(30, 30))],
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    assert_eq!(app.count("reflections").await, 0);
    assert_eq!(app.count("photos").await, 0);
    assert!(app.media_files().is_empty(), "{:?}", app.media_files());
}
both_backends!(photos_written_for_a_reflection_that_loses_a_race_are_removed);

async fn a_memory_of_a_plan_from_the_library_is_of_the_activitys_kind(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(9).await;
    let key = plan_from(
        &app,
        &bond,
        "Pancakes",
        Some("cooking-pancake-lab"),
        Duration::hours(-3),
    )
    .await;
    app.reflect(&mum, &bond, &key, "Zqxher lemon and sugar", vec![])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.reflect(&son, &bond, &key, "Zqxhis banana tower", vec![])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let book = |kind: &str| format!("/bonds/{bond}/together/memories?category={kind}");
    app.get(&son, &book("cooking"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Pancakes");
    let sports = app.get(&son, &book("sports")).await;
    sports.assert_status(StatusCode::OK);
    assert!(
        !sports.body.contains("Pancakes"),
        "a cooking memory under sports"
    );
}
both_backends!(a_memory_of_a_plan_from_the_library_is_of_the_activitys_kind);

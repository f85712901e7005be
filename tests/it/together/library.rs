//! The activity library: filters checked against the library itself, the son's age band always
//! applied, "surprise us" within the filters and without repeats, favourites per member, the
//! pair's own activities (only their author changes them), bad input and other families' bonds.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use tandem::{
    family::AgeBand,
    together::{
        activities::{self, Activity, Category, Cost, Energy, Place, Season},
        find, recent_picks,
    },
};

use crate::both_backends;
use crate::harness::{Response, TestApp, User, en, en_with};
use crate::talk::access_as;
use tandem::i18n::Key;

pub(super) fn activities_path(bond: &str) -> String {
    format!("/bonds/{bond}/together/activities")
}

/// The ids of the activity cards on a browse page, in page order.
pub(super) fn ids_on(page: &Response) -> Vec<String> {
    page.body
        .split("id=\"a-")
        .skip(1)
        .map(|part| part.split('"').next().unwrap().to_owned())
        .collect()
}

/// The ids of the cards on every page of a browse list, following its "Next" links from `path`.
pub(super) async fn ids_on_every_page(app: &TestApp, who: &User, path: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut next = Some(path.to_owned());
    for _ in 0..100 {
        let Some(path) = next.take() else {
            return ids;
        };
        let page = app.get(who, &path).await;
        page.assert_status(StatusCode::OK);
        ids.extend(ids_on(&page));
        next = page
            .select_attr("nav.pager a[rel=next]", "href")
            .first()
            .map(|href| href.split('#').next().unwrap().to_owned());
    }
    panic!("more than 100 pages from {path}");
}

/// The activity a surprise redirected to.
#[track_caller]
fn surprised(response: &Response) -> String {
    response.assert_status(StatusCode::SEE_OTHER);
    let location = response.location();
    let rest = location
        .split("/together/activities/")
        .nth(1)
        .unwrap_or_else(|| panic!("not an activity: {location}"));
    let (id, query) = rest.split_once('?').expect("the surprise's filters follow");
    assert!(query.starts_with("surprise=1"), "{location}");
    id.to_owned()
}

fn library_ids(band: AgeBand, keep: impl Fn(&Activity) -> bool) -> BTreeSet<String> {
    activities::for_band(band)
        .filter(|a| keep(a))
        .map(|a| a.id.clone())
        .collect()
}

async fn add_own(app: &TestApp, who: &User, bond: &str, title: &str) -> String {
    let response = app
        .post(
            who,
            &activities_path(bond),
            &[
                ("title", title),
                ("category", "games"),
                ("minutes", "25"),
                ("cost", "free"),
                ("place", "indoor"),
                ("energy", "low"),
                ("needs", "a pack of cards\n\na pencil"),
                (
                    "how",
                    "Deal seven cards each and play our grandmother's rules.",
                ),
                ("talk", "Who taught you your first card game?"),
            ],
        )
        .await;
    response.assert_status(StatusCode::SEE_OTHER);
    let id = response.location().rsplit('/').next().unwrap().to_owned();
    assert!(id.starts_with("own-"), "{id}");
    id
}

async fn filters_narrow_the_list_as_the_library_itself_says(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let shown: BTreeSet<String> = ids_on_every_page(&app, &son, &activities_path(&bond))
        .await
        .into_iter()
        .collect();
    assert_eq!(shown, library_ids(AgeBand::Teen, |_| true));

    let page = ids_on_every_page(
        &app,
        &mum,
        &format!(
            "{}?category=cooking&minutes=45&place=indoor",
            activities_path(&bond)
        ),
    )
    .await;
    let expected = library_ids(AgeBand::Teen, |a| {
        a.category == Category::Cooking && a.minutes <= 45 && a.place.suits(Place::Indoor)
    });
    assert!(!expected.is_empty() && expected.len() < shown.len());
    assert_eq!(page.into_iter().collect::<BTreeSet<_>>(), expected);

    let page = ids_on_every_page(
        &app,
        &son,
        &format!(
            "{}?cost=low&season=winter&energy=high&place=outdoor",
            activities_path(&bond)
        ),
    )
    .await;
    let expected = library_ids(AgeBand::Teen, |a| {
        a.cost.rank() <= Cost::Low.rank()
            && a.in_season(Season::Winter)
            && a.energy == Energy::High
            && a.place.suits(Place::Outdoor)
    });
    assert!(!expected.is_empty());
    assert_eq!(page.into_iter().collect::<BTreeSet<_>>(), expected);
    for id in &expected {
        let a = activities::by_id(id).unwrap();
        assert!(a.seasons.contains(&Season::Winter) || a.seasons.contains(&Season::Any));
        assert_ne!(a.place, Place::Indoor);
    }
}
both_backends!(filters_narrow_the_list_as_the_library_itself_says);

async fn the_sons_age_band_is_always_applied(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    let little_only = activities::all()
        .iter()
        .find(|a| a.ages == [AgeBand::Little])
        .unwrap();
    for query in [
        "",
        "?category=",
        "?minutes=1440",
        &format!("?category={}", little_only.category),
    ] {
        let ids =
            ids_on_every_page(&app, &son, &format!("{}{query}", activities_path(&bond))).await;
        assert!(!ids.is_empty());
        assert!(!ids.contains(&little_only.id), "{query}");
        assert!(
            ids.iter()
                .all(|id| activities::by_id(id).unwrap().fits(AgeBand::Teen))
        );
    }
    for _ in 0..40 {
        let id = surprised(
            &app.post(&son, &format!("{}/surprise", activities_path(&bond)), &[])
                .await,
        );
        assert!(activities::by_id(&id).unwrap().fits(AgeBand::Teen), "{id}");
    }

    // And for a four-year-old, nothing made only for older sons.
    let other = TestApp::new(app.backend).await.unwrap();
    let (mum, _son, bond) = other.mother_and_son(4).await;
    let ids = ids_on_every_page(&other, &mum, &activities_path(&bond)).await;
    assert_eq!(
        ids.into_iter().collect::<BTreeSet<_>>(),
        library_ids(AgeBand::Little, |_| true)
    );
}
both_backends!(the_sons_age_band_is_always_applied);

async fn a_surprise_passes_the_filters_and_avoids_recent_picks(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let filters = [("category", "games"), ("place", "indoor")];
    let candidates = library_ids(AgeBand::Teen, |a| {
        a.category == Category::Games && a.place.suits(Place::Indoor)
    });
    assert!(candidates.len() >= 5, "{}", candidates.len());
    let path = format!("{}/surprise", activities_path(&bond));
    let mut picked = Vec::new();
    for i in 0..candidates.len() {
        // Both members draw from the same bond's history.
        let who = if i % 2 == 0 { &mum } else { &son };
        let response = app.post(who, &path, &filters).await;
        assert!(response.location().contains("category=games&place=indoor"));
        let id = surprised(&response);
        assert!(candidates.contains(&id), "{id} does not pass the filters");
        assert!(!picked.contains(&id), "{id} again after {picked:?}");
        picked.push(id);
    }
    // Every candidate was offered within eight weeks: the one offered longest ago comes back.
    let again = surprised(&app.post(&son, &path, &filters).await);
    assert_eq!(again, picked[0]);
    assert_eq!(
        app.count("activity_picks").await,
        candidates.len() as i64 + 1
    );

    let access = access_as(&app, "Rosa", &bond).await;
    let mut conn = app.db().conn().await.unwrap();
    let recent = recent_picks(&mut conn, &access).await.unwrap();
    assert_eq!(recent.len(), candidates.len());
    assert_eq!(recent[0], picked[0]);

    // The surprise's page offers another with the same filters.
    let page = app
        .get(
            &son,
            &format!(
                "{}/{}?surprise=1&category=games&place=indoor",
                activities_path(&bond),
                again
            ),
        )
        .await;
    page.assert_status(StatusCode::OK)
        .assert_text_starts_with("p.eyebrow", &en("together-surprise-for-you"))
        .assert_text("button", &en("together-another-surprise"))
        .assert_has("input[type=hidden][name=category][value=games]")
        .assert_contains(&format!("/together/plans/new?activity={again}"));
}
both_backends!(a_surprise_passes_the_filters_and_avoids_recent_picks);

async fn a_surprise_without_candidates_says_so_and_suggests_what_to_loosen(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    let filters = [
        ("category", "at_a_distance"),
        ("energy", "high"),
        ("minutes", "5"),
    ];
    assert!(
        library_ids(AgeBand::Teen, |a| a.category == Category::AtADistance
            && a.energy == Energy::High
            && a.minutes <= 5)
        .is_empty()
    );
    app.post(
        &son,
        &format!("{}/surprise", activities_path(&bond)),
        &filters,
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_text("div.notice p", &en("together-no-surprise"))
    .assert_text_starts_with(
        "div.notice p",
        en_with("together-try-leaving-out", &[("facets", "".into())]).trim_end_matches('.'),
    )
    .assert_text_contains("div.notice p", &en("together-loosen-minutes"));
    assert_eq!(app.count("activity_picks").await, 0);
    app.get(
        &son,
        &format!(
            "{}?category=at_a_distance&energy=high&minutes=5",
            activities_path(&bond)
        ),
    )
    .await
    .assert_status(StatusCode::OK)
    .assert_text("div.notice p", &en("together-nothing-fits"));
}
both_backends!(a_surprise_without_candidates_says_so_and_suggests_what_to_loosen);

async fn favourites_are_each_members_own_and_both_can_see_them(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let id = activities::for_band(AgeBand::Teen)
        .next()
        .unwrap()
        .id
        .clone();
    let star = format!("{}/{id}/favourite", activities_path(&bond));
    let back = format!("{}?category=games", activities_path(&bond));
    let response = app.post(&mum, &star, &[("on", "1"), ("back", &back)]).await;
    response.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(response.location(), back);
    // Twice is the same as once; an outside address is not followed.
    let response = app
        .post(
            &mum,
            &star,
            &[("on", "1"), ("back", "https://example.org/")],
        )
        .await;
    assert_eq!(
        response.location(),
        format!("{}/{id}", activities_path(&bond))
    );
    assert_eq!(app.count("activity_favourites").await, 1);

    let page = app
        .get(&mum, &format!("{}/{id}", activities_path(&bond)))
        .await;
    page.assert_has("[aria-pressed=true]")
        .assert_lacks(&en_with(
            "together-partner-likes-this",
            &[("partner", "Iker".into())],
        ));
    let page = app
        .get(&son, &format!("{}/{id}", activities_path(&bond)))
        .await;
    page.assert_text(
        "p.liked",
        &format!(
            "♥ {}",
            en_with("together-partner-likes-this", &[("partner", "Rosa".into())])
        ),
    )
    .assert_has("[aria-pressed=false]");
    // "Only our favourites" shows what either of them starred.
    let only = app
        .get(&son, &format!("{}?favourites=1", activities_path(&bond)))
        .await;
    assert_eq!(ids_on(&only), vec![id.clone()]);

    // His unstarring touches only his own (he has none); both star it, then she unstars.
    app.post(&son, &star, &[("on", "0")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("activity_favourites").await, 1);
    app.post(&son, &star, &[("on", "1")]).await;
    app.get(&mum, &format!("{}/{id}", activities_path(&bond)))
        .await
        .assert_text("p.liked", &format!("♥ {}", en("together-both-like")));
    app.post(&mum, &star, &[("on", "0")]).await;
    app.get(&mum, &format!("{}/{id}", activities_path(&bond)))
        .await
        .assert_text(
            "p.liked",
            &format!(
                "♥ {}",
                en_with("together-partner-likes-this", &[("partner", "Iker".into())])
            ),
        )
        .assert_has("[aria-pressed=false]");
    assert_eq!(app.count("activity_favourites").await, 1);

    app.post(
        &mum,
        &format!("{}/no-such-thing/favourite", activities_path(&bond)),
        &[("on", "1")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("activity_favourites").await, 1);
}
both_backends!(favourites_are_each_members_own_and_both_can_see_them);

async fn own_activities_appear_beside_the_librarys_and_only_their_author_changes_them(
    app: TestApp,
) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let id = add_own(&app, &mum, &bond, "Grandma's card game zqx").await;
    let page = app
        .get(&son, &format!("{}/{id}", activities_path(&bond)))
        .await;
    // What it needs, one item a line, the blank line between them dropped.
    assert_eq!(
        page.select("section[aria-labelledby=needs-heading] li"),
        ["a pack of cards", "a pencil"]
    );
    page.assert_status(StatusCode::OK)
        .assert_contains("Grandma&#39;s card game zqx")
        .assert_text(
            "p.hint",
            &en_with(
                "together-added-by",
                &[("you", "no".into()), ("name", "Rosa".into())],
            ),
        )
        .assert_contains("Who taught you your first card game?")
        .assert_lacks("/edit");
    // Beside the library's, marked as theirs, and through the filters.
    let games = app
        .get(
            &son,
            &format!(
                "{}?category=games&minutes=30&place=indoor",
                activities_path(&bond)
            ),
        )
        .await;
    assert!(ids_on(&games).contains(&id));
    games.assert_text("span.badge.together", &en("together-our-own"));
    let outdoors = ids_on_every_page(
        &app,
        &son,
        &format!("{}?place=outdoor", activities_path(&bond)),
    )
    .await;
    assert!(!outdoors.is_empty() && !outdoors.contains(&id));
    // Anyone else's code finds it, as the plans form will.
    let access = access_as(&app, "Iker", &bond).await;
    let mut conn = app.db().conn().await.unwrap();
    let found = find(&mut conn, &access, &id).await.unwrap().unwrap();
    assert_eq!(
        (found.title.as_str(), found.minutes, found.category),
        ("Grandma's card game zqx", 25, Category::Games)
    );
    let library = &activities::all()[0];
    assert_eq!(
        find(&mut conn, &access, &library.id)
            .await
            .unwrap()
            .unwrap()
            .title,
        library.title
    );
    assert!(
        find(&mut conn, &access, "own-nothing")
            .await
            .unwrap()
            .is_none()
    );
    drop(conn);

    // The partner can neither edit nor delete it.
    let edit = format!("{}/{id}/edit", activities_path(&bond));
    app.get(&son, &edit)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &son,
        &edit,
        &[
            ("title", "Mine now"),
            ("category", "games"),
            ("minutes", "5"),
            ("cost", "free"),
            ("place", "indoor"),
            ("energy", "low"),
            ("how", "x"),
        ],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.post(
        &son,
        &format!("{}/{id}/delete", activities_path(&bond)),
        &[],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    app.get(&son, &format!("{}/{id}", activities_path(&bond)))
        .await
        .assert_contains("Grandma&#39;s card game zqx");

    // The author can.
    app.get(&mum, &edit)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Grandma&#39;s card game zqx");
    app.post(
        &mum,
        &edit,
        &[
            ("title", "Grandma's rummy zqx"),
            ("category", "games"),
            ("minutes", "40"),
            ("cost", "free"),
            ("place", "either"),
            ("energy", "low"),
            ("how", "Her rules, written down at last."),
            ("needs", ""),
            ("talk", ""),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let page = app
        .get(&son, &format!("{}/{id}", activities_path(&bond)))
        .await;
    page.assert_contains("Grandma&#39;s rummy zqx")
        .assert_text(
            ".activity-facts li",
            &en_with("together-minutes", &[("minutes", 40.into())]),
        )
        .assert_text("p", &en("together-need-nothing"));
    app.post(
        &mum,
        &format!("{}/{id}/delete", activities_path(&bond)),
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &format!("{}/{id}", activities_path(&bond)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("own_activities").await, 0);
}
both_backends!(own_activities_appear_beside_the_librarys_and_only_their_author_changes_them);

async fn bad_input_is_refused_with_messages_and_nothing_is_stored(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let long = "a".repeat(1501);
    let response = app
        .post(
            &mum,
            &activities_path(&bond),
            &[
                ("title", "  "),
                ("category", "knitting"),
                ("minutes", "-5"),
                ("cost", "priceless"),
                ("place", "indoor"),
                ("energy", "low"),
                ("how", &long),
            ],
        )
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text(
            "p.error#title-error",
            &en_with("form-needed", &[("what", Key("field-the-title").into())]),
        )
        .assert_text("p.error#category-error", &en("together-choose-kind"))
        .assert_text(
            "p.error#minutes-error",
            &en_with("together-how-long-minutes", &[("max", 1440.into())]),
        )
        .assert_text("p.error#cost-error", &en("together-choose-what-it-costs"))
        .assert_text(
            "p.error#how-error",
            &en_with(
                "form-at-most",
                &[
                    ("what", Key("field-how-it-goes").into()),
                    ("max", 1500.into()),
                    ("len", 1501.into()),
                ],
            ),
        )
        .assert_has("[aria-invalid=true]");
    let response = app
        .post(
            &mum,
            &activities_path(&bond),
            &[
                ("title", &"t".repeat(81)),
                ("category", "games"),
                ("minutes", "20"),
                ("cost", "free"),
                ("place", "indoor"),
                ("energy", "low"),
                ("how", "Fine."),
            ],
        )
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("The title can be at most 80 characters");
    assert_eq!(app.count("own_activities").await, 0);

    // Filters: a clear message next to the filter, on the page and for a surprise.
    app.get(
        &son,
        &format!("{}?category=knitting&minutes=-5", activities_path(&bond)),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text("p.error#category-error", &en("together-choose-kind"))
    .assert_has("p.error#minutes-error");
    app.post(
        &son,
        &format!("{}/surprise", activities_path(&bond)),
        &[("minutes", "-5")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text(
        "p.error#minutes-error",
        &en_with("together-minutes-between", &[("max", 1440.into())]),
    );
    app.post(
        &son,
        &format!("{}/surprise", activities_path(&bond)),
        &[("season", "monsoon")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("activity_picks").await, 0);
    app.get(
        &son,
        &format!("{}/no-such-activity", activities_path(&bond)),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
}
both_backends!(bad_input_is_refused_with_messages_and_nothing_is_stored);

async fn another_familys_bond_and_its_activities_are_not_found(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let own = add_own(&app, &mum, &bond, "Our secret walk zqx").await;
    app.post(
        &mum,
        &format!("{}/{own}/favourite", activities_path(&bond)),
        &[("on", "1")],
    )
    .await;
    let stranger = app.sign_up_mother("Olga").await;
    let library = activities::for_band(AgeBand::Teen)
        .next()
        .unwrap()
        .id
        .clone();
    for path in [
        activities_path(&bond),
        format!("{}/new", activities_path(&bond)),
        format!("{}/{library}", activities_path(&bond)),
        format!("{}/{own}", activities_path(&bond)),
        format!("{}/{own}/edit", activities_path(&bond)),
    ] {
        app.get(&stranger, &path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    for path in [
        format!("{}/surprise", activities_path(&bond)),
        format!("{}/{library}/favourite", activities_path(&bond)),
        format!("{}/{own}/delete", activities_path(&bond)),
        activities_path(&bond),
    ] {
        app.post(
            &stranger,
            &path,
            &[
                ("on", "1"),
                ("title", "x"),
                ("category", "games"),
                ("minutes", "5"),
                ("cost", "free"),
                ("place", "indoor"),
                ("energy", "low"),
                ("how", "x"),
            ],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count("own_activities").await, 1);
    assert_eq!(app.count("activity_favourites").await, 1);
    assert_eq!(app.count("activity_picks").await, 0);
}
both_backends!(another_familys_bond_and_its_activities_are_not_found);

async fn planning_an_activity_prefills_the_form_and_keeps_it_out_of_surprises(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let filters = [("category", "games"), ("place", "indoor")];
    let candidates = library_ids(AgeBand::Teen, |a| {
        a.category == Category::Games
            && a.place.suits(Place::Indoor)
            && a.title.chars().all(|c| c.is_alphanumeric() || c == ' ')
    });
    let chosen = candidates.iter().next().unwrap().clone();
    let activity = activities::by_id(&chosen).unwrap();

    let form = app
        .get(
            &mum,
            &format!("/bonds/{bond}/together/plans/new?activity={chosen}"),
        )
        .await;
    form.assert_status(StatusCode::OK);
    let values = form.select_attr("input", "value");
    assert!(values.contains(&activity.title.to_string()), "{values:?}");
    assert!(values.contains(&chosen.to_string()), "{values:?}");
    let tomorrow = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Lisbon)
        + chrono::Duration::days(1))
    .date_naive()
    .to_string();
    let plan = [
        ("title", activity.title.as_str()),
        ("date", tomorrow.as_str()),
        ("start", "10:00"),
        ("end", "11:00"),
        ("zone", "Europe/Lisbon"),
        ("recurrence", "once"),
        ("activity", chosen.as_str()),
    ];
    app.post(&mum, &format!("/bonds/{bond}/together/plans/new"), &plan)
        .await
        .assert_status(StatusCode::SEE_OTHER);

    let path = format!("{}/surprise", activities_path(&bond));
    let others = candidates.len() - 1;
    for _ in 0..others {
        let id = surprised(&app.post(&son, &path, &filters).await);
        assert_ne!(id, chosen, "a surprise offered what they just planned");
    }
    let access = access_as(&app, "Iker", &bond).await;
    let mut conn = app.db().conn().await.unwrap();
    assert!(
        recent_picks(&mut conn, &access)
            .await
            .unwrap()
            .contains(&chosen)
    );
}
both_backends!(planning_an_activity_prefills_the_form_and_keeps_it_out_of_surprises);

async fn a_plan_never_remembers_an_activity_its_bond_cannot_see(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let tomorrow = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Lisbon)
        + chrono::Duration::days(1))
    .date_naive()
    .to_string();
    let plan = [
        ("title", "Something of ours"),
        ("date", tomorrow.as_str()),
        ("start", "10:00"),
        ("end", "11:00"),
        ("zone", "Europe/Lisbon"),
        ("recurrence", "once"),
        ("activity", "own-k3v9x0d2m8q4t7w1s5bz"),
    ];
    app.post(&mum, &format!("/bonds/{bond}/together/plans/new"), &plan)
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("plans WHERE activity_id IS NULL").await, 1);
}
both_backends!(a_plan_never_remembers_an_activity_its_bond_cannot_see);

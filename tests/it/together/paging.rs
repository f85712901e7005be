//! The browse page twenty cards at a time: each card with its one-line summary, pages that go on
//! where the last ended, filters carried through every page link, the range in the heading,
//! the current page marked, and page numbers out of range or unreadable.

use axum::http::StatusCode;
use tandem::{
    family::AgeBand,
    together::activities::{self, Activity, Cost, Place},
    web::pager::PER_PAGE,
};

use super::library::{activities_path, ids_on, ids_on_every_page};
use crate::both_backends;
use crate::harness::{Response, TestApp, en, en_with};

/// The library's activities for a band that pass `keep`, in the order the browse page lists them.
fn listed(band: AgeBand, keep: impl Fn(&Activity) -> bool) -> Vec<String> {
    activities::for_band(band)
        .filter(|a| keep(a))
        .map(|a| a.id.clone())
        .collect()
}

fn free_outdoors(a: &Activity) -> bool {
    a.cost == Cost::Free && a.place.suits(Place::Outdoor)
}

#[track_caller]
fn assert_range(page: &Response, first: usize, last: usize, count: usize) {
    page.assert_text(
        "h2#results-heading",
        &en_with(
            "together-ideas-range",
            &[
                ("first", first.into()),
                ("last", last.into()),
                ("count", count.into()),
            ],
        ),
    );
}

/// The page number marked as the current one.
fn current(page: &Response) -> Vec<String> {
    page.select("nav.pager a[aria-current=page]")
}

async fn the_first_page_shows_twenty_cards_with_their_summaries_and_the_next_goes_on(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    let all = listed(AgeBand::Teen, |_| true);
    assert!(all.len() > 2 * PER_PAGE, "{} activities", all.len());

    let first = app.get(&son, &activities_path(&bond)).await;
    first.assert_status(StatusCode::OK);
    assert_eq!(ids_on(&first), all[..PER_PAGE]);
    let summaries: Vec<String> = ids_on(&first)
        .iter()
        .map(|id| activities::by_id(id).unwrap().summary.clone())
        .collect();
    assert_eq!(first.select("li.activity-card p.summary"), summaries);
    assert_range(&first, 1, PER_PAGE, all.len());
    assert_eq!(current(&first), ["1"]);
    first.assert_none("nav.pager a[rel=prev]");
    assert_eq!(
        first.select_attr("nav.pager a[rel=next]", "href"),
        [format!("{}?page=2#results-heading", activities_path(&bond))]
    );
    first.assert_text("nav.pager a[rel=next]", &en("pager-next"));

    let second = app
        .get(&son, &format!("{}?page=2", activities_path(&bond)))
        .await;
    second.assert_status(StatusCode::OK);
    assert_eq!(ids_on(&second), all[PER_PAGE..2 * PER_PAGE]);
    assert_range(&second, PER_PAGE + 1, 2 * PER_PAGE, all.len());
    assert_eq!(current(&second), ["2"]);
    assert_eq!(
        second.select_attr("nav.pager a[rel=prev]", "href"),
        [format!("{}#results-heading", activities_path(&bond))]
    );
    // Every card of every page, each once, in the library's order.
    assert_eq!(
        ids_on_every_page(&app, &son, &activities_path(&bond)).await,
        all
    );

    // The activity's own page says the same line under its title.
    let one = activities::by_id(&all[0]).unwrap();
    app.get(&son, &format!("{}/{}", activities_path(&bond), one.id))
        .await
        .assert_status(StatusCode::OK)
        .assert_text("p.summary", &one.summary);
}
both_backends!(the_first_page_shows_twenty_cards_with_their_summaries_and_the_next_goes_on);

async fn filters_survive_paging_and_the_total_is_what_passes_them(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let expected = listed(AgeBand::Teen, free_outdoors);
    assert!(expected.len() > 2 * PER_PAGE, "{}", expected.len());
    let path = format!("{}?cost=free&place=outdoor", activities_path(&bond));

    let first = app.get(&mum, &path).await;
    assert_range(&first, 1, PER_PAGE, expected.len());
    for href in first.select_attr("nav.pager a", "href") {
        assert!(href.contains("cost=free&place=outdoor"), "{href}");
    }
    assert_eq!(ids_on_every_page(&app, &mum, &path).await, expected);

    // On a later page the form still holds the filters, and a star returns to that page.
    let second = app.get(&mum, &format!("{path}&page=2")).await;
    assert_eq!(
        second.select_attr("select#cost option[selected]", "value"),
        ["free"]
    );
    let id = &expected[PER_PAGE];
    let back = second.select_attr(&format!("#a-{id} input[name=back]"), "value");
    assert_eq!(back, [format!("{path}&page=2#a-{id}")]);
    let starred = app
        .post(
            &mum,
            &format!("{}/{id}/favourite", activities_path(&bond)),
            &[("on", "1"), ("back", &back[0])],
        )
        .await;
    starred.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(starred.location(), back[0]);
    let only = app.get(&mum, &format!("{path}&favourites=1")).await;
    assert_eq!(ids_on(&only), vec![id.to_owned()]);

    // A list that fits one page has no page links and says only how many.
    only.assert_none("nav.pager").assert_text(
        "h2#results-heading",
        &en_with("together-ideas-count", &[("count", 1_usize.into())]),
    );
}
both_backends!(filters_survive_paging_and_the_total_is_what_passes_them);

async fn page_numbers_past_either_end_show_the_nearest_page_and_others_are_refused(app: TestApp) {
    let (_mum, son, bond) = app.mother_and_son(15).await;
    let all = listed(AgeBand::Teen, |_| true);
    let pages = all.len().div_ceil(PER_PAGE);
    let last_page = &all[(pages - 1) * PER_PAGE..];
    let base = activities_path(&bond);

    let zero = app.get(&son, &format!("{base}?page=0")).await;
    zero.assert_status(StatusCode::OK);
    assert_eq!(ids_on(&zero), all[..PER_PAGE]);
    assert_eq!(current(&zero), ["1"]);

    for huge in ["99999", "99999999999999999999999999"] {
        let page = app.get(&son, &format!("{base}?page={huge}")).await;
        page.assert_status(StatusCode::OK);
        assert_eq!(ids_on(&page), last_page, "{huge}");
        assert_eq!(current(&page), [pages.to_string()]);
        assert_range(&page, (pages - 1) * PER_PAGE + 1, all.len(), all.len());
        page.assert_none("nav.pager a[rel=next]");
    }

    for bad in ["abc", "-1", "1.5", "2%20pages"] {
        app.get(&son, &format!("{base}?page={bad}"))
            .await
            .assert_status(StatusCode::BAD_REQUEST)
            .assert_contains(&en("pager-bad-number"));
    }
    // Wrong filters still say what is wrong with them, whatever the page.
    app.get(&son, &format!("{base}?cost=cheap&page=3"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text("p.error#cost-error", &en("together-choose-cost"))
        .assert_none("nav.pager");
}
both_backends!(page_numbers_past_either_end_show_the_nearest_page_and_others_are_refused);

async fn an_own_activitys_card_shows_the_start_of_what_they_wrote(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let how = format!(
        "Deal seven cards each and play by {}",
        "our rules ".repeat(20)
    );
    let created = app
        .post(
            &mum,
            &activities_path(&bond),
            &[
                ("title", "Rosa's card game"),
                ("category", "games"),
                ("minutes", "25"),
                ("cost", "free"),
                ("place", "indoor"),
                ("energy", "low"),
                ("how", &how),
            ],
        )
        .await;
    created.assert_status(StatusCode::SEE_OTHER);
    let id = created.location().rsplit('/').next().unwrap().to_owned();
    let page = app
        .get(
            &son,
            &format!("{}?category=games&minutes=25", activities_path(&bond)),
        )
        .await;
    // Theirs comes first, before the library's.
    assert_eq!(ids_on(&page).first(), Some(&id));
    let line = page.select(&format!("#a-{id} p.summary"));
    assert_eq!(line.len(), 1);
    assert!(line[0].starts_with("Deal seven cards each"), "{line:?}");
    assert!(line[0].ends_with('…') && line[0].chars().count() <= activities::SUMMARY_MAX);
    // Its own page shows what they wrote in full, not the cut line.
    app.get(&son, &format!("{}/{id}", activities_path(&bond)))
        .await
        .assert_none("p.summary")
        .assert_text("p.how", how.trim());
}
both_backends!(an_own_activitys_card_shows_the_start_of_what_they_wrote);

//! The frame around every page: the navigation marks where one is (the section, and the page
//! among the section's tabs), and the More page leads to every section that is not a tab of the
//! phone's bar.

use axum::http::StatusCode;
use tandem::web::nav::{self, Place, Section};

use crate::both_backends;
use crate::harness::{Response, TestApp, User, en};

/// The one link marked `aria-current="page"` in the main navigation and in the section's
/// tabs, by their words.
fn current(page: &Response) -> (Vec<String>, Vec<String>) {
    (
        page.select(".site-nav a[aria-current=page]"),
        page.select("nav.tabs a[aria-current=page]"),
    )
}

async fn the_navigation_marks_the_section_and_the_page_among_its_tabs(app: TestApp) {
    let (rosa, _iker, bond) = app.mother_and_son(15).await;
    let b = format!("/bonds/{bond}");
    let pages = [
        (format!("{b}/talk"), "nav-talk", "talk-nav-today"),
        (format!("{b}/talk/history"), "nav-talk", "talk-nav-history"),
        (format!("{b}/talk/repairs"), "nav-talk", "talk-nav-repairs"),
        (
            format!("{b}/feelings"),
            "nav-feelings",
            "feelings-nav-checkins",
        ),
        (
            format!("{b}/feelings/check-in"),
            "nav-feelings",
            "feelings-nav-checkins",
        ),
        (
            format!("{b}/feelings/toolbox"),
            "nav-feelings",
            "feelings-nav-toolbox",
        ),
        (
            format!("{b}/feelings/insights"),
            "nav-feelings",
            "feelings-nav-insights",
        ),
        (
            format!("{b}/together"),
            "nav-together",
            "together-nav-overview",
        ),
        (
            format!("{b}/together/activities"),
            "nav-together",
            "together-nav-activities",
        ),
        (
            format!("{b}/together/plans/new"),
            "nav-together",
            "together-nav-plans",
        ),
        (
            format!("{b}/together/memories"),
            "nav-together",
            "together-nav-memories",
        ),
    ];
    for (path, section, tab) in pages {
        let page = app.get(&rosa, &path).await;
        page.assert_status(StatusCode::OK);
        assert_eq!(current(&page), (vec![en(section)], vec![en(tab)]), "{path}");
        // One row of tabs, named after its section for screen readers.
        assert_eq!(page.count("nav.tabs"), 1, "{path}");
        assert_eq!(
            page.select_attr("nav.tabs", "aria-label"),
            [en(section)],
            "{path}"
        );
    }

    // Pages without tabs mark their section only; More looks chosen for those it lists.
    for (path, section) in [
        ("/", "nav-today"),
        ("/family", "nav-family"),
        ("/settings", "nav-settings"),
        ("/more", "nav-more"),
    ] {
        let page = app.get(&rosa, path).await;
        assert_eq!(current(&page), (vec![en(section)], vec![]), "{path}");
        let under_more = path != "/" && path != "/more";
        assert_eq!(
            page.count(".more-tab a.under"),
            usize::from(under_more),
            "{path}"
        );
    }
    // One main navigation (a landmark name used once), whatever the screen.
    let today = app.get(&rosa, "/").await;
    assert_eq!(today.count("nav[aria-label]"), 1);
    assert_eq!(today.count("nav.tab-bar"), 1);
    app.run_jobs().await;
}
both_backends!(the_navigation_marks_the_section_and_the_page_among_its_tabs);

async fn the_more_page_lists_every_section_that_is_not_a_tab_and_logging_out(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    let more = app.get(&rosa, "/more").await;
    more.assert_status(StatusCode::OK)
        .assert_text("h1", &en("nav-more"));
    let listed = more.select_attr("main ul.more-list a", "href");
    let expected: Vec<String> = nav::MEMBER_NAV
        .iter()
        .filter(|s| s.place() != Place::Tab)
        .map(|s| s.href().to_owned())
        .collect();
    assert_eq!(listed, expected);
    // As the issue names them, so the list cannot silently shrink with the code.
    for section in [Section::Family, Section::Outbox, Section::Settings] {
        assert!(listed.contains(&section.href().to_owned()), "{section:?}");
    }
    for tab in nav::MEMBER_NAV.iter().filter(|s| s.place() == Place::Tab) {
        assert!(!listed.contains(&tab.href().to_owned()), "{tab:?} is a tab");
    }
    more.assert_text("main form[action='/logout'] button", &en("layout-log-out"));
    // The bar itself: four sections and More, each with words beside its icon.
    let bar = more.select(".tab-bar li:is(.place-tab, .more-tab) a span");
    let words: Vec<String> = [
        "nav-today",
        "nav-talk",
        "nav-feelings",
        "nav-together",
        "nav-more",
    ]
    .into_iter()
    .map(en)
    .collect();
    assert_eq!(bar, words);
    assert_eq!(
        more.count(".tab-bar svg[aria-hidden=true]"),
        nav::MEMBER_NAV.len() + 1
    );

    // Only for members: a visitor is sent to log in, and sees no bar.
    let visitor = app.get(&User::anonymous(), "/more").await;
    visitor.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(visitor.location(), "/login");
    let login = app.get(&User::anonymous(), "/login").await;
    login
        .assert_none(".tab-bar")
        .assert_none("body.with-tab-bar");
    assert_eq!(
        login.select(".site-nav a"),
        [en("nav-log-in"), en("nav-sign-up")]
    );
}
both_backends!(the_more_page_lists_every_section_that_is_not_a_tab_and_logging_out);

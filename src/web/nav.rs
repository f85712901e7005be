//! The navigation: the sections of Tandem, where each one's link sits, and the row of tabs
//! that leads between a section's own pages (docs/adr/0031-phone-navigation.md).
//!
//! On a phone the four sections used most are the tabs of a bar at the bottom of the screen,
//! and a fifth tab, More, leads to a page listing every other section and logging out. On a
//! wider screen the same links form one row in the header. Both are one `<nav>`, styled per
//! width, so a screen reader meets one "Main" navigation whatever the screen.
//!
//! Adding a section:
//! 1. A variant of [`Section`] with its `href`, its `label_key` (a `nav-…` key of
//!    `locales/en/common.ftl`), its [`Place`] and its icon (an SVG path on a 24 px grid).
//! 2. Its place in [`MEMBER_NAV`] (or [`VISITOR_NAV`]). A section placed in
//!    [`Place::More`] shows on the More page by itself.
//! 3. A section that lives inside a bond: its path under `/bonds/<id>/` in
//!    [`Section::in_bond`] (so the bond picker can lead to it) and its pages as [`Tabs`] in
//!    [`Section::tabs`].
//!
//! Adding a page to a section's tabs: a [`Tab`] in the feature's `TABS`, and in the page's
//! template `{% call nav::tabs(layout, access, "<its path>") %}{% endcall %}` (imported
//! with `{% import "_nav.html" as nav %}`), which marks it as the current one.

use crate::i18n::Tr;

/// The sections of the navigation. A page names its section, and the navigation marks it
/// as the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// A page that belongs to no section of the navigation (notes, errors).
    None,
    Today,
    Talk,
    Feelings,
    Together,
    Family,
    Outbox,
    Settings,
    /// The page listing the sections that are not tabs of the phone's bar.
    More,
    LogIn,
    SignUp,
}

/// Where a section's link sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A tab of the bar at the bottom of a phone, and a link in the wide header.
    Tab,
    /// On the More page on a phone, and a link in the wide header.
    More,
    /// A visitor's link (log in, sign up), in the header at every width.
    Visitor,
}

impl Place {
    /// The class its links carry, by which the stylesheet places them.
    pub fn class(self) -> &'static str {
        match self {
            Place::Tab => "place-tab",
            Place::More => "place-more",
            Place::Visitor => "place-visitor",
        }
    }
}

impl Section {
    pub fn href(self) -> &'static str {
        match self {
            Section::None => "",
            Section::Today => "/",
            Section::Talk => "/talk",
            Section::Feelings => "/feelings",
            Section::Together => "/together",
            Section::Family => "/family",
            Section::Outbox => "/outbox",
            Section::Settings => "/settings",
            Section::More => "/more",
            Section::LogIn => "/login",
            Section::SignUp => "/signup",
        }
    }

    /// The catalogue key of the section's name in the navigation ("" for no section).
    pub fn label_key(self) -> &'static str {
        match self {
            Section::None => "",
            Section::Today => "nav-today",
            Section::Talk => "nav-talk",
            Section::Feelings => "nav-feelings",
            Section::Together => "nav-together",
            Section::Family => "nav-family",
            Section::Outbox => "nav-outbox",
            Section::Settings => "nav-settings",
            Section::More => "nav-more",
            Section::LogIn => "nav-log-in",
            Section::SignUp => "nav-sign-up",
        }
    }

    /// The section's name in the navigation, in `tr`'s language.
    pub fn label(self, tr: &Tr) -> String {
        match self {
            Section::None => String::new(),
            _ => tr.t(self.label_key()),
        }
    }

    pub fn place(self) -> Place {
        match self {
            Section::Today | Section::Talk | Section::Feelings | Section::Together => Place::Tab,
            Section::None | Section::LogIn | Section::SignUp => Place::Visitor,
            Section::Family | Section::Outbox | Section::Settings | Section::More => Place::More,
        }
    }

    /// The section's icon: the `d` of one SVG path on a 24 × 24 grid, drawn with a 2 px
    /// stroke ("" for none). Simple shapes, so they read at 24 px and in either colour scheme.
    pub fn icon(self) -> &'static str {
        match self {
            // A sun.
            Section::Today => {
                "M16 12a4 4 0 1 1-8 0a4 4 0 1 1 8 0ZM12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2\
                 M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4"
            }
            // A speech bubble.
            Section::Talk => "M4 5.5h16v10.5H10l-5 4v-4H4Z",
            // A heart.
            Section::Feelings => {
                "M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.6 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10Z"
            }
            // Two people side by side.
            Section::Together => {
                "M11.5 8a3 3 0 1 1-6 0a3 3 0 1 1 6 0ZM3 20c0-3.6 2.4-6 5.5-6s5.5 2.4 5.5 6\
                 M15 5.2a3 3 0 0 1 0 5.6M16.5 14.2c2.6.6 4.5 2.8 4.5 5.8"
            }
            // A house.
            Section::Family => "M4 11 12 4l8 7v9h-5.5v-5.5h-5V20H4Z",
            // An envelope.
            Section::Outbox => "M3.5 6h17v12h-17ZM3.5 6.5l8.5 6.5 8.5-6.5",
            // Two sliders.
            Section::Settings => "M4 8h9M17 8h3M4 16h3M11 16h9M15 5.5v5M9 13.5v5",
            // Three dots.
            Section::More => "M5 12h.01M12 12h.01M19 12h.01",
            Section::None | Section::LogIn | Section::SignUp => "",
        }
    }

    /// The section's page inside a bond (`/bonds/<id>/<this>`), for the sections that live
    /// in one.
    pub fn in_bond(self) -> Option<&'static str> {
        match self {
            Section::Talk => Some("talk"),
            Section::Feelings => Some("feelings"),
            Section::Together => Some("together"),
            _ => None,
        }
    }

    /// The section's own pages, shown as tabs on each of them.
    pub fn tabs(self) -> Option<&'static Tabs> {
        match self {
            Section::Talk => Some(&crate::talk::TABS),
            Section::Feelings => Some(&crate::feelings::TABS),
            Section::Together => Some(&crate::together::TABS),
            _ => None,
        }
    }

    /// Whether the section's link shows on the More page.
    pub fn on_more_page(self) -> bool {
        self.place() == Place::More && self != Section::More
    }
}

/// A member's navigation, in order: the tabs first, then what More lists.
pub const MEMBER_NAV: &[Section] = &[
    Section::Today,
    Section::Talk,
    Section::Feelings,
    Section::Together,
    Section::Family,
    Section::Outbox,
    Section::Settings,
];

pub const VISITOR_NAV: &[Section] = &[Section::LogIn, Section::SignUp];

/// The sections the More page lists: every member section that is not a tab of the bar.
pub fn more_sections() -> impl Iterator<Item = Section> {
    MEMBER_NAV.iter().copied().filter(|s| s.on_more_page())
}

/// One page of a section, as a tab.
#[derive(Debug)]
pub struct Tab {
    /// Its path under `/bonds/<id>/`.
    pub path: &'static str,
    /// The catalogue key of its name.
    pub label_key: &'static str,
}

impl Tab {
    pub const fn new(path: &'static str, label_key: &'static str) -> Tab {
        Tab { path, label_key }
    }

    /// Whether this is the page `current` (a path as the template names it).
    pub fn is(&self, current: &str) -> bool {
        self.path == current
    }
}

/// A section's own pages, in the order its row of tabs shows them.
#[derive(Debug)]
pub struct Tabs {
    /// The catalogue key naming the row for screen readers (the section's name).
    pub label_key: &'static str,
    pub tabs: &'static [Tab],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_a_name_in_the_catalogue() {
        let tr = Tr::english();
        for section in MEMBER_NAV.iter().chain(VISITOR_NAV).chain([&Section::More]) {
            assert_ne!(section.label(&tr), section.label_key(), "{section:?}");
        }
        assert_eq!(Section::LogIn.label(&tr), "Log in");
    }

    #[test]
    fn every_member_section_has_an_icon_and_the_bar_has_room_for_its_tabs() {
        for section in MEMBER_NAV.iter().chain([&Section::More]) {
            assert!(!section.icon().is_empty(), "{section:?} has no icon");
        }
        let tabs = MEMBER_NAV
            .iter()
            .filter(|s| s.place() == Place::Tab)
            .count();
        // Four tabs and More: five is what a 360 px phone fits with 44 px targets and words.
        assert_eq!(tabs, 4, "the bar holds four sections and More");
    }

    #[test]
    fn each_section_in_a_bond_has_tabs_that_start_at_its_own_page() {
        let tr = Tr::english();
        for section in MEMBER_NAV {
            let Some(path) = section.in_bond() else {
                assert!(section.tabs().is_none(), "{section:?}");
                continue;
            };
            let tabs = section.tabs().expect("a bond section has tabs");
            assert_eq!(tabs.tabs[0].path, path, "{section:?}");
            assert_ne!(tr.t(tabs.label_key), tabs.label_key);
            for tab in tabs.tabs {
                assert!(tab.path.starts_with(path), "{tab:?} outside {section:?}");
                // Tabs are worded for the reader's side, as the template does.
                for side in ["mother", "son"] {
                    let words = tr.t_with(tab.label_key, &[("side", side.into())]);
                    assert_ne!(words, tab.label_key, "{tab:?}");
                }
            }
        }
    }

    /// A template that names a current tab no section has would mark none: every
    /// `nav::tabs(…, "<path>")` call must name a tab.
    #[test]
    fn templates_name_tabs_that_exist() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let known: Vec<&str> = MEMBER_NAV
            .iter()
            .filter_map(|s| s.tabs())
            .flat_map(|t| t.tabs.iter().map(|tab| tab.path))
            .collect();
        let mut calls = 0;
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            let files = if dir.is_dir() {
                std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|f| f.unwrap().path())
                    .collect()
            } else {
                vec![dir]
            };
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for call in text.split("nav::tabs(layout, access, \"").skip(1) {
                    let current = call.split('"').next().unwrap();
                    assert!(known.contains(&current), "{file:?} names tab {current:?}");
                    calls += 1;
                }
            }
        }
        assert!(calls > 20, "only {calls} pages show their section's tabs");
    }
}

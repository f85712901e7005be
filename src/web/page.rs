//! One page = one askama struct with a `layout` field; [`render`] is the only glue to HTTP.

use askama::Template;
use axum::{
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};

use crate::{
    auth::Viewer,
    i18n::{Arg, Tr},
    web::controls::{self, Choice, Labelled},
};

/// Renders a template with a status; a template error becomes a plain 500 (and a log line).
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            let tr = Tr::current();
            let html = format!(
                "<!doctype html><html lang=\"{}\"><title>{}</title><p>{}</p></html>",
                tr.tag(),
                tr.t("error-title"),
                tr.t("error-went-wrong"),
            );
            (StatusCode::INTERNAL_SERVER_ERROR, Html(html)).into_response()
        }
    }
}

/// Shorthand for a 200 page.
pub fn ok<T: Template>(page: &T) -> Response {
    render(StatusCode::OK, page)
}

/// The sections of the navigation. A page names its section, and the navigation marks it
/// as the current one.
///
/// Adding a section: a variant here with its `href` and `label_key` (a `nav-…` key of
/// `locales/en/common.ftl`), its place in [`MEMBER_NAV`]
/// (or [`VISITOR_NAV`]), and — for a section that lives inside a bond — its path under
/// `/bonds/<id>/` in [`Section::in_bond`], so the bond picker can lead to it.
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
    LogIn,
    SignUp,
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
}

const MEMBER_NAV: &[Section] = &[
    Section::Today,
    Section::Talk,
    Section::Feelings,
    Section::Together,
    Section::Family,
    Section::Outbox,
    Section::Settings,
];

const VISITOR_NAV: &[Section] = &[Section::LogIn, Section::SignUp];

/// What every page's frame needs: title, who is signed in, the navigation, and the language
/// the page speaks (templates look messages up with `layout.t("key")`).
pub struct Layout {
    /// The page's own title, already in the page's language.
    pub title: String,
    pub tr: Tr,
    pub signed_in_as: Option<String>,
    /// In together mode: the name of the son the mother is using Tandem with.
    pub together_with: Option<String>,
    pub nav: &'static [Section],
    pub current: Section,
}

impl Layout {
    /// The frame of a page for someone not signed in, in the request's language.
    pub fn visitor(title: impl Into<String>, current: Section) -> Layout {
        Layout {
            title: title.into(),
            tr: Tr::current(),
            signed_in_as: None,
            together_with: None,
            nav: VISITOR_NAV,
            current,
        }
    }

    /// The frame of a member's page, in the member's language.
    pub fn member(title: impl Into<String>, current: Section, viewer: &Viewer) -> Layout {
        Layout {
            title: title.into(),
            tr: viewer.tr,
            signed_in_as: Some(viewer.member.display_name.clone()),
            together_with: viewer.together_with().map(|m| m.display_name.clone()),
            nav: MEMBER_NAV,
            current,
        }
    }

    pub fn is_current(&self, section: &Section) -> bool {
        self.current == *section
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The message `key` with its arguments, in the page's language.
    pub fn t_with(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        self.tr.t_with(key, args)
    }

    /// A message holding markup, its arguments escaped: show it with `|safe`.
    /// The words for a value a form offers (a visibility, a kind), in the page's language.
    pub fn label(&self, value: impl Labelled) -> String {
        self.tr.t(value.label_key())
    }

    /// Every value of `all` as a choice for a select or radio group, in the page's language.
    pub fn choices<T: Labelled + std::fmt::Display>(
        &self,
        all: impl IntoIterator<Item = T>,
    ) -> Vec<Choice> {
        controls::choices(all, &self.tr)
    }

    pub fn t_html(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        self.tr.t_html(key, args)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub heading: String,
    pub message: String,
}

impl ErrorPage {
    pub fn new(status: StatusCode, heading: String, message: String) -> ErrorPage {
        ErrorPage {
            layout: Layout {
                title: heading.clone(),
                tr: Tr::current(),
                signed_in_as: None,
                together_with: None,
                nav: &[],
                current: Section::None,
            },
            status: status.as_u16(),
            heading,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_a_name_in_the_catalogue() {
        let tr = Tr::english();
        for section in MEMBER_NAV.iter().chain(VISITOR_NAV) {
            assert_ne!(section.label(&tr), section.label_key(), "{section:?}");
        }
        assert_eq!(Section::LogIn.label(&tr), "Log in");
    }
}

//! One page = one askama struct with a `layout` field; [`render`] is the only glue to HTTP.

use askama::Template;
use axum::{
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};

use crate::auth::Viewer;

/// Renders a template with a status; a template error becomes a plain 500 (and a log line).
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html("<!doctype html><title>Error</title><p>Something went wrong.</p>"),
            )
                .into_response()
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
/// Adding a section: a variant here with its `href` and `label`, its place in [`MEMBER_NAV`]
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

    pub fn label(self) -> &'static str {
        match self {
            Section::None => "",
            Section::Today => "Today",
            Section::Talk => "Talk",
            Section::Feelings => "Feelings",
            Section::Together => "Together",
            Section::Family => "Family",
            Section::Outbox => "Outbox",
            Section::Settings => "Settings",
            Section::LogIn => "Log in",
            Section::SignUp => "Sign up",
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

/// What every page's frame needs: title, who is signed in, the navigation.
pub struct Layout {
    pub title: String,
    pub signed_in_as: Option<String>,
    /// In together mode: the name of the son the mother is using Tandem with.
    pub together_with: Option<String>,
    pub nav: &'static [Section],
    pub current: Section,
}

impl Layout {
    pub fn visitor(title: impl Into<String>, current: Section) -> Layout {
        Layout {
            title: title.into(),
            signed_in_as: None,
            together_with: None,
            nav: VISITOR_NAV,
            current,
        }
    }

    pub fn member(title: impl Into<String>, current: Section, viewer: &Viewer) -> Layout {
        Layout {
            title: title.into(),
            signed_in_as: Some(viewer.member.display_name.clone()),
            together_with: viewer.together_with().map(|m| m.display_name.clone()),
            nav: MEMBER_NAV,
            current,
        }
    }

    pub fn is_current(&self, section: &Section) -> bool {
        self.current == *section
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
    pub fn new(status: StatusCode, heading: &str, message: String) -> ErrorPage {
        ErrorPage {
            layout: Layout {
                title: heading.to_owned(),
                signed_in_as: None,
                together_with: None,
                nav: &[],
                current: Section::None,
            },
            status: status.as_u16(),
            heading: heading.to_owned(),
            message,
        }
    }
}

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

/// A link in the main navigation.
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
}

const MEMBER_NAV: &[NavLink] = &[
    NavLink {
        href: "/",
        label: "Today",
    },
    NavLink {
        href: "/talk",
        label: "Talk",
    },
    NavLink {
        href: "/feelings",
        label: "Feelings",
    },
    NavLink {
        href: "/together",
        label: "Together",
    },
    NavLink {
        href: "/family",
        label: "Family",
    },
    NavLink {
        href: "/outbox",
        label: "Outbox",
    },
    NavLink {
        href: "/settings",
        label: "Settings",
    },
];

const VISITOR_NAV: &[NavLink] = &[
    NavLink {
        href: "/login",
        label: "Log in",
    },
    NavLink {
        href: "/signup",
        label: "Sign up",
    },
];

/// What every page's frame needs: title, who is signed in, the navigation.
pub struct Layout {
    pub title: String,
    pub signed_in_as: Option<String>,
    /// In together mode: the name of the son the mother is using Tandem with.
    pub together_with: Option<String>,
    pub nav: &'static [NavLink],
    pub current: &'static str,
}

impl Layout {
    pub fn visitor(title: impl Into<String>, current: &'static str) -> Layout {
        Layout {
            title: title.into(),
            signed_in_as: None,
            together_with: None,
            nav: VISITOR_NAV,
            current,
        }
    }

    pub fn member(title: impl Into<String>, current: &'static str, viewer: &Viewer) -> Layout {
        Layout {
            title: title.into(),
            signed_in_as: Some(viewer.member.display_name.clone()),
            together_with: viewer.together_with().map(|m| m.display_name.clone()),
            nav: MEMBER_NAV,
            current,
        }
    }

    pub fn is_current(&self, href: &str) -> bool {
        self.current == href
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
                current: "",
            },
            status: status.as_u16(),
            heading: heading.to_owned(),
            message,
        }
    }
}

//! One page = one askama struct with a `layout` field; [`render`] is the only glue to HTTP.

use askama::Template;
use axum::{
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};

pub use crate::web::nav::Section;
use crate::{
    auth::Viewer,
    i18n::{Arg, Tr},
    web::{
        controls::{self, Choice, Labelled},
        flash,
        nav::{MEMBER_NAV, Place, VISITOR_NAV},
    },
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

/// What every page's frame needs: title, who is signed in, the navigation, the confirmation
/// of what was just done, and the language the page speaks (templates look messages up with
/// `layout.t("key")`).
pub struct Layout {
    /// The page's own title, already in the page's language.
    pub title: String,
    pub tr: Tr,
    pub signed_in_as: Option<String>,
    /// In together mode: the name of the son the mother is using Tandem with.
    pub together_with: Option<String>,
    /// For a mother not in together mode, the way into it that the header offers.
    pub together_offer: Option<crate::auth::TogetherOffer>,
    pub nav: &'static [Section],
    pub current: Section,
    /// The confirmation of the form just sent ("Plan saved"), in the page's language: see
    /// [`flash`].
    pub flash: Option<String>,
    /// The reader's own time zone: every date and time on the page is on their clock.
    pub tz: chrono_tz::Tz,
}

impl Layout {
    /// The frame of a page for someone not signed in, in the request's language.
    pub fn visitor(title: impl Into<String>, current: Section) -> Layout {
        Layout {
            title: title.into(),
            tr: Tr::current(),
            signed_in_as: None,
            together_with: None,
            together_offer: None,
            tz: chrono_tz::UTC,
            nav: VISITOR_NAV,
            current,
            flash: flash::take().map(|f| Tr::current().t(f.key())),
        }
    }

    /// The frame of a member's page, in the member's language.
    pub fn member(title: impl Into<String>, current: Section, viewer: &Viewer) -> Layout {
        Layout {
            title: title.into(),
            tr: viewer.tr,
            signed_in_as: Some(viewer.member.display_name.clone()),
            together_with: viewer.together_with().map(|m| m.display_name.clone()),
            together_offer: viewer.together_offer.clone(),
            tz: viewer.actor().tz(),
            nav: MEMBER_NAV,
            current,
            flash: flash::take().map(|f| viewer.tr.t(f.key())),
        }
    }

    /// An instant on the reader's clock, to be written with [`crate::i18n::dates`].
    pub fn local(&self, at: &chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono_tz::Tz> {
        at.with_timezone(&self.tz)
    }

    pub fn is_current(&self, section: &Section) -> bool {
        self.current == *section
    }

    /// Whether the page is one of those the More page leads to (or More itself): the More
    /// tab then looks chosen, though only a link to the page itself says `aria-current`.
    pub fn is_under_more(&self) -> bool {
        self.current.place() == Place::More
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The message `key` with its arguments, in the page's language.
    pub fn t_with(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        self.tr.t_with(key, args)
    }

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

    /// A message holding markup, its arguments escaped: show it with `|safe`.
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
                together_offer: None,
                tz: chrono_tz::UTC,
                nav: &[],
                current: Section::None,
                flash: None,
            },
            status: status.as_u16(),
            heading,
            message,
        }
    }
}

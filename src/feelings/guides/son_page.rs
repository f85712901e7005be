//! The son's own guide, at the address of the mother's emotion-coaching guide: hers is
//! written about him ("a change in his face…"), so he never reads it; he reads what helps
//! from his side, worded for his age.

use askama::Template;
use axum::response::Response;

use super::{self as guides, SonGuidePart};
use crate::{
    auth::Viewer,
    family::AgeBand,
    feelings::{checkin::band_of, helplines::Support},
    privacy::BondAccess,
    web::page::{Layout, Section, ok},
};

#[derive(Template)]
#[template(path = "feelings/son_guide.html")]
struct SonGuidePage {
    layout: Layout,
    access: BondAccess,
    band: AgeBand,
    parts: &'static [SonGuidePart],
    /// The signed-in member's helplines; shown from 6 on (a little one's mum reads to him,
    /// and her own guide has hers).
    support: Support,
}

impl SonGuidePage {
    fn shows_helplines(&self) -> bool {
        self.band > AgeBand::Little
    }
}

pub(super) fn son_guide(viewer: &Viewer, access: BondAccess, support: Support) -> Response {
    ok(&SonGuidePage {
        layout: Layout::member(
            viewer.tr.t("feelings-title-son-guide"),
            Section::Feelings,
            viewer,
        ),
        band: band_of(&access),
        access,
        parts: guides::son_guide(),
        support,
    })
}

//! Conversation starters: the ones that fit the son's age and the reader's side, by setting,
//! and "a starter for right now", chosen from what people are likely doing at this hour.

use crate::web::bond::InBond;
use askama::Template;
use axum::{
    extract::{Query, State},
    response::Response,
};
use chrono::Timelike;
use serde::Deserialize;

use super::{self as starters, Setting, Starter};
use crate::{
    app::AppState,
    error::{AppError, AppResult},
    family::AgeBand,
    i18n::Msg,
    privacy::BondAccess,
    web::page::{Layout, Section, ok},
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartersQuery {
    setting: String,
    /// Present when "another" was asked for: a counter that changes the pick.
    n: u32,
}

#[derive(Template)]
#[template(path = "talk/starters.html")]
struct StartersPage {
    layout: Layout,
    access: BondAccess,
    setting: Option<Setting>,
    right_now: Option<(Setting, &'static Starter)>,
    next: u32,
    list: Vec<&'static Starter>,
    for_son: bool,
}

impl StartersPage {
    fn settings(&self) -> &'static [Setting] {
        Setting::ALL
    }
    fn is_current(&self, s: &Setting) -> bool {
        self.setting == Some(*s)
    }
}

/// The settings that fit an hour of the day, most likely first. A son who has left home is
/// mostly reached by a call.
pub fn settings_at(hour: u32, band: AgeBand) -> &'static [Setting] {
    if band >= AgeBand::YoungAdult {
        return match hour {
            6..=9 => &[Setting::VideoCall, Setting::Meal],
            17..=21 => &[Setting::VideoCall, Setting::Meal, Setting::Cooking],
            _ => &[Setting::VideoCall, Setting::Walk, Setting::WaitingRoom],
        };
    }
    match hour {
        6..=8 => &[Setting::Meal, Setting::CarRide],
        9..=14 => &[Setting::Walk, Setting::WaitingRoom, Setting::CarRide],
        15..=17 => &[Setting::CarRide, Setting::Walk, Setting::Cooking],
        18..=19 => &[Setting::Cooking, Setting::Meal],
        20..=21 if band <= AgeBand::Tween => &[Setting::Bedtime],
        _ => &[Setting::Meal, Setting::Walk, Setting::WaitingRoom],
    }
}

pub async fn show(
    State(_state): State<AppState>,
    InBond(viewer, access): InBond,
    Query(q): Query<StartersQuery>,
) -> AppResult<Response> {
    let setting = match q.setting.as_str() {
        "" => None,
        s => Some(
            Setting::parse(s)
                .ok_or_else(|| AppError::BadRequest(Msg::new("talk-please-choose-one-settings")))?,
        ),
    };
    let me = viewer.actor();
    let band = access.bond().son.age_band().unwrap_or(AgeBand::Teen);
    let list = starters::fitting(band, me.role, setting);
    // Right now: the first likely setting that has a starter for this reader, picked by the
    // minute so that it changes, and by `n` when another is asked for.
    let now = crate::db::now().with_timezone(&me.tz());
    let right_now = settings_at(now.hour(), band).iter().find_map(|s| {
        let fitting = starters::fitting(band, me.role, Some(*s));
        let i = (now.minute() + now.hour() * 60 + q.n) as usize % fitting.len().max(1);
        fitting.get(i).map(|starter| (*s, *starter))
    });
    Ok(ok(&StartersPage {
        layout: Layout::member(
            viewer.tr.t("talk-title-conversation-starters"),
            Section::Talk,
            &viewer,
        ),
        for_son: me.role == crate::family::Role::Son,
        access,
        setting,
        right_now,
        next: q.n.wrapping_add(1),
        list,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hour_and_age_has_a_setting_with_starters_for_both_sides() {
        for band in AgeBand::ALL {
            for hour in 0..24 {
                for role in [crate::family::Role::Mother, crate::family::Role::Son] {
                    let found = settings_at(hour, band)
                        .iter()
                        .any(|s| !starters::fitting(band, role, Some(*s)).is_empty());
                    assert!(found, "{band:?} at {hour}h for {role:?}: nothing to say");
                }
            }
        }
    }
}

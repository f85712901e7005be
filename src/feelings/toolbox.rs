//! The calm-down toolbox: strategies that fit the member's age, a record of which ones were
//! tried and whether they helped, and "what helped you before" shown when a hard feeling is
//! checked in. Tries are private unless the member shares them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::guides::{self, Strategy};
use crate::{
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    family::MemberId,
    i18n::Msg,
    privacy::{BondAccess, BondRecord, Visibility, visible},
    text_enum,
    web::{controls::Labelled, form::FieldErrors},
};

text_enum! {
    /// How much a strategy helped.
    pub enum Helped { Yes => "yes", Some => "some", No => "no" }
}

impl Labelled for Helped {
    fn label_key(self) -> &'static str {
        match self {
            Helped::Yes => "feelings-helped-yes",
            Helped::Some => "feelings-helped-some",
            Helped::No => "feelings-helped-no",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CalmTry {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub strategy_id: String,
    pub helped: Helped,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for CalmTry {
    const TABLE: &'static str = "calm_tries";
    const COLUMNS: &'static str = "id, author_id, visibility, strategy_id, helped, created_at";
}

impl CalmTry {
    pub fn strategy(&self) -> Option<&'static Strategy> {
        guides::strategy(&self.strategy_id)
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct TryForm {
    pub strategy: String,
    pub helped: String,
    pub visibility: String,
}

pub struct NewTry {
    strategy_id: String,
    helped: Helped,
    visibility: Visibility,
}

impl TryForm {
    pub fn validate(&self, errors: &mut FieldErrors) -> Option<NewTry> {
        let strategy = guides::strategy(self.strategy.trim());
        if strategy.is_none() {
            errors.add("strategy", Msg::new("feelings-please-pick-one-ideas"));
        }
        let helped = Helped::parse(self.helped.trim());
        if helped.is_none() {
            errors.add("helped", Msg::new("feelings-say-whether-helped-yes"));
        }
        let visibility = match self.visibility.trim() {
            "" => Some(Visibility::Private),
            v => match Visibility::parse(v) {
                Some(v @ (Visibility::Private | Visibility::Shared)) => Some(v),
                _ => {
                    errors.add("visibility", Msg::new("feelings-just-for-you-or-shared"));
                    None
                }
            },
        };
        Some(NewTry {
            strategy_id: strategy?.id.clone(),
            helped: helped?,
            visibility: visibility?,
        })
    }
}

pub async fn record(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    t: &NewTry,
) -> AppResult<()> {
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO calm_tries (id, bond_id, author_id, visibility, made_together, strategy_id, helped, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(t.visibility)
    .bind(made_together)
    .bind(&t.strategy_id)
    .bind(t.helped)
    .bind(now())
    .execute(c)
    .await
    })?;
    Ok(())
}

/// A strategy with how often it helped (fully or a bit).
#[derive(Debug)]
pub struct HelpedCount {
    pub strategy: &'static Strategy,
    pub times: usize,
}

/// The strategies that helped, most often first, from a list of tries.
pub fn what_helped(tries: &[CalmTry]) -> Vec<HelpedCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for t in tries.iter().filter(|t| t.helped != Helped::No) {
        *counts.entry(t.strategy_id.as_str()).or_default() += 1;
    }
    let mut list: Vec<HelpedCount> = counts
        .into_iter()
        .filter_map(|(id, times)| {
            Some(HelpedCount {
                strategy: guides::strategy(id)?,
                times,
            })
        })
        .collect();
    list.sort_by(|a, b| {
        b.times
            .cmp(&a.times)
            .then(a.strategy.title.cmp(&b.strategy.title))
    });
    list
}

/// After (or while choosing) a hard feeling, the three strategies that helped the acting member
/// most; nothing for a pleasant one.
pub async fn helped_before(
    h: &mut impl Handle,
    access: &BondAccess,
    quadrant: Option<super::vocabulary::Quadrant>,
) -> AppResult<Vec<HelpedCount>> {
    if quadrant.is_none_or(|q| q.is_pleasant()) {
        return Ok(Vec::new());
    }
    let mut list = what_helped(&my_tries(h, access).await?);
    list.truncate(3);
    Ok(list)
}

/// The acting member's own tries, newest first (the last few hundred are plenty to learn from).
pub async fn my_tries(h: &mut impl Handle, access: &BondAccess) -> AppResult<Vec<CalmTry>> {
    visible::<CalmTry>(access).mine().limit(300).list(h).await
}

//! Repair after a conflict. One of them names what it was about; each writes, on their own,
//! what happened from their side, what they felt, what they needed and what they wish they had
//! done — all private until its author ticks "share" on a part. Then either writes the
//! agreement, "next time we…"; a later one replaces it, and earlier ones stay in the record.

pub mod list;
pub mod show;

pub use list::{list, start};
pub use show::{agree, save_own, show};

use chrono::{DateTime, Utc};

use crate::{
    db::{Handle, new_id, now},
    db_exec,
    error::AppResult,
    events::EventKind,
    family::MemberId,
    privacy::{BondAccess, BondRecord, Visibility},
    text_enum,
    web::controls::Labelled,
};

pub const ABOUT_MAX: usize = 120;

/// What the other is told of a repair: opening it, or writing in it, is dealing with them.
pub(super) const TOLD: [EventKind; 3] = [
    EventKind::RepairStarted,
    EventKind::RepairShared,
    EventKind::RepairAgreed,
];
pub const PART_MAX: usize = 2000;
pub const AGREEMENT_MAX: usize = 300;

text_enum! {
    /// A part of a repair.
    pub enum Part {
        Happened => "happened", Felt => "felt", Needed => "needed", Wish => "wish",
        Agreement => "agreement",
    }
}

impl Part {
    /// The four a member writes on their own, in order.
    pub const OWN: [Part; 4] = [Part::Happened, Part::Felt, Part::Needed, Part::Wish];
}

/// The prompt of a part, as its author writes it.
impl Labelled for Part {
    fn label_key(self) -> &'static str {
        match self {
            Part::Happened => "talk-part-happened",
            Part::Felt => "talk-part-felt",
            Part::Needed => "talk-part-needed",
            Part::Wish => "talk-part-wish",
            Part::Agreement => "talk-part-agreement",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Repair {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub about: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Repair {
    const TABLE: &'static str = "repairs";
    const COLUMNS: &'static str = "id, author_id, visibility, about, created_at";
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RepairPart {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub repair_id: String,
    pub part: Part,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for RepairPart {
    const TABLE: &'static str = "repair_parts";
    const COLUMNS: &'static str = "id, author_id, visibility, repair_id, part, body, created_at";
}

pub(super) async fn insert_part(
    h: &mut impl Handle,
    access: &BondAccess,
    repair: &str,
    part: Part,
    body: &str,
    visibility: Visibility,
) -> AppResult<()> {
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO repair_parts (id, bond_id, author_id, visibility, repair_id, part, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(visibility)
    .bind(repair)
    .bind(part)
    .bind(body)
    .bind(now())
    .execute(c)
    .await
    })?;
    Ok(())
}

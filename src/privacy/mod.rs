//! The privacy core. Every query of bond-scoped records goes through here, so that the
//! visibility rules are written once and no route can skip them:
//!
//! - `private`: only the author, ever (not his mother, not an export of hers);
//! - `shared`: both members of the bond;
//! - `sealed`: the author always, the partner only from `unseal_at` on.
//!
//! Answers to the question of the day are written `private` and turned `shared` together by
//! [`reveal_pair`] once both members have answered: until then neither can read the other's.
//!
//! A [`BondAccess`] is the only key to a bond's records and is made only by [`BondAccess::open`],
//! which answers "not found" for a bond of another family or one the viewer is not part of.
//! Reading goes through [`visible`], whose SQL carries the visibility filter; a test scans the
//! source so that no other module names a bond-scoped table in a read, update or delete.

mod query;

pub use query::{Bind, Visible, delete_own, reveal_pair, share_with_parent, update_own};

use chrono::{DateTime, Utc};

use crate::{
    auth::Viewer,
    db::{Handle, now},
    error::{AppError, AppResult},
    family::{Bond, BondId, Member, MemberId, bonds, members},
    text_enum,
};

text_enum! {
    /// Who may see a record.
    pub enum Visibility { Private => "private", Shared => "shared", Sealed => "sealed" }
}

impl Visibility {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Visibility::Private => "Only me",
            Visibility::Shared => "Both of us",
            Visibility::Sealed => "Sealed until a date",
        }
    }
}

/// Tables of bond-scoped records. Each has `id`, `bond_id`, `author_id`, `visibility` and
/// `unseal_at`; only this module may read, update or delete them (see the test below).
pub const BOND_TABLES: &[&str] = &[
    "notes",
    "checkins",
    "checkin_replies",
    "calm_tries",
    "answers",
    "talk_requests",
    "talk_request_steps",
    "repairs",
    "repair_parts",
    "answer_replies",
    "own_activities",
    "activity_favourites",
    "interests",
    "plans",
    "plan_changes",
    "memories",
    "reflections",
    "photos",
    "time_goals",
];

/// A row type of a bond-scoped table.
pub trait BondRecord:
    Send
    + Unpin
    + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
{
    /// The table, which must be listed in [`BOND_TABLES`].
    const TABLE: &'static str;
    /// The columns the row type reads.
    const COLUMNS: &'static str;
}

/// Proof that the acting member belongs to a bond of their own family.
#[derive(Debug, Clone)]
pub struct BondAccess {
    bond: Bond,
    me: MemberId,
    now: DateTime<Utc>,
}

impl BondAccess {
    /// Opens a bond for the viewer (in together mode: for the son she acts with).
    /// Any bond that is not theirs is simply "not found".
    pub async fn open(
        h: &mut impl Handle,
        viewer: &Viewer,
        bond_id: &str,
    ) -> AppResult<BondAccess> {
        Self::open_as(h, viewer.actor(), bond_id).await
    }

    /// Opens a bond for a member loaded from the database (the demo and tests write as members).
    pub async fn open_as(
        h: &mut impl Handle,
        actor: &Member,
        bond_id: &str,
    ) -> AppResult<BondAccess> {
        let members = members(h, &actor.family_id).await?;
        let bond = bonds(&members)
            .into_iter()
            .find(|b| b.id.as_str() == bond_id && b.includes(&actor.id))
            .ok_or(AppError::NotFound)?;
        Ok(BondAccess {
            bond,
            me: actor.id.clone(),
            now: now(),
        })
    }

    /// Every bond the viewer (or the son in together mode) belongs to, each opened.
    pub async fn all_for(h: &mut impl Handle, viewer: &Viewer) -> AppResult<Vec<BondAccess>> {
        let members = members(h, &viewer.actor().family_id).await?;
        Ok(Self::all_among(viewer, &members))
    }

    /// Like [`BondAccess::all_for`] when the page has already loaded the family's members.
    pub fn all_among(viewer: &Viewer, members: &[Member]) -> Vec<BondAccess> {
        let actor = viewer.actor();
        let now = now();
        bonds(members)
            .into_iter()
            .filter(|b| b.includes(&actor.id))
            .map(|bond| BondAccess {
                bond,
                me: actor.id.clone(),
                now,
            })
            .collect()
    }

    pub fn bond(&self) -> &Bond {
        &self.bond
    }

    pub fn id(&self) -> &BondId {
        &self.bond.id
    }

    /// The member acting in this bond: the author of anything written through it.
    pub fn me(&self) -> &MemberId {
        &self.me
    }

    pub fn partner(&self) -> &Member {
        self.bond.partner_of(&self.me)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
}

/// Rows of `T` in this bond that the acting member may see.
pub fn visible<T: BondRecord>(access: &BondAccess) -> Visible<'_, T> {
    Visible::new(access)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads, updates and deletes of bond-scoped tables outside this module would bypass the
    /// visibility rules. Inserts are allowed: they cannot leak.
    #[test]
    fn no_module_outside_privacy_touches_bond_tables_directly() {
        let mut offenders = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path != root.join("privacy") {
                        stack.push(path);
                    }
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
                let words: Vec<&str> = text
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|w| !w.is_empty())
                    .collect();
                for pair in words.windows(2) {
                    if matches!(pair[0], "from" | "join" | "update")
                        && BOND_TABLES.contains(&pair[1])
                    {
                        offenders.push(format!("{}: {} {}", path.display(), pair[0], pair[1]));
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "bond tables used outside privacy: {offenders:#?}"
        );
    }

    #[test]
    fn visibility_round_trips_through_text() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(*v));
        }
        assert_eq!(Visibility::parse("public"), None);
    }
}

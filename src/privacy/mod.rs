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
//! which answers "not found" for a bond of another family or one the viewer is not part of
//! (jobs, the calendar feed and the demo use [`BondAccess::open_as_system`], from the files a
//! test allows). Reading goes through [`visible`], whose SQL carries the visibility filter and
//! takes only typed conditions ([`Column`], [`Condition`]), never SQL text; a test scans the
//! source so that no other module names a bond-record table in a read, update, delete or
//! upsert. The [`inventory`] declares every table and where each member's data lives.

mod condition;
pub mod departure;
pub mod inventory;
pub mod media_keys;
mod query;
pub mod scan;

pub use condition::{Column, Condition};
pub use query::{Bind, Visible, delete_own, reveal_pair, share_with_parent, update_own};
pub use scan::SYSTEM_OPENERS;

use chrono::{DateTime, Utc};

use crate::{
    auth::Viewer,
    db::{Handle, now},
    error::{AppError, AppResult},
    family::{Bond, BondId, Member, MemberId, all_bonds, bonds, members},
    text_enum,
};

text_enum! {
    /// Who may see a record.
    pub enum Visibility { Private => "private", Shared => "shared", Sealed => "sealed" }
}

impl crate::web::controls::Labelled for Visibility {
    fn label_key(self) -> &'static str {
        match self {
            Visibility::Private => "visibility-private",
            Visibility::Shared => "visibility-shared",
            Visibility::Sealed => "visibility-sealed",
        }
    }
}

/// A row type of a bond-scoped table.
pub trait BondRecord:
    Send
    + Unpin
    + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
{
    /// The table, declared a bond record in the [`inventory`].
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
    /// Opened in together mode: the mother is using Tandem with her son, as him.
    together: bool,
}

impl BondAccess {
    /// Opens a bond for the viewer (in together mode: for the son she acts with).
    /// Any bond that is not theirs is simply "not found".
    /// Together mode opens only the bond of the mother who acts and the son she acts with:
    /// never his bond with another mother.
    pub async fn open(
        h: &mut impl Handle,
        viewer: &Viewer,
        bond_id: &str,
    ) -> AppResult<BondAccess> {
        if viewer
            .together_with()
            .is_some_and(|son| BondId::for_pair(&viewer.member.id, &son.id).as_str() != bond_id)
        {
            return Err(AppError::NotFound);
        }
        let access = Self::open_as_system(h, viewer.actor(), bond_id).await?;
        Ok(BondAccess {
            together: viewer.together_with().is_some(),
            ..access
        })
    }

    /// Opens a bond for a member loaded from the database, with no signed-in viewer: for the
    /// jobs that write or mail as a member, the calendar feed (its token names the member) and
    /// the demo. Only the files in [`SYSTEM_OPENERS`] may call it (a test checks); a request
    /// handler opens bonds with [`BondAccess::open`].
    pub async fn open_as_system(
        h: &mut impl Handle,
        actor: &Member,
        bond_id: &str,
    ) -> AppResult<BondAccess> {
        let members = members(h, &actor.family_id).await?;
        let bond = all_bonds(&members)
            .into_iter()
            .find(|b| b.id.as_str() == bond_id && b.includes(&actor.id))
            .ok_or(AppError::NotFound)?;
        Ok(BondAccess {
            bond,
            me: actor.id.clone(),
            now: now(),
            together: false,
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
        let acting_mother = viewer.together_with().map(|_| &viewer.member.id);
        bonds(members)
            .into_iter()
            .filter(|b| b.includes(&actor.id))
            .filter(|b| acting_mother.is_none_or(|mother| &b.mother.id == mother))
            .map(|bond| BondAccess {
                bond,
                me: actor.id.clone(),
                now,
                together: acting_mother.is_some(),
            })
            .collect()
    }

    pub fn bond(&self) -> &Bond {
        &self.bond
    }

    /// The bond has ended: its history is readable, nothing new is written in it.
    pub fn ended(&self) -> bool {
        self.bond.ended
    }

    pub fn id(&self) -> &BondId {
        &self.bond.id
    }

    /// The address of a page of this bond: `href("notes")` is `/bonds/<id>/notes`, and
    /// `href("")` the bond itself.
    pub fn href(&self, rest: &str) -> String {
        self.bond.href(rest)
    }

    /// The member acting in this bond: the author of anything written through it.
    pub fn me(&self) -> &MemberId {
        &self.me
    }

    /// The member acting in this bond, in full.
    pub fn me_member(&self) -> &Member {
        self.bond.partner_of(&self.partner().id)
    }

    pub fn partner(&self) -> &Member {
        self.bond.partner_of(&self.me)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Opened in together mode: the mother is there with her son, acting as him. What is
    /// done through it is theirs together, so nothing tells her about it.
    pub fn together(&self) -> bool {
        self.together
    }

    /// In together mode, the same bond opened for the mother beside him, so that she writes
    /// her own side on the same screen as his (both answers of a question, both sides of a
    /// reflection). `None` outside together mode: nobody writes for someone else.
    pub fn mother_beside(&self) -> Option<BondAccess> {
        self.together.then(|| BondAccess {
            bond: self.bond.clone(),
            me: self.partner().id.clone(),
            now: self.now,
            together: true,
        })
    }
}

/// Rows of `T` in this bond that the acting member may see.
pub fn visible<T: BondRecord>(access: &BondAccess) -> Visible<'_, T> {
    Visible::new(access)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads, updates, deletes and upserts of bond-record tables outside this module would
    /// bypass the visibility rules. Inserts are allowed: they cannot leak.
    #[test]
    fn no_module_outside_privacy_touches_bond_tables_directly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let bond_tables: Vec<&str> = inventory::bond_tables().collect();
        let mut offenders = Vec::new();
        for path in scan::rust_files(&root.join("src"), &root.join("src/privacy")) {
            let source = scan::lex(&std::fs::read_to_string(&path).unwrap());
            for (line, sql) in &source.literals {
                for found in scan::bypasses(sql, &bond_tables) {
                    offenders.push(format!("{}:{line}: {found}", path.display()));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "bond tables used outside privacy: {offenders:#?}"
        );
    }

    /// Opening a bond without a viewer skips the check that the viewer is in it: only the
    /// allowed files may.
    #[test]
    fn only_the_allowed_files_open_bonds_without_a_viewer() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut callers = Vec::new();
        for path in scan::rust_files(&root.join("src"), &root.join("src/privacy")) {
            let source = scan::lex(&std::fs::read_to_string(&path).unwrap());
            if source.code.contains("open_as_system") {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                callers.push(relative);
            }
        }
        let unexpected: Vec<&String> = callers
            .iter()
            .filter(|c| !SYSTEM_OPENERS.contains(&c.as_str()))
            .collect();
        assert!(
            unexpected.is_empty(),
            "open_as_system called from {unexpected:?}"
        );
        assert!(!callers.is_empty(), "the scan finds the known callers");
    }

    #[test]
    fn visibility_round_trips_through_text() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(*v));
        }
        assert_eq!(Visibility::parse("public"), None);
    }
}

//! Where each member's data lives: every table of the schema, declared once, with the column
//! that names whose it is, the column that names its bond, what kind of data it holds and
//! which columns point to files in the media store. A test fails when a migration adds a
//! table that is not declared here, and the departure of a member (leaving, being removed, a
//! bond ending) walks this list, so nothing of theirs is forgotten.
//!
//! # Adding a table
//! 1. Write the migration for both backends (`migrations/sqlite`, `migrations/postgres`).
//! 2. Declare the table below with its [`Kind`], `owner`, `bond` and `media` columns.
//! 3. A bond record ([`Kind::BondRecord`]) has `id`, `bond_id`, `author_id`, `visibility` and
//!    `unseal_at`, is read only through [`visible`](super::visible) and gets a
//!    [`BondRecord`](super::BondRecord) row type; a test checks the columns.
//! 4. Say what happens to its rows when their owner leaves ([`OnDeparture`]).

/// What a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Families, members, bonds and accounts: the frame everything else hangs on.
    Frame,
    /// Something a member wrote in a bond, under the visibility rules.
    BondRecord,
    /// A member's own setting or list, read only by that member (or, for a needs profile,
    /// by the partner of the bond it belongs to).
    MemberSetting,
    /// State the app keeps about records (who has answered, what was offered, reminders).
    Derived,
    /// Sessions, limits, mail and jobs: the machinery.
    System,
}

/// What happens to a departing member's rows of a table when their history is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDeparture {
    /// The rows are deleted.
    Delete,
    /// The row is shared by the two of a bond (a memory): it stays, passed to the partner,
    /// while the departing member's own parts of it (reflections, photos) are deleted.
    PassToPartner,
    /// Kept: the row holds no words of the member, or the database removes it with what it
    /// belongs to (the `ON DELETE` of its foreign key).
    Keep,
}

/// One table of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub kind: Kind,
    /// The column naming the member whose row it is (the author, the member a setting is
    /// for), if any.
    pub owner: Option<&'static str>,
    /// The column naming the bond the row belongs to, if any.
    pub bond: Option<&'static str>,
    /// Columns holding keys of files in the media store.
    pub media: &'static [&'static str],
    pub on_departure: OnDeparture,
}

const fn table(name: &'static str, kind: Kind) -> Table {
    Table {
        name,
        kind,
        owner: None,
        bond: None,
        media: &[],
        on_departure: OnDeparture::Keep,
    }
}

/// A bond record: written by `author_id` in `bond_id`, deleted with its author's history.
const fn record(name: &'static str) -> Table {
    Table {
        owner: Some("author_id"),
        bond: Some("bond_id"),
        on_departure: OnDeparture::Delete,
        ..table(name, Kind::BondRecord)
    }
}

/// A row about one member, deleted with them.
const fn of_member(name: &'static str, kind: Kind, owner: &'static str) -> Table {
    Table {
        owner: Some(owner),
        on_departure: OnDeparture::Delete,
        ..table(name, kind)
    }
}

/// A row about one member in one bond, deleted with them.
const fn of_member_in_bond(name: &'static str, kind: Kind, owner: &'static str) -> Table {
    Table {
        bond: Some("bond_id"),
        ..of_member(name, kind, owner)
    }
}

/// State kept per bond, with nobody's words in it.
const fn of_bond(name: &'static str) -> Table {
    Table {
        bond: Some("bond_id"),
        ..table(name, Kind::Derived)
    }
}

/// Every table of the schema. Keep the order of the migrations.
pub const TABLES: &[Table] = &[
    // 0001 foundation
    table("accounts", Kind::Frame),
    table("families", Kind::Frame),
    of_member("members", Kind::Frame, "id"),
    table("bonds", Kind::Frame),
    table("sessions", Kind::System),
    of_member("invitations", Kind::System, "created_by"),
    table("password_resets", Kind::System),
    table("login_failures", Kind::System),
    Table {
        owner: Some("sender_member_id"),
        ..table("outbox", Kind::System)
    },
    table("jobs", Kind::System),
    record("notes"),
    // 0002 feelings
    record("checkins"),
    record("checkin_replies"),
    record("calm_tries"),
    of_member_in_bond("needs_profiles", Kind::MemberSetting, "member_id"),
    of_member_in_bond("feeling_invitations", Kind::Derived, "member_id"),
    // 0003 talk
    of_bond("daily_questions"),
    of_bond("question_offers"),
    Table {
        owner: Some("chosen_by"),
        on_departure: OnDeparture::Delete,
        ..of_bond("talk_decks")
    },
    record("answers"),
    record("talk_requests"),
    record("talk_request_steps"),
    record("repairs"),
    record("repair_parts"),
    record("answer_replies"),
    of_member_in_bond("talk_favourites", Kind::MemberSetting, "member_id"),
    // 0004 together: the library
    record("own_activities"),
    record("activity_favourites"),
    of_bond("activity_picks"),
    record("interests"),
    // 0005, 0006 plans and calendar
    record("plans"),
    record("plan_changes"),
    record("time_goals"),
    of_member_in_bond("calendar_feeds", Kind::MemberSetting, "member_id"),
    // 0007 reminders
    of_member("nudge_settings", Kind::MemberSetting, "member_id"),
    of_member("nudge_deliveries", Kind::Derived, "member_id"),
    Table {
        bond: Some("bond_id"),
        ..of_member("nudges", Kind::Derived, "member_id")
    },
    // 0008, 0009 memories
    Table {
        on_departure: OnDeparture::PassToPartner,
        ..record("memories")
    },
    record("reflections"),
    Table {
        media: &["large_key", "thumb_key"],
        ..record("photos")
    },
    of_bond("reflection_rounds"),
    // 0010 account safety: devices that signed in, limits, confirmations, "invitation ready"
    table("known_devices", Kind::System),
    table("limited_actions", Kind::System),
    table("email_confirmations", Kind::System),
    table("invitation_links", Kind::System),
    // 0011 the safety net: the country whose helplines a member sees
    of_member("support_settings", Kind::MemberSetting, "member_id"),
    // 0014 tell the other: what waits for a member, told by the other of the bond
    Table {
        bond: Some("bond_id"),
        ..of_member("events", Kind::Derived, "member_id")
    },
    // 0015 web push: the server's key pair, and the devices a member turned push on for
    table("push_keys", Kind::System),
    of_member("push_subscriptions", Kind::MemberSetting, "member_id"),
    // 0016 replies under notes: deleted with their author's history, and with their note
    // (its foreign key) when the note's author leaves
    record("note_replies"),
];

/// The declaration of a table, if it has one.
pub fn find(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The tables of bond records, which only the privacy core reads, updates or deletes.
pub fn bond_tables() -> impl Iterator<Item = &'static str> {
    TABLES
        .iter()
        .filter(|t| t.kind == Kind::BondRecord)
        .map(|t| t.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_declared_once_and_consistently() {
        for (i, t) in TABLES.iter().enumerate() {
            assert!(
                TABLES[..i].iter().all(|other| other.name != t.name),
                "{} is declared twice",
                t.name
            );
            if t.kind == Kind::BondRecord {
                assert_eq!(t.owner, Some("author_id"), "{}", t.name);
                assert_eq!(t.bond, Some("bond_id"), "{}", t.name);
            }
            if t.on_departure != OnDeparture::Keep {
                assert!(t.owner.is_some(), "{} has no owner to depart", t.name);
            }
            if !t.media.is_empty() {
                assert_eq!(t.on_departure, OnDeparture::Delete, "{}", t.name);
            }
        }
    }
}

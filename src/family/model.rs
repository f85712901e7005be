//! Families, members, bonds and the son's age band.

use crate::{
    db::Handle, db_exec, db_run, error::AppResult, id_type, text_enum, web::controls::Labelled,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

id_type!(FamilyId);
id_type!(MemberId);
id_type!(BondId);
id_type!(AccountId);

text_enum! {
    /// A member's place in the family.
    pub enum Role { Mother => "mother", Son => "son" }
}

impl Role {
    pub fn other(self) -> Role {
        match self {
            Role::Mother => Role::Son,
            Role::Son => Role::Mother,
        }
    }

    /// The two roles as radio choices, with the words the form shows for each.
    pub fn choices(mother: String, son: String) -> Vec<crate::web::controls::Choice> {
        use crate::web::controls::Choice;
        vec![
            Choice::new(Role::Mother, mother),
            Choice::new(Role::Son, son),
        ]
    }
}

/// The son's stage of life, from his birth date; it selects content everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgeBand {
    Little,
    Child,
    Tween,
    Teen,
    YoungAdult,
    Adult,
}

impl AgeBand {
    pub const ALL: [AgeBand; 6] = [
        AgeBand::Little,
        AgeBand::Child,
        AgeBand::Tween,
        AgeBand::Teen,
        AgeBand::YoungAdult,
        AgeBand::Adult,
    ];

    /// The band for an age in whole years. Under 3 counts as `little`: content for toddlers
    /// is the simplest we have.
    pub fn for_age(years: u32) -> AgeBand {
        match years {
            0..=5 => AgeBand::Little,
            6..=9 => AgeBand::Child,
            10..=12 => AgeBand::Tween,
            13..=17 => AgeBand::Teen,
            18..=25 => AgeBand::YoungAdult,
            _ => AgeBand::Adult,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::Little => "little",
            AgeBand::Child => "child",
            AgeBand::Tween => "tween",
            AgeBand::Teen => "teen",
            AgeBand::YoungAdult => "young_adult",
            AgeBand::Adult => "adult",
        }
    }

    pub fn parse(s: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Position from youngest (0) to oldest, for "offered from this band on".
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl Labelled for AgeBand {
    fn label_key(self) -> &'static str {
        match self {
            AgeBand::Little => "age-band-little",
            AgeBand::Child => "age-band-child",
            AgeBand::Tween => "age-band-tween",
            AgeBand::Teen => "age-band-teen",
            AgeBand::YoungAdult => "age-band-young-adult",
            AgeBand::Adult => "age-band-adult",
        }
    }
}

impl Labelled for Role {
    fn label_key(self) -> &'static str {
        match self {
            Role::Mother => "role-mother",
            Role::Son => "role-son",
        }
    }
}

/// Whole years between `birth` and `today` (a birthday on 29 February counts on 1 March
/// in common years).
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub id: MemberId,
    pub family_id: FamilyId,
    pub account_id: Option<AccountId>,
    pub role: Role,
    pub display_name: String,
    pub birth_date: Option<NaiveDate>,
    pub time_zone: String,
    pub joined_at: DateTime<Utc>,
    /// When the member left the family or was removed: their row stays, so that the bonds
    /// they were in stay readable (docs/adr/0018-membership.md).
    pub left_at: Option<DateTime<Utc>>,
    /// The language the member chose in Settings (a tag of the catalogue); `None` follows
    /// the browser.
    pub language: Option<String>,
    /// For a mother loaded with [`members`]: her bonds that have ended.
    #[sqlx(skip)]
    pub ended_bonds: Vec<BondId>,
}

pub const MEMBER_COLUMNS: &str = "id, family_id, account_id, role, display_name, birth_date, \
     time_zone, created_at AS joined_at, left_at, language";

/// [`MEMBER_COLUMNS`] of a query that names the members table `m`.
#[macro_export]
macro_rules! member_columns_of_m {
    () => {
        "m.id, m.family_id, m.account_id, m.role, m.display_name, m.birth_date, m.time_zone, \
         m.created_at AS joined_at, m.left_at, m.language"
    };
}

impl Member {
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// Today's date where this member lives.
    pub fn today(&self) -> NaiveDate {
        crate::db::now().with_timezone(&self.tz()).date_naive()
    }

    /// The son's age band today, in his own time zone; `None` for mothers.
    pub fn age_band(&self) -> Option<AgeBand> {
        let birth = self.birth_date.filter(|_| self.role == Role::Son)?;
        Some(AgeBand::for_age(age_on(birth, self.today())))
    }

    pub fn age(&self) -> Option<u32> {
        self.birth_date.map(|b| age_on(b, self.today()))
    }

    /// A managed profile has no login of its own (yet).
    pub fn is_managed(&self) -> bool {
        self.account_id.is_none() && !self.has_left()
    }

    pub fn has_left(&self) -> bool {
        self.left_at.is_some()
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Family {
    pub id: FamilyId,
    pub name: String,
}

pub async fn family(h: &mut impl Handle, id: &FamilyId) -> AppResult<Family> {
    Ok(db_run!(h, |c| sqlx::query_as::<_, Family>(
        "SELECT id, name FROM families WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// A member with one of her ended bonds, as [`MEMBERS_WITH_ENDINGS`] reads them.
#[derive(sqlx::FromRow)]
pub struct MemberRow {
    #[sqlx(flatten)]
    pub member: Member,
    pub ended_bond: Option<BondId>,
}

/// The members of family `$1`, mothers first, then by name, each mother once per ended bond
/// of hers (with none: once): one query gives [`bonds`] all it needs.
pub const MEMBERS_WITH_ENDINGS: &str = concat!(
    "SELECT ",
    crate::member_columns_of_m!(),
    ", b.id AS ended_bond
     FROM members m LEFT JOIN bonds b ON b.mother_id = m.id AND b.ended_at IS NOT NULL
     WHERE m.family_id = $1 ORDER BY m.role, m.display_name, m.id"
);

/// Folds the rows of [`MEMBERS_WITH_ENDINGS`] into members, with each mother's ended bonds.
pub fn fold_endings(rows: impl IntoIterator<Item = MemberRow>) -> Vec<Member> {
    let mut members: Vec<Member> = Vec::new();
    for row in rows {
        match members.last_mut() {
            Some(last) if last.id == row.member.id => last.ended_bonds.extend(row.ended_bond),
            _ => {
                let mut member = row.member;
                member.ended_bonds.extend(row.ended_bond);
                members.push(member);
            }
        }
    }
    members
}

/// All members of a family (those who left too), mothers first, then by name.
pub async fn members(h: &mut impl Handle, family: &FamilyId) -> AppResult<Vec<Member>> {
    let rows = db_run!(h, |c| sqlx::query_as::<_, MemberRow>(MEMBERS_WITH_ENDINGS)
        .bind(family)
        .fetch_all(c)
        .await)?;
    Ok(fold_endings(rows))
}

/// A member of `family`; a member of another family is "not found".
pub async fn member_in_family(
    h: &mut impl Handle,
    family: &FamilyId,
    id: &str,
) -> AppResult<Member> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members WHERE id = $1 AND family_id = $2");
    db_run!(h, |c| sqlx::query_as::<_, Member>(&sql)
        .bind(id)
        .bind(family)
        .fetch_optional(c)
        .await)?
    .ok_or(crate::error::AppError::NotFound)
}

/// Adds a member and a bond with every member of the other role, so that every mother–son
/// pair in a family is a bond from the moment both exist.
pub async fn add_member(
    h: &mut impl Handle,
    family: &FamilyId,
    account: Option<&AccountId>,
    role: Role,
    display_name: &str,
    birth_date: Option<NaiveDate>,
    time_zone: &str,
) -> AppResult<MemberId> {
    let id = MemberId::new();
    let now = crate::db::now();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO members (id, family_id, account_id, role, display_name, birth_date, time_zone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(&id)
    .bind(family)
    .bind(account)
    .bind(role)
    .bind(display_name)
    .bind(birth_date)
    .bind(time_zone)
    .bind(now)
    .execute(c)
    .await
    })?;
    let partners: Vec<MemberId> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT id FROM members WHERE family_id = $1 AND role = $2 AND left_at IS NULL"
    )
    .bind(family)
    .bind(role.other())
    .fetch_all(c)
    .await)?;
    for partner in partners {
        let (mother, son) = match role {
            Role::Mother => (&id, &partner),
            Role::Son => (&partner, &id),
        };
        db_exec!(h, |c| {
            sqlx::query(
            "INSERT INTO bonds (id, family_id, mother_id, son_id, created_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(BondId::for_pair(mother, son))
        .bind(family)
        .bind(mother)
        .bind(son)
        .bind(now)
        .execute(c)
        .await
        })?;
    }
    Ok(id)
}

/// What a member may change about a profile.
pub struct Profile<'a> {
    pub display_name: &'a str,
    pub birth_date: Option<NaiveDate>,
    pub time_zone: &'a str,
}

pub async fn update_profile(
    h: &mut impl Handle,
    member: &MemberId,
    profile: &Profile<'_>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE members SET display_name = $1, birth_date = $2, time_zone = $3 WHERE id = $4"
    )
    .bind(profile.display_name)
    .bind(profile.birth_date)
    .bind(profile.time_zone)
    .bind(member)
    .execute(c)
    .await)?;
    Ok(())
}

/// Sets the language a member reads in (a tag of the catalogue), or `None` to follow the
/// browser.
pub async fn set_language(
    h: &mut impl Handle,
    member: &MemberId,
    language: Option<&str>,
) -> AppResult<()> {
    db_exec!(h, |c| sqlx::query(
        "UPDATE members SET language = $1 WHERE id = $2"
    )
    .bind(language)
    .bind(member)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn create_family(h: &mut impl Handle, name: &str) -> AppResult<FamilyId> {
    let id = FamilyId::new();
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO families (id, name, created_at) VALUES ($1, $2, $3)"
    )
    .bind(&id)
    .bind(name)
    .bind(crate::db::now())
    .execute(c)
    .await)?;
    Ok(id)
}

/// A bond as listed on Today and the family page: both members, in full.
#[derive(Debug, Clone)]
pub struct Bond {
    pub id: BondId,
    pub mother: Member,
    pub son: Member,
    /// The bond has ended (one of the two left, or it was ended): readable, not writable.
    pub ended: bool,
}

impl Bond {
    /// The address of a page of this bond: `href("notes")` is `/bonds/<id>/notes`, and
    /// `href("")` the bond itself.
    pub fn href(&self, rest: &str) -> String {
        if rest.is_empty() {
            format!("/bonds/{}", self.id)
        } else {
            format!("/bonds/{}/{rest}", self.id)
        }
    }

    pub fn includes(&self, member: &MemberId) -> bool {
        &self.mother.id == member || &self.son.id == member
    }

    /// The name of one of the two (the author of something in the bond).
    pub fn name_of(&self, member: &MemberId) -> &str {
        if &self.mother.id == member {
            &self.mother.display_name
        } else {
            &self.son.display_name
        }
    }

    /// The other member of the bond, seen from `member`.
    pub fn partner_of(&self, member: &MemberId) -> &Member {
        if &self.mother.id == member {
            &self.son
        } else {
            &self.mother
        }
    }
}

/// Every bond of a family that goes on, from its members: each mother with each son who are
/// both still in the family, unless their bond has ended. No query is needed beyond
/// [`members`], since a bond's id follows from its two members.
pub fn bonds(members: &[Member]) -> Vec<Bond> {
    all_bonds(members)
        .into_iter()
        .filter(|b| !b.ended)
        .collect()
}

/// Every bond a family has had, ended ones too (their history stays readable to the two).
/// A pair is a bond when both were in the family at the same time.
pub fn all_bonds(members: &[Member]) -> Vec<Bond> {
    let of = |role| members.iter().filter(move |m| m.role == role);
    let overlapped = |a: &Member, b: &Member| {
        a.left_at.is_none_or(|left| left > b.joined_at)
            && b.left_at.is_none_or(|left| left > a.joined_at)
    };
    of(Role::Mother)
        .flat_map(|mother| {
            of(Role::Son)
                .filter(move |son| overlapped(mother, son))
                .map(move |son| {
                    let id = BondId::for_pair(&mother.id, &son.id);
                    Bond {
                        ended: mother.has_left()
                            || son.has_left()
                            || mother.ended_bonds.contains(&id),
                        id,
                        mother: mother.clone(),
                        son: son.clone(),
                    }
                })
        })
        .collect()
}

impl BondId {
    /// The id of the bond between a mother and a son: derived from their member ids (see
    /// docs/adr/0005-bond-ids.md), so listing a family's bonds needs no query.
    pub fn for_pair(mother: &MemberId, son: &MemberId) -> BondId {
        use sha2::{Digest, Sha256};
        const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
        let digest = Sha256::digest(format!("bond:{mother}:{son}").as_bytes());
        // 20 characters of 5 bits each, like every other id.
        let bits = u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"));
        BondId(
            (0..20)
                .map(|i| ALPHABET[((bits >> (123 - 5 * i)) & 31) as usize] as char)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_whole_years_and_turns_on_the_birthday() {
        assert_eq!(age_on(d(2012, 6, 15), d(2026, 6, 14)), 13);
        assert_eq!(age_on(d(2012, 6, 15), d(2026, 6, 15)), 14);
        assert_eq!(age_on(d(2012, 2, 29), d(2026, 2, 28)), 13);
        assert_eq!(age_on(d(2012, 2, 29), d(2026, 3, 1)), 14);
        assert_eq!(age_on(d(2030, 1, 1), d(2026, 1, 1)), 0);
    }

    #[test]
    fn bond_ids_follow_from_the_pair_and_look_like_other_ids() {
        let (a, b) = (MemberId::new(), MemberId::new());
        let id = BondId::for_pair(&a, &b);
        assert_eq!(id, BondId::for_pair(&a, &b));
        assert_ne!(id, BondId::for_pair(&b, &a));
        assert_eq!(id.as_str().len(), 20);
        assert!(
            id.as_str()
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() && !c.is_ascii_uppercase())
        );
    }

    #[test]
    fn age_bands_follow_the_product_boundaries() {
        let expected = [
            (3, AgeBand::Little),
            (5, AgeBand::Little),
            (6, AgeBand::Child),
            (9, AgeBand::Child),
            (10, AgeBand::Tween),
            (12, AgeBand::Tween),
            (13, AgeBand::Teen),
            (17, AgeBand::Teen),
            (18, AgeBand::YoungAdult),
            (25, AgeBand::YoungAdult),
            (26, AgeBand::Adult),
            (60, AgeBand::Adult),
        ];
        for (age, band) in expected {
            assert_eq!(AgeBand::for_age(age), band, "age {age}");
        }
    }
}

//! `tandem demo`: a demo family to explore — a mother and her 14-year-old son, each with a
//! login, a few notes between them, two weeks of feelings, a few days of talk and six weeks of
//! doing things together, with memories and their pictures. Running it again replaces the demo
//! family, its pictures' files included.

mod feelings;
mod talk;
mod together;

use chrono::{Datelike, Duration, NaiveDate};

use crate::{
    auth::{Email, account, password, session::new_token},
    db::{Db, Handle, now},
    db_exec, db_run,
    family::{self, AccountId, FamilyId, Role, member_in_family},
    media::{MediaKey, MediaStore},
    memories::photos::{Photo, Size},
    notes::{self, NewNote},
    privacy::{BondAccess, Visibility, visible},
};

pub const MOTHER_EMAIL: &str = "mother@demo.tandem.example";
pub const SON_EMAIL: &str = "son@demo.tandem.example";

pub struct Demo {
    pub mother_email: String,
    pub mother_password: String,
    pub son_email: String,
    pub son_password: String,
}

/// Creates the demo family (replacing the previous one), storing its pictures in `media`.
pub async fn create(db: &Db, media: &MediaStore) -> anyhow::Result<Demo> {
    let mother_password = format!("demo {}", &new_token()[..12]);
    let son_password = format!("demo {}", &new_token()[..12]);
    let mother_hash = password::hash(mother_password.clone()).await?;
    let son_hash = password::hash(son_password.clone()).await?;

    let mut tx = db.begin().await?;
    let previous_files = previous_media(&mut tx).await?;
    remove_previous(&mut tx).await?;
    let family_id = family::create_family(&mut tx, "The Demo family").await?;
    let today = now().date_naive();
    let son_birth = NaiveDate::from_ymd_opt(today.year() - 14, 3, 14)
        .filter(|d| family::age_on(*d, today) == 14)
        .unwrap_or_else(|| today - Duration::days(14 * 365 + 100));

    let mother_account = demo_account(&mut tx, MOTHER_EMAIL, &mother_hash).await?;
    let son_account = demo_account(&mut tx, SON_EMAIL, &son_hash).await?;
    let mother_id = family::add_member(
        &mut tx,
        &family_id,
        Some(&mother_account),
        Role::Mother,
        "Maya",
        None,
        "Europe/Lisbon",
    )
    .await?;
    let son_id = family::add_member(
        &mut tx,
        &family_id,
        Some(&son_account),
        Role::Son,
        "Leo",
        Some(son_birth),
        "Europe/Lisbon",
    )
    .await?;

    let mother = member_in_family(&mut tx, &family_id, mother_id.as_str()).await?;
    let son = member_in_family(&mut tx, &family_id, son_id.as_str()).await?;
    let members = family::members(&mut tx, &family_id).await?;
    let bond = family::bonds(&members).remove(0);
    let as_mother = BondAccess::open_as_system(&mut tx, &mother, bond.id.as_str()).await?;
    let as_son = BondAccess::open_as_system(&mut tx, &son, bond.id.as_str()).await?;
    let note = |body: &str, visibility| NewNote {
        body: body.into(),
        visibility,
        unseal_at: None,
        made_together: false,
    };
    let everyday = [
        (
            &as_mother,
            "Loved hearing about your robotics club tonight. The wobbly arm is going to work.",
            Visibility::Shared,
        ),
        (
            &as_son,
            "Thanks for driving me to practice in the rain.",
            Visibility::Shared,
        ),
        (
            &as_son,
            "Nervous about the maths test on Friday. Not telling anyone yet.",
            Visibility::Private,
        ),
    ];
    for (author, body, visibility) in everyday {
        notes::insert(&mut tx, author, &note(body, visibility)).await?;
    }
    let eighteenth = son_birth
        .with_year(son_birth.year() + 18)
        .unwrap_or(son_birth);
    let mut sealed = note(
        "For your 18th: a few things I have learned about you that I want you to keep.",
        Visibility::Sealed,
    );
    sealed.unseal_at = eighteenth.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    notes::insert(&mut tx, &as_mother, &sealed).await?;
    feelings::create(&mut tx, &as_mother, &as_son).await?;
    tx.commit().await?;
    // The previous demo's rows are gone: now its files can go (rows first, like any photo).
    media.delete_all(&previous_files).await;
    // The question of the day draws and reveals in transactions of its own, and photos are
    // stored with the transaction that inserts their rows.
    talk::create(db, &as_mother, &as_son).await?;
    together::create(db, media, &as_mother, &as_son).await?;
    // A year of history written in one go is not news: the demo starts with none waiting.
    crate::events::forget(
        &mut db.conn().await?,
        crate::events::Forget::OfBond(as_mother.id()),
    )
    .await?;
    Ok(Demo {
        mother_email: MOTHER_EMAIL.into(),
        mother_password,
        son_email: SON_EMAIL.into(),
        son_password,
    })
}

async fn demo_account(h: &mut impl Handle, email: &str, hash: &str) -> anyhow::Result<AccountId> {
    let email = Email::parse(email).map_err(anyhow::Error::msg)?;
    account::create(h, &email, hash)
        .await?
        .ok_or_else(|| anyhow::anyhow!("a demo account already exists"))
}

/// The files of the previous demo family's photos, read as each of its members through the
/// privacy core (every photo is visible to its author), to be removed once its rows are.
async fn previous_media(h: &mut impl Handle) -> anyhow::Result<Vec<MediaKey>> {
    let families: Vec<String> = db_run!(h, |c| sqlx::query_scalar(
        "SELECT DISTINCT m.family_id FROM members m JOIN accounts a ON a.id = m.account_id
         WHERE a.email IN ($1, $2)"
    )
    .bind(MOTHER_EMAIL)
    .bind(SON_EMAIL)
    .fetch_all(c)
    .await)?;
    let mut keys = Vec::new();
    for family in families {
        let members = family::members(h, &FamilyId(family)).await?;
        for bond in family::bonds(&members) {
            for member in [&bond.mother, &bond.son] {
                let access = BondAccess::open_as_system(h, member, bond.id.as_str()).await?;
                let photos = visible::<Photo>(&access)
                    .mine()
                    .limit(100_000)
                    .list(h)
                    .await?;
                keys.extend(
                    photos
                        .iter()
                        .flat_map(|p| [p.key(Size::Large), p.key(Size::Thumb)])
                        .flatten(),
                );
            }
        }
    }
    Ok(keys)
}

/// Deletes the previous demo family and its logins (cascades remove everything under them).
async fn remove_previous(h: &mut impl Handle) -> anyhow::Result<()> {
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM families WHERE id IN (
            SELECT m.family_id FROM members m JOIN accounts a ON a.id = m.account_id
            WHERE a.email IN ($1, $2))"
    )
    .bind(MOTHER_EMAIL)
    .bind(SON_EMAIL)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM accounts WHERE email IN ($1, $2)"
    )
    .bind(MOTHER_EMAIL)
    .bind(SON_EMAIL)
    .execute(c)
    .await)?;
    Ok(())
}

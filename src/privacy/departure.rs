//! What a member's departure does to their data, walking the [`inventory`](super::inventory):
//! deleting what they wrote when they choose so (and the media files it points to), passing
//! joint records such as memories to the partner, and removing everything of a managed
//! profile that is deleted for good. Bond records may be deleted only here, inside the
//! privacy core; the family module decides who may do what and when.

use crate::{
    db::Handle,
    db_exec, db_run,
    error::AppResult,
    family::{Bond, MemberId},
};

use super::inventory::{self, Kind, OnDeparture};

/// Media keys to remove from the store once the transaction that deleted their rows commits.
#[derive(Debug, Default)]
pub struct MediaToRemove(pub Vec<String>);

/// Deletes everything `member` wrote or set (per the inventory), in every bond of `bonds`
/// they belong to and outside bonds, except the frame (their member row stays, so that the
/// bonds and the partner's side stay readable). Joint records pass to the partner. Returns
/// the media keys of the deleted rows.
pub async fn delete_history(
    h: &mut impl Handle,
    member: &MemberId,
    bonds: &[Bond],
) -> AppResult<MediaToRemove> {
    let mut media = MediaToRemove::default();
    for bond in bonds.iter().filter(|b| b.includes(member)) {
        let partner = &bond.partner_of(member).id;
        for table in inventory::TABLES
            .iter()
            .filter(|t| t.kind == Kind::BondRecord)
        {
            if table.on_departure == OnDeparture::PassToPartner {
                let sql = format!(
                    "UPDATE {} SET author_id = $1 WHERE bond_id = $2 AND author_id = $3",
                    table.name
                );
                db_exec!(h, |c| sqlx::query(&sql)
                    .bind(partner)
                    .bind(&bond.id)
                    .bind(member)
                    .execute(c)
                    .await)?;
            }
        }
    }
    let deleted = || {
        inventory::TABLES.iter().filter_map(|t| {
            let deletes = t.on_departure == OnDeparture::Delete && t.kind != Kind::Frame;
            t.owner.filter(|_| deletes).map(|owner| (t, owner))
        })
    };
    // Keys first: a delete cascades to rows further down (a reflection's photos).
    for (table, owner) in deleted() {
        collect_media(h, table, owner, member, &mut media).await?;
    }
    for (table, owner) in deleted() {
        let sql = format!("DELETE FROM {} WHERE {owner} = $1", table.name);
        db_exec!(h, |c| sqlx::query(&sql).bind(member).execute(c).await)?;
    }
    Ok(media)
}

/// The media keys of every row of bond records in `bond` (before the bond itself is deleted
/// with everything in it, when a managed profile is removed for good).
pub async fn media_of_bond(h: &mut impl Handle, bond: &Bond) -> AppResult<MediaToRemove> {
    let mut media = MediaToRemove::default();
    for table in inventory::TABLES.iter().filter(|t| !t.media.is_empty()) {
        let Some(bond_column) = table.bond else {
            continue;
        };
        for column in table.media {
            let sql = format!(
                "SELECT {column} FROM {} WHERE {bond_column} = $1",
                table.name
            );
            let keys: Vec<String> = db_run!(h, |c| sqlx::query_scalar(&sql)
                .bind(&bond.id)
                .fetch_all(c)
                .await)?;
            media.0.extend(keys);
        }
    }
    Ok(media)
}

async fn collect_media(
    h: &mut impl Handle,
    table: &inventory::Table,
    owner: &str,
    member: &MemberId,
    media: &mut MediaToRemove,
) -> AppResult<()> {
    for column in table.media {
        let sql = format!("SELECT {column} FROM {} WHERE {owner} = $1", table.name);
        let keys: Vec<String> = db_run!(h, |c| sqlx::query_scalar(&sql)
            .bind(member)
            .fetch_all(c)
            .await)?;
        media.0.extend(keys);
    }
    Ok(())
}

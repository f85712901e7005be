//! Who may join a family and how members leave it (docs/adr/0018-membership.md).
//!
//! - A mother is in charge: only she creates claim links, invites, withdraws invitations
//!   (besides their own author) and manages managed profiles. A son is in charge of himself:
//!   he may invite a mother only while the family has none (she still has to accept).
//! - Everyone with a login is told, on Today and by mail, when someone joins or leaves.
//! - A mother removes a member or ends a bond she is in; a son ends his bonds; anyone with a
//!   login leaves. Whoever leaves chooses: keep their history (the bonds end and stay readable
//!   to both) or delete what they wrote. A managed profile a mother removes is deleted for good,
//!   with everything in its bonds. The data inventory says where everything is.
//! - An ended bond is readable, never writable: the bond extractor
//!   ([`InBond`](crate::web::bond::InBond)) refuses every form sent to it.

use crate::{
    app::AppState,
    db::{Handle, now},
    db_exec,
    error::{AppError, AppResult},
    events,
    i18n::Msg,
    media::MediaKey,
    privacy::departure::{self, MediaToRemove},
    reminders::{self, NewNudge, NudgeKind, VoidAll},
};

use super::{Bond, Invitation, Member, Role, all_bonds};

/// How long a join or leave notice stays on Today.
const NOTICE_DAYS: i64 = 14;

/// Whether `inviter` may send this invitation (`claim`: a link to take over a managed
/// profile), given the family's members and waiting invitations. The error says why not.
pub fn check_invitation(
    inviter: &Member,
    role: Role,
    claim: bool,
    members: &[Member],
    pending: &[Invitation],
) -> Result<(), Msg> {
    if inviter.role == Role::Mother {
        return Ok(());
    }
    if claim {
        return Err(Msg::new("family-only-mother-gives-login"));
    }
    if role != Role::Mother {
        return Err(Msg::new("family-only-mother-invites"));
    }
    let has_mother = members
        .iter()
        .any(|m| m.role == Role::Mother && !m.has_left());
    let mother_invited = pending
        .iter()
        .any(|i| i.role == Role::Mother && i.member_id.is_none());
    if has_mother {
        return Err(Msg::new("family-already-has-mother"));
    }
    if mother_invited {
        return Err(Msg::new("family-mother-already-invited"));
    }
    Ok(())
}

/// Tells every other member with a login that `about` joined or left: a card on Today and a
/// mail, outside the reminders' weekly cap (see `reminders::NudgeKind::is_notice`).
pub async fn tell_family(
    h: &mut impl Handle,
    members: &[Member],
    about: &Member,
    kind: NudgeKind,
) -> AppResult<()> {
    let at = now();
    for member in members
        .iter()
        .filter(|m| m.id != about.id && m.account_id.is_some() && !m.has_left())
    {
        let nudge = NewNudge {
            member,
            bond: None,
            kind,
            subject: format!("{}:{}", kind.as_str(), about.id),
            title: about.display_name.clone(),
            event_at: Some(at),
            link: "/family".into(),
            due_at: at,
            expires_at: at + chrono::Duration::days(NOTICE_DAYS),
        };
        reminders::propose(h, &nudge, at).await?;
    }
    Ok(())
}

/// Ends one bond: nothing new is written in it, reminders about it are void, its calendar
/// feeds stop, and a mother acting together with its son stops. Its history stays.
pub async fn end_bond(h: &mut impl Handle, bond: &Bond) -> AppResult<()> {
    let at = now();
    db_exec!(h, |c| sqlx::query(
        "UPDATE bonds SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL"
    )
    .bind(at)
    .bind(&bond.id)
    .execute(c)
    .await)?;
    reminders::void_all(h, VoidAll::OfBond(&bond.id), "bond ended").await?;
    events::forget(h, events::Forget::OfBond(&bond.id)).await?;
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM calendar_feeds WHERE bond_id = $1"
    )
    .bind(&bond.id)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "UPDATE sessions SET acting_member_id = NULL
         WHERE acting_member_id = $1
           AND account_id IN (SELECT account_id FROM members WHERE id = $2)"
    )
    .bind(&bond.son.id)
    .bind(&bond.mother.id)
    .execute(c)
    .await)?;
    Ok(())
}

/// A member with a login leaves (or is removed): their bonds end, their waiting invitations
/// and reminders go, and with `delete_history` everything they wrote is deleted and their
/// account closed. Returns the media files to remove after the commit.
pub async fn depart(
    h: &mut impl Handle,
    members: &[Member],
    member: &Member,
    delete_history: bool,
) -> AppResult<MediaToRemove> {
    let at = now();
    let bonds: Vec<Bond> = all_bonds(members)
        .into_iter()
        .filter(|b| b.includes(&member.id))
        .collect();
    for bond in &bonds {
        end_bond(h, bond).await?;
    }
    db_exec!(h, |c| sqlx::query(
        "UPDATE members SET left_at = $1 WHERE id = $2 AND left_at IS NULL"
    )
    .bind(at)
    .bind(&member.id)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "UPDATE invitations SET revoked_at = $1
         WHERE created_by = $2 AND used_at IS NULL AND revoked_at IS NULL"
    )
    .bind(at)
    .bind(&member.id)
    .execute(c)
    .await)?;
    reminders::void_all(h, VoidAll::OfMember(&member.id), "left").await?;
    if !delete_history {
        return Ok(MediaToRemove::default());
    }
    let media = departure::delete_history(h, &member.id, &bonds).await?;
    if let Some(account) = &member.account_id {
        // The member row stays (the partner's side of their bonds hangs on it); the login goes.
        db_exec!(h, |c| sqlx::query("DELETE FROM accounts WHERE id = $1")
            .bind(account)
            .execute(c)
            .await)?;
    }
    Ok(media)
}

/// Deletes a managed profile for good, with everything in its bonds. Returns the media files
/// to remove after the commit.
pub async fn delete_managed(
    h: &mut impl Handle,
    members: &[Member],
    son: &Member,
) -> AppResult<MediaToRemove> {
    let mut media = MediaToRemove::default();
    for bond in all_bonds(members).iter().filter(|b| b.includes(&son.id)) {
        media.0.extend(departure::media_of_bond(h, bond).await?.0);
    }
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM members WHERE id = $1 AND account_id IS NULL"
    )
    .bind(&son.id)
    .execute(c)
    .await)?;
    Ok(media)
}

/// Removes the files of deleted rows; a file that cannot be removed is logged, not fatal.
pub async fn remove_media(state: &AppState, media: MediaToRemove) {
    let keys: Vec<MediaKey> = media.0.iter().filter_map(|k| MediaKey::parse(k)).collect();
    state.media.delete_all(&keys).await;
}

/// The member `id` of the family, or "not found".
pub fn find<'a>(members: &'a [Member], id: &str) -> AppResult<&'a Member> {
    members
        .iter()
        .find(|m| m.id.as_str() == id)
        .ok_or(AppError::NotFound)
}

/// The bond `id` of the family (ended or not), or "not found".
pub fn find_bond(members: &[Member], id: &str) -> AppResult<Bond> {
    all_bonds(members)
        .into_iter()
        .find(|b| b.id.as_str() == id)
        .ok_or(AppError::NotFound)
}

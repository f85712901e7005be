//! Invitations: single-use links that expire, to join a family or to claim a managed profile.
//! Only a hash of the token is stored; the link is shown once on screen (and mailed when an
//! address is given).

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Duration, Utc};

use crate::{
    app::AppState,
    auth::{ClientIp, Email, NewLoginForm, Viewer, password, session, signup},
    db::{Handle, now},
    db_exec, db_run,
    error::{AppError, AppResult},
    i18n::{Key, Msg, Tr},
    mail::{self, MailKind},
    web::{
        form::{FieldErrors, Form, line},
        page::{Layout, Section, ok, render},
    },
};

use super::{
    FamilyId, Member, MemberId, Role, add_member, family, member_in_family,
    page::{FamilyPage, InviteForm},
};

pub const INVITATION_DAYS: i64 = 7;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub id: String,
    pub family_id: FamilyId,
    pub role: Role,
    pub member_id: Option<MemberId>,
    pub invitee_name: String,
    pub email: Option<String>,
    pub created_by: MemberId,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const INVITATION_COLUMNS: &str = "id, family_id, role, member_id, invitee_name, email, \
     created_by, expires_at, used_at, revoked_at";

impl Invitation {
    /// The last day the link works, on the reader's clock.
    pub fn expires_on(&self, layout: &crate::web::page::Layout) -> String {
        crate::i18n::dates::date_long(&layout.tr, &layout.local(&self.expires_at))
    }
}

/// Invitations of a family that can still be accepted.
/// Invitations of family `$1` still waiting at `$2` (now).
const PENDING: &str =
    "family_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2";

#[derive(sqlx::FromRow)]
struct MemberAndPending {
    #[sqlx(flatten)]
    row: super::MemberRow,
    pending: i64,
}

/// The family's members, and whether any invitation is waiting, in one query: pages like Today
/// then fetch the invitations themselves only when there are some.
pub async fn members_and_pending(
    h: &mut impl Handle,
    family: &FamilyId,
) -> AppResult<(Vec<Member>, bool)> {
    let sql = format!(
        "SELECT x.*, (SELECT COUNT(*) FROM invitations WHERE {PENDING}) AS pending
         FROM ({}) x ORDER BY x.role, x.display_name, x.id",
        super::MEMBERS_WITH_ENDINGS
    );
    let rows = db_run!(h, |c| sqlx::query_as::<_, MemberAndPending>(&sql)
        .bind(family)
        .bind(now())
        .fetch_all(c)
        .await)?;
    let pending = rows.first().is_some_and(|r| r.pending > 0);
    Ok((
        super::fold_endings(rows.into_iter().map(|r| r.row)),
        pending,
    ))
}

pub async fn pending_invitations(
    h: &mut impl Handle,
    family: &FamilyId,
) -> AppResult<Vec<Invitation>> {
    let sql =
        format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE {PENDING} ORDER BY created_at");
    Ok(db_run!(h, |c| sqlx::query_as::<_, Invitation>(&sql)
        .bind(family)
        .bind(now())
        .fetch_all(c)
        .await)?)
}

#[derive(Template)]
#[template(path = "family/invitation_created.html")]
struct CreatedPage {
    layout: Layout,
    name: String,
    link: String,
    email: Option<String>,
    days: i64,
}

/// The invitation mail carries no text the inviter chose except her own name, so Tandem
/// cannot be used to send strangers someone's words.
#[derive(Template)]
#[template(path = "mail/invitation.txt")]
struct InvitationMail<'a> {
    tr: Tr,
    inviter: &'a str,
    claim: bool,
    link: &'a str,
    days: i64,
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let mut conn = state.db.conn().await?;
    let family_id = &viewer.member.family_id;
    // Either claim an existing managed profile, or invite a new member by name and role.
    let (role, member_id, name) = if form.member_id.trim().is_empty() {
        let role = Role::parse(form.role.trim());
        if role.is_none() {
            errors.add("role", Msg::new("family-please-choose-whether-invite"));
        }
        let name = errors.take(
            "name",
            line(&form.name, Key("field-their-name"), 1, signup::NAME_MAX),
        );
        (role.unwrap_or(Role::Son), None, name)
    } else {
        let son = member_in_family(&mut conn, family_id, form.member_id.trim()).await?;
        if !son.is_managed() {
            return Err(AppError::BadRequest(Msg::with(
                "family-son-has-own-login",
                [("name", son.display_name.into())],
            )));
        }
        (son.role, Some(son.id), son.display_name)
    };
    let members = super::members(&mut conn, family_id).await?;
    let pending = pending_invitations(&mut conn, family_id).await?;
    super::membership::check_invitation(
        &viewer.member,
        role,
        member_id.is_some(),
        &members,
        &pending,
    )
    .map_err(AppError::Forbidden)?;
    let email = if form.email.trim().is_empty() {
        None
    } else {
        Some(errors.take("email", Email::parse(&form.email)))
    };
    if !errors.is_empty() {
        drop(conn);
        let mut page = FamilyPage::load(&state, &viewer).await?;
        page.invite = form;
        page.invite_errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    if let Some(email) = &email {
        admit_invitation_mail(&mut conn, &viewer, email).await?;
    }
    drop(conn);

    let token = session::new_token();
    let invitation_id = crate::db::new_id();
    let now = now();
    let mut tx = state.db.begin().await?;
    db_exec!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO invitations (id, family_id, token_hash, role, member_id, invitee_name, email, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(&invitation_id)
    .bind(family_id)
    .bind(session::token_hash(&token))
    .bind(role)
    .bind(&member_id)
    .bind(&name)
    .bind(email.as_ref().map(Email::as_str))
    .bind(&viewer.member.id)
    .bind(now)
    .bind(now + Duration::days(INVITATION_DAYS))
    .execute(c)
    .await
    })?;
    let link = state.config.link(&format!("/invite/{token}"));
    if let Some(email) = &email {
        let letter = InvitationMail {
            // The invitee has no language of their own yet: the inviter's is the best guess.
            tr: viewer.tr,
            inviter: &viewer.member.display_name,
            claim: member_id.is_some(),
            link: &link,
            days: INVITATION_DAYS,
        };
        let message = mail::Mail::compose(MailKind::Invitation, email.as_str(), &letter)?
            .in_family(Some(family_id.clone()))
            .from_member(&viewer.member.id);
        mail::queue(&mut tx, message).await?;
    }
    keep_link_for_ready_page(&mut tx, &invitation_id, &viewer, &token).await?;
    tx.commit().await?;
    // Post/redirect/get: a reload of "Invitation ready" shows this invitation again.
    Ok(Redirect::to(&format!("/family/invitations/{invitation_id}/ready")).into_response())
}

/// Mail to invite someone is limited per address and per inviting member, and sent only by
/// an account whose own address is confirmed.
async fn admit_invitation_mail(
    h: &mut impl Handle,
    viewer: &Viewer,
    email: &Email,
) -> AppResult<()> {
    if !crate::auth::account::email_confirmed(h, &viewer.account_id).await? {
        return Err(AppError::Forbidden(Msg::new(
            "family-invitations-go-mail-only",
        )));
    }
    use crate::auth::limits::{self, Action, Refusal};
    match limits::admit(
        h,
        Action::InvitationMail,
        email.as_str(),
        viewer.member.id.as_str(),
    )
    .await?
    {
        None => Ok(()),
        Some(Refusal::Subject) => Err(AppError::TooManyRequests(Msg::new(
            "family-address-already-got-several",
        ))),
        Some(Refusal::Source) => Err(AppError::TooManyRequests(Msg::new(
            "family-sent-many-invitations-today",
        ))),
    }
}

/// How long "Invitation ready" can be shown again (reloaded) after it was made.
const READY_FOR: Duration = Duration::hours(1);

/// Keeps the link for the session that made it, for [`READY_FOR`]: only a hash of the token
/// is stored with the invitation, and the page after the redirect must show the link.
async fn keep_link_for_ready_page(
    h: &mut impl Handle,
    invitation_id: &str,
    viewer: &Viewer,
    token: &str,
) -> AppResult<()> {
    let now = now();
    db_exec!(h, |c| sqlx::query(
        "DELETE FROM invitation_links WHERE expires_at <= $1"
    )
    .bind(now)
    .execute(c)
    .await)?;
    db_exec!(h, |c| sqlx::query(
        "INSERT INTO invitation_links (invitation_id, session_hash, token, expires_at)
         VALUES ($1, $2, $3, $4)"
    )
    .bind(invitation_id)
    .bind(&viewer.session_hash)
    .bind(token)
    .bind(now + READY_FOR)
    .execute(c)
    .await)?;
    Ok(())
}

/// "Invitation ready": the link just made, to this session only, while the invitation waits.
pub async fn ready(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let row: Option<(String, String, Option<String>)> = db_run!(&mut conn, |c| sqlx::query_as(
        "SELECT l.token, i.invitee_name, i.email FROM invitation_links l
         JOIN invitations i ON i.id = l.invitation_id
         WHERE l.invitation_id = $1 AND l.session_hash = $2 AND l.expires_at > $3
           AND i.family_id = $4 AND i.used_at IS NULL AND i.revoked_at IS NULL"
    )
    .bind(&id)
    .bind(&viewer.session_hash)
    .bind(now())
    .bind(&viewer.member.family_id)
    .fetch_optional(c)
    .await)?;
    let Some((token, name, email)) = row else {
        return Err(AppError::NotFound);
    };
    Ok(ok(&CreatedPage {
        layout: Layout::member(
            viewer.tr.t("family-title-invitation-ready"),
            Section::Family,
            &viewer,
        ),
        name,
        link: state.config.link(&format!("/invite/{token}")),
        email,
        days: INVITATION_DAYS,
    }))
}

pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let changed = db_exec!(&mut conn, |c| {
        sqlx::query(
            "UPDATE invitations SET revoked_at = $1
         WHERE id = $2 AND family_id = $3 AND used_at IS NULL AND revoked_at IS NULL
           AND (created_by = $4 OR $5)",
        )
        .bind(now())
        .bind(&id)
        .bind(&viewer.member.family_id)
        .bind(&viewer.member.id)
        .bind(viewer.is_mother())
        .execute(c)
        .await
    })?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/family").into_response())
}

/// The invitation behind a link, if it can still be accepted; otherwise a page that says why.
async fn live_invitation(h: &mut impl Handle, token: &str) -> AppResult<Invitation> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1");
    let invitation: Option<Invitation> = db_run!(h, |c| sqlx::query_as::<_, Invitation>(&sql)
        .bind(session::token_hash(token))
        .fetch_optional(c)
        .await)?;
    let Some(invitation) = invitation else {
        return Err(AppError::LinkInvalid(Msg::new(
            "family-invitation-link-not-made-by-tandem",
        )));
    };
    if invitation.used_at.is_some() {
        Err(AppError::LinkInvalid(Msg::new(
            "family-invitation-already-used-each",
        )))
    } else if invitation.revoked_at.is_some() {
        Err(AppError::LinkInvalid(Msg::new(
            "family-invitation-withdrawn-ask-person",
        )))
    } else if invitation.expires_at <= now() {
        Err(AppError::LinkInvalid(Msg::with(
            "family-invitation-expired",
            [("days", INVITATION_DAYS.into())],
        )))
    } else {
        Ok(invitation)
    }
}

#[derive(Template)]
#[template(path = "family/accept.html")]
struct AcceptPage {
    layout: Layout,
    token: String,
    family_name: String,
    invitation: Invitation,
    signed_in_as: Option<String>,
    form: NewLoginForm,
    errors: FieldErrors,
    time_zones: signup::TimeZones,
}

impl AcceptPage {
    fn needs_birth_date(&self) -> bool {
        self.invitation.role == Role::Son && self.invitation.member_id.is_none()
    }
}

async fn accept_page_for(
    h: &mut impl Handle,
    token: String,
    invitation: Invitation,
    viewer: Option<&Viewer>,
    form: NewLoginForm,
    errors: FieldErrors,
) -> AppResult<AcceptPage> {
    let family = family(h, &invitation.family_id).await?;
    Ok(AcceptPage {
        layout: Layout::visitor(
            Tr::current().t("family-title-you-are-invited"),
            Section::None,
        ),
        token,
        family_name: family.name,
        signed_in_as: viewer.map(|v| v.email.clone()),
        form,
        errors,
        time_zones: signup::time_zones(),
        invitation,
    })
}

pub async fn accept_page(
    State(state): State<AppState>,
    viewer: Option<Viewer>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let invitation = live_invitation(&mut conn, &token).await?;
    let form = NewLoginForm {
        display_name: invitation.invitee_name.clone(),
        email: invitation.email.clone().unwrap_or_default(),
        ..Default::default()
    };
    let page = accept_page_for(
        &mut conn,
        token,
        invitation,
        viewer.as_ref(),
        form,
        FieldErrors::default(),
    )
    .await?;
    Ok(ok(&page))
}

pub async fn accept(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    Form(form): Form<NewLoginForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let invitation = live_invitation(&mut conn, &token).await?;
    let mut errors = FieldErrors::default();
    let needs_birth_date = invitation.role == Role::Son && invitation.member_id.is_none();
    let Some(login) = form.validate(needs_birth_date, &mut errors) else {
        let page = accept_page_for(
            &mut conn,
            token,
            invitation,
            None,
            form.without_password(),
            errors,
        )
        .await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    crate::auth::admit_account_mail(&mut conn, &login.email, &ip).await?;
    drop(conn);
    let hash = password::hash(login.password.clone()).await?;
    let mut tx = state.db.begin().await?;
    // The same answer whether or not the address is taken; the mail to it says which. On a
    // taken address the invitation stays open and only that mail is kept.
    let Some(account) = signup::create_account(&mut tx, &state.config, &login, &hash).await? else {
        tx.commit().await?;
        return Ok(crate::auth::check_mail_redirect());
    };

    // Mark the link used, re-checking it in the transaction: of two simultaneous acceptances,
    // or an acceptance racing a withdrawal or its expiry, only one outcome wins.
    let now = now();
    let used = db_exec!(&mut tx, |c| {
        sqlx::query(
            "UPDATE invitations SET used_at = $1
             WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(&invitation.id)
        .execute(c)
        .await
    })?;
    if used != 1 {
        return Err(AppError::LinkInvalid(Msg::new(
            "family-invitation-used-withdrawn-expired",
        )));
    }
    let joined = match &invitation.member_id {
        // Claiming: the profile, and all its history, becomes his.
        Some(member) => {
            let claimed = db_exec!(&mut tx, |c| sqlx::query(
                "UPDATE members SET account_id = $1, display_name = $2, time_zone = $3
                 WHERE id = $4 AND family_id = $5 AND account_id IS NULL"
            )
            .bind(&account)
            .bind(&login.display_name)
            .bind(&login.time_zone)
            .bind(member)
            .bind(&invitation.family_id)
            .execute(c)
            .await)?;
            if claimed != 1 {
                return Err(AppError::LinkInvalid(Msg::new(
                    "family-profile-already-has-own",
                )));
            }
            // A mother still "together" with this profile on her device leaves that mode.
            db_exec!(&mut tx, |c| sqlx::query(
                "UPDATE sessions SET acting_member_id = NULL WHERE acting_member_id = $1"
            )
            .bind(member)
            .execute(c)
            .await)?;
            member.clone()
        }
        None => {
            add_member(
                &mut tx,
                &invitation.family_id,
                Some(&account),
                invitation.role,
                &login.display_name,
                login.birth_date,
                &login.time_zone,
            )
            .await?
        }
    };
    let members = super::members(&mut tx, &invitation.family_id).await?;
    let newcomer = super::membership::find(&members, joined.as_str())?;
    super::membership::tell_family(
        &mut tx,
        &members,
        newcomer,
        crate::reminders::NudgeKind::Joined,
    )
    .await?;
    tx.commit().await?;
    // Signed in from the link mailed to the new address.
    Ok(crate::auth::check_mail_redirect())
}

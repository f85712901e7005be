//! The family page: members, bonds, invitations, and the forms to add a son or invite someone.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::{Viewer, signup},
    error::{AppError, AppResult},
    i18n::{Key, Msg},
    web::{
        flash::Flash,
        form::{FieldErrors, Form, line},
        page::{Layout, Section, render},
    },
};

use super::{Bond, Invitation, Member, Role, bonds, members, pending_invitations};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AddSonForm {
    pub name: String,
    pub birth_date: String,
}

impl AddSonForm {
    /// His name and birth date, or the reasons they cannot be stored.
    fn validate(&self, errors: &mut FieldErrors) -> Option<(String, NaiveDate)> {
        let name = errors.take(
            "name",
            line(&self.name, Key("field-his-name"), 1, signup::NAME_MAX),
        );
        let birth = errors.take(
            "birth_date",
            signup::parse_birth_date(&self.birth_date).map(Some),
        );
        match (errors.is_empty(), birth) {
            (true, Some(birth)) => Some((name, birth)),
            _ => None,
        }
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct InviteForm {
    pub member_id: String,
    pub name: String,
    pub role: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "family/family.html")]
pub struct FamilyPage {
    pub layout: Layout,
    pub viewer_id: String,
    pub viewer_member: crate::family::MemberId,
    pub is_mother: bool,
    pub family_name: String,
    pub members: Vec<Member>,
    pub bonds: Vec<Bond>,
    /// Bonds that ended, whose history the viewer can still read.
    pub ended_bonds: Vec<Bond>,
    pub invitations: Vec<Invitation>,
    /// What the viewer may invite: anyone (a mother), only a mother (a son whose family has
    /// none), or nobody.
    pub may_invite: bool,
    pub may_invite_only_mother: bool,
    pub has_left: bool,
    pub add_son: AddSonForm,
    pub add_son_errors: FieldErrors,
    pub invite: InviteForm,
    pub invite_errors: FieldErrors,
    /// A managed son's profile being corrected (his id and the form), after a failed attempt.
    pub edit_son: Option<(String, AddSonForm)>,
    pub edit_son_errors: FieldErrors,
}

impl FamilyPage {
    pub async fn load(state: &AppState, viewer: &Viewer) -> AppResult<FamilyPage> {
        let mut conn = state.db.conn().await?;
        let family_id = &viewer.member.family_id;
        let members = members(&mut conn, family_id).await?;
        let bonds = bonds(&members);
        let ended_bonds = super::all_bonds(&members)
            .into_iter()
            .filter(|b| b.ended && b.includes(&viewer.member.id))
            .collect();
        let invitations = pending_invitations(&mut conn, family_id).await?;
        let has_left = viewer.member.has_left();
        let may_invite = !has_left
            && super::membership::check_invitation(
                &viewer.member,
                Role::Mother,
                false,
                &members,
                &invitations,
            )
            .is_ok();
        Ok(FamilyPage {
            ended_bonds,
            may_invite,
            may_invite_only_mother: !viewer.is_mother(),
            has_left,
            layout: Layout::member(viewer.tr.t("family-title-family"), Section::Family, viewer),
            viewer_id: viewer.member.id.to_string(),
            viewer_member: viewer.member.id.clone(),
            is_mother: viewer.is_mother() && !has_left,
            family_name: viewer.family_name.clone(),
            members,
            bonds,
            invitations,
            add_son: AddSonForm::default(),
            add_son_errors: FieldErrors::default(),
            invite: InviteForm::default(),
            invite_errors: FieldErrors::default(),
            edit_son: None,
            edit_son_errors: FieldErrors::default(),
        })
    }

    /// The form values for correcting `son`: what was just typed, or his profile as stored.
    pub fn edit_form(&self, son: &Member) -> AddSonForm {
        match &self.edit_son {
            Some((id, form)) if id == son.id.as_str() => form.clone(),
            _ => AddSonForm {
                name: son.display_name.clone(),
                birth_date: son.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            },
        }
    }

    /// Errors for `son`'s correction form, if it was the one just sent.
    pub fn edit_errors(&self, son: &Member, field: &str) -> Option<String> {
        match &self.edit_son {
            Some((id, _)) if id == son.id.as_str() => self.edit_son_errors.get(field),
            _ => None,
        }
    }

    pub fn managed_sons(&self) -> Vec<&Member> {
        self.members
            .iter()
            .filter(|m| m.role == Role::Son && m.is_managed())
            .collect()
    }

    pub fn viewer_member_id(&self) -> &crate::family::MemberId {
        &self.viewer_member
    }

    /// Members still in the family.
    pub fn present(&self) -> Vec<&Member> {
        self.members.iter().filter(|m| !m.has_left()).collect()
    }

    /// Whether the viewer may withdraw an invitation: a mother, or whoever sent it.
    pub fn may_withdraw(&self, invitation: &Invitation) -> bool {
        self.is_mother || invitation.created_by.as_str() == self.viewer_id
    }
}

pub async fn show(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    Ok(render(
        StatusCode::OK,
        &FamilyPage::load(&state, &viewer).await?,
    ))
}

/// A mother corrects the name or birth date of a son's managed profile. Once he has his own
/// login, his profile is his to change.
pub async fn edit_son(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(member): Path<String>,
    Form(form): Form<AddSonForm>,
) -> AppResult<Response> {
    let mut conn = state.db.conn().await?;
    let son = super::member_in_family(&mut conn, &viewer.member.family_id, &member).await?;
    if son.role != Role::Son || !viewer.is_mother() {
        return Err(AppError::NotFound);
    }
    if !son.is_managed() {
        return Err(AppError::Forbidden(Msg::new("family-he-has-his-own")));
    }
    let mut errors = FieldErrors::default();
    let Some((name, birth)) = form.validate(&mut errors) else {
        drop(conn);
        let mut page = FamilyPage::load(&state, &viewer).await?;
        page.edit_son = Some((son.id.to_string(), form));
        page.edit_son_errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let profile = super::Profile {
        display_name: &name,
        birth_date: Some(birth),
        time_zone: &son.time_zone,
    };
    super::update_profile(&mut conn, &son.id, &profile).await?;
    Ok((Flash::SonChanged, Redirect::to("/family")).into_response())
}

/// A mother adds a son's profile without a login; they can use Tandem together right away.
pub async fn add_son(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<AddSonForm>,
) -> AppResult<Response> {
    if !viewer.is_mother() {
        return Err(AppError::Forbidden(Msg::new("family-only-mother-add-sons")));
    }
    let mut errors = FieldErrors::default();
    let Some((name, birth)) = form.validate(&mut errors) else {
        let mut page = FamilyPage::load(&state, &viewer).await?;
        page.add_son = form;
        page.add_son_errors = errors;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let mut tx = state.db.begin().await?;
    // His clock starts as his mother's; he can change it once he has his own login.
    super::add_member(
        &mut tx,
        &viewer.member.family_id,
        None,
        Role::Son,
        &name,
        Some(birth),
        &viewer.member.time_zone,
    )
    .await?;
    tx.commit().await?;
    Ok((Flash::SonAdded, Redirect::to("/family")).into_response())
}

//! Sign-up: a new person creates a login and a family, as a mother or as a son.

use askama::Template;
use axum::{
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    app::AppState,
    auth::{Email, Viewer, account, confirm, login::ClientIp, password, session},
    config::Config,
    db::Handle,
    error::AppResult,
    family::{self, AccountId, Role},
    i18n::{Key, Msg, Tr},
    web::{
        cookies,
        form::{self, FieldErrors, Form, line},
        page::{Layout, Section, ok, render},
    },
};

/// The fields every new login fills in: on sign-up and when accepting an invitation.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct NewLoginForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub time_zone: String,
    pub birth_date: String,
}

/// A [`NewLoginForm`] that passed every check.
pub struct NewLogin {
    pub email: Email,
    pub display_name: String,
    pub password: String,
    pub time_zone: String,
    pub birth_date: Option<NaiveDate>,
}

pub const NAME_MAX: usize = 60;

impl NewLoginForm {
    /// Checks every field. A son who is new to the family gives his birth date (his age band
    /// comes from it); a son claiming his profile already has one.
    pub fn validate(&self, needs_birth_date: bool, errors: &mut FieldErrors) -> Option<NewLogin> {
        let email = errors.take("email", Email::parse(&self.email));
        let display_name = errors.take(
            "display_name",
            line(&self.display_name, Key("field-your-name"), 1, NAME_MAX),
        );
        let time_zone = errors.take("time_zone", parse_time_zone(&self.time_zone));
        let birth_date = if needs_birth_date {
            errors.take("birth_date", parse_birth_date(&self.birth_date).map(Some))
        } else {
            None
        };
        errors.take(
            "password",
            password::check_strength(&self.password, &[email.local_part(), &display_name]),
        );
        errors.is_empty().then(|| NewLogin {
            email,
            display_name,
            password: self.password.clone(),
            time_zone,
            birth_date,
        })
    }

    /// The form to show again after a failed attempt: never echo the password.
    pub fn without_password(mut self) -> Self {
        self.password.clear();
        self
    }
}

/// Accepts a time zone Tandem offers, such as `Europe/Lisbon`, storing an older name under
/// the zone's own (`Europe/Kiev` is kept as `Europe/Kyiv`); empty means UTC.
pub fn parse_time_zone(raw: &str) -> Result<String, Msg> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok("UTC".into());
    }
    crate::i18n::zones::canonical(raw)
        .map(str::to_owned)
        .ok_or_else(|| Msg::new("auth-choose-time-zone"))
}

/// A birth date in the past, within a human lifetime.
pub fn parse_birth_date(raw: &str) -> Result<NaiveDate, Msg> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Msg::new("auth-birth-date-needed"));
    }
    let date = form::date(raw).ok_or_else(|| Msg::new("auth-birth-date-format"))?;
    let today = crate::db::now().date_naive();
    if date > today {
        return Err(Msg::new("auth-birth-date-in-future"));
    }
    if family::age_on(date, today) > 110 {
        return Err(Msg::new("auth-birth-date-check-year"));
    }
    Ok(date)
}

/// The time zones a form offers, by region, with their offsets now.
pub fn time_zones() -> TimeZones {
    crate::i18n::zones::by_region(crate::db::now())
}

/// What [`time_zones`] gives a template.
pub type TimeZones = Vec<(&'static str, Vec<crate::i18n::zones::ZoneChoice>)>;

/// Creates the unconfirmed account for a validated login whose password was hashed
/// beforehand (hashing is slow; it never runs inside a transaction), and queues the mail to
/// its address: a confirmation link, or, when the address is taken, a note to its owner.
/// `None` on a taken address; the caller answers the same either way (see [`confirm`]).
pub async fn create_account(
    h: &mut impl Handle,
    config: &Config,
    login: &NewLogin,
    password_hash: &str,
) -> AppResult<Option<AccountId>> {
    let id = account::create_unconfirmed(h, &login.email, password_hash).await?;
    confirm::mail_outcome(h, config, &login.email, id.as_ref()).await?;
    Ok(id)
}

/// Below this age a son does not start a family alone: his mother does, then invites him.
pub const YOUNGEST_ALONE: u32 = 13;

/// Sets the session cookie and sends the new member to Today.
pub fn signed_in_redirect(token: &str, secure: bool, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookies::session(token, session::SESSION_DAYS * 86_400, secure),
    );
    response
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SignupForm {
    pub role: String,
    pub family_name: String,
    #[serde(flatten)]
    pub login: NewLoginForm,
}

#[derive(Template)]
#[template(path = "auth/signup.html")]
struct SignupPage {
    layout: Layout,
    form: SignupForm,
    errors: FieldErrors,
    time_zones: TimeZones,
}

pub async fn page(viewer: Option<Viewer>) -> Response {
    if viewer.is_some() {
        return Redirect::to("/").into_response();
    }
    show(
        StatusCode::OK,
        SignupForm::default(),
        FieldErrors::default(),
    )
}

fn show(status: StatusCode, form: SignupForm, errors: FieldErrors) -> Response {
    let page = SignupPage {
        layout: Layout::visitor(Tr::current().t("signup-title"), Section::SignUp),
        form,
        errors,
        time_zones: time_zones(),
    };
    render(status, &page)
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignupForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let role = Role::parse(form.role.trim());
    if role.is_none() {
        errors.add("role", Msg::new("auth-please-choose-whether-mother"));
    }
    // A young son is told kindly how his mother starts the family, before any other check,
    // and nothing of what he typed is kept.
    if role == Some(Role::Son)
        && let Ok(born) = parse_birth_date(&form.login.birth_date)
        && family::age_on(born, crate::db::now().date_naive()) < YOUNGEST_ALONE
    {
        return Ok(ok(&AskMotherPage {
            layout: Layout::visitor(Tr::current().t("auth-title-ask-your-mum"), Section::SignUp),
            signup_link: state.config.link("/signup"),
        }));
    }
    let family_name = errors.take(
        "family_name",
        line(&form.family_name, Key("field-the-family-name"), 0, NAME_MAX),
    );
    let login = form.login.validate(role == Some(Role::Son), &mut errors);
    let (Some(role), Some(login)) = (role, login) else {
        return Ok(show(
            StatusCode::UNPROCESSABLE_ENTITY,
            form.with_login_cleared(),
            errors,
        ));
    };

    // Hashed whether or not the address is taken, so both take as long.
    let hash = password::hash(login.password.clone()).await?;
    let mut conn = state.db.conn().await?;
    confirm::admit_account_mail(&mut conn, &login.email, &ip).await?;
    drop(conn);
    let mut tx = state.db.begin().await?;
    let Some(account) = create_account(&mut tx, &state.config, &login, &hash).await? else {
        // Only the note to the address's owner is kept.
        tx.commit().await?;
        return Ok(confirm::check_mail_redirect());
    };
    let family_id = family::create_family(&mut tx, &family_name).await?;
    family::add_member(
        &mut tx,
        &family_id,
        Some(&account),
        role,
        &login.display_name,
        login.birth_date,
        &login.time_zone,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(family = %family_id, role = %role, "new family created");
    Ok(confirm::check_mail_redirect())
}

#[derive(Template)]
#[template(path = "auth/ask_mother.html")]
struct AskMotherPage {
    layout: Layout,
    signup_link: String,
}

impl SignupForm {
    fn with_login_cleared(mut self) -> Self {
        self.login = self.login.without_password();
        self
    }
}

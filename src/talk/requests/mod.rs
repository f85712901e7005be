//! "I'd like to talk about something": either member asks, with an optional topic hint, a wish
//! (just listen, help me decide, I need help now), a setting and an urgency. The other answers
//! with a time, which both see as the plan; afterwards each may say in a line how it went.
//! Requests and their steps are always shared within the bond; a request for help now is also
//! mailed to the other.

pub mod page;

use askama::Template;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use page::requests_path;

use crate::{
    auth::account,
    col,
    db::{Handle, new_id, now},
    db_exec,
    error::{AppError, AppResult},
    events::{self, About, EventKind, NewEvent},
    family::MemberId,
    i18n::{Key, Msg, Tr},
    mail::{self, Mail, MailKind},
    privacy::{Bind, BondAccess, BondRecord, Visibility, visible},
    text_enum,
    web::{
        controls::Labelled,
        form::{FieldErrors, line},
    },
};

pub const TOPIC_MAX: usize = 120;
pub const PLAN_MAX: usize = 120;
pub const OUTCOME_MAX: usize = 200;

text_enum! {
    /// What the one who asks hopes for.
    pub enum Wish { Listen => "listen", Decide => "decide", HelpNow => "help_now" }
}

impl Labelled for Wish {
    fn label_key(self) -> &'static str {
        match self {
            Wish::Listen => "talk-wish-listen",
            Wish::Decide => "talk-wish-decide",
            Wish::HelpNow => "talk-wish-help-now",
        }
    }
}

impl Wish {}

text_enum! {
    /// How the one who asks would like to talk.
    pub enum TalkSetting { SideBySide => "side_by_side", TextFirst => "text_first", FaceToFace => "face_to_face" }
}

impl Labelled for TalkSetting {
    fn label_key(self) -> &'static str {
        match self {
            TalkSetting::SideBySide => "talk-setting-side-by-side",
            TalkSetting::TextFirst => "talk-setting-text-first",
            TalkSetting::FaceToFace => "talk-setting-face-to-face",
        }
    }
}

text_enum! {
    pub enum Urgency { Today => "today", ThisWeek => "this_week", Whenever => "whenever" }
}

impl Labelled for Urgency {
    fn label_key(self) -> &'static str {
        match self {
            Urgency::Today => "talk-urgency-today",
            Urgency::ThisWeek => "talk-urgency-this-week",
            Urgency::Whenever => "talk-urgency-whenever",
        }
    }
}

text_enum! {
    pub enum StepKind { Plan => "plan", Outcome => "outcome", Withdrawn => "withdrawn" }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TalkRequest {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub made_together: bool,
    pub topic: String,
    pub wish: Wish,
    pub setting: TalkSetting,
    pub urgency: Urgency,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for TalkRequest {
    const TABLE: &'static str = "talk_requests";
    const COLUMNS: &'static str =
        "id, author_id, visibility, made_together, topic, wish, setting, urgency, created_at";
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Step {
    pub id: String,
    pub author_id: MemberId,
    pub visibility: Visibility,
    pub request_id: String,
    pub kind: StepKind,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl BondRecord for Step {
    const TABLE: &'static str = "talk_request_steps";
    const COLUMNS: &'static str = "id, author_id, visibility, request_id, kind, body, created_at";
}

/// Where a request stands, from its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Planned,
    Done,
    Withdrawn,
}

/// A request with its steps, oldest first.
#[derive(Debug, Clone)]
pub struct Thread {
    pub request: TalkRequest,
    pub steps: Vec<Step>,
}

impl Thread {
    pub fn status(&self) -> Status {
        let has = |k: StepKind| self.steps.iter().any(|s| s.kind == k);
        if has(StepKind::Withdrawn) {
            Status::Withdrawn
        } else if has(StepKind::Outcome) {
            Status::Done
        } else if has(StepKind::Plan) {
            Status::Planned
        } else {
            Status::Open
        }
    }

    pub fn is_active(&self) -> bool {
        matches!(self.status(), Status::Open | Status::Planned)
    }

    /// A call for help now that nobody has answered yet: it comes before everything else.
    pub fn calls_for_help_now(&self) -> bool {
        self.request.wish == Wish::HelpNow && self.status() == Status::Open
    }

    /// The latest time the other answered with.
    pub fn plan(&self) -> Option<&Step> {
        self.steps.iter().rev().find(|s| s.kind == StepKind::Plan)
    }

    pub fn outcome_of(&self, member: &MemberId) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.kind == StepKind::Outcome && &s.author_id == member)
    }
}

/// The bond's requests with their steps, newest first.
pub async fn threads(
    h: &mut impl Handle,
    access: &BondAccess,
    limit: i64,
) -> AppResult<Vec<Thread>> {
    let requests = visible::<TalkRequest>(access).limit(limit).list(h).await?;
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    let oldest = requests.last().map(|r| r.created_at).unwrap_or_else(now);
    let steps = visible::<Step>(access)
        .filter(col!("created_at").at_least(Bind::Time(oldest)))
        .order_by("created_at ASC, id ASC")
        .limit(limit * 8)
        .list(h)
        .await?;
    let mut threads: Vec<Thread> = requests
        .into_iter()
        .map(|request| Thread {
            steps: steps
                .iter()
                .filter(|s| s.request_id == request.id)
                .cloned()
                .collect(),
            request,
        })
        .collect();
    // Calls for help now first, the rest newest first as they came.
    threads.sort_by_key(|t| !t.calls_for_help_now());
    Ok(threads)
}

/// The requests still open or planned: what Today shows.
pub async fn active(h: &mut impl Handle, access: &BondAccess) -> AppResult<Vec<Thread>> {
    Ok(threads(h, access, 20)
        .await?
        .into_iter()
        .filter(Thread::is_active)
        .collect())
}

pub async fn thread(h: &mut impl Handle, access: &BondAccess, id: &str) -> AppResult<Thread> {
    let request = visible::<TalkRequest>(access).get(h, id).await?;
    let steps = visible::<Step>(access)
        .filter(col!("request_id").eq(Bind::Text(id.to_owned())))
        .order_by("created_at ASC, id ASC")
        .list(h)
        .await?;
    Ok(Thread { request, steps })
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct RequestForm {
    pub topic: String,
    pub wish: String,
    pub setting: String,
    pub urgency: String,
}

pub struct NewRequest {
    topic: String,
    wish: Wish,
    setting: TalkSetting,
    urgency: Urgency,
}

impl RequestForm {
    pub fn validate(&self, errors: &mut FieldErrors) -> Option<NewRequest> {
        let topic = errors.take(
            "topic",
            line(&self.topic, Key("field-the-topic"), 0, TOPIC_MAX),
        );
        let wish = Wish::parse(self.wish.trim());
        if wish.is_none() {
            errors.add("wish", Msg::new("talk-choose-what-would-like"));
        }
        let setting = TalkSetting::parse(self.setting.trim());
        if setting.is_none() {
            errors.add("setting", Msg::new("talk-choose-how-would-like"));
        }
        let urgency = match self.urgency.trim() {
            "" => Some(Urgency::Whenever),
            u => Urgency::parse(u),
        };
        if urgency.is_none() {
            errors.add("urgency", Msg::new("talk-choose-how-soon"));
        }
        errors.is_empty().then_some(())?;
        Some(NewRequest {
            topic,
            wish: wish?,
            setting: setting?,
            urgency: urgency?,
        })
    }
}

/// The mail to the other of a request for help now, in the other's language.
#[derive(Template)]
#[template(path = "mail/talk_request.txt")]
struct HelpNowMail<'a> {
    tr: Tr,
    to: &'a str,
    from: &'a str,
    link: &'a str,
}

/// Writes a request; a request for help now is mailed to the other at once (with no topic:
/// that stays behind the login).
pub async fn create(
    h: &mut impl Handle,
    access: &BondAccess,
    made_together: bool,
    r: &NewRequest,
    link: &str,
) -> AppResult<String> {
    let id = new_id();
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO talk_requests (id, bond_id, author_id, visibility, made_together, topic, wish, setting, urgency, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7, $8, $9)"
    )
    .bind(&id)
    .bind(access.id())
    .bind(access.me())
    .bind(made_together)
    .bind(&r.topic)
    .bind(r.wish)
    .bind(r.setting)
    .bind(r.urgency)
    .bind(now())
    .execute(c)
    .await
    })?;
    let partner = access.partner();
    if r.wish == Wish::HelpNow
        && let Some(account_id) = &partner.account_id
        && let Some(email) = account::email_of(h, account_id).await?
    {
        let me = access.bond().partner_of(&partner.id);
        let letter = Mail::compose(
            MailKind::TalkRequest,
            &email,
            &HelpNowMail {
                tr: Tr::for_member(partner),
                to: &partner.display_name,
                from: &me.display_name,
                link,
            },
        )?
        .in_family(Some(partner.family_id.clone()))
        .from_member(access.me());
        mail::queue(h, letter).await?;
    }
    let kind = match r.wish {
        Wish::HelpNow => EventKind::TalkHelpNow,
        _ => EventKind::TalkAsked,
    };
    let asked = NewEvent {
        kind,
        subject: id.clone(),
        title: String::new(),
        link: requests_path(access),
    };
    events::tell(h, access, asked).await?;
    Ok(id)
}

async fn add_step(
    h: &mut impl Handle,
    access: &BondAccess,
    request: &str,
    kind: StepKind,
    body: &str,
) -> AppResult<()> {
    db_exec!(h, |c| {
        sqlx::query(
        "INSERT INTO talk_request_steps (id, bond_id, author_id, visibility, request_id, kind, body, created_at)
         VALUES ($1, $2, $3, 'shared', $4, $5, $6, $7)"
    )
    .bind(new_id())
    .bind(access.id())
    .bind(access.me())
    .bind(request)
    .bind(kind)
    .bind(body)
    .bind(now())
    .execute(c)
    .await
    })?;
    Ok(())
}

/// The other answers with a time ("tonight after dinner"); answering again moves it.
pub async fn plan(
    h: &mut impl Handle,
    access: &BondAccess,
    t: &Thread,
    when: &str,
) -> AppResult<()> {
    if &t.request.author_id == access.me() {
        return Err(AppError::Forbidden(Msg::new("talk-time-other-one-suggest")));
    }
    if !t.is_active() {
        return Err(AppError::Conflict(Msg::new("talk-already-closed")));
    }
    add_step(h, access, &t.request.id, StepKind::Plan, when).await?;
    let suggested = NewEvent {
        kind: EventKind::TalkTimeSuggested,
        subject: t.request.id.clone(),
        title: when.to_owned(),
        link: requests_path(access),
    };
    events::tell(h, access, suggested).await?;
    let asked = [EventKind::TalkAsked, EventKind::TalkHelpNow];
    events::seen(h, access, &asked, About::Is(&t.request.id)).await
}

/// "How did it go", once from each; the first closes the request.
pub async fn outcome(
    h: &mut impl Handle,
    access: &BondAccess,
    t: &Thread,
    how: &str,
) -> AppResult<()> {
    if t.status() == Status::Withdrawn {
        return Err(AppError::Conflict(Msg::new("talk-request-withdrawn")));
    }
    if t.outcome_of(access.me()).is_some() {
        return Err(AppError::Conflict(Msg::new("talk-have-already-said-how")));
    }
    add_step(h, access, &t.request.id, StepKind::Outcome, how).await
}

/// The one who asked takes it back, while it is still open or planned.
pub async fn withdraw(h: &mut impl Handle, access: &BondAccess, t: &Thread) -> AppResult<()> {
    if &t.request.author_id != access.me() {
        return Err(AppError::Forbidden(Msg::new("talk-only-one-who-asked")));
    }
    if !t.is_active() {
        return Err(AppError::Conflict(Msg::new("talk-already-closed")));
    }
    add_step(h, access, &t.request.id, StepKind::Withdrawn, "").await?;
    // What asked for their time is taken back; that it was is news of its own.
    for kind in [EventKind::TalkAsked, EventKind::TalkHelpNow] {
        events::withdraw(h, access, kind, events::About::Is(&t.request.id)).await?;
    }
    let withdrawn = NewEvent {
        kind: EventKind::TalkWithdrawn,
        subject: t.request.id.clone(),
        title: String::new(),
        link: requests_path(access),
    };
    events::tell(h, access, withdrawn).await
}

/// What the other is told of requests: the requests page shows all of it.
pub const TOLD: [EventKind; 4] = [
    EventKind::TalkAsked,
    EventKind::TalkHelpNow,
    EventKind::TalkTimeSuggested,
    EventKind::TalkWithdrawn,
];

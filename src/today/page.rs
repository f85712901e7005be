use askama::Template;
use axum::{extract::State, response::Response};
use chrono::Duration;

use crate::{
    app::AppState,
    auth::Viewer,
    col,
    error::AppResult,
    events,
    family::{Invitation, Member, Role, members_and_pending, pending_invitations},
    feelings::{
        Checkin, faces, reciprocity,
        vocabulary::{Feeling, Quadrant},
    },
    i18n::Tr,
    notes::Note,
    plans::{self, Occurrence, view::Times},
    privacy::{Bind, BondAccess, visible},
    reminders,
    talk::{
        daily::{self, Day, Turn},
        requests::{self, Thread},
    },
    web::page::{Layout, Section, ok},
};

/// One bond as Today shows it: the partner's latest notes and shared check-ins, and whether
/// the viewer is invited to share back this week.
pub struct BondCard {
    pub access: BondAccess,
    /// Today's question of the bond, in the viewer's day.
    pub question: Day,
    /// Requests to talk that are still open or planned.
    pub talks: Vec<Thread>,
    pub from_partner: Vec<Note>,
    pub feelings: Vec<Checkin>,
    pub invited: bool,
    /// The next times together, in the viewer's own zone.
    pub coming: Vec<(Occurrence, Times)>,
    /// For a little one checking in with his mother: faces to point at, not the grid.
    pub faces: Vec<(&'static Feeling, String)>,
}

impl BondCard {
    pub fn wording(&self, role: &Role) -> String {
        self.question
            .question()
            .map(|q| q.for_reader(*role, self.access.bond()))
            .unwrap_or_default()
    }

    pub fn my_turn(&self) -> Option<Turn> {
        self.question.turn_of(&self.access, self.access.me())
    }

    pub fn their_turn(&self) -> Option<Turn> {
        self.question
            .turn_of(&self.access, &self.access.partner().id)
    }

    pub fn quadrants(&self) -> &'static [Quadrant] {
        &Quadrant::SHOWN
    }
}

/// How far ahead Today lists times together, and how many.
const COMING_DAYS: i64 = 7;
const COMING_SHOWN: usize = 3;

/// How far back Today looks for the partner's check-ins.
const FEELINGS_DAYS: i64 = 7;

/// The single most useful thing to do next.
pub enum FirstStep {
    AddSon,
    InviteMother,
    InviteSon(Member),
    /// The address of the notes of their first bond.
    WriteNote(String),
}

#[derive(Template)]
#[template(path = "today/today.html")]
struct TodayPage {
    layout: Layout,
    me: Member,
    family_name: String,
    members: Vec<Member>,
    bonds: Vec<BondCard>,
    invitations: Vec<Invitation>,
    first_step: Option<FirstStep>,
    /// Reminders delivered in the app, for the signed-in member.
    reminders: Vec<reminders::Shown>,
    /// What the other members did that waits for the reader (see [`crate::events`]).
    news: Vec<events::NewsLine>,
}

impl TodayPage {
    fn written_on(&self, note: &Note) -> String {
        note.written_on(&self.layout.tr, self.layout.tz)
    }
}

#[derive(Template)]
#[template(path = "today/welcome.html")]
struct WelcomePage {
    layout: Layout,
}

pub async fn show(State(state): State<AppState>, viewer: Option<Viewer>) -> AppResult<Response> {
    let Some(viewer) = viewer else {
        return Ok(ok(&WelcomePage {
            layout: Layout::visitor(Tr::current().t("welcome-title"), Section::Today),
        }));
    };
    let mut conn = state.db.conn().await?;
    let family_id = &viewer.member.family_id;
    let (members, any_pending) = members_and_pending(&mut conn, family_id).await?;
    let invitations = if any_pending {
        pending_invitations(&mut conn, family_id).await?
    } else {
        Vec::new()
    };
    let reminders = reminders::for_today(&mut conn, &viewer.member, &members).await?;
    let accesses = BondAccess::all_among(&viewer, &members);
    let bond_ids: Vec<_> = accesses.iter().map(|a| a.id().clone()).collect();
    let news =
        events::for_today(&mut conn, &viewer.tr, viewer.actor(), &bond_ids, &members).await?;
    let mut cards = Vec::new();
    for access in accesses {
        // What she wrote with her young son in together mode is not news from him: she was
        // there. It stays in the history of notes and feelings.
        let from_partner = visible::<Note>(&access)
            .theirs()
            .filter(col!("made_together").eq(Bind::Bool(false)))
            .limit(3)
            .list(&mut conn)
            .await?;
        let feelings = visible::<Checkin>(&access)
            .theirs()
            .filter(col!("made_together").eq(Bind::Bool(false)))
            .filter(
                col!("created_at")
                    .at_least(Bind::Time(access.now() - Duration::days(FEELINGS_DAYS))),
            )
            .limit(3)
            .list(&mut conn)
            .await?;
        // An invitation only follows a share this week, so without a recent shared check-in
        // there is none to look up (one query less on most Today pages).
        let invited = !feelings.is_empty()
            && reciprocity::pending(&mut conn, &access, viewer.actor()).await?;
        let talks = requests::active(&mut conn, &access).await?;
        let question = daily::load(&mut conn, &access, daily::pair_day(&access)).await?;
        let now = access.now();
        let coming: Vec<(Occurrence, Times)> =
            plans::between(&mut conn, &access, now, now + Duration::days(COMING_DAYS))
                .await?
                .into_iter()
                .filter(|o| o.is_on())
                .take(COMING_SHOWN)
                .map(|o| {
                    let when = Times::of(viewer.actor().tz(), o.starts_at, o.ends_at);
                    (o, when)
                })
                .collect();
        cards.push((
            access,
            question,
            talks,
            from_partner,
            feelings,
            invited,
            coming,
        ));
    }
    // The first visit of the day draws the question in a transaction of its own, so this
    // page's connection goes back to the pool first: holding one while waiting for another
    // starves the pool under load.
    drop(conn);
    let mut bonds = Vec::with_capacity(cards.len());
    for (access, question, talks, from_partner, feelings, invited, coming) in cards {
        let question = match question {
            Some(drawn) => drawn,
            None => daily::of_day(&state.db, &access, daily::pair_day(&access)).await?,
        };
        bonds.push(BondCard {
            faces: faces::for_little(&access),
            access,
            question,
            talks,
            from_partner,
            feelings,
            invited,
            coming,
        });
    }
    let first_step = first_step(&viewer, &members, &bonds, &invitations);
    Ok(ok(&TodayPage {
        layout: Layout::member(viewer.tr.t("today-title-today"), Section::Today, &viewer),
        me: viewer.actor().clone(),
        family_name: viewer.family_name.clone(),
        members,
        bonds,
        invitations,
        first_step,
        reminders,
        news,
    }))
}

fn first_step(
    viewer: &Viewer,
    members: &[Member],
    bonds: &[BondCard],
    invitations: &[Invitation],
) -> Option<FirstStep> {
    let me = viewer.actor();
    if me.has_left() {
        return None;
    }
    let has = |role: Role| members.iter().any(|m| m.role == role && !m.has_left());
    let invited = |role: Role| {
        invitations
            .iter()
            .any(|i| i.role == role && i.member_id.is_none())
    };
    match me.role {
        Role::Mother if !has(Role::Son) && !invited(Role::Son) => Some(FirstStep::AddSon),
        Role::Son if !has(Role::Mother) && !invited(Role::Mother) => Some(FirstStep::InviteMother),
        _ => {
            if viewer.together_with().is_none() {
                // A son old enough for his own login, whose profile is still managed.
                let grown = members.iter().find(|m| {
                    m.role == Role::Son
                        && m.is_managed()
                        && m.age().is_some_and(|a| a >= 10)
                        && !invitations
                            .iter()
                            .any(|i| i.member_id.as_ref() == Some(&m.id))
                });
                if let (Role::Mother, Some(son)) = (me.role, grown) {
                    return Some(FirstStep::InviteSon(son.clone()));
                }
            }
            bonds
                .first()
                .map(|b| FirstStep::WriteNote(b.access.href("notes")))
        }
    }
}

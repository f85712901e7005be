//! The demo family's Together section, lived in for about six weeks: favourites on both sides
//! and an activity of Leo's own, interests with a few in common, a weekly goal, a Sunday
//! rhythm (one time cancelled, one moved), an escape room that happened and a hill still to
//! climb, and the memories of what they did, with drawn pictures (see `memories`).

mod memories;
mod pictures;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::{
    db::{Db, Handle},
    media::MediaStore,
    plans::{self, NewChange, NewPlan, Recurrence, goal, schedule},
    privacy::BondAccess,
    together::{
        activities::{
            self, favourites,
            own::{self, OwnForm},
        },
        interests::page as interests_page,
    },
    web::form::FieldErrors,
};

/// Minutes a week the two aim for.
const GOAL_MINUTES: i64 = 60;
/// How many weeks ago the Sunday rhythm began.
const RHYTHM_WEEKS: i64 = 6;

const LEO_FAVOURITES: &[&str] = &[
    "games-co-op-video-game",
    "adventure-escape-room",
    "learning-code-a-tiny-game",
];
const MAYA_FAVOURITES: &[&str] = &[
    "adventure-nearest-hill",
    "cooking-dumpling-folding",
    "adventure-escape-room",
];

/// Interests: tags of the list, then words of their own. Football, puzzles, food from far
/// away and card tricks (typed in different ways) are what the two share.
const LEO_INTERESTS: (&[&str], &[&str]) = (
    &[
        "football",
        "computers",
        "puzzles",
        "world-food",
        "space",
        "music",
    ],
    &["Robotics", "Card tricks"],
);
const MAYA_INTERESTS: (&[&str], &[&str]) = (
    &[
        "football",
        "puzzles",
        "world-food",
        "walking",
        "photography",
        "history",
    ],
    &["card tricks", "Sea swimming"],
);

/// The times the demo's memories are about, by occurrence key.
pub struct Lived {
    /// The first Sunday walk and the escape room: both reflected.
    pub first_walk: String,
    pub escape_room: String,
    /// The rainy walk: only Maya reflected, and the week went by.
    pub rainy_walk: String,
    /// Last Sunday's walk: Leo has reflected, Maya not yet.
    pub last_walk: String,
}

pub async fn create(
    db: &Db,
    media: &MediaStore,
    as_mother: &BondAccess,
    as_son: &BondAccess,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (access, ids) in [(as_son, LEO_FAVOURITES), (as_mother, MAYA_FAVOURITES)] {
        for id in ids {
            let known = activities::by_id(id).ok_or_else(|| anyhow::anyhow!("no activity {id}"))?;
            favourites::set(&mut tx, access, &known.id, true).await?;
        }
    }
    let own = own_activity(&mut tx, as_son).await?;
    for (access, (tags, words)) in [(as_son, LEO_INTERESTS), (as_mother, MAYA_INTERESTS)] {
        for tag in tags {
            interests_page::insert(&mut tx, access, false, Some(tag), None).await?;
        }
        for words in words {
            interests_page::insert(&mut tx, access, false, None, Some(words)).await?;
        }
    }
    goal::set(&mut tx, as_mother, false, Some(GOAL_MINUTES)).await?;
    let lived = plans(&mut tx, as_mother, as_son, &own).await?;
    tx.commit().await?;
    memories::create(db, media, as_mother, as_son, &lived).await
}

/// Leo's own activity, checked like the form checks it; returns its id.
async fn own_activity(h: &mut impl Handle, as_son: &BondAccess) -> anyhow::Result<String> {
    let form = OwnForm {
        title: "Bakery ranking walk".into(),
        category: "cooking".into(),
        minutes: "60".into(),
        cost: "low".into(),
        place: "outdoor".into(),
        energy: "low".into(),
        needs: "A small notebook\nA few coins each".into(),
        how: "Walk to a bakery neither of us has tried. Buy the same thing each and score it \
              out of ten without showing the other, then reveal both scores at once. The \
              notebook keeps the league table. On a skint week, rank something home-made."
            .into(),
        talk: "What would your perfect bakery sell?".into(),
    };
    let mut errors = FieldErrors::default();
    let activity = form
        .validate(&mut errors)
        .ok_or_else(|| anyhow::anyhow!("demo own activity: {errors:?}"))?;
    Ok(own::insert(h, as_son, false, &activity).await?)
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
}

/// The Sunday walks since six weeks ago (one cancelled by Leo, one moved by Maya), an escape
/// room four weeks ago and a hill to climb on the coming Saturday (or the next). Plans are written as history: the plan form
/// refuses the past, `plans::insert` does not.
async fn plans(
    h: &mut impl Handle,
    as_mother: &BondAccess,
    as_son: &BondAccess,
    own: &str,
) -> anyhow::Result<Lived> {
    // Weeks are his (the goal's rule); the two live in the same zone.
    let tz = as_son.bond().son.tz();
    let this_monday = goal::week_of(tz, as_son.now());
    let first_walk = at(
        this_monday - Duration::weeks(RHYTHM_WEEKS) + Duration::days(6),
        10,
    );
    let walks = NewPlan {
        activity_id: Some(own.into()),
        title: "Bakery ranking walk".into(),
        place: String::new(),
        tz,
        starts_local: first_walk,
        minutes: 60,
        recurrence: Recurrence::Weekly,
        until_day: None,
    };
    let walks = plans::insert(h, as_son, false, &walks).await?;
    let walk = |n: i64| schedule::key_of(&walks, first_walk + Duration::weeks(n));
    let cancel = NewChange::Cancel {
        occurrence: walk(3),
    };
    let note = "Tournament runs all Sunday, sorry! Next week's pastries are on me.";
    plans::change(h, as_son, &walks, &cancel, note).await?;
    let saturday = (first_walk + Duration::weeks(4) - Duration::days(1)).date();
    let moved = NewChange::Move {
        occurrence: walk(4),
        starts_local: at(saturday, 16),
        minutes: 60,
    };
    let note = "I'm working on Sunday morning. Saturday afternoon instead?";
    plans::change(h, as_mother, &walks, &moved, note).await?;

    let escape_start = at(this_monday - Duration::weeks(4) + Duration::days(5), 15);
    let escape = from_library(h, as_son, "adventure-escape-room", escape_start, "").await?;
    // A Saturday far enough ahead for the reminder the evening before.
    let mut hill_day = this_monday + Duration::days(5);
    while hill_day < as_son.bond().son.today() + Duration::days(3) {
        hill_day += Duration::weeks(1);
    }
    let place = "The bus stop by the park gate";
    from_library(
        h,
        as_mother,
        "adventure-nearest-hill",
        at(hill_day, 14),
        place,
    )
    .await?;
    Ok(Lived {
        first_walk: walk(0),
        escape_room: schedule::key_of(&escape, escape_start),
        rainy_walk: walk(1),
        last_walk: walk(5),
    })
}

/// A one-off plan of a library activity, with its title and time; returns the plan's id.
async fn from_library(
    h: &mut impl Handle,
    access: &BondAccess,
    activity_id: &str,
    starts_local: NaiveDateTime,
    place: &str,
) -> anyhow::Result<String> {
    let activity =
        activities::by_id(activity_id).ok_or_else(|| anyhow::anyhow!("no {activity_id}"))?;
    let plan = NewPlan {
        activity_id: Some(activity.id.clone()),
        title: activity.title.clone(),
        place: place.into(),
        tz: access.bond().son.tz(),
        starts_local,
        minutes: i64::from(activity.minutes),
        recurrence: Recurrence::Once,
        until_day: None,
    };
    Ok(plans::insert(h, access, false, &plan).await?)
}

//! The demo family's last two weeks of feelings: check-ins on both sides (some private), an
//! answer, both needs profiles and a calm-down try that helped, so every feelings page has
//! something to show.

use chrono::Duration;

use crate::{
    db::{Handle, now},
    feelings::{
        checkin::{self, CheckinForm},
        needs::{self, NeedsProfile},
        toolbox::{self, TryForm},
    },
    privacy::{Bind, BondAccess},
    talk::replies::{self, ReplyForm, UnderCheckin},
    web::form::FieldErrors,
};

/// (days ago, hour of the day, word, strength, need, note, shared)
type Entry = (
    i64,
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const LEO: &[Entry] = &[
    (
        12,
        19,
        "excited",
        "4",
        "",
        "Robotics club picked my design for the arm.",
        true,
    ),
    (10, 22, "tired", "", "", "", false),
    (
        8,
        18,
        "frustrated",
        "4",
        "space",
        "Lost the match. Don't want to talk about it yet.",
        true,
    ),
    (
        6,
        21,
        "worried",
        "3",
        "help",
        "Maths test on Friday.",
        false,
    ),
    (4, 17, "relieved", "", "", "", true),
    (2, 20, "proud", "4", "", "", true),
    (0, 8, "curious", "", "", "", false),
];

const MAYA: &[Entry] = &[
    (11, 21, "content", "", "", "", true),
    (
        9,
        22,
        "tired",
        "3",
        "together",
        "Long week. Film night?",
        true,
    ),
    (5, 13, "anxious", "2", "", "Deadline at work.", false),
    (
        3,
        20,
        "proud",
        "5",
        "",
        "Watching you explain the robot arm to Grandma.",
        true,
    ),
    (1, 9, "calm", "", "", "", true),
];

pub async fn create(
    h: &mut impl Handle,
    as_mother: &BondAccess,
    as_son: &BondAccess,
) -> anyhow::Result<()> {
    let mut answered = None;
    for (access, entries) in [(as_son, LEO), (as_mother, MAYA)] {
        for &(days, hour, word, strength, need, note, shared) in entries {
            let form = CheckinForm {
                feeling: word.into(),
                intensity: strength.into(),
                need: need.into(),
                note: note.into(),
                visibility: if shared { "shared" } else { "private" }.into(),
                ..Default::default()
            };
            let mut errors = FieldErrors::default();
            let new = form
                .validate(&access.partner().display_name, &mut errors)
                .ok_or_else(|| anyhow::anyhow!("demo check-in {word}: {errors:?}"))?;
            let today = now().date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
            let at = (today - Duration::days(days) + Duration::hours(hour)).and_utc();
            let id = checkin::insert(h, access, false, &new, at.min(now())).await?;
            if word == "frustrated" {
                answered = Some(id);
            }
        }
    }
    if let Some(id) = answered {
        for (body, reaction) in [
            (
                "Thank you for telling me. I'm around when you want to talk.",
                "",
            ),
            ("", "with-you"),
        ] {
            let form = ReplyForm {
                body: body.into(),
                reaction: reaction.into(),
            };
            let reply = form
                .validate(&mut FieldErrors::default())
                .ok_or_else(|| anyhow::anyhow!("demo answer"))?;
            let link = as_mother.href("feelings");
            replies::insert::<UnderCheckin>(h, as_mother, Bind::Text(id.clone()), &reply, link)
                .await?;
        }
    }
    let tried = TryForm {
        strategy: "breathe-square".into(),
        helped: "yes".into(),
        visibility: "private".into(),
    }
    .validate(&mut FieldErrors::default())
    .ok_or_else(|| anyhow::anyhow!("demo calm-down try"))?;
    toolbox::record(h, as_son, false, &tried).await?;
    let profiles = [
        (
            as_son,
            NeedsProfile {
                helps: "Music and a walk first, talking later.".into(),
                unhelpful: "Lots of questions straight away.".into(),
                comfort: "Sit with me. Pizza helps.".into(),
                signs: "I go quiet and stay in my room.".into(),
                ..Default::default()
            },
        ),
        (
            as_mother,
            NeedsProfile {
                helps: "A cup of tea and ten minutes on my own.".into(),
                unhelpful: "Being told not to worry.".into(),
                comfort: "A hug, or you making me laugh.".into(),
                signs: "I tidy everything and talk fast.".into(),
                ..Default::default()
            },
        ),
    ];
    for (access, profile) in profiles {
        needs::save(h, access, &profile, false).await?;
    }
    Ok(())
}

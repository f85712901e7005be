//! The demo family's talk: three past questions of the day (two answered by both and
//! revealed, one waiting for Maya), a few words under one of them, a talk Leo asked for with
//! the time Maya gave, and a repair with its agreement.

use chrono::Duration;

use crate::{
    db::Db,
    privacy::{Bind, BondAccess},
    talk::{
        daily,
        replies::{self, ReplyForm, UnderAnswers},
        requests::{self, RequestForm},
    },
    web::form::FieldErrors,
};

pub async fn create(db: &Db, as_mother: &BondAccess, as_son: &BondAccess) -> anyhow::Result<()> {
    let today = as_son.bond().son.today();
    let answers = [
        (
            3,
            Some("The trampoline park. I'd jump until I fell asleep."),
            Some("A rowing boat on the lake where I grew up."),
        ),
        (
            2,
            Some("That I'm good at fixing things. Gran's radio works again."),
            Some("That you notice when someone is left out."),
        ),
        (
            1,
            Some("Honestly? Being picked last. It doesn't matter now."),
            None,
        ),
    ];
    for (days_ago, his, hers) in answers {
        let day = today - Duration::days(days_ago);
        daily::of_day(db, as_son, day).await?;
        if let Some(text) = his {
            daily::answer(db, as_son, day, text, false).await?;
        }
        if let Some(text) = hers {
            daily::answer(db, as_mother, day, text, false).await?;
        }
    }
    let mut conn = db.conn().await?;
    let revealed = today - Duration::days(3);
    for (access, body, reaction) in [
        (as_mother, "Next time you go, I'm coming to watch.", ""),
        (as_son, "", "made-me-smile"),
    ] {
        let reply = ReplyForm {
            body: body.into(),
            reaction: reaction.into(),
        }
        .validate(&mut FieldErrors::default())
        .ok_or_else(|| anyhow::anyhow!("demo reply"))?;
        let link = access.href("talk");
        replies::insert::<UnderAnswers>(&mut conn, access, Bind::Date(revealed), &reply, link)
            .await?;
    }
    let asked = RequestForm {
        topic: "my idea for a weekend job".into(),
        wish: "decide".into(),
        setting: "side_by_side".into(),
        urgency: "this_week".into(),
    }
    .validate(&mut FieldErrors::default())
    .ok_or_else(|| anyhow::anyhow!("demo request"))?;
    let id = requests::create(&mut conn, as_son, false, &asked, "").await?;
    let thread = requests::thread(&mut conn, as_mother, &id).await?;
    requests::plan(
        &mut conn,
        as_mother,
        &thread,
        "Sunday, on the walk to the market",
    )
    .await?;
    Ok(())
}

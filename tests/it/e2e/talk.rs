//! The question of the day in the two browsers: the son answers first and waits; his mother
//! sees on Today that he has answered (never what), answers too, and both see both answers.

use thirtyfour::prelude::*;

use super::{Audit, click, expect, fill, follow, shot, submit, wait_text};
use crate::harness::{en, en_with};

pub async fn journey(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
) -> anyhow::Result<()> {
    let his = "I would fly to the top of the old lighthouse first.";
    let hers = "Back to the lake where I learned to swim.";

    son.goto(format!("{base}/talk")).await?;
    wait_text(son, "h1", &en("talk-day-heading-today")).await?;
    audit.check(son, "question of the day").await?;
    fill(son, "textarea#answer-body", his).await?;
    submit(son, "form[action$=\"/answer\"]").await?;
    expect(son, &["Waiting for Rosa", his]).await?;
    shot(son, "12-son-answered-and-waits.png").await?;

    // Rosa learns that he answered, not what.
    mother.goto(format!("{base}/")).await?;
    expect(mother, &["Tom has answered."]).await?;
    assert!(
        !mother.source().await?.contains(his),
        "his answer showed before hers"
    );
    follow(
        mother,
        By::XPath("//a[starts-with(normalize-space(.), 'Answer')]"),
    )
    .await?;
    wait_text(mother, "h1", &en("talk-day-heading-today")).await?;
    assert!(
        !mother.source().await?.contains(his),
        "his answer showed on her question page"
    );
    fill(mother, "textarea#answer-body", hers).await?;
    submit(mother, "form[action$=\"/answer\"]").await?;
    expect(mother, &[his, hers]).await?;
    audit.check(mother, "both answers revealed").await?;
    shot(mother, "13-mother-sees-both-answers.png").await?;

    // And Tom sees hers.
    son.goto(format!("{base}/talk")).await?;
    expect(son, &[his, hers]).await?;
    follow(son, By::LinkText("Past questions")).await?;
    expect(son, &[his, hers]).await?;
    audit.check(son, "past questions").await?;

    // He asks to talk, just to be listened to; she answers with a time from Today.
    follow(son, By::LinkText("Let's talk")).await?;
    fill(son, "input#topic", "the football team").await?;
    click(son, "input[name=wish][value=listen]").await?;
    audit.check(son, "talk requests").await?;
    submit(son, "form[action$=\"/talk/requests\"]").await?;
    expect(
        son,
        &[&en("talk-requests-open-heading"), "the football team"],
    )
    .await?;
    mother.goto(format!("{base}/")).await?;
    expect(mother, &["Tom would like to talk"]).await?;
    follow(mother, By::LinkText("Answer with a time")).await?;
    fill(mother, "input[name=body]", "Saturday morning, on the walk").await?;
    submit(mother, "form[action$=\"/plan\"]").await?;
    expect(mother, &["Saturday morning, on the walk"]).await?;
    son.goto(format!("{base}/")).await?;
    expect(son, &["Saturday morning, on the walk"]).await?;
    shot(son, "14-son-today-with-a-planned-talk.png").await?;
    // Her answer is news on his Today, with its own "got it", which takes it away.
    let told = en_with(
        "events-today-talk-time-suggested",
        &[
            ("name", "Rosa".into()),
            ("role", "mother".into()),
            ("title", "Saturday morning, on the walk".into()),
            ("count", 1.into()),
        ],
    );
    wait_text(son, ".news li a strong", &told).await?;
    audit.check(son, "news on Today").await?;
    let got_it = format!("//li[.//strong[normalize-space(.)=\"{told}\"]]//button");
    super::tap(son.query(By::XPath(got_it)).first().await?).await?;
    // Back on Today without that line (waiting for the page that follows the form).
    son.query(By::Css(".news li a strong"))
        .with_text(told.clone())
        .not_exists()
        .await?;

    // Conversation starters, and making up after a row.
    son.goto(format!("{base}/talk")).await?;
    follow(son, By::LinkText("Conversation starters")).await?;
    expect(son, &["Right now"]).await?;
    audit.check(son, "conversation starters").await?;
    follow(son, By::LinkText("Making up")).await?;
    fill(son, "input#about", "Shouting about the late bus").await?;
    submit(son, "form[action$=\"/talk/repairs\"]").await?;
    fill(son, "textarea#part-felt", "Stressed and then bad about it").await?;
    click(son, "input[name=share_felt]").await?;
    audit.check(son, "repair").await?;
    submit(son, "form[action$=\"/own\"]").await?;
    expect(son, &["Only the parts you ticked are shared."]).await?;
    Ok(())
}

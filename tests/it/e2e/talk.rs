//! The question of the day in the two browsers: the son answers first and waits; his mother
//! sees on Today that he has answered (never what), answers too, and both see both answers.

use thirtyfour::prelude::*;

use super::{Audit, expect, fill, follow, shot, submit, wait_text};

pub async fn journey(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
) -> anyhow::Result<()> {
    let his = "I would fly to the top of the old lighthouse first.";
    let hers = "Back to the lake where I learned to swim.";

    son.goto(format!("{base}/talk")).await?;
    wait_text(son, "h1", "Today's question").await?;
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
    wait_text(mother, "h1", "Today's question").await?;
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
    Ok(())
}

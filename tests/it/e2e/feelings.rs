//! The feelings journey in the two browsers of the main browser test: the son checks in with
//! three taps and shares, keeps another check-in to himself; his mother sees the shared one
//! on Today, answers it with a listening starter and a reaction, and both look at insights
//! and their guides.

use thirtyfour::prelude::*;

use super::{Audit, click, expect, fill, follow, shot, submit, value, wait_text};
use crate::harness::{en, en_with};

pub async fn journey(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
) -> anyhow::Result<()> {
    // Three taps: a part of the grid, a word, "Share with Rosa".
    son.goto(format!("{base}/feelings")).await?;
    wait_text(son, "h1", &en("feelings-home-heading")).await?;
    audit.check(son, "feelings home").await?;
    follow(son, By::Css("a.quadrant.q-stormy")).await?;
    let chip = son.query(By::Css("label.word-choice")).first().await?;
    let shared_word = chip.text().await?.trim().to_owned();
    audit.check(son, "check-in").await?;
    super::tap(chip).await?;
    shot(son, "08-son-picks-a-word.png").await?;
    follow(son, By::Css("button[name=visibility][value=shared]")).await?;
    expect(son, &["Saved and shared with Rosa", &shared_word]).await?;
    audit.check(son, "check-in saved").await?;
    shot(son, "08-son-checked-in-and-shared.png").await?;

    // One only for himself, with a note.
    son.goto(format!("{base}/feelings")).await?;
    follow(son, By::Css("a.quadrant.q-heavy")).await?;
    click(son, "label.word-choice input").await?;
    click(son, "details.more summary").await?;
    fill(son, "textarea#note", "Keep this between me and me").await?;
    follow(son, By::Css("button[name=visibility][value=private]")).await?;
    expect(son, &["Saved, just for you"]).await?;

    // Rosa sees the shared word on Today, never the private note.
    mother.goto(format!("{base}/")).await?;
    wait_text(mother, "h3", "Tom shared").await?;
    expect(mother, &[&shared_word]).await?;
    let leaked = mother.source().await?.contains("between me and me");
    assert!(
        !leaked,
        "the son's private check-in reached his mother's Today"
    );
    shot(mother, "09-mother-today-with-feeling.png").await?;
    audit.check(mother, "Today with a shared feeling").await?;

    // She answers: the ways to start are folded under the answer box; she opens them, and a
    // tap puts one into the answer (a little script); she finishes it.
    follow(mother, By::Css("ul.checkins a")).await?;
    click(mother, "details.starters summary").await?;
    let starter = mother
        .query(By::Css("button[data-starter]"))
        .first()
        .await?;
    let words = starter.attr("data-starter").await?.unwrap_or_default();
    starter.click().await?;
    let started = value(mother, "textarea#reply-body").await?;
    assert!(
        !words.is_empty() && started == words,
        "starter not inserted: {started:?}"
    );
    fill(
        mother,
        "textarea#reply-body",
        "It sounds like Friday is weighing on you. I'm here.",
    )
    .await?;
    audit.check(mother, "answer a check-in").await?;
    submit(mother, "form[action$=\"/replies\"]").await?;
    follow(mother, By::Css("fieldset.reactions button")).await?;
    expect(mother, &["Friday is weighing on you"]).await?;

    // Tom reads her answer under his check-in.
    son.goto(format!("{base}/feelings")).await?;
    follow(
        son,
        By::XPath(format!(
            "//ul[@class='checkins']//a[contains(., '{shared_word}')]"
        )),
    )
    .await?;
    expect(son, &["Friday is weighing on you", "Rosa"]).await?;

    // Insights for both; the guides (his own, and hers).
    son.goto(format!("{base}/feelings")).await?;
    follow(
        son,
        By::LinkText(en_with("feelings-nav-coaching", &[("side", "son".into())])),
    )
    .await?;
    wait_text(
        son,
        "h1",
        &en_with("feelings-son-guide-heading", &[("band", "teen".into())]),
    )
    .await?;
    audit.check(son, "his own guide").await?;
    son.goto(format!("{base}/feelings")).await?;
    follow(son, By::LinkText("Insights")).await?;
    wait_text(son, "h1", &en("feelings-insights-heading")).await?;
    audit.check(son, "insights").await?;
    shot(son, "10-son-insights.png").await?;
    mother.goto(format!("{base}/feelings")).await?;
    follow(mother, By::LinkText("Insights")).await?;
    let page = mother.source().await?;
    assert!(
        page.contains("<svg class=\"chart\""),
        "no chart on insights"
    );
    assert!(!page.contains("between me and me"));
    shot(mother, "11-mother-insights.png").await?;
    for (link, name) in [
        ("What helps us", "needs profile"),
        ("Calm-down toolbox", "toolbox"),
        ("Feelings words", "feelings words"),
        ("Emotion coaching", "emotion coaching"),
    ] {
        follow(mother, By::LinkText(link)).await?;
        audit.check(mother, name).await?;
    }
    Ok(())
}

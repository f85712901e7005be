//! The question of the day in the two browsers: the son answers first and waits; his mother
//! sees on Today that he has answered (never what), answers too, and both see both answers.
//! He asks to talk, once with time and once for help now, which she answers with one tap
//! from the top of Today. On another day, she skips a question he has answered only once
//! she has said she is sure.

use tandem::AppState;
use thirtyfour::prelude::*;

use super::{Audit, click, expect, fill, follow, frame, pseudo, shot, submit, wait_text};
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
    let told = time_suggested("Saturday morning, on the walk");
    wait_text(son, ".news li a strong", &told).await?;
    audit.check(son, "news on Today").await?;
    let got_it = format!("//li[.//strong[normalize-space(.)=\"{told}\"]]//button");
    follow(son, By::XPath(got_it)).await?;
    // Back on Today without that line. Only once the old page has gone: a query of a page
    // that is being left reads elements as they vanish.
    wait_text(son, "h1", &en("today-heading")).await?;
    for line in son.find_all(By::Css(".news li a strong")).await? {
        anyhow::ensure!(
            line.text().await? != told,
            "the news stays after its got it"
        );
    }

    help_now(mother, son, base, audit).await?;

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

/// The news on his Today that Rosa answered his request to talk with `title`.
fn time_suggested(title: &str) -> String {
    en_with(
        "events-today-talk-time-suggested",
        &[
            ("name", "Rosa".into()),
            ("role", "mother".into()),
            ("title", title.into()),
            ("count", 1.into()),
        ],
    )
}

/// He needs help now: the call comes first on her Today, she answers it with one tap, and he
/// sees that she is calling.
async fn help_now(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
) -> anyhow::Result<()> {
    son.goto(format!("{base}/talk")).await?;
    follow(son, By::LinkText("Let's talk")).await?;
    let requests = son.current_url().await?;
    let topic = "Locked out, phone at 5 %";
    fill(son, "input#topic", topic).await?;
    click(son, "input[name=wish][value=help_now]").await?;
    submit(son, "form[action$=\"/talk/requests\"]").await?;
    let asked = en_with("talk-request-mine-about", &[("topic", topic.into())]);
    wait_text(son, "li.request h3", &asked).await?;
    audit.check(son, "asked for help now").await?;

    mother.goto(format!("{base}/")).await?;
    let call = en_with("today-needs-help-now", &[("name", "Tom".into())]);
    let first: String = mother
        .execute(
            "const s = document.querySelector('main section');
             return s && s.classList.contains('urgent') ? s.querySelector('h2').textContent : '';",
            Vec::new(),
        )
        .await?
        .convert()?;
    anyhow::ensure!(
        first.trim() == call,
        "the call for help is not first on her Today: {first:?}"
    );
    audit.check(mother, "a call for help on Today").await?;
    frame::shot_390(mother, "14c-mother-today-call-for-help.png").await?;
    let calling = en("talk-request-calling-now");
    follow(
        mother,
        By::Css("main section.urgent form.calling-now button"),
    )
    .await?;
    // Her answer, on the page of their talks that the form leads to.
    let answered =
        format!("//li[contains(@class, 'request')]/p[@class='status'][contains(., '{calling}')]");
    mother.query(By::XPath(answered.clone())).first().await?;
    audit.check(mother, "a call for help answered").await?;
    mother.goto(format!("{base}/")).await?;
    wait_text(mother, "h1", &en("today-heading")).await?;
    let still = mother.find_all(By::Css("main section.urgent")).await?;
    anyhow::ensure!(
        still.is_empty(),
        "the call stays on her Today once answered"
    );

    // Tom sees at once that she is calling: news on Today, and the answer under his request.
    son.goto(format!("{base}/")).await?;
    wait_text(son, ".news li a strong", &time_suggested(&calling)).await?;
    frame::shot_390(son, "14d-son-today-mother-calling.png").await?;
    son.goto(requests.as_str()).await?;
    son.query(By::XPath(answered)).first().await?;
    audit.check(son, "his call for help answered").await?;
    Ok(())
}

/// A day later he answers first, and she would rather skip: the page asks first, since his
/// answer would stay unread by her for good; she confirms, and both see the skip. The clock
/// goes back after.
pub async fn skip_when_answered(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
    state: &AppState,
) -> anyhow::Result<()> {
    let day = chrono::Duration::days(1);
    state.clock.advance(day);
    let walked = skip_walk(mother, son, base, audit, state).await;
    state.clock.advance(-day);
    walked
}

async fn skip_walk(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
    state: &AppState,
) -> anyhow::Result<()> {
    let his = "The smell of the bakery on the corner, every time.";
    son.goto(format!("{base}/talk")).await?;
    fill(son, "textarea#answer-body", his).await?;
    submit(son, "form[action$=\"/answer\"]").await?;
    wait_text(son, ".answer.mine .note-body", his).await?;

    // Her bond with Tom, not the one with his little brother.
    let bond = pseudo::first_bond(state).await?;
    mother.goto(format!("{base}/bonds/{bond}/talk")).await?;
    wait_text(mother, "h1", &en("talk-day-heading-today")).await?;
    submit(mother, "form[action$=\"/skip\"]").await?;
    let sure = en_with("talk-day-skip-sure", &[("partner", "Tom".into())]);
    wait_text(mother, ".notice.confirm p", &sure).await?;
    audit.check(mother, "sure to skip").await?;
    frame::shot_390(mother, "53-mother-sure-to-skip.png").await?;
    submit(mother, ".notice.confirm form[action$=\"/skip\"]").await?;
    wait_text(mother, ".status", &en("talk-day-you-skipped")).await?;
    assert!(
        !mother.source().await?.contains(his),
        "his answer showed to her after she skipped"
    );
    audit.check(mother, "question skipped").await?;

    son.goto(format!("{base}/talk")).await?;
    let skipped = en_with("talk-day-partner-skipped", &[("partner", "Rosa".into())]);
    wait_text(son, ".status", &skipped).await?;
    audit.check(son, "his answer, skipped by her").await?;
    Ok(())
}

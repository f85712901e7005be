//! Together in the two browsers: Rosa (in Lisbon) finds a short cooking idea, stars it and
//! plans it for tomorrow; Tom (in Toronto) sees it on his overview and plans page and is
//! reminded of it, each in his own time; both tick the same interest. Then, once it has
//! happened (`remember`), each says how it was, and their memory book keeps it.
//!
//! Nobody can plan in the past or wait for the evening before in a test, so the clock is
//! moved on in storage: the plan is moved back to a few hours ago, and the reminders the app's
//! own jobs propose are made due at once.

mod remember;

use chrono::{DateTime, Days, Duration, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::{America::Toronto, Europe::Lisbon, Tz};
use tandem::{AppState, reminders::plans as reminders};
use thirtyfour::prelude::*;

use super::{Audit, choose, click, expect, fill, follow, shot, submit, value, wait_text};
use crate::harness::en;

pub async fn journey(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
    state: &AppState,
) -> anyhow::Result<()> {
    // Each sets the zone they live in, as anyone who moved would, and wants reminders at any
    // hour (the same time twice: no quiet hours), so that they come whenever the test runs.
    for (driver, zone) in [(mother, Lisbon), (son, Toronto)] {
        super::account::live_in(driver, base, zone, audit).await?;
        driver.goto(format!("{base}/settings/reminders")).await?;
        wait_text(driver, "h1", &en("reminders-settings-title")).await?;
        fill(driver, "input#quiet_start", "1000AM").await?;
        fill(driver, "input#quiet_end", "1000AM").await?;
        submit(driver, r#"form[action="/settings/reminders"]"#).await?;
        expect(driver, &[&en("reminders-settings-saved")]).await?;
        assert_eq!(value(driver, "input#quiet_end").await?, "10:00");
    }
    audit.check(son, "reminder settings").await?;

    // Rosa opens Together from the main navigation: the one bond, straight to its overview.
    mother.goto(format!("{base}/")).await?;
    follow(mother, main_nav("Together")).await?;
    wait_text(mother, "h1", "Together with Tom").await?;
    let together = format!("{base}{}", mother.current_url().await?.path());
    audit.check(mother, "Together overview").await?;

    // Something to cook in an hour at most.
    follow(mother, sub_nav("Find something to do")).await?;
    wait_text(mother, "h1", &en("together-activities-heading")).await?;
    audit.check(mother, "activities").await?;
    choose(mother, "select#category", "cooking").await?;
    fill(mother, "input#minutes", "60").await?;
    submit(mother, "form.filters").await?;
    let cards = mother
        .query(By::Css("li.activity-card"))
        .all_from_selector()
        .await?;
    anyhow::ensure!(!cards.is_empty(), "no cooking ideas of an hour at most");
    let mut found = Vec::new();
    for card in &cards {
        let title = card.find(By::Css("h3 a")).await?.text().await?;
        let facts = card
            .find(By::Css(".activity-facts li"))
            .await?
            .text()
            .await?;
        let minutes: i64 = facts.trim_end_matches(" min").parse()?;
        anyhow::ensure!(minutes <= 60, "{title} ({minutes} min) passed the filter");
        // As written, not as shown: the eyebrow is styled in capitals.
        let kind = card
            .find(By::Css(".eyebrow"))
            .await?
            .prop("textContent")
            .await?;
        let kind = kind.unwrap_or_default();
        anyhow::ensure!(kind.contains("Cooking and food"), "{title} is {kind:?}");
        found.push((title, minutes));
    }
    shot(mother, "15-mother-cooking-ideas.png").await?;
    let (title, minutes) = found.swap_remove(0);
    follow(mother, By::LinkText(&title)).await?;
    wait_text(mother, "h1", &title).await?;
    audit.check(mother, "an activity").await?;
    follow(mother, By::Css("button.star")).await?;
    let star = mother
        .query(By::Css("button.star[aria-pressed=true]"))
        .first()
        .await?;
    let label = star.prop("textContent").await?.unwrap_or_default();
    assert_eq!(label, format!("★ A favourite of yours: {title}"));

    // "Plan this": the form knows what and for how long, and offers tomorrow at ten in her
    // own time.
    follow(mother, By::LinkText("Plan this")).await?;
    wait_text(mother, "h1", &en("plans-new-heading")).await?;
    assert_eq!(value(mother, "input#title").await?, title, "not prefilled");
    let tomorrow = Utc::now().with_timezone(&Lisbon).date_naive() + Days::new(1);
    let planned = tomorrow.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default());
    let end = (planned + Duration::minutes(minutes))
        .format("%H:%M")
        .to_string();
    assert_eq!(value(mother, "input#date").await?, tomorrow.to_string());
    assert_eq!(value(mother, "input#start").await?, "10:00");
    assert_eq!(value(mother, "input#end").await?, end);
    audit.check(mother, "plan form").await?;
    fill(mother, "input#place", "Our kitchen, on a video call").await?;
    submit(mother, r#"form[action$="/plans/new"]"#).await?;
    wait_text(mother, "h1", "Plans").await?;
    let hers = seen_in(planned, Lisbon).format("%a %-d %b %Y, %H:%M");
    expect(
        mother,
        &[&title, &format!("{hers}–{end}</strong> your time")],
    )
    .await?;
    shot(mother, "16-mother-plans.png").await?;
    audit.check(mother, "plans").await?;

    // Tom sees it on his overview, with her star, and on his plans page: in Toronto time,
    // and Lisbon's too.
    son.goto(&together).await?;
    wait_text(son, "h1", "Together with Rosa").await?;
    let his = seen_in(planned, Toronto).format("%a %-d %b %Y, %H:%M");
    expect(
        son,
        &[
            &format!("{title}</strong> · {his}–"),
            "in Lisbon",
            "Rosa starred",
        ],
    )
    .await?;
    shot(son, "17-son-together-overview.png").await?;
    follow(son, sub_nav("Plans")).await?;
    wait_text(son, "h1", "Plans").await?;
    expect(son, &[&title, &format!("{his}–"), "in Lisbon"]).await?;
    shot(son, "18-son-plans-in-his-time.png").await?;

    // He subscribes from his calendar app: the link he is shown is a feed with the plan.
    follow(son, By::LinkText("Add to your calendar app")).await?;
    submit(son, r#"form[action$="/together/calendar"]"#).await?;
    let link = value(son, "input#feed-link").await?;
    audit.check(son, "calendar link").await?;
    let feed = fetch(son, &link).await?;
    // In Lisbon time, as planned: his calendar app shows it in his own.
    let summary = title.replace(',', "\\,").replace(';', "\\;");
    let start = planned.format("%Y%m%dT%H%M%S");
    let event = [
        format!("SUMMARY:{summary}"),
        format!("DTSTART;TZID=Europe/Lisbon:{start}"),
    ];
    let complete = feed.starts_with("BEGIN:VCALENDAR") && event.iter().all(|l| feed.contains(l));
    anyhow::ensure!(complete, "the feed lacks {event:?}:\n{feed}");

    // The evening before, Today reminds him, in his own time, and lists it as coming up.
    reminders_go_out(state).await?;
    son.goto(format!("{base}/")).await?;
    wait_text(son, "#reminders-heading", "Reminders").await?;
    let reminder = seen_in(planned, Toronto).format("%A %-d %B, %H:%M");
    let reminded = [
        format!("{title}</strong></a> with Rosa"),
        format!("{reminder}, your time"),
        format!("{title}</strong></a> · {his}–"),
    ];
    expect(son, &[&reminded[0], &reminded[1], &reminded[2]]).await?;
    shot(son, "19-son-today-reminder.png").await?;
    follow(son, By::Css("li.reminder button")).await?;

    // He loves cooking; once she ticks it too, it is what they both like.
    follow(son, main_nav("Together")).await?;
    follow(son, sub_nav("Interests")).await?;
    wait_text(son, "h1", &en("together-interests-heading")).await?;
    click(son, "input[name=tag][value=cooking]").await?;
    submit(son, r#"form[action$="/interests/tags"]"#).await?;
    wait_text(son, "h1", &en("together-interests-heading")).await?;
    audit.check(son, "interests").await?;
    mother.goto(format!("{together}/interests")).await?;
    click(mother, "input[name=tag][value=cooking]").await?;
    submit(mother, r#"form[action$="/interests/tags"]"#).await?;
    let both = "section[aria-labelledby=both-heading] .interest-chips li";
    wait_text(mother, both, "Cooking").await?;
    shot(mother, "20-mother-interests-shared.png").await?;

    // It happened a few hours ago; an hour after it ended, both are asked how it was.
    let happened = happened_earlier(state, &title).await?;
    reminders_go_out(state).await?;
    remember::journey(mother, son, base, audit, &together, &title, happened).await
}

/// Moves the plan called `title` (once, in Lisbon time) to three hours ago, straight in
/// storage; returns its new start.
async fn happened_earlier(state: &AppState, title: &str) -> anyhow::Result<NaiveDateTime> {
    use chrono::Timelike;
    let three_hours_ago = (Utc::now() - Duration::hours(3)).with_timezone(&Lisbon);
    let start = three_hours_ago.naive_local();
    let start = start
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(start);
    let at = seen_in(start, chrono_tz::UTC).with_timezone(&Utc);
    let mut conn = state.db.conn().await?;
    let moved = tandem::db_exec!(&mut conn, |c| {
        sqlx::query("UPDATE plans SET starts_local = $1, first_at = $2 WHERE title = $3")
            .bind(start)
            .bind(at)
            .bind(title)
            .execute(c)
            .await
    })?;
    anyhow::ensure!(moved == 1, "{moved} plans called {title:?}");
    Ok(start)
}

/// The hourly reminder sweep, with what it proposes delivered now instead of at its time (the
/// evening before, an hour after the end): the app's own jobs, on a clock moved on.
async fn reminders_go_out(state: &AppState) -> anyhow::Result<()> {
    reminders::sweep(&state.db, Utc::now()).await?;
    // The sweep schedules the delivery of what is overdue by half an hour.
    let overdue = Utc::now() - Duration::hours(1);
    let mut conn = state.db.conn().await?;
    tandem::db_exec!(&mut conn, |c| {
        sqlx::query("UPDATE nudges SET due_at = $1 WHERE delivery_id IS NULL AND due_at > $1")
            .bind(overdue)
            .execute(c)
            .await
    })?;
    drop(conn);
    reminders::sweep(&state.db, Utc::now()).await?;
    tandem::jobs::run_due(&state.worker("browser-test")).await?;
    Ok(())
}

/// A wall-clock time of Rosa's (the plan is in Lisbon time) as it is for someone in `zone`.
fn seen_in(local: NaiveDateTime, zone: Tz) -> DateTime<Tz> {
    tandem::plans::schedule::instant(Lisbon, local).with_timezone(&zone)
}

/// What the browser gets at `url` (same origin), as text.
async fn fetch(driver: &WebDriver, url: &str) -> anyhow::Result<String> {
    let script = "const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));";
    let text = driver
        .execute_async(script, vec![serde_json::json!(url)])
        .await?;
    Ok(text.convert()?)
}

/// A link of the main navigation.
fn main_nav(label: &str) -> By {
    By::XPath(format!(
        "//nav[@aria-label='Main']//a[normalize-space(.)='{label}']"
    ))
}

/// A link of Together's own navigation.
fn sub_nav(label: &str) -> By {
    By::XPath(format!(
        "//nav[@aria-label='Together']//a[normalize-space(.)='{label}']"
    ))
}

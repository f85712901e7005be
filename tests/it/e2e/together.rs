//! Together in the two browsers: Rosa (in Lisbon) finds a short cooking idea, stars it and
//! plans it for tomorrow; Tom (in Toronto) sees it in his own time, and both tick the same
//! interest. Once it has happened, each says how it was with a photo, blind until both have,
//! and the memory with both sides and both photos lands in their memory book.

use chrono::{DateTime, Days, Duration, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::{America::Toronto, Europe::Lisbon, Tz};
use tandem::db::Db;
use thirtyfour::{components::SelectElement, prelude::*};

use super::{Audit, click, expect, fill, follow, shot, submit, value, wait_text};

/// Hers and his, for the reflection: what each writes, and what the other must not see early.
const HER_HIGHLIGHT: &str = "Tom flipping the first pancake onto the ceiling.";
const HIS_HIGHLIGHT: &str = "Mum laughing so hard she had to sit on the floor.";

pub async fn journey(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
    db: &Db,
) -> anyhow::Result<()> {
    // Each sets the zone they live in, as anyone who moved would.
    live_in(mother, base, Lisbon).await?;
    live_in(son, base, Toronto).await?;

    // Rosa opens Together from the main navigation: the one bond, straight to its overview.
    mother.goto(format!("{base}/")).await?;
    follow(mother, main_nav("Together")).await?;
    wait_text(mother, "h1", "Together with Tom").await?;
    let together = format!("{base}{}", mother.current_url().await?.path());
    audit.check(mother, "Together overview").await?;

    // Something to cook in under an hour.
    follow(mother, sub_nav("Find something to do")).await?;
    wait_text(mother, "h1", "Find something to do").await?;
    audit.check(mother, "activities").await?;
    choose(mother, "select#category", "cooking").await?;
    fill(mother, "input#minutes", "60").await?;
    submit(mother, "form.filters").await?;
    let cards = mother
        .query(By::Css("li.activity-card"))
        .all_from_selector()
        .await?;
    anyhow::ensure!(!cards.is_empty(), "no cooking ideas up to an hour");
    for card in &cards {
        let facts = card
            .find(By::Css(".activity-facts li"))
            .await?
            .text()
            .await?;
        let minutes: u32 = facts.trim_end_matches(" min").parse()?;
        anyhow::ensure!(minutes <= 60, "a {minutes}-minute idea passed the filter");
        expect_text(card, ".eyebrow", "Cooking and food").await?;
    }
    shot(mother, "15-mother-cooking-ideas.png").await?;
    let title = cards[0].find(By::Css("h3 a")).await?.text().await?;
    let facts = cards[0].find(By::Css(".activity-facts li")).await?;
    let minutes: i64 = facts.text().await?.trim_end_matches(" min").parse()?;
    follow(mother, By::LinkText(&title)).await?;
    wait_text(mother, "h1", &title).await?;
    audit.check(mother, "an activity").await?;
    follow(mother, By::Css("button.star")).await?;
    let starred = mother
        .query(By::Css("button.star[aria-pressed=true]"))
        .first()
        .await?;
    let label = starred.prop("textContent").await?.unwrap_or_default();
    assert_eq!(label, format!("★ A favourite of yours: {title}"));

    // "Plan this": the form knows what and for how long, and offers tomorrow at ten in her
    // own time.
    follow(mother, By::LinkText("Plan this")).await?;
    wait_text(mother, "h1", "Plan something").await?;
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

    // Tom sees it on his overview and his plans page, in Toronto time, and Lisbon's too; and
    // that his mother starred it.
    son.goto(&together).await?;
    wait_text(son, "h1", "Together with Rosa").await?;
    let his = seen_in(planned, Toronto).format("%a %-d %b %Y, %H:%M");
    let coming = format!("{title}</strong> · {his}–");
    expect(son, &[&coming, "in Lisbon", "Rosa starred"]).await?;
    shot(son, "17-son-together-overview.png").await?;
    follow(son, sub_nav("Plans")).await?;
    wait_text(son, "h1", "Plans").await?;
    expect(son, &[&title, &format!("{his}–"), "in Lisbon"]).await?;
    shot(son, "18-son-plans-in-his-time.png").await?;

    // He loves cooking; once she ticks it too, it is what they both like.
    follow(son, sub_nav("Interests")).await?;
    wait_text(son, "h1", "Interests").await?;
    click(son, "input[name=tag][value=cooking]").await?;
    submit(son, r#"form[action$="/interests/tags"]"#).await?;
    wait_text(son, "h1", "Interests").await?;
    audit.check(son, "interests").await?;
    mother.goto(format!("{together}/interests")).await?;
    click(mother, "input[name=tag][value=cooking]").await?;
    submit(mother, r#"form[action$="/interests/tags"]"#).await?;
    let both = "section[aria-labelledby=both-heading] .interest-chips li";
    wait_text(mother, both, "Cooking").await?;
    shot(mother, "19-mother-interests-shared.png").await?;

    // The day after: a real user cannot plan in the past, so the clock is moved in storage.
    let happened = happened_yesterday(db, &title, planned).await?;
    let photos = tempfile::tempdir()?;

    // Rosa says how it was, from the overview's "How was it?".
    let long = "%A %-d %B %Y, %H:%M";
    let her_time = seen_in(happened, Lisbon).format(long).to_string();
    mother.goto(&together).await?;
    let her = reflect(mother, &title, &her_time, HER_HIGHLIGHT, &photos).await?;
    audit.check(mother, "reflection page").await?;
    expect(mother, &["Waiting for Tom", HER_HIGHLIGHT]).await?;
    let mine = photos_shown(mother, "article.perspective img").await?;
    anyhow::ensure!(mine.len() == 1, "her photo is not on her side: {mine:?}");
    shot(mother, "20-mother-reflected-and-waits.png").await?;

    // Tom learns that she has, never what, until he has too; he goes from the memory book.
    son.goto(&together).await?;
    expect(son, &["Rosa has written"]).await?;
    anyhow::ensure!(
        !son.source().await?.contains(HER_HIGHLIGHT),
        "her side leaked"
    );
    son.goto(format!("{together}/memories")).await?;
    expect(son, &["Rosa has reflected"]).await?;
    let his_time = seen_in(happened, Toronto).format(long).to_string();
    let his = reflect(son, &title, &his_time, HIS_HIGHLIGHT, &photos).await?;
    wait_text(son, "h1", &title).await?;
    expect(
        son,
        &[HER_HIGHLIGHT, HIS_HIGHLIGHT, "Rosa’s side", "Your side"],
    )
    .await?;
    expect(
        son,
        &[
            &format!("Felt:</strong> {her}"),
            &format!("Felt:</strong> {his}"),
        ],
    )
    .await?;
    let both_photos = photos_shown(son, ".perspectives img").await?;
    anyhow::ensure!(both_photos.len() == 2, "not both photos: {both_photos:?}");
    shot(son, "21-son-memory.png").await?;
    audit.check(son, "memory page").await?;

    // The memory book: the memory with its photos, for both of them.
    // The way back is an eyebrow, in capitals on screen: found by what it says.
    follow(son, By::XPath("//a[normalize-space(.)='Memory book']")).await?;
    wait_text(son, "h1", "Memory book").await?;
    let memory = format!("//ol[@class='timeline']//h2/a[normalize-space(.)='{title}']");
    son.query(By::XPath(&memory)).first().await?;
    let thumbs = photos_shown(son, "ol.timeline img").await?;
    anyhow::ensure!(thumbs.len() == 2, "the book lacks both photos: {thumbs:?}");
    shot(son, "22-son-memory-book.png").await?;
    audit.check(son, "memory book").await?;
    mother.goto(format!("{together}/memories")).await?;
    follow(mother, By::XPath(&memory)).await?;
    expect(mother, &[HER_HIGHLIGHT, HIS_HIGHLIGHT, "Tom’s side"]).await?;
    shot(mother, "23-mother-memory.png").await?;

    mother.goto(format!("{base}/settings/reminders")).await?;
    wait_text(mother, "h1", "Reminders").await?;
    audit.check(mother, "reminder settings").await?;
    Ok(())
}

/// Sets the member's time zone on the settings page.
async fn live_in(driver: &WebDriver, base: &str, zone: Tz) -> anyhow::Result<()> {
    driver.goto(format!("{base}/settings")).await?;
    choose(driver, "select#time_zone", zone.name()).await?;
    submit(driver, r#"form[action="/settings/profile"]"#).await?;
    driver.goto(format!("{base}/settings")).await?;
    assert_eq!(value(driver, "select#time_zone").await?, zone.name());
    Ok(())
}

/// From a page listing what waits for a reflection (the overview, the memory book), opens the
/// one on `title`, checks it says when it was in the member's own time, and sends a
/// highlight, something learned, the first feeling word and a fresh photo. Returns the word.
async fn reflect(
    driver: &WebDriver,
    title: &str,
    when: &str,
    highlight: &str,
    photos: &tempfile::TempDir,
) -> anyhow::Result<String> {
    let waiting = format!("//section[.//h2[.='How was it?']]//a[normalize-space(.)='{title}']");
    follow(driver, By::XPath(waiting)).await?;
    wait_text(driver, "h2", "How was it?").await?;
    expect(driver, &[when]).await?;
    let leaked = [HER_HIGHLIGHT, HIS_HIGHLIGHT]
        .into_iter()
        .find(|words| *words != highlight);
    let page = driver.source().await?;
    anyhow::ensure!(
        !leaked.is_some_and(|words| page.contains(words)),
        "the other side showed before this one was written"
    );
    fill(driver, "textarea#highlight", highlight).await?;
    fill(driver, "textarea#learned", "How patient we both can be.").await?;
    let feeling = driver.query(By::Css("select#feeling")).first().await?;
    let select = SelectElement::new(&feeling).await?;
    select.select_by_index(1).await?;
    let word = select.first_selected_option().await?.text().await?;
    let photo = photos.path().join(format!("{}.jpg", tandem::db::new_id()));
    sample_photo(&photo)?;
    let input = driver.query(By::Css("input#photos")).first().await?;
    input.send_keys(photo.to_string_lossy()).await?;
    submit(driver, r#"form[enctype="multipart/form-data"]"#).await?;
    Ok(word.trim().to_owned())
}

/// A small landscape JPEG, a gradient, as a phone would send (only smaller).
fn sample_photo(path: &std::path::Path) -> anyhow::Result<()> {
    let image = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 160])
    });
    image.save(path)?;
    Ok(())
}

/// The `src` of each image matching `css`, once every one has loaded, failing for an image
/// that did not load or that the app does not serve as a bond's photo.
async fn photos_shown(driver: &WebDriver, css: &str) -> anyhow::Result<Vec<String>> {
    let script = "const done = arguments[arguments.length - 1];
        const images = [...document.querySelectorAll(arguments[0])];
        Promise.all(images.map(i => { i.scrollIntoView(); return i.decode().catch(() => {}); }))
          .then(() => done(images.map(i => [i.getAttribute('src'), i.naturalWidth])));";
    let found: Vec<(String, u32)> = driver
        .execute_async(script, vec![serde_json::json!(css)])
        .await?
        .convert()?;
    for (src, width) in &found {
        anyhow::ensure!(width > &0, "the photo {src} did not load");
        let served = src.starts_with("/bonds/") && src.contains("/photos/");
        anyhow::ensure!(served, "{src} is not the app's photo route");
    }
    Ok(found.into_iter().map(|(src, _)| src).collect())
}

/// Moves the plan called `title` from `planned` (tomorrow, in Lisbon) to the same time
/// yesterday, straight in storage; returns that time.
async fn happened_yesterday(
    db: &Db,
    title: &str,
    planned: NaiveDateTime,
) -> anyhow::Result<NaiveDateTime> {
    let yesterday = planned - Duration::days(2);
    let at = seen_in(yesterday, chrono_tz::UTC).with_timezone(&Utc);
    let mut conn = db.conn().await?;
    let moved = tandem::db_exec!(&mut conn, |c| {
        sqlx::query("UPDATE plans SET starts_local = $1, first_at = $2 WHERE title = $3")
            .bind(yesterday)
            .bind(at)
            .bind(title)
            .execute(c)
            .await
    })?;
    anyhow::ensure!(moved == 1, "{moved} plans called {title:?}");
    Ok(yesterday)
}

/// A wall-clock time of Rosa's (the plan is in Lisbon time) as it is for someone in `zone`.
fn seen_in(local: NaiveDateTime, zone: Tz) -> DateTime<Tz> {
    tandem::together::plans::schedule::instant(Lisbon, local).with_timezone(&zone)
}

/// Picks `option` (its value) in a select.
async fn choose(driver: &WebDriver, css: &str, option: &str) -> WebDriverResult<()> {
    let select = driver.query(By::Css(css)).first().await?;
    SelectElement::new(&select)
        .await?
        .select_by_value(option)
        .await
}

/// Fails unless the element under `within` matching `css` says `text` (as written, not as
/// styled: eyebrows are shown in capitals).
async fn expect_text(within: &WebElement, css: &str, text: &str) -> anyhow::Result<()> {
    let element = within.find(By::Css(css)).await?;
    let found = element.prop("textContent").await?.unwrap_or_default();
    anyhow::ensure!(found.contains(text), "{found:?} lacks {text:?}");
    Ok(())
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

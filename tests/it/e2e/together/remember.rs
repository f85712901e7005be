//! After the plan: Rosa answers "How was it?" from Today, Tom from the memory book; neither
//! sees a word of the other's before writing their own; then the memory, with both sides and
//! both photos, is in the memory book of both.

use chrono::NaiveDateTime;
use chrono_tz::{America::Toronto, Europe::Lisbon};
use thirtyfour::{components::SelectElement, prelude::*};

use super::seen_in;
use crate::e2e::{Audit, expect, fill, follow, shot, submit, wait_text};
use crate::harness::en;

const HER_HIGHLIGHT: &str = "Tom flipping the first pancake onto the ceiling.";
const HIS_HIGHLIGHT: &str = "Mum laughing so hard she had to sit on the floor.";
/// How the reflection page says when it was.
const LONG: &str = "%A %-d %B %Y, %H:%M";

pub async fn journey(
    mother: &WebDriver,
    son: &WebDriver,
    base: &str,
    audit: &Audit,
    together: &str,
    title: &str,
    happened: NaiveDateTime,
) -> anyhow::Result<()> {
    let photos = tempfile::tempdir()?;

    // Rosa answers the invitation on Today.
    mother.goto(format!("{base}/")).await?;
    wait_text(mother, "#reminders-heading", "Reminders").await?;
    let asked = format!("//li[@class='reminder']//a[.='How was {title}?']");
    follow(mother, By::XPath(asked)).await?;
    audit.check(mother, "reflection page").await?;
    let when = seen_in(happened, Lisbon).format(LONG).to_string();
    let her = reflect(mother, &when, HER_HIGHLIGHT, &photos).await?;
    expect(mother, &["Waiting for Tom", HER_HIGHLIGHT]).await?;
    let mine = photos_shown(mother, "article.perspective img").await?;
    anyhow::ensure!(mine.len() == 1, "her photo is not on her side: {mine:?}");
    shot(mother, "21-mother-reflected-and-waits.png").await?;

    // Tom learns that she has, never what, until he has too: on the overview, and in the
    // memory book's "How was it?", where he goes from.
    son.goto(together).await?;
    expect(son, &["Rosa has written"]).await?;
    let leaked = son.source().await?.contains(HER_HIGHLIGHT);
    anyhow::ensure!(!leaked, "her side showed on his overview");
    son.goto(format!("{together}/memories")).await?;
    expect(son, &["Rosa has reflected"]).await?;
    let waiting = format!("//section[.//h2[.='How was it?']]//a[normalize-space(.)='{title}']");
    follow(son, By::XPath(waiting)).await?;
    let when = seen_in(happened, Toronto).format(LONG).to_string();
    let his = reflect(son, &when, HIS_HIGHLIGHT, &photos).await?;

    // Both sides at once, with both photos.
    wait_text(son, "h1", title).await?;
    let felt = [
        format!("Felt:</strong> {her}"),
        format!("Felt:</strong> {his}"),
    ];
    expect(
        son,
        &[HER_HIGHLIGHT, HIS_HIGHLIGHT, "Rosa’s side", "Your side"],
    )
    .await?;
    expect(son, &[&felt[0], &felt[1]]).await?;
    let both = photos_shown(son, ".perspectives img").await?;
    anyhow::ensure!(both.len() == 2, "not both photos: {both:?}");
    shot(son, "22-son-memory.png").await?;
    audit.check(son, "memory page").await?;

    // The memory book, for both. The way back is an eyebrow, in capitals on screen: it is
    // found by what it says.
    follow(son, By::XPath("//a[normalize-space(.)='Memory book']")).await?;
    wait_text(son, "h1", &en("memories-book")).await?;
    let memory = format!("//ol[@class='timeline']//h2/a[normalize-space(.)='{title}']");
    son.query(By::XPath(&memory)).first().await?;
    let thumbs = photos_shown(son, "ol.timeline img").await?;
    anyhow::ensure!(thumbs.len() == 2, "the book lacks both photos: {thumbs:?}");
    shot(son, "23-son-memory-book.png").await?;
    audit.check(son, "memory book").await?;
    mother.goto(format!("{together}/memories")).await?;
    follow(mother, By::XPath(&memory)).await?;
    // Of the kind of the activity it was planned from.
    expect(
        mother,
        &[
            HER_HIGHLIGHT,
            HIS_HIGHLIGHT,
            "Tom’s side",
            "· Cooking and food",
        ],
    )
    .await?;
    shot(mother, "24-mother-memory.png").await?;
    Ok(())
}

/// On the reflection page: checks it says `when` (in the member's own time) and shows nothing
/// of the other's side, then sends `highlight`, something learned, the first feeling word and
/// a fresh photo. Returns the word.
async fn reflect(
    driver: &WebDriver,
    when: &str,
    highlight: &str,
    photos: &tempfile::TempDir,
) -> anyhow::Result<String> {
    wait_text(driver, "h2", &en("memories-how-was-it")).await?;
    expect(driver, &[when]).await?;
    let page = driver.source().await?;
    let other = [HER_HIGHLIGHT, HIS_HIGHLIGHT]
        .into_iter()
        .find(|h| *h != highlight);
    let leaked = other.is_some_and(|words| page.contains(words));
    anyhow::ensure!(!leaked, "the other side showed before this one was written");
    fill(driver, "textarea#highlight", highlight).await?;
    fill(driver, "textarea#learned", "How patient we both can be.").await?;
    let feeling = driver.query(By::Css("select#feeling")).first().await?;
    let feeling = SelectElement::new(&feeling).await?;
    feeling.select_by_index(1).await?;
    let word = feeling.first_selected_option().await?.text().await?;
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
/// that did not load or that is not served by the app's photo route.
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
        anyhow::ensure!(*width > 0, "the photo {src} did not load");
        let route = src.starts_with("/bonds/") && src.contains("/photos/");
        anyhow::ensure!(route, "{src} is not the app's photo route");
    }
    Ok(found.into_iter().map(|(src, _)| src).collect())
}

//! The frame around every page, measured in the browser: on a small phone (360 × 640) each
//! member page's `<h1>` starts near the top, not under a tall header; on a desktop (1280 px)
//! the header is one row. Screenshots of Today and a section page at 390 and 1280 px land
//! beside the others, and the header's height at each width is printed for the record.

use serde_json::json;
use tandem::AppState;
use thirtyfour::prelude::*;

use super::{Audit, Cdp, PHONE, expect, fill, pseudo, shot, submit};

/// Where a page's first heading may start at the latest on a phone, in CSS pixels from the
/// top of the page: below it, a person sees the frame and little of the page.
const FOLD: f64 = 160.0;
/// A small phone, as the issue measured it.
const SMALL_PHONE: (u32, u32) = (360, 640);
/// A common larger phone, for the screenshots and the header's height.
const LARGE_PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 800);
/// A one-row header is one 44 px control and its padding; a second row would pass this.
const ONE_ROW: f64 = 80.0;

/// The top of the page's first content in `main`, from the top of the document (so a page
/// opened at an anchor measures the same as one opened at its top): its `<h1>`, or the
/// confirmation of what was just saved where one comes first; that is what the person looks
/// for after a form.
const HEADING_TOP: &str = "
    const first = document.querySelector('main h1') && document.querySelector('main .flash, main h1');
    return first ? first.getBoundingClientRect().top + window.scrollY : -1;";

/// The height of the header, and of the tab bar when it shows (0 when it does not).
const FRAME: &str = "
    const header = document.querySelector('.site-header').getBoundingClientRect().height;
    const bar = document.querySelector('.site-nav');
    const fixed = bar && getComputedStyle(bar).position === 'fixed';
    return [window.innerWidth, header,
            fixed ? bar.getBoundingClientRect().height : 0];";

/// A problem to report when the open page's heading starts too low (or is missing).
pub async fn heading_below_the_fold(driver: &WebDriver) -> anyhow::Result<Option<String>> {
    let top = content_top(driver).await?;
    Ok(if top < 0.0 {
        Some("no <h1> in <main>".to_owned())
    } else if top > FOLD {
        Some(format!("the <h1> starts at {top:.0} px, below {FOLD} px"))
    } else {
        None
    })
}

/// Where the open page's first content starts (see [`HEADING_TOP`]); -1 without an `<h1>`.
async fn content_top(driver: &WebDriver) -> anyhow::Result<f64> {
    Ok(driver.execute(HEADING_TOP, Vec::new()).await?.convert()?)
}

pub async fn journey(
    mother: &WebDriver,
    base: &str,
    state: &AppState,
    audit: &Audit,
) -> anyhow::Result<()> {
    let bond = pseudo::first_bond(state).await?;

    let mut problems = vec![];
    for path in pseudo::pages(state).await? {
        mother.goto(format!("{base}{path}")).await?;
        viewport(mother, SMALL_PHONE, true).await?;
        eprintln!(
            "{path} at {} px: content starts at {:.0} px",
            SMALL_PHONE.0,
            content_top(mother).await?
        );
        if let Some(problem) = heading_below_the_fold(mother).await? {
            problems.push(format!("{path} at {} px: {problem}", SMALL_PHONE.0));
        }
    }

    let section = format!("/bonds/{bond}/talk");
    for (size, mobile) in [(LARGE_PHONE, true), (DESKTOP, false)] {
        for (name, path) in [("today", "/"), ("talk", section.as_str())] {
            mother.goto(format!("{base}{path}")).await?;
            viewport(mother, size, mobile).await?;
            let (width, header, bar): (u32, f64, f64) =
                mother.execute(FRAME, Vec::new()).await?.convert()?;
            anyhow::ensure!(
                width == size.0,
                "{path}: laid out {width} px wide, not {}",
                size.0
            );
            eprintln!("frame at {width} px on {name}: header {header:.0} px, tab bar {bar:.0} px");
            if !mobile && header >= ONE_ROW {
                problems.push(format!(
                    "{path} at {width} px: the header is {header:.0} px tall, more than one row"
                ));
            }
            shot(mother, &format!("50-frame-{}-{name}.png", size.0)).await?;
        }
    }

    // Together mode with a young son adds its banner to every page: short on a phone, so the
    // page still starts near the top.
    mother.goto(format!("{base}/family")).await?;
    fill(mother, "#son-name", "Nico").await?;
    let year = chrono::Datelike::year(&chrono::Utc::now()) - 5;
    fill(mother, "#son-birth-date", &format!("0601{year}")).await?;
    submit(mother, r#"form[action="/family/sons"]"#).await?;
    // From now on every page's header offers together mode with him, and stays one row.
    for (size, mobile) in [(LARGE_PHONE, true), (DESKTOP, false)] {
        mother.goto(format!("{base}/settings")).await?;
        viewport(mother, size, mobile).await?;
        let (width, header, _): (u32, f64, f64) =
            mother.execute(FRAME, Vec::new()).await?.convert()?;
        eprintln!("frame at {width} px with the way into together mode: header {header:.0} px");
        if header >= ONE_ROW {
            problems.push(format!(
                "/settings at {width} px with the together offer: the header is {header:.0} px"
            ));
        }
        shot(mother, &format!("51-frame-together-offer-{}.png", size.0)).await?;
    }
    audit
        .check(mother, "the header's way into together mode")
        .await?;
    submit(mother, ".site-header .together-offer form").await?;
    for path in ["/", "/feelings"] {
        mother.goto(format!("{base}{path}")).await?;
        viewport(mother, SMALL_PHONE, true).await?;
        if let Some(problem) = heading_below_the_fold(mother).await? {
            problems.push(format!("{path} in together mode: {problem}"));
        }
    }
    shot(mother, "51-frame-together-mode-360.png").await?;
    audit.check(mother, "together mode").await?;
    viewport(mother, DESKTOP, false).await?;
    shot(mother, "51-frame-together-mode-1280.png").await?;
    // Together, a little one starts from faces on Today, and the question of the day takes
    // his answer and hers on one screen.
    viewport(mother, PHONE, true).await?;
    mother.goto(format!("{base}/")).await?;
    anyhow::ensure!(
        !mother
            .find_all(By::Css("ul.faces svg.face"))
            .await?
            .is_empty(),
        "no faces on Today for a little one"
    );
    mother.goto(format!("{base}/talk")).await?;
    let (his, hers) = ("A dinosaur tree!! With bananas.", "The sea, with you.");
    fill(mother, "textarea#answer-body", his).await?;
    fill(mother, "textarea#answer-hers", hers).await?;
    submit(mother, "form[action$=\"/answer\"]").await?;
    expect(mother, &[his, hers]).await?;
    audit.check(mother, "both answers, together").await?;
    shot(mother, "52-together-both-answers-390.png").await?;
    submit(mother, r#"form[action="/family/acting/stop"]"#).await?;

    viewport(mother, PHONE, true).await?;
    anyhow::ensure!(
        problems.is_empty(),
        "the frame takes too much room:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// A screenshot on a common larger phone (390 px wide), then back to the journey's phone.
pub async fn shot_390(driver: &WebDriver, name: &str) -> anyhow::Result<()> {
    viewport(driver, LARGE_PHONE, true).await?;
    let taken = shot(driver, name).await;
    viewport(driver, PHONE, true).await?;
    taken
}

/// Emulates a screen of `size` CSS pixels, a phone's (touch, mobile viewport) or a desktop's.
async fn viewport(driver: &WebDriver, size: (u32, u32), mobile: bool) -> anyhow::Result<()> {
    let params = json!({
        "width": size.0, "height": size.1, "deviceScaleFactor": 1, "mobile": mobile,
    });
    driver
        .cmd(Cdp("Emulation.setDeviceMetricsOverride", params))
        .await?;
    Ok(())
}

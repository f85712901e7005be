//! Longer words, same layout: the mother reads Tandem in the pseudo-language `en-XA` (every
//! message about 40 % longer, as in many languages) on a 360 px phone, and no page may grow
//! wider than the screen. A screenshot of each lands beside the others.

use serde_json::json;
use tandem::AppState;
use thirtyfour::prelude::*;

use super::{Cdp, shot};

/// The narrowest phone Tandem is made for.
const NARROW: (u32, u32) = (360, 780);

/// Pages of a member, `{bond}` standing for her bond's id.
const PAGES: &[&str] = &[
    "/",
    "/family",
    "/settings",
    "/settings/reminders",
    "/settings/support",
    "/outbox",
    "/bonds/{bond}/notes",
    "/bonds/{bond}/talk",
    "/bonds/{bond}/talk/history",
    "/bonds/{bond}/talk/starters",
    "/bonds/{bond}/talk/requests",
    "/bonds/{bond}/talk/repairs",
    "/bonds/{bond}/feelings",
    "/bonds/{bond}/feelings/check-in",
    "/bonds/{bond}/feelings/words",
    "/bonds/{bond}/feelings/insights",
    "/bonds/{bond}/feelings/toolbox",
    "/bonds/{bond}/feelings/needs",
    "/bonds/{bond}/together",
    "/bonds/{bond}/together/activities",
    "/bonds/{bond}/together/activities/new",
    "/bonds/{bond}/together/interests",
    "/bonds/{bond}/together/plans",
    "/bonds/{bond}/together/plans/new",
    "/bonds/{bond}/together/memories",
    "/bonds/{bond}/together/memories/new",
];

/// What stands out of the screen: the page's width, and the first elements past its edge.
const OVERFLOW: &str = "
    const width = window.innerWidth;
    const out = [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || '').trim().slice(0, 60)}`);
    return [document.documentElement.scrollWidth, width, out];";

pub async fn journey(mother: &WebDriver, base: &str, state: &AppState) -> anyhow::Result<()> {
    let mut conn = state.db.conn().await?;
    let bond: String = tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT id FROM bonds WHERE ended_at IS NULL ORDER BY created_at LIMIT 1"
    )
    .fetch_one(c)
    .await)?;
    tandem::db_exec!(&mut conn, |c| sqlx::query(
        "UPDATE members SET language = 'en-XA'"
    )
    .execute(c)
    .await)?;
    drop(conn);
    let metrics = json!({
        "width": NARROW.0, "height": NARROW.1, "deviceScaleFactor": 1, "mobile": true
    });
    mother
        .cmd(Cdp("Emulation.setDeviceMetricsOverride", metrics))
        .await?;

    let mut too_wide = vec![];
    for (n, page) in PAGES.iter().enumerate() {
        let path = page.replace("{bond}", &bond);
        mother.goto(format!("{base}{path}")).await?;
        let lang = mother.find(By::Tag("html")).await?.attr("lang").await?;
        anyhow::ensure!(lang.as_deref() == Some("en-XA"), "{path} is not in en-XA");
        let (page_width, screen, out): (u32, u32, Vec<String>) =
            mother.execute(OVERFLOW, Vec::new()).await?.convert()?;
        if page_width > screen {
            too_wide.push(format!("{path}: {page_width} px on {screen} px: {out:?}"));
        }
        shot(mother, &format!("40-pseudo-{n:02}.png")).await?;
    }

    // Back to English and the usual phone, for whatever comes after.
    let mut conn = state.db.conn().await?;
    tandem::db_exec!(&mut conn, |c| sqlx::query(
        "UPDATE members SET language = NULL"
    )
    .execute(c)
    .await)?;
    mother
        .cmd(Cdp("Emulation.clearDeviceMetricsOverride", json!({})))
        .await?;
    anyhow::ensure!(
        too_wide.is_empty(),
        "pages wider than a 360 px phone with longer words:\n{}",
        too_wide.join("\n")
    );
    Ok(())
}

//! Longer words, same layout: the mother reads Tandem in the pseudo-language `en-XA` (every
//! message about 40 % longer, as in many languages) on her 360 px phone, and no page may grow
//! wider than the screen. A screenshot of each lands beside the others.

use tandem::AppState;
use thirtyfour::prelude::*;

use super::{PHONE, shot};

/// Pages of a member, `{bond}` standing for her bond's id and `{note}` for a shared note with
/// a reply (see [`pages`]).
pub const PAGES: &[&str] = &[
    "/",
    "/family",
    "/settings",
    "/settings/reminders",
    "/settings/support",
    "/outbox",
    "/more",
    "/bonds/{bond}/notes",
    "/bonds/{bond}/notes/{note}",
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
/// Measured against the layout viewport (`clientWidth`, the phone's 360 px): a phone zooms
/// out to fit a page that is too wide, so `innerWidth` would grow with it.
const OVERFLOW: &str = "
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || '').trim().slice(0, 60)}`);
    return [document.documentElement.scrollWidth, width, out];";

pub async fn journey(mother: &WebDriver, base: &str, state: &AppState) -> anyhow::Result<()> {
    let pages = pages(state).await?;
    let mut conn = state.db.conn().await?;
    tandem::db_exec!(&mut conn, |c| sqlx::query(
        "UPDATE members SET language = 'en-XA'"
    )
    .execute(c)
    .await)?;
    drop(conn);

    let mut too_wide = vec![];
    for (n, path) in pages.iter().enumerate() {
        mother.goto(format!("{base}{path}")).await?;
        let lang = mother.find(By::Tag("html")).await?.attr("lang").await?;
        anyhow::ensure!(lang.as_deref() == Some("en-XA"), "{path} is not in en-XA");
        let (page_width, screen, out): (u32, u32, Vec<String>) =
            mother.execute(OVERFLOW, Vec::new()).await?.convert()?;
        anyhow::ensure!(screen == PHONE.0, "{path}: laid out {screen} px wide");
        if page_width > screen {
            too_wide.push(format!("{path}: {page_width} px on {screen} px: {out:?}"));
        }
        // What the script writes (the count under a text with a limit) is in the page's
        // language too.
        for counter in mother.find_all(By::Css("p.counter")).await? {
            let text = counter.text().await?;
            anyhow::ensure!(text.starts_with('⟦'), "{path}: the script wrote {text:?}");
        }
        shot(mother, &format!("40-pseudo-{n:02}.png")).await?;
    }

    // Back to English, for whatever comes after.
    let mut conn = state.db.conn().await?;
    tandem::db_exec!(&mut conn, |c| sqlx::query(
        "UPDATE members SET language = NULL"
    )
    .execute(c)
    .await)?;
    anyhow::ensure!(
        too_wide.is_empty(),
        "pages wider than a 360 px phone with longer words:\n{}",
        too_wide.join("\n")
    );
    Ok(())
}

/// [`PAGES`] with the journey's own ids in them: her bond with her son, and his first shared
/// note (which she has answered).
pub async fn pages(state: &AppState) -> anyhow::Result<Vec<String>> {
    let bond = first_bond(state).await?;
    let mut conn = state.db.conn().await?;
    let sql = "SELECT id FROM notes WHERE bond_id = $1 AND visibility = 'shared' \
               ORDER BY created_at LIMIT 1";
    let note: String = tandem::db_run!(&mut conn, |c| sqlx::query_scalar(sql)
        .bind(&bond)
        .fetch_one(c)
        .await)?;
    let page = |p: &&str| p.replace("{bond}", &bond).replace("{note}", &note);
    Ok(PAGES.iter().map(page).collect())
}

/// The id of the journey's first bond (the mother's with her son).
pub async fn first_bond(state: &AppState) -> anyhow::Result<String> {
    let mut conn = state.db.conn().await?;
    Ok(tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT id FROM bonds WHERE ended_at IS NULL ORDER BY created_at LIMIT 1"
    )
    .fetch_one(c)
    .await)?)
}

//! The forms of an account in the browser, where the page's own style or script changes them:
//! sign-up asks a birth date of a son only (hidden by the style for a mother), and the box the
//! script adds above the time zones narrows some four hundred of them to the city typed.

use chrono_tz::Tz;
use thirtyfour::prelude::*;

use super::{Audit, choose, click, fill, frame, submit, value, wait_text};
use crate::harness::en;

/// The zones the time-zone list shows: the script hides the others.
const SHOWN_ZONES: &str = "
    return [...document.querySelectorAll('select#time_zone option')]
      .filter(o => !o.hidden).map(o => o.value);";

/// On the open sign-up page: the birth date shows once "the son" is chosen and goes once "the
/// mother" is; she is chosen when this returns.
pub async fn birth_date_only_for_a_son(driver: &WebDriver, audit: &Audit) -> anyhow::Result<()> {
    wait_text(driver, "h1", &en("signup-heading")).await?;
    click(driver, "input[name=role][value=son]").await?;
    let birth_date = driver.query(By::Css("input#birth_date")).first().await?;
    anyhow::ensure!(
        birth_date.is_displayed().await?,
        "the birth date is hidden from a son signing up"
    );
    frame::shot_390(driver, "00-signup-as-a-son.png").await?;
    audit.check(driver, "sign-up as a son").await?;
    click(driver, "input[name=role][value=mother]").await?;
    anyhow::ensure!(
        !birth_date.is_displayed().await?,
        "a mother signing up is asked her birth date"
    );
    audit.check(driver, "sign-up as a mother").await?;
    Ok(())
}

/// Sets the zone the member of `driver` lives in, on Settings, as a person would among so
/// many: types the city into the finder, sees the list narrowed to it, picks it and saves;
/// the page after shows it chosen.
pub async fn live_in(
    driver: &WebDriver,
    base: &str,
    zone: Tz,
    audit: &Audit,
) -> anyhow::Result<()> {
    driver.goto(format!("{base}/settings")).await?;
    wait_text(driver, "h1", &en("settings-title")).await?;
    let before = value(driver, "select#time_zone").await?;
    let city = zone.name().rsplit('/').next().unwrap_or_default();
    fill(driver, "input#time_zone-find", &city.replace('_', " ")).await?;
    let shown: Vec<String> = driver.execute(SHOWN_ZONES, Vec::new()).await?.convert()?;
    // The zone chosen so far stays in the list, so that the select never shows a hidden one.
    let strays: Vec<&String> = shown
        .iter()
        .filter(|z| *z != zone.name() && **z != before)
        .collect();
    anyhow::ensure!(
        shown.iter().any(|z| z == zone.name()) && strays.is_empty(),
        "typing {city} left {shown:?} in the list"
    );
    // The one city left is chosen already.
    let chosen = value(driver, "select#time_zone").await?;
    anyhow::ensure!(chosen == zone.name(), "typing {city} chose {chosen}");
    frame::shot_390(driver, &format!("14z-settings-find-{city}.png")).await?;
    audit.check(driver, "time zone found").await?;
    choose(driver, "select#time_zone", zone.name()).await?;
    submit(driver, r#"form[action="/settings/profile"]"#).await?;
    wait_text(driver, ".flash", &en("settings-profile-saved")).await?;
    assert_eq!(value(driver, "select#time_zone").await?, zone.name());
    audit.check(driver, "profile saved").await?;
    Ok(())
}

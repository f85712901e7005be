//! Trust in the browser: a son's invitation into a family that has a mother is refused (his
//! page offers none, and a forged form is turned away), and after he logs out on a shared
//! device, Back shows none of his private check-in.

use std::time::Duration;

use thirtyfour::prelude::*;

use super::{Audit, click, expect, fill, follow, shot, submit, wait_text};
use crate::harness::en;

pub async fn journey(son: &WebDriver, base: &str, audit: &Audit) -> anyhow::Result<()> {
    // His family page has no invitation form: the family has a mother, so only she invites.
    son.goto(format!("{base}/family")).await?;
    wait_text(son, "h2", &en("family-members")).await?;
    let page = son.source().await?;
    assert!(
        !page.contains("Invite someone") && !page.contains("Invite your mother"),
        "a son of a family with a mother is offered an invitation"
    );
    // A form he makes himself (as a page of his could) is refused, and says why.
    son.execute(
        r#"const f = document.createElement('form');
           f.method = 'post'; f.action = '/family/invitations';
           for (const [k, v] of [['name', 'Made-up Mum'], ['role', 'mother']]) {
             const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v;
             f.appendChild(i);
           }
           document.body.appendChild(f); f.submit();"#,
        Vec::new(),
    )
    .await?;
    wait_text(son, "h1", &en("error-forbidden-title")).await?;
    expect(son, &["already has a mother"]).await?;
    shot(son, "30-son-invitation-refused.png").await?;
    audit.check(son, "a refused invitation").await?;
    son.goto(format!("{base}/family")).await?;
    let page = son.source().await?;
    assert!(
        !page.contains("Made-up Mum"),
        "the refused invitation was stored"
    );

    // The pages where he chooses his helplines and could leave the family (not sent).
    son.goto(format!("{base}/settings/support")).await?;
    audit.check(son, "support settings").await?;
    son.goto(format!("{base}/family/leave")).await?;
    wait_text(son, "h1", &en("family-title-leave-the-family")).await?;
    shot(son, "32-son-leave-page.png").await?;
    audit.check(son, "leave the family").await?;

    // A private check-in with a note, on a tablet the family shares.
    let secret = "Zqx only for me after school";
    son.goto(format!("{base}/feelings")).await?;
    follow(son, By::Css("a.quadrant.q-calm")).await?;
    click(son, "label.word-choice input").await?;
    click(son, "details.more summary").await?;
    fill(son, "textarea#note", secret).await?;
    follow(son, By::Css("button[name=visibility][value=private]")).await?;
    expect(son, &["Saved, just for you", secret]).await?;

    // He logs out from More, as on his phone; Back, to More and then to his check-in, must
    // not bring his page back from the browser's memory or cache.
    follow(son, By::Css(".tab-bar .more-tab a")).await?;
    wait_text(son, "h1", &en("nav-more")).await?;
    audit.check(son, "more").await?;
    shot(son, "30-son-more.png").await?;
    submit(son, r#"main form[action="/logout"]"#).await?;
    wait_text(son, "h1", &en("login-title")).await?;
    for step in ["more", "check-in"] {
        son.back().await?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        let after_back = son.source().await?;
        shot(son, &format!("31-son-back-to-{step}-after-logout.png")).await?;
        assert!(
            !after_back.contains(secret),
            "Back to {step} after logout showed his private check-in"
        );
    }
    Ok(())
}

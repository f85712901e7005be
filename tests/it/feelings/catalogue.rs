//! The feelings pages in the states they can be in, read in the pseudo-language: each word
//! comes from the catalogue (or is what the two typed, or content, or a helpline's data).
//! `tests/it/catalogue.rs` reads the first page of each; here are check-ins shared, kept,
//! answered, changed and refused, the card after the hardest words, the invitation to share
//! back and its mail, insights with check-ins over a week, a month and a year, the toolbox,
//! the needs profile and the support settings, and a little one's faces in together mode.

use super::*;
use crate::talk::catalogue::Reader;

/// What the tests of this file type in, which pages show as it is.
const TYPED: &[&str] = &[
    "Rosa",
    "Iker",
    "Tomás",
    "zqx a long day",
    "zqx glad to hear",
    "zqx music loud",
    "zqx a walk",
    "zqx-own",
];

async fn check_ins_speak_from_the_catalogue_at_every_step(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let mut reader = Reader::new(&app, TYPED, &[&mum, &son]).await;
    let home = format!("/bonds/{bond}/feelings");
    // Picking a part of the grid, then a word; a form sent without a word.
    reader
        .read(&son, &format!("{home}/check-in?quadrant=stormy"))
        .await;
    let refused = app
        .post(
            &son,
            &home,
            &[
                ("quadrant", "stormy"),
                ("intensity", "9"),
                ("visibility", "shared"),
            ],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a check-in without a word", &refused);
    let refused = app.post(&son, &home, &[("visibility", "shared")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a check-in without a part of the grid", &refused);
    // Shared with all its details; his own word, kept to himself.
    let shared = check_in(
        &app,
        &son,
        &bond,
        &[
            ("feeling", "nervous"),
            ("intensity", "3"),
            ("need", "heard"),
            ("note", "zqx a long day"),
            ("visibility", "shared"),
        ],
    )
    .await;
    let own = check_in(
        &app,
        &son,
        &bond,
        &[
            ("quadrant", "calm"),
            ("custom_word", "zqx-own"),
            ("visibility", "private"),
        ],
    )
    .await;
    app.run_jobs().await;
    reader.read(&son, &format!("{home}/{shared}?saved=1")).await;
    reader.read(&son, &format!("{home}/{own}?saved=1")).await;
    reader.read(&son, &format!("{home}/{own}/edit")).await;
    reader
        .read(&son, &format!("{home}/{own}/edit?quadrant=heavy"))
        .await;
    let refused = app
        .post(
            &son,
            &format!("{home}/{own}/edit"),
            &[("visibility", "sealed")],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a check-in changed to nothing", &refused);
    // She is invited to share back, by mail in her language and on her feelings page; she
    // answers his check-in.
    let invitations: Vec<_> = app
        .mail_to(&mum.email)
        .await
        .into_iter()
        .filter(|m| m.kind == MailKind::FeelingsInvitation)
        .collect();
    assert_eq!(invitations.len(), 1);
    reader.check_mail(&invitations[0]);
    reader.read(&mum, &home).await.assert_has("#invite-heading");
    let replies = format!("{home}/{shared}/replies");
    app.post(&mum, &replies, &[("body", "zqx glad to hear")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    reader.read(&mum, &format!("{home}/{shared}")).await;
    reader.read(&son, &format!("{home}/{shared}")).await;
    let refused = app.post(&mum, &replies, &[("body", "")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("an empty answer to a check-in", &refused);
    // The hardest word: the card, with and without a country; and the support settings.
    let hopeless = check_in(
        &app,
        &son,
        &bond,
        &[("feeling", "hopeless"), ("visibility", "private")],
    )
    .await;
    reader
        .read(&son, &format!("{home}/{hopeless}"))
        .await
        .assert_has("section.reach-out");
    app.post(&son, "/settings/support", &[("country", "GB")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    reader.read(&son, &format!("{home}/{hopeless}")).await;
    reader.read(&son, "/settings/support?saved=1").await;
    let refused = app
        .post(&son, "/settings/support", &[("country", "XX")])
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("an unknown country", &refused);
    // His home with his check-ins, and the coaching guide with her country's lines.
    reader.read(&son, &home).await;
    app.post(&mum, "/settings/support", &[("country", "AU")])
        .await;
    reader.read(&mum, &format!("{home}/coaching")).await;
    reader.assert_clean();
}
both_backends!(check_ins_speak_from_the_catalogue_at_every_step);

async fn insights_toolbox_and_needs_speak_from_the_catalogue(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let mut reader = Reader::new(&app, TYPED, &[&mum, &son]).await;
    let home = format!("/bonds/{bond}/feelings");
    for (feeling, visibility) in [("happy", "shared"), ("sad", "shared"), ("calm", "private")] {
        check_in(
            &app,
            &son,
            &bond,
            &[("feeling", feeling), ("visibility", visibility)],
        )
        .await;
    }
    app.run_jobs().await;
    // Tried and noted, so insights and check-ins show what helped.
    app.post(
        &son,
        &format!("{home}/toolbox"),
        &[
            ("strategy", "breathe-square"),
            ("helped", "yes"),
            ("visibility", "shared"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &son,
        &format!("{home}/toolbox"),
        &[("strategy", "breathe-square"), ("helped", "some")],
    )
    .await;
    reader
        .read(&son, &format!("{home}/toolbox?recorded=1"))
        .await;
    let refused = app
        .post(&son, &format!("{home}/toolbox"), &[("strategy", "nope")])
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a try of nothing", &refused);
    reader
        .read(&son, &format!("{home}/check-in?quadrant=heavy"))
        .await;
    for period in ["week", "month", "year"] {
        let insights = format!("{home}/insights?period={period}");
        reader.read(&son, &insights).await.assert_has("svg.chart");
        reader.read(&mum, &insights).await;
    }
    // The needs profile, saved, read by the other, refused when too long.
    let needs = format!("{home}/needs");
    app.post(&son, &needs, &[("helps", "zqx music loud")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    reader.read(&son, &format!("{needs}?saved=1")).await;
    reader.read(&mum, &needs).await;
    let refused = app.post(&mum, &needs, &[("helps", &"9".repeat(601))]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    reader.check("a needs profile too long", &refused);
    reader.read(&mum, &format!("{home}/words")).await;
    reader.assert_clean();
}
both_backends!(insights_toolbox_and_needs_speak_from_the_catalogue);

async fn a_little_ones_faces_speak_from_the_catalogue(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let son_id = member_id(&app, "Tomás").await;
    let bond = app.bond_ids(&mother).await.remove(0);
    let mut reader = Reader::new(&app, TYPED, &[&mother]).await;
    let home = format!("/bonds/{bond}/feelings");
    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // The together banner belongs to the frame, converted with it; the pages are his.
    reader.read(&mother, &home).await;
    reader
        .read(&mother, &format!("{home}/check-in?feeling=happy"))
        .await;
    reader.read(&mother, &format!("{home}/words")).await;
    reader.read(&mother, &format!("{home}/toolbox")).await;
    reader.read(&mother, &format!("{home}/needs")).await;
    reader.assert_clean();
}
both_backends!(a_little_ones_faces_speak_from_the_catalogue);

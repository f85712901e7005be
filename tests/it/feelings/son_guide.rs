//! The emotion-coaching guide is the mother's alone: it speaks about her son ("a change in
//! his face…"). At its address a son reads his own short guide, worded for his age, and no
//! page of the feelings section shows him a line of hers.

use tandem::{
    family::AgeBand,
    feelings::guides::{self, coaching},
};

use super::*;

/// Every sentence of the mother's guide that is about him: its steps and their scenes.
fn mothers_guide() -> Vec<&'static str> {
    coaching()
        .iter()
        .flat_map(|step| {
            [
                step.summary.as_str(),
                step.why.as_str(),
                step.avoid.as_str(),
            ]
            .into_iter()
            .chain(step.examples.all().map(|(_, text)| text))
        })
        .collect()
}

/// The words of a page, white space collapsed, as a reader meets them.
fn words(page: &Response) -> String {
    page.select("body").concat()
}

async fn a_son_never_reads_his_mothers_guide_and_gets_his_own(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let mut sons = Vec::new();
    for (name, age, band) in [("Iker", 8, AgeBand::Child), ("Leo", 16, AgeBand::Teen)] {
        let link = app
            .invite(&mother, &[("name", name), ("role", "son")])
            .await;
        let son = app.accept(&link, name, &born_years_ago(age)).await;
        let bond = app.bond_ids(&son).await.remove(0);
        sons.push((son, bond, band));
    }
    let hers = mothers_guide();
    for (son, bond, band) in &sons {
        let home = format!("/bonds/{bond}/feelings");
        let his = check_in(
            &app,
            son,
            bond,
            &[
                ("quadrant", "heavy"),
                ("feeling", "sad"),
                ("visibility", "shared"),
            ],
        )
        .await;
        let theirs = check_in(
            &app,
            &mother,
            bond,
            &[
                ("quadrant", "stormy"),
                ("feeling", "worried"),
                ("visibility", "shared"),
            ],
        )
        .await;
        let pages = [
            home.clone(),
            format!("{home}/check-in"),
            format!("{home}/needs"),
            format!("{home}/toolbox"),
            format!("{home}/words"),
            format!("{home}/coaching"),
            format!("{home}/insights"),
            format!("{home}/{his}"),
            format!("{home}/{theirs}"),
            "/".to_owned(),
        ];
        for path in &pages {
            let page = app.get(son, path).await;
            page.assert_status(StatusCode::OK);
            let read = words(&page);
            for sentence in &hers {
                assert!(
                    !read.contains(sentence),
                    "{band:?} reads his mother's guide on {path}: {sentence:?}"
                );
            }
            assert!(!read.contains(&en("feelings-coaching-heading")), "{path}");
        }
        // His own guide, at the same address, for his age only.
        let guide = app.get(son, &format!("{home}/coaching")).await;
        guide.assert_text(
            "h1",
            &en_with(
                "feelings-son-guide-heading",
                &[("band", band.as_str().into())],
            ),
        );
        let read = words(&guide);
        for part in guides::son_guide() {
            guide.assert_text("h2", part.title.get(band));
            assert!(read.contains(part.text.get(band)), "{band:?} {}", part.id);
            for (other, text) in part.text.all() {
                if other != *band {
                    assert!(!read.contains(text), "{band:?} reads the {other:?} text");
                }
            }
        }
        // The feelings links name it for him.
        guide.assert_text(
            "nav.tabs a",
            &en_with("feelings-nav-coaching", &[("side", "son".into())]),
        );
    }
    // She reads hers: the five steps and the scene for her son's age, none of his guide.
    let (_, bond, _) = &sons[1];
    let page = app
        .get(&mother, &format!("/bonds/{bond}/feelings/coaching"))
        .await;
    page.assert_status(StatusCode::OK)
        .assert_text("h1", &en("feelings-coaching-heading"))
        .assert_text(
            "nav.tabs a",
            &en_with("feelings-nav-coaching", &[("side", "mother".into())]),
        );
    let read = words(&page);
    for step in coaching() {
        page.assert_text("h2", &step.title);
        assert!(read.contains(&step.summary), "{}", step.id);
    }
    for part in guides::son_guide() {
        assert!(!read.contains(part.text.get(&AgeBand::Teen)), "{}", part.id);
    }
    app.run_jobs().await;
}
both_backends!(a_son_never_reads_his_mothers_guide_and_gets_his_own);

async fn beside_her_little_one_she_reads_his_guide_and_types_for_him_without_starters(
    app: TestApp,
) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let son_id = member_id(&app, "Tomás").await;
    let bond = app.bond_ids(&mother).await.remove(0);
    let home = format!("/bonds/{bond}/feelings");
    let hers = check_in(
        &app,
        &mother,
        &bond,
        &[
            ("quadrant", "heavy"),
            ("feeling", "tired"),
            ("visibility", "shared"),
        ],
    )
    .await;
    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // Acting as him: his guide, worded to be read to a little one, and none of hers.
    let guide = app.get(&mother, &format!("{home}/coaching")).await;
    guide
        .assert_status(StatusCode::OK)
        .assert_text(
            "h1",
            &en_with("feelings-son-guide-heading", &[("band", "little".into())]),
        )
        .assert_none("#more-heading");
    let read = words(&guide);
    assert!(mothers_guide().iter().all(|s| !read.contains(s)));
    for part in guides::son_guide() {
        assert!(
            read.contains(part.text.get(&AgeBand::Little)),
            "{}",
            part.id
        );
    }
    // He answers her check-in in his words, which she types: no starters to pick from.
    app.get(&mother, &format!("{home}/{hers}"))
        .await
        .assert_status(StatusCode::OK)
        .assert_has("#reply-body")
        .assert_none("details.starters");
    // On her own again, her guide.
    app.post(&mother, "/family/acting/stop", &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, &format!("{home}/coaching"))
        .await
        .assert_text("h1", &en("feelings-coaching-heading"));
    app.run_jobs().await;
}
both_backends!(beside_her_little_one_she_reads_his_guide_and_types_for_him_without_starters);

//! Who may join a family, and how members leave it: a mother is in charge of invitations and
//! managed profiles, a son may invite a mother only into a family without one, everyone is
//! told when someone joins, together mode stays in the acting mother's own bond, needs
//! profiles belong to a bond, and leaving, removing and ending a bond walk the data inventory.

use axum::http::StatusCode;

use crate::both_backends;
use crate::family::{born_years_ago, member_id};
use crate::harness::{BOND_HEADING, TestApp, en, en_with};
use crate::together::fixtures::{file, jpeg, photo_srcs};
use crate::together::{memories::add_memory, reflections};

/// The id of the bond of the two named members.
async fn bond_of(app: &TestApp, mother: &str, son: &str) -> String {
    let (mother, son) = (member_id(app, mother).await, member_id(app, son).await);
    tandem::family::BondId::for_pair(
        &tandem::family::MemberId(mother),
        &tandem::family::MemberId(son),
    )
    .to_string()
}

async fn pending_invitations(app: &TestApp) -> i64 {
    app.count("invitations WHERE used_at IS NULL AND revoked_at IS NULL")
        .await
}

async fn a_son_cannot_claim_his_brother_invite_adults_or_withdraw_his_mothers_invitations(
    app: TestApp,
) {
    let (mum, son, _) = app.mother_and_son(14).await;
    app.add_son(&mum, "Tomás", &born_years_ago(6)).await;
    let brother = member_id(&app, "Tomás").await;
    app.invite(&mum, &[("name", "Carmen"), ("role", "mother")])
        .await;
    assert_eq!(pending_invitations(&app).await, 1);

    for form in [
        vec![("member_id", brother.as_str())],
        vec![("name", "Fake Mum"), ("role", "mother")],
        vec![("name", "Pal"), ("role", "son")],
    ] {
        app.post(&son, "/family/invitations", &form)
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    assert_eq!(pending_invitations(&app).await, 1, "nothing was created");
    let page = app.get(&son, "/family").await;
    page.assert_no_text("h2", &en("family-invite-someone"))
        .assert_lacks("/revoke")
        .assert_none("#claim-heading");
    let invitation: String = {
        let mut conn = app.db().conn().await.unwrap();
        tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
            "SELECT id FROM invitations WHERE used_at IS NULL"
        )
        .fetch_one(c)
        .await)
        .unwrap()
    };
    app.post(
        &son,
        &format!("/family/invitations/{invitation}/revoke"),
        &[],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        pending_invitations(&app).await,
        1,
        "her invitation still waits"
    );
    app.post(
        &mum,
        &format!("/family/invitations/{invitation}/revoke"),
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(pending_invitations(&app).await, 0);
}
both_backends!(a_son_cannot_claim_his_brother_invite_adults_or_withdraw_his_mothers_invitations);

async fn a_son_alone_invites_one_mother_and_she_joins_only_by_accepting(app: TestApp) {
    let son = app.sign_up("son", "Malik", &born_years_ago(16)).await;
    app.get(&son, "/family")
        .await
        .assert_contains(&en("family-invite-mother"));
    let link = app
        .invite(&son, &[("name", "Amina"), ("role", "mother")])
        .await;
    // One waiting mother at a time; and never anyone else.
    app.post(
        &son,
        "/family/invitations",
        &[("name", "Other"), ("role", "mother")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("members").await,
        1,
        "nobody joins before accepting"
    );
    let mum = app.accept(&link, "Amina", "").await;
    app.get(&mum, "/").await.assert_text(
        BOND_HEADING,
        &en_with("today-you-and", &[("name", "Malik".into())]),
    );
    app.get(&son, "/family")
        .await
        .assert_lacks(&en("family-invite-mother"));
    app.post(
        &son,
        "/family/invitations",
        &[("name", "Second"), ("role", "mother")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
}
both_backends!(a_son_alone_invites_one_mother_and_she_joins_only_by_accepting);

async fn everyone_with_a_login_is_told_when_someone_joins(app: TestApp) {
    let (mum, son, _) = app.mother_and_son(15).await;
    let link = app
        .invite(&mum, &[("name", "Carmen"), ("role", "mother")])
        .await;
    app.accept(&link, "Carmen", "").await;
    app.run_jobs().await;
    for who in [&mum, &son] {
        let mail = app.mail_to(&who.email).await;
        assert!(
            mail.iter()
                .any(|m| m.body.contains("Carmen has joined your family")
                    && (m.subject.contains("Carmen has joined")
                        || m.subject == "News of your family on Tandem")),
            "{:?}",
            mail.iter().map(|m| &m.subject).collect::<Vec<_>>()
        );
        app.get(who, "/").await.assert_contains(&en_with(
            "reminders-card-joined",
            &[("name", "Carmen".into())],
        ));
    }
}
both_backends!(everyone_with_a_login_is_told_when_someone_joins);

async fn together_mode_opens_only_the_acting_mothers_bond(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    app.add_son(&rosa, "Tomás", &born_years_ago(5)).await;
    let tomas = member_id(&app, "Tomás").await;
    let link = app
        .invite(&rosa, &[("name", "Carmen"), ("role", "mother")])
        .await;
    let carmen = app.accept(&link, "Carmen", "").await;
    let rosas_bond = bond_of(&app, "Rosa", "Tomás").await;
    app.post(&rosa, &format!("/family/acting/{tomas}"), &[])
        .await;
    app.post(
        &rosa,
        &format!("/bonds/{rosas_bond}/notes"),
        &[("body", "Zqxprivate with Rosa"), ("visibility", "private")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);

    app.post(&carmen, &format!("/family/acting/{tomas}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&carmen, &format!("/bonds/{rosas_bond}/notes"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&carmen, "/")
        .await
        .assert_lacks("Zqxprivate")
        .assert_lacks(&rosas_bond);
    let carmens_bond = bond_of(&app, "Carmen", "Tomás").await;
    app.get(&carmen, &format!("/bonds/{carmens_bond}/notes"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Zqxprivate");
}
both_backends!(together_mode_opens_only_the_acting_mothers_bond);

async fn a_sons_needs_profile_is_read_only_by_the_mother_of_its_bond(app: TestApp) {
    let (rosa, son, rosas_bond) = app.mother_and_son(15).await;
    let link = app
        .invite(&rosa, &[("name", "Carmen"), ("role", "mother")])
        .await;
    let carmen = app.accept(&link, "Carmen", "").await;
    app.post(
        &son,
        &format!("/bonds/{rosas_bond}/feelings/needs"),
        &[("helps", "Zqxmusic and a walk")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&rosa, &format!("/bonds/{rosas_bond}/feelings/needs"))
        .await
        .assert_contains("Zqxmusic and a walk");
    let carmens_bond = bond_of(&app, "Carmen", "Iker").await;
    app.get(&carmen, &format!("/bonds/{carmens_bond}/feelings/needs"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Zqxmusic");
    app.get(&son, &format!("/bonds/{carmens_bond}/feelings/needs"))
        .await
        .assert_lacks("Zqxmusic");
}
both_backends!(a_sons_needs_profile_is_read_only_by_the_mother_of_its_bond);

async fn a_mother_removes_a_member_whose_bonds_end_and_everyone_is_told(app: TestApp) {
    let (rosa, son, bond) = app.mother_and_son(15).await;
    let link = app
        .invite(&rosa, &[("name", "Carmen"), ("role", "mother")])
        .await;
    let carmen = app.accept(&link, "Carmen", "").await;
    let carmens_bond = bond_of(&app, "Carmen", "Iker").await;
    app.post(
        &son,
        &format!("/bonds/{carmens_bond}/notes"),
        &[("body", "Zqxfor Carmen"), ("visibility", "shared")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let carmen_id = member_id(&app, "Carmen").await;
    // Only a mother removes.
    app.post(&son, &format!("/family/members/{carmen_id}/remove"), &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&rosa, &format!("/family/members/{carmen_id}/remove"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);

    // Nothing new is written in the ended bond, by either; what was shared stays readable.
    for who in [&son, &carmen] {
        app.post(
            who,
            &format!("/bonds/{carmens_bond}/notes"),
            &[("body", "more"), ("visibility", "shared")],
        )
        .await
        .assert_status(StatusCode::CONFLICT);
        app.get(who, &format!("/bonds/{carmens_bond}/notes"))
            .await
            .assert_contains("Zqxfor Carmen");
    }
    app.get(&son, "/").await.assert_no_text(
        BOND_HEADING,
        &en_with("today-you-and", &[("name", "Carmen".into())]),
    );
    app.get(&carmen, "/family")
        .await
        .assert_contains(&en("family-no-longer-in"));
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_status(StatusCode::OK);
    app.run_jobs().await;
    assert!(
        app.mail_to(&son.email)
            .await
            .iter()
            .any(|m| m.body.contains("Carmen is no longer in your family"))
    );
    app.get(&son, "/").await.assert_contains(&en_with(
        "reminders-card-left",
        &[("name", "Carmen".into())],
    ));
}
both_backends!(a_mother_removes_a_member_whose_bonds_end_and_everyone_is_told);

async fn a_son_who_leaves_and_deletes_his_history_leaves_her_side_of_their_memories(app: TestApp) {
    let (rosa, son, bond) = app.mother_and_son(17).await;
    let key = reflections::plan(&app, &bond, "Climbing wall", chrono::Duration::hours(-3)).await;
    let reflect = reflections::reflect_path(&bond, &key);
    let side = reflections::side;
    app.post_files(
        &son,
        &reflect,
        &side("Zqxhis top"),
        &[file("top.jpg", jpeg(60, 40))],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let memory = app
        .post_files(
            &rosa,
            &reflect,
            &side("Zqxhers watching"),
            &[file("me.jpg", jpeg(40, 40))],
        )
        .await
        .location()
        .to_owned();
    app.post(
        &son,
        &format!("/bonds/{bond}/notes"),
        &[("body", "Zqxhis note"), ("visibility", "shared")],
    )
    .await;
    let files_before = app.media_files().len();
    assert_eq!(files_before, 4, "two renditions of each photo");

    app.post(&son, "/family/leave", &[("history", "sideways")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.post(&son, "/family/leave", &[("history", "delete")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // The family is told that he left.
    app.run_jobs().await;
    app.log_in(&son.email, &son.password)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let page = app.get(&rosa, &memory).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Zqxhers watching")
        .assert_lacks("Zqxhis top");
    assert_eq!(photo_srcs(&page.body, "thumb").len(), 1);
    assert_eq!(app.media_files().len(), 2, "his photo's files went with it");
    app.get(&rosa, &format!("/bonds/{bond}/notes"))
        .await
        .assert_lacks("Zqxhis note");
    assert_eq!(app.count("memories").await, 1);
    assert_eq!(app.count("accounts").await, 1);
}
both_backends!(a_son_who_leaves_and_deletes_his_history_leaves_her_side_of_their_memories);

async fn a_son_who_leaves_and_keeps_his_history_can_read_it_and_delete_it_later(app: TestApp) {
    let (rosa, son, bond) = app.mother_and_son(19).await;
    app.post(
        &son,
        &format!("/bonds/{bond}/notes"),
        &[("body", "Zqxkept note"), ("visibility", "private")],
    )
    .await;
    app.post(&son, "/family/leave", &[("history", "keep")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.run_jobs().await;
    app.get(&son, "/family")
        .await
        .assert_contains(&en("family-no-longer-in"))
        .assert_text("h3", &en("family-past-bonds"));
    app.get(&son, "/")
        .await
        .assert_has("p.notice a[href='/family']")
        .assert_lacks(&en("family-invite-mother"));
    app.get(&son, &format!("/bonds/{bond}/notes"))
        .await
        .assert_contains("Zqxkept note");
    app.get(&rosa, &format!("/bonds/{bond}/notes"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Zqxkept note");
    app.post(&son, "/family/leave", &[("history", "delete")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("notes").await, 0);
}
both_backends!(a_son_who_leaves_and_keeps_his_history_can_read_it_and_delete_it_later);

async fn removing_a_managed_profile_deletes_everything_in_its_bonds_and_its_photos(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    app.add_son(&rosa, "Tomás", &born_years_ago(4)).await;
    let tomas = member_id(&app, "Tomás").await;
    let bond = app.bond_ids(&rosa).await.remove(0);
    app.post(
        &rosa,
        &format!("/bonds/{bond}/notes"),
        &[("body", "Zqxden"), ("visibility", "shared")],
    )
    .await;
    add_memory(
        &app,
        &rosa,
        &bond,
        &[],
        vec![file("park.jpg", jpeg(30, 30))],
    )
    .await;
    assert_eq!(app.media_files().len(), 2);
    app.post(&rosa, &format!("/family/members/{tomas}/remove"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.run_jobs().await;
    assert_eq!(app.count("members").await, 1);
    for table in ["bonds", "notes", "memories", "photos"] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    assert!(app.media_files().is_empty());
    app.get(&rosa, "/family").await.assert_lacks("Tomás");
}
both_backends!(removing_a_managed_profile_deletes_everything_in_its_bonds_and_its_photos);

async fn ending_a_bond_keeps_both_in_the_family_and_only_they_may(app: TestApp) {
    let (rosa, son, bond) = app.mother_and_son(15).await;
    let link = app
        .invite(&rosa, &[("name", "Carmen"), ("role", "mother")])
        .await;
    let carmen = app.accept(&link, "Carmen", "").await;
    app.post(&carmen, &format!("/family/bonds/{bond}/end"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&son, &format!("/family/bonds/{bond}/end"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post(
        &rosa,
        &format!("/bonds/{bond}/notes"),
        &[("body", "x"), ("visibility", "shared")],
    )
    .await
    .assert_status(StatusCode::CONFLICT);
    app.get(&rosa, "/family")
        .await
        .assert_text("h3", &en("family-past-bonds"))
        .assert_contains("Iker");
    assert_eq!(app.count("members WHERE left_at IS NULL").await, 3);
}
both_backends!(ending_a_bond_keeps_both_in_the_family_and_only_they_may);

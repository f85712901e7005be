//! Families, managed sons, bonds, age bands, invitations, claiming, together mode.

use axum::http::StatusCode;
use chrono::{Datelike, Utc};

use crate::both_backends;
use crate::harness::{BOND_HEADING, TestApp, User, en, en_with};

/// A birth date that makes someone `years` old today.
pub fn born_years_ago(years: i32) -> String {
    let today = Utc::now().date_naive();
    format!(
        "{}-01-01",
        today.year() - years - i32::from(today.ordinal() < 2)
    )
}

async fn a_mother_adds_a_managed_son_and_sees_the_bond_with_his_age_band(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let today = app.get(&mother, "/").await;
    today
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Tomás".into())]),
        )
        .assert_contains(&en("age-band-little"));
    assert_eq!(app.count("bonds").await, 1);
    app.get(&mother, "/family")
        .await
        .assert_text(".badge", &en("family-no-login-yet"))
        .assert_text(
            "button",
            &en_with("family-use-together", &[("name", "Tomás".into())]),
        );
}
both_backends!(a_mother_adds_a_managed_son_and_sees_the_bond_with_his_age_band);

async fn bad_son_profiles_are_refused_with_the_input_kept(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.post(
        &mother,
        "/family/sons",
        &[("name", "Tomás"), ("birth_date", "31/02/2019")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("year-month-day")
    .assert_has(r#"input[value="Tomás"]"#);
    app.post(
        &mother,
        "/family/sons",
        &[("name", "   "), ("birth_date", "2019-01-01")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text(
        ".error",
        &en_with(
            "form-needed",
            &[("what", tandem::i18n::Key("field-his-name").into())],
        ),
    );
    assert_eq!(app.count("members").await, 1);
    assert_eq!(app.count("bonds").await, 0);
}
both_backends!(bad_son_profiles_are_refused_with_the_input_kept);

async fn every_mother_son_pair_is_a_bond(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(7)).await;
    app.add_son(&mother, "Iker", &born_years_ago(15)).await;
    let link = app
        .invite(&mother, &[("name", "Carmen"), ("role", "mother")])
        .await;
    let second_mother = app.accept(&link, "Carmen", "").await;
    assert_eq!(app.count("bonds").await, 4);
    let today = app.get(&second_mother, "/").await;
    today
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Tomás".into())]),
        )
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Iker".into())]),
        )
        .assert_contains(&en("age-band-child"))
        .assert_text(".band", &en("age-band-teen"));
    assert_eq!(app.bond_ids(&second_mother).await.len(), 2);
}
both_backends!(every_mother_son_pair_is_a_bond);

async fn a_son_who_signs_up_invites_his_mother(app: TestApp) {
    let son = app.sign_up("son", "Malik", &born_years_ago(19)).await;
    app.get(&son, "/")
        .await
        .assert_text("a.button", &en("today-invite-mother"))
        // His age band chooses what he is offered; it is no label on his own page.
        .assert_none(".band");
    let link = app
        .invite(
            &son,
            &[
                ("name", "Amina"),
                ("role", "mother"),
                ("email", "amina@example.org"),
            ],
        )
        .await;
    assert_eq!(
        app.mail_to("amina@example.org").await.len(),
        1,
        "the invitation was mailed too"
    );
    let mother = app.accept(&link, "Amina", "").await;
    app.get(&mother, "/").await.assert_text(
        BOND_HEADING,
        &en_with("today-you-and", &[("name", "Malik".into())]),
    );
    app.get(&son, "/").await.assert_text(
        BOND_HEADING,
        &en_with("today-you-and", &[("name", "Amina".into())]),
    );
}
both_backends!(a_son_who_signs_up_invites_his_mother);

async fn a_son_claims_his_profile_and_keeps_its_history(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(12)).await;
    let son_id = member_id(&app, "Tomás").await;
    // Together mode: what they write is his, marked as made together.
    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/")
        .await
        .assert_text(".together-banner strong", "Tomás");
    let bond = app.bond_ids(&mother).await.remove(0);
    app.post(
        &mother,
        &format!("/bonds/{bond}/notes"),
        &[("body", "We built a den today"), ("visibility", "private")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.post(&mother, "/family/acting/stop", &[]).await;

    let link = app.invite(&mother, &[("member_id", &son_id)]).await;
    let son = app.accept(&link, "Tom", "").await;
    let notes = app.get(&son, &format!("/bonds/{bond}/notes")).await;
    notes
        .assert_contains("We built a den today")
        .assert_contains(&en("made-together"))
        .assert_contains(&en("notes-delete"));
    app.get(&son, "/").await.assert_contains("Hello Tom ·");
    assert_eq!(
        app.count("members").await,
        2,
        "the profile was claimed, not duplicated"
    );
    // Once claimed, together mode is no longer possible for this profile.
    app.post(&mother, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    // And the link worked exactly once.
    app.get(&User::anonymous(), &link)
        .await
        .assert_status(StatusCode::GONE)
        .assert_text_contains("main", &en("family-invitation-already-used-each"));
}
both_backends!(a_son_claims_his_profile_and_keeps_its_history);

/// Together mode moved from `/together/…` to `/family/acting/…`: a page loaded before the move
/// still posts to the old address, which sends the same form on with its method kept.
async fn together_mode_at_its_old_address_is_sent_on_to_the_new_one(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(6)).await;
    let son_id = member_id(&app, "Tomás").await;
    let start = app.post(&mother, &format!("/together/{son_id}"), &[]).await;
    start.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(start.location(), format!("/family/acting/{son_id}"));
    let stop = app.post(&mother, "/together/stop", &[]).await;
    stop.assert_status(StatusCode::PERMANENT_REDIRECT);
    assert_eq!(stop.location(), "/family/acting/stop");
    // The redirect itself changes nothing: she is not acting with him until the new address.
    app.get(&mother, "/").await.assert_none(".together-banner");
}
both_backends!(together_mode_at_its_old_address_is_sent_on_to_the_new_one);

async fn expired_revoked_and_forged_invitations_get_a_clear_page(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let expired = app
        .invite(&mother, &[("name", "Ana"), ("role", "mother")])
        .await;
    // An hour after the link ran out.
    app.clock().advance(
        chrono::Duration::days(tandem::family::INVITATION_DAYS) + chrono::Duration::hours(1),
    );
    app.get(&User::anonymous(), &expired)
        .await
        .assert_status(StatusCode::GONE)
        .assert_contains("expired");

    let revoked = app
        .invite(&mother, &[("name", "Bea"), ("role", "mother")])
        .await;
    let family = app.get(&mother, "/family").await;
    let start = family.body.find("/family/invitations/").unwrap();
    let action = family.body[start..].split('"').next().unwrap().to_owned();
    app.post(&mother, &action, &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&User::anonymous(), &revoked)
        .await
        .assert_status(StatusCode::GONE)
        .assert_contains("withdrawn");
    let accept = app
        .post(
            &User::anonymous(),
            &revoked,
            &[
                ("display_name", "Bea"),
                ("email", "bea@example.org"),
                ("password", crate::harness::PASSWORD),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    accept.assert_status(StatusCode::GONE);
    app.get(&User::anonymous(), "/invite/made-up-token")
        .await
        .assert_status(StatusCode::GONE)
        .assert_text_contains("main", &en("family-invitation-link-not-made-by-tandem"));
    assert_eq!(app.count("accounts").await, 1);
}
both_backends!(expired_revoked_and_forged_invitations_get_a_clear_page);

async fn a_failed_acceptance_keeps_the_invitation_usable(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let link = app
        .invite(&mother, &[("name", "Iker"), ("role", "son")])
        .await;
    app.post(
        &User::anonymous(),
        &link,
        &[
            ("display_name", "Iker"),
            ("email", &mother.email),
            ("password", crate::harness::PASSWORD),
            ("time_zone", "UTC"),
            ("birth_date", &born_years_ago(16)),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    assert!(
        app.mail_to(&mother.email).await[0]
            .body
            .contains("already belongs to an account")
    );
    app.post(
        &User::anonymous(),
        &link,
        &[
            ("display_name", "Iker"),
            ("email", "iker@example.org"),
            ("password", crate::harness::PASSWORD),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text_contains("main", &en("auth-birth-date-needed"));
    let son = app.accept(&link, "Iker", &born_years_ago(16)).await;
    app.get(&son, "/")
        .await
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Rosa".into())]),
        )
        .assert_none(".band");
    // His birth date came with him: she sees his age band.
    app.get(&mother, "/")
        .await
        .assert_text(".band", &en("age-band-teen"));
}
both_backends!(a_failed_acceptance_keeps_the_invitation_usable);

async fn another_familys_pages_and_members_are_not_found(app: TestApp) {
    let rosa = app.sign_up_mother("Rosa").await;
    app.add_son(&rosa, "Tomás", &born_years_ago(5)).await;
    let other = app.sign_up_mother("Eve").await;
    let son_id = member_id(&app, "Tomás").await;
    app.post(&other, &format!("/family/acting/{son_id}"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&other, "/family/invitations", &[("member_id", &son_id)])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&other, "/family")
        .await
        .assert_lacks("Tomás")
        .assert_lacks("Rosa");
    app.get(&other, "/").await.assert_lacks("Tomás");
}
both_backends!(another_familys_pages_and_members_are_not_found);

async fn only_mothers_add_sons_and_use_together_mode(app: TestApp) {
    let son = app.sign_up("son", "Malik", &born_years_ago(14)).await;
    app.post(
        &son,
        "/family/sons",
        &[("name", "Brother"), ("birth_date", "2018-01-01")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("members").await, 1);
}
both_backends!(only_mothers_add_sons_and_use_together_mode);

pub async fn member_id(app: &TestApp, name: &str) -> String {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM members WHERE display_name = $1"
    )
    .bind(name)
    .fetch_one(c)
    .await)
    .unwrap()
}

async fn two_people_racing_for_one_invitation_make_one_account(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    let link = app
        .invite(&mother, &[("name", "Ana"), ("role", "mother")])
        .await;
    let form = |email: &'static str| {
        [
            ("display_name", "Ana"),
            ("email", email),
            ("password", crate::harness::PASSWORD),
            ("time_zone", "UTC"),
        ]
    };
    let (anon, first_form, second_form) = (
        User::anonymous(),
        form("ana1@example.org"),
        form("ana2@example.org"),
    );
    let (first, second) = tokio::join!(
        app.post(&anon, &link, &first_form),
        app.post(&anon, &link, &second_form)
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::GONE]);
    assert_eq!(app.count("accounts").await, 2, "the mother and one winner");
    assert_eq!(app.count("members").await, 2);
    // The family is told once that someone joined.
    assert_eq!(app.count("nudges WHERE kind = 'joined'").await, 1);
    app.run_jobs().await;
}
both_backends!(two_people_racing_for_one_invitation_make_one_account);

async fn a_mother_corrects_a_managed_sons_birth_date_until_he_has_his_own_login(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    app.add_son(&mother, "Tomás", &born_years_ago(4)).await;
    let son_id = member_id(&app, "Tomás").await;
    let edit = format!("/family/sons/{son_id}");
    app.post(
        &mother,
        &edit,
        &[("name", "Tomás"), ("birth_date", "later")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("year-month-day")
    .assert_has("details[open]");
    app.post(
        &mother,
        &edit,
        &[("name", "Tomi"), ("birth_date", &born_years_ago(11))],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/")
        .await
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Tomi".into())]),
        )
        .assert_contains(&en("age-band-tween"));

    let stranger = app.sign_up_mother("Eve").await;
    app.post(
        &stranger,
        &edit,
        &[("name", "X"), ("birth_date", "2015-01-01")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);

    let link = app.invite(&mother, &[("member_id", &son_id)]).await;
    let son = app.accept(&link, "Tom", "").await;
    app.post(
        &mother,
        &edit,
        &[("name", "X"), ("birth_date", "2015-01-01")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    // Now it is his to change, in his own settings.
    app.post(
        &son,
        "/settings/profile",
        &[
            ("display_name", "Tom"),
            ("time_zone", "UTC"),
            ("birth_date", ""),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_text_contains("main", &en("auth-birth-date-needed"));
    app.post(
        &son,
        "/settings/profile",
        &[
            ("display_name", "Tom"),
            ("time_zone", "UTC"),
            ("birth_date", &born_years_ago(13)),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.get(&mother, "/")
        .await
        .assert_text(
            BOND_HEADING,
            &en_with("today-you-and", &[("name", "Tom".into())]),
        )
        .assert_text(".band", &en("age-band-teen"));
}
both_backends!(a_mother_corrects_a_managed_sons_birth_date_until_he_has_his_own_login);

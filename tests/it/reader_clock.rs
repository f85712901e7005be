//! Every date and time on a page is on the reader's own clock: a note written at 04:00 on a
//! Saturday in Tokyo is Saturday's for a reader in Tokyo, Friday's for one in Toronto.

use axum::http::StatusCode;
use chrono::{Duration, DurationRound, TimeDelta, Utc};
use tandem::i18n::{Tr, dates};

use crate::both_backends;
use crate::harness::TestApp;
use crate::talk::move_to;

async fn a_note_is_dated_on_each_readers_own_clock(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    move_to(&app, "Rosa", "Asia/Tokyo").await;
    // 19:00 UTC tomorrow: 04:00 the day after in Tokyo, 14:00 or 15:00 the same day in Toronto.
    let at = (Utc::now() + Duration::days(1))
        .duration_trunc(TimeDelta::days(1))
        .unwrap()
        + Duration::hours(19);
    app.clock().set(at);
    app.post(
        &mum,
        &format!("/bonds/{bond}/notes"),
        &[
            ("body", "Good morning from Tokyo"),
            ("visibility", "shared"),
        ],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let tr = Tr::english();
    let in_tokyo = dates::date_short(&tr, &(at.date_naive() + Duration::days(1)));
    let in_toronto = dates::date_short(&tr, &at.date_naive());
    let notes = format!("/bonds/{bond}/notes");
    app.get(&mum, &notes)
        .await
        .assert_contains(&in_tokyo)
        .assert_lacks(&in_toronto);
    app.get(&son, &notes)
        .await
        .assert_contains(&in_toronto)
        .assert_lacks(&in_tokyo);
    app.run_jobs().await;
}
both_backends!(a_note_is_dated_on_each_readers_own_clock);

async fn an_invitations_last_day_is_on_the_mothers_clock(app: TestApp) {
    let mum = app.sign_up_mother("Rosa").await;
    move_to(&app, "Rosa", "Asia/Tokyo").await;
    // Made at 19:00 UTC: the link runs out seven days later at 04:00 the next morning in Tokyo.
    let at = (Utc::now() + Duration::days(1))
        .duration_trunc(TimeDelta::days(1))
        .unwrap()
        + Duration::hours(19);
    app.clock().set(at);
    let mum = app.log_in_as(&mum).await;
    app.invite(&mum, &[("name", "Ana"), ("role", "mother")])
        .await;
    let tr = Tr::english();
    let last = at.date_naive() + Duration::days(tandem::family::INVITATION_DAYS);
    let in_tokyo = dates::date_long(&tr, &(last + Duration::days(1)));
    let in_utc = dates::date_long(&tr, &last);
    for page in ["/family", "/"] {
        app.get(&mum, page)
            .await
            .assert_contains(&in_tokyo)
            .assert_lacks(&in_utc);
    }
}
both_backends!(an_invitations_last_day_is_on_the_mothers_clock);

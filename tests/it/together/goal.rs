//! The one-on-one goal: set by either member, bad goals refused; the weeks counted in the
//! son's zone across clock changes, the same for both; cancelled time not counted, moved time
//! counted where and as long as it went.

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use tandem::plans::{self, GoalProgress};

use super::plans::{
    access_as, key, local, make_plan, next_year, plan_fields, plans_path, sunday, time_path,
    without_tags,
};
use crate::both_backends;
use crate::harness::{TestApp, en, en_with};

/// "1 h 30 min" as the page writes a length of time.
fn hm(minutes: i64) -> String {
    en_with(
        "plans-duration",
        &[
            ("hours", (minutes / 60).into()),
            ("minutes", (minutes % 60).into()),
        ],
    )
}

/// "This week so far: 0 min of your 1 h."
fn so_far_of(goal: i64) -> String {
    without_tags(&en_with(
        "plans-goal-so-far-of",
        &[("done", hm(0).into()), ("goal", hm(goal).into())],
    ))
}

/// The goal's weeks as (Monday, minutes), as of a given moment.
async fn weeks_as(
    app: &TestApp,
    name: &str,
    bond: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> (GoalProgress, Vec<(NaiveDate, i64)>) {
    let access = access_as(app, name, bond).await;
    let mut conn = app.db().conn().await.unwrap();
    let progress = plans::goal_progress(&mut conn, &access, now).await.unwrap();
    let weeks = progress
        .weeks
        .iter()
        .map(|w| (w.monday, w.minutes))
        .collect();
    (progress, weeks)
}

async fn either_member_sets_the_goal_and_bad_goals_are_refused(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(19).await;
    let goal = format!("{}/goal", plans_path(&bond));
    app.get(&mum, &plans_path(&bond))
        .await
        .assert_text("label[for=goal-minutes]", &en("plans-goal-set"))
        .assert_text_contains("p.hint", &en("plans-goal-fresh"))
        .assert_text_contains(
            "p.hint",
            &en_with(
                "plans-goal-weeks-follow",
                &[("son", "Iker".into()), ("city", "Toronto".into())],
            ),
        )
        .assert_lacks("streak");
    app.post(&son, &goal, &[("minutes", "60")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &plans_path(&bond))
        .await
        .assert_text_contains("p.goal-now", &so_far_of(60))
        .assert_has(r#"select[name=minutes] option[value="60"][selected]"#)
        .assert_text(
            "p.hint",
            &en_with(
                "plans-goal-last-set",
                &[("you", "no".into()), ("name", "Iker".into())],
            ),
        );
    for bad in ["10", "601", "an hour", "-60"] {
        app.post(&mum, &goal, &[("minutes", bad)])
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
            .assert_text(
                "p.error#goal-minutes-error",
                &en_with(
                    "plans-goal-out-of-range",
                    &[("min", 15.into()), ("max", 600.into())],
                ),
            );
    }
    assert_eq!(app.count("time_goals").await, 1);
    app.post(&mum, &goal, &[("minutes", "90")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &plans_path(&bond))
        .await
        .assert_text_contains("p.goal-now", &so_far_of(90))
        .assert_text(
            "p.hint",
            &en_with(
                "plans-goal-last-set",
                &[("you", "no".into()), ("name", "Rosa".into())],
            ),
        );
    app.post(&son, &goal, &[("minutes", "none")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&mum, &plans_path(&bond))
        .await
        .assert_has("select[name=minutes] option[value=none][selected]")
        .assert_text_contains(
            "p.goal-now",
            &without_tags(&en_with("plans-goal-so-far", &[("done", hm(0).into())])),
        );
    assert_eq!(app.count("time_goals").await, 3);
    let (progress, _) = weeks_as(&app, "Rosa", &bond, chrono::Utc::now()).await;
    assert_eq!(progress.goal_minutes(), None);
}
both_backends!(either_member_sets_the_goal_and_bad_goals_are_refused);

async fn weeks_follow_the_sons_clock_across_both_daylight_saving_changes(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(24).await;
    app.post(
        &son,
        &format!("{}/goal", plans_path(&bond)),
        &[("minutes", "60")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // She plans an hour on Monday mornings at 04:30 in Lisbon: Sunday 23:30 in Toronto while
    // both are on winter time (and both on summer time), but Monday 00:30 in the weeks
    // between Toronto's change (second Sunday of March) and Lisbon's (last Sunday).
    let year = next_year();
    let toronto_change = sunday(year, 3, 2);
    let lisbon_change = sunday(year, 3, 0);
    let first = toronto_change + Duration::days(1) - Duration::weeks(2);
    make_plan(
        &app,
        &mum,
        &bond,
        &plan_fields(
            "Early call",
            &first.to_string(),
            "04:30",
            "05:30",
            "Europe/Lisbon",
            "weekly",
        ),
    )
    .await;
    let last = lisbon_change + Duration::days(1) + Duration::weeks(1);
    let now = plans::schedule::instant(chrono_tz::Europe::Lisbon, local(last, "12:00"));
    let (progress, weeks) = weeks_as(&app, "Rosa", &bond, now).await;
    let (_, his) = weeks_as(&app, "Iker", &bond, now).await;
    assert_eq!(weeks, his, "both see the same weeks");
    assert_eq!(progress.week_tz, chrono_tz::America::Toronto);
    // Expected, week by week (Toronto Mondays): each occurrence counts in the week of its
    // Toronto date.
    let mut expected: Vec<(NaiveDate, i64)> = weeks.iter().map(|(m, _)| (*m, 0)).collect();
    let mut monday = first;
    while monday <= last {
        let in_between = monday > toronto_change && monday < lisbon_change;
        let week = if in_between {
            monday
        } else {
            monday - Duration::weeks(1)
        };
        if let Some(e) = expected.iter_mut().find(|(m, _)| *m == week) {
            e.1 += 60;
        }
        monday += Duration::weeks(1);
    }
    assert_eq!(weeks, expected);
    // The week holding Toronto's change loses its Monday call to the next week; the one
    // before Lisbon's change gets two.
    let week_of = |d: NaiveDate| {
        weeks
            .iter()
            .find(|(m, _)| *m == d - Duration::days(6))
            .map(|w| w.1)
    };
    assert_eq!(week_of(toronto_change), Some(0));
    assert_eq!(week_of(lisbon_change), Some(120));
    // This week's Monday call was Sunday evening in Toronto; next Monday's is still to come.
    assert_eq!(progress.this_week().minutes, 0);
    assert_eq!(progress.this_week().planned, 60);
}
both_backends!(weeks_follow_the_sons_clock_across_both_daylight_saving_changes);

async fn cancelled_time_does_not_count_and_moved_time_counts_as_moved(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(30).await;
    // His Sunday evening call in Toronto, 45 minutes, over the autumn change (first Sunday
    // of November, a week of 169 hours).
    let year = next_year();
    let change = sunday(year, 11, 1);
    let first = change - Duration::weeks(2);
    let id = make_plan(
        &app,
        &son,
        &bond,
        &plan_fields(
            "Sunday call",
            &first.to_string(),
            "20:00",
            "20:45",
            "America/Toronto",
            "weekly",
        ),
    )
    .await;
    let date = |d: NaiveDate| d.to_string();
    // She cancels the one before the change and moves the one of the change to Saturday,
    // for an hour and a half.
    app.post(
        &mum,
        &time_path(
            &bond,
            &key(&id, change - Duration::weeks(1), "20:00"),
            "cancel",
        ),
        &[("note", "Away")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let saturday = change - Duration::days(1);
    let saturday = date(saturday);
    let fields = [
        ("date", saturday.as_str()),
        ("start", "10:00"),
        ("end", "11:30"),
        ("note", "Earlier this time"),
    ];
    app.post(
        &mum,
        &time_path(&bond, &key(&id, change, "20:00"), "move"),
        &fields,
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let toronto = chrono_tz::America::Toronto;
    let now = plans::schedule::instant(toronto, local(change + Duration::weeks(1), "22:00"));
    let (_, weeks) = weeks_as(&app, "Rosa", &bond, now).await;
    let weeks: Vec<(String, i64)> = weeks
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|(m, n)| (m.format("%m-%d").to_string(), *n))
        .collect();
    let monday = |sunday: NaiveDate| (sunday - Duration::days(6)).format("%m-%d").to_string();
    assert_eq!(
        weeks,
        [
            (monday(first), 45),
            (monday(change - Duration::weeks(1)), 0),
            (monday(change), 90),
            // This week: its Sunday call has just ended.
            (monday(change + Duration::weeks(1)), 45),
        ]
    );
}
both_backends!(cancelled_time_does_not_count_and_moved_time_counts_as_moved);

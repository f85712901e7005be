//! Durable jobs: they survive restarts, run once across workers, and retry with backoff.

use chrono::Utc;
use serde_json::json;
use tandem::mail::SendMail;

use crate::both_backends;
use crate::harness::{Backend, TestApp};

async fn job_state(app: &TestApp, key: &str) -> (i64, bool, Option<String>) {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_as::<
        _,
        (i64, Option<chrono::DateTime<Utc>>, Option<String>),
    >(
        "SELECT attempts, done_at, last_error FROM jobs WHERE job_key = $1"
    )
    .bind(key)
    .fetch_one(c)
    .await)
    .map(|(a, d, e)| (a, d.is_some(), e))
    .unwrap()
}

async fn a_job_survives_a_restart(app: TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    let job = SendMail {
        outbox_id: "after-restart".into(),
    };
    tandem::jobs::enqueue(&mut conn, &job, Utc::now())
        .await
        .unwrap();
    drop(conn);
    let app = app.restart().await;
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(job_state(&app, "after-restart").await, (1, true, None));
    assert_eq!(app.run_jobs().await, 0, "a done job does not run again");
}
both_backends!(a_job_survives_a_restart);

async fn enqueuing_the_same_job_twice_keeps_one(app: TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    for _ in 0..3 {
        let job = SendMail {
            outbox_id: "same".into(),
        };
        tandem::jobs::enqueue(&mut conn, &job, Utc::now())
            .await
            .unwrap();
    }
    drop(conn);
    assert_eq!(app.count("jobs").await, 1);
}
both_backends!(enqueuing_the_same_job_twice_keeps_one);

async fn a_failing_job_is_retried_later_with_its_error_kept(app: TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    tandem::jobs::enqueue_raw(&mut conn, "no.such.kind", "broken", &json!({}), Utc::now())
        .await
        .unwrap();
    drop(conn);
    assert_eq!(app.run_jobs().await, 1);
    let (attempts, done, error) = job_state(&app, "broken").await;
    assert_eq!((attempts, done), (1, false));
    assert!(error.unwrap().contains("unknown job kind"));
    assert_eq!(app.run_jobs().await, 0, "not retried before its backoff");
}
both_backends!(a_failing_job_is_retried_later_with_its_error_kept);

async fn a_job_whose_payload_no_longer_reads_fails_with_its_error_kept(app: TestApp) {
    let mut conn = app.db().conn().await.unwrap();
    let payload = json!({"outbox": 7});
    tandem::jobs::enqueue_raw(&mut conn, "mail.send", "unreadable", &payload, Utc::now())
        .await
        .unwrap();
    drop(conn);
    assert_eq!(app.run_jobs().await, 1);
    let (attempts, done, error) = job_state(&app, "unreadable").await;
    assert_eq!((attempts, done), (1, false));
    let error = error.unwrap();
    assert!(
        error.contains("payload of a mail.send job does not read") && error.contains("outbox_id"),
        "{error}"
    );
}
both_backends!(a_job_whose_payload_no_longer_reads_fails_with_its_error_kept);

async fn housekeeping_removes_expired_sessions_and_schedules_itself(app: TestApp) {
    let mother = app.sign_up_mother("Rosa").await;
    // A day after her session ran out.
    app.clock().advance(chrono::Duration::days(
        tandem::auth::session::SESSION_DAYS + 1,
    ));
    let now = app.clock().now();
    let mut conn = app.db().conn().await.unwrap();
    let housekeeping = tandem::jobs::Housekeeping { at: now };
    tandem::jobs::enqueue(&mut conn, &housekeeping, now)
        .await
        .unwrap();
    drop(conn);
    app.run_jobs().await;
    assert_eq!(app.count("sessions").await, 0);
    assert_eq!(
        app.get(&mother, "/family").await.status,
        axum::http::StatusCode::SEE_OTHER
    );
    // The next run is scheduled (and only once).
    let mut conn = app.db().conn().await.unwrap();
    let pending: i64 = tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'housekeeping' AND done_at IS NULL"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(pending, 1);
}
both_backends!(housekeeping_removes_expired_sessions_and_schedules_itself);

/// Two workers (as on two instances sharing one PostgreSQL) claim side by side: every job
/// runs exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_one_postgres_run_each_job_once() {
    let Some(app) = TestApp::new(Backend::Postgres).await else {
        return;
    };
    let mut conn = app.db().conn().await.unwrap();
    for n in 0..200 {
        tandem::jobs::enqueue(
            &mut conn,
            &SendMail {
                outbox_id: format!("job-{n}"),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    }
    drop(conn);
    // A second "instance": its own pool on the same database.
    let other = tandem::AppState::start((*app.state.config).clone())
        .await
        .unwrap();
    let (worker_a, worker_b) = (app.state.worker("instance-a"), other.worker("instance-b"));
    let (a, b) = tokio::join!(
        tandem::jobs::run_due(&worker_a),
        tandem::jobs::run_due(&worker_b)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 200, "every job ran, none twice");
    let mut conn = app.db().conn().await.unwrap();
    let (total, once, done): (i64, i64, i64) = tandem::db_run!(&mut conn, |c| sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE attempts = 1), COUNT(done_at) FROM jobs"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!((total, once, done), (200, 200, 200));
}

//! The job worker under faults, against real SMTP sinks over TCP and real databases: jobs that
//! outlive their lease, workers that die and come back, a worker stopped while its SMTP server
//! never answers (docs/adr/0026-jobs-past-their-lease.md).

use std::{
    collections::HashSet,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use tandem::{
    AppState,
    jobs::{SHUTDOWN_GRACE, Worker},
    mail::{Mail, MailKind, Mailer},
};
use tokio::{sync::watch, task::JoinHandle};

use crate::both_backends_with_sink;
use crate::harness::TestApp;
use crate::smtp_sink::{Behaviour, SmtpSink, message_id};

/// Puts `n` messages in the outbox, each with its sending job due now.
async fn queue_mails(app: &TestApp, n: usize) {
    let mut conn = app.db().conn().await.unwrap();
    for i in 0..n {
        let mail = Mail {
            kind: MailKind::Account,
            to: format!("reader{i}@example.org"),
            subject: format!("Message {i}"),
            body: "Hello".into(),
            family: None,
            sender: None,
        };
        tandem::mail::queue(&mut conn, mail).await.unwrap();
    }
}

/// The app's worker under `name`, with a lease of `lease`, sending through `mailer`.
fn worker(state: &AppState, name: &str, lease: chrono::Duration, mailer: Option<Mailer>) -> Worker {
    let worker = state.worker(name);
    Worker {
        lease,
        mailer: mailer.unwrap_or(worker.mailer.clone()),
        ..worker
    }
}

/// A mailer for the app's database that sends to `sink` instead.
fn mailer_to(app: &TestApp, sink: &SmtpSink) -> Mailer {
    let mut config = (*app.state.config).clone();
    sink.configure(&mut config);
    Mailer::from_config(&config).unwrap()
}

/// Runs the worker as `serve` does, until the returned sender says stop.
fn start(worker: Worker) -> (watch::Sender<bool>, JoinHandle<()>) {
    let (stop, stopped) = watch::channel(false);
    (stop, tokio::spawn(worker.run_until(stopped)))
}

/// Jobs whose lease is set (held by some worker), of every kind or of `kind`.
async fn leased_jobs(app: &TestApp, kind: Option<&str>) -> i64 {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs
         WHERE locked_until IS NOT NULL AND done_at IS NULL AND ($1 IS NULL OR kind = $1)"
    )
    .bind(kind)
    .fetch_one(c)
    .await)
    .unwrap()
}

/// The kind of the jobs that send mail.
const SEND_MAIL: Option<&str> = Some(<tandem::mail::SendMail as tandem::jobs::Job>::KIND);

async fn unsent_mails(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"
    )
    .fetch_one(c)
    .await)
    .unwrap()
}

const MAILS: usize = 4;

/// Two instances share one database; each message takes the SMTP server longer than the
/// lease. The worker sending it keeps renewing the lease, so the other never takes the job:
/// every message arrives exactly once.
async fn a_job_outliving_its_lease_is_run_by_one_worker_of_two(sink: SmtpSink, app: TestApp) {
    queue_mails(&app, MAILS).await;
    let lease = chrono::Duration::seconds(1);
    let other = AppState::start((*app.state.config).clone()).await.unwrap();
    let (stop_a, a) = start(worker(&app.state, "instance-a", lease, None));
    let (stop_b, b) = start(worker(&other, "instance-b", lease, None));
    let started = Instant::now();
    sink.wait_for_messages(MAILS, Duration::from_secs(30)).await;
    while unsent_mails(&app).await > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "mail left unsent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let all_sent = started.elapsed();
    // Long enough for a lease to run out twice and a second copy to arrive.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let _ = (stop_a.send(true), stop_b.send(true));
    let _ = tokio::join!(a, b);
    let messages = sink.messages();
    let ids: HashSet<_> = messages.iter().map(|m| message_id(m)).collect();
    eprintln!(
        "{MAILS} messages of 1.5 s each, lease 1 s, two workers: {} received, {} ids, all sent in {all_sent:?}",
        messages.len(),
        ids.len()
    );
    assert_eq!(messages.len(), MAILS, "every message arrived exactly once");
    assert_eq!(ids.len(), MAILS);
    assert_eq!(leased_jobs(&app, None).await, 0);
}
both_backends_with_sink!(
    Behaviour::Slow(Duration::from_millis(1500)),
    a_job_outliving_its_lease_is_run_by_one_worker_of_two
);

/// An instance dies while a message is on its way to a server that never answers (its job
/// leased for an hour). Restarted under the same name, it gives that lease back and sends the
/// message at once.
async fn a_restarted_worker_releases_its_dead_lease_at_once(silent: SmtpSink, app: TestApp) {
    queue_mails(&app, 1).await;
    let hour = chrono::Duration::hours(1);
    let (_stop, crashed) = start(worker(&app.state, "instance-a", hour, None));
    silent.wait_for_connection(Duration::from_secs(10)).await;
    crashed.abort(); // dies where it stands: nothing released, its name's lock gone with it
    let _ = crashed.await;
    assert_eq!(
        leased_jobs(&app, SEND_MAIL).await,
        1,
        "the dead worker's lease remains"
    );

    let sink = SmtpSink::start(Behaviour::Accept).await;
    let restarted = worker(&app.state, "instance-a", hour, Some(mailer_to(&app, &sink)));
    let begun = Instant::now();
    let (stop, running) = start(restarted);
    sink.wait_for_messages(1, Duration::from_secs(10)).await;
    eprintln!(
        "restarted worker sent the dead lease's mail after {:?}",
        begun.elapsed()
    );
    let _ = stop.send(true);
    running.await.unwrap();
    assert_eq!(unsent_mails(&app).await, 0);
}
both_backends_with_sink!(
    Behaviour::NeverAnswer,
    a_restarted_worker_releases_its_dead_lease_at_once
);

/// Two live workers with one name (two instances on one data dir): the second must not give
/// back the first's lease, or both would send the message.
async fn a_second_live_worker_with_the_same_name_leaves_the_first_ones_lease(
    silent: SmtpSink,
    app: TestApp,
) {
    queue_mails(&app, 1).await;
    let hour = chrono::Duration::hours(1);
    let (stop_first, first) = start(worker(&app.state, "instance-a", hour, None));
    silent.wait_for_connection(Duration::from_secs(10)).await;

    let sink = SmtpSink::start(Behaviour::Accept).await;
    let twin = worker(&app.state, "instance-a", hour, Some(mailer_to(&app, &sink)));
    let (stop_twin, twin) = start(twin);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        sink.messages().len(),
        0,
        "the twin left the live lease alone"
    );
    assert_eq!(leased_jobs(&app, SEND_MAIL).await, 1);
    let _ = (stop_first.send(true), stop_twin.send(true));
    let _ = tokio::join!(first, twin);
    app.leave_jobs_unrun(); // the message's server never answers: its job stays due
}
both_backends_with_sink!(
    Behaviour::NeverAnswer,
    a_second_live_worker_with_the_same_name_leaves_the_first_ones_lease
);

/// Stopping while the SMTP server never answers: the worker gives the message in hand its
/// grace, then drops it, gives back every lease it holds, and returns; another worker then
/// sends every message at once.
async fn a_worker_stopped_while_its_server_is_silent_returns_in_bounded_time(
    silent: SmtpSink,
    app: TestApp,
) {
    queue_mails(&app, 3).await;
    let (stop, running) = start(worker(&app.state, "instance-a", tandem::jobs::LEASE, None));
    silent.wait_for_connection(Duration::from_secs(10)).await;
    let signalled = Instant::now();
    stop.send(true).unwrap();
    let returned = tokio::time::timeout(Duration::from_secs(10), running).await;
    let took = signalled.elapsed();
    eprintln!("worker returned {took:?} after the signal (grace {SHUTDOWN_GRACE:?})");
    assert!(returned.is_ok(), "the worker did not stop within 10 s");
    assert!(took < SHUTDOWN_GRACE + Duration::from_secs(2), "{took:?}");
    assert_eq!(leased_jobs(&app, None).await, 0, "every lease given back");

    let sink = SmtpSink::start(Behaviour::Accept).await;
    let other = worker(
        &app.state,
        "instance-b",
        tandem::jobs::LEASE,
        Some(mailer_to(&app, &sink)),
    );
    assert_eq!(
        tandem::jobs::run_due(&other).await.unwrap(),
        3,
        "all run at once"
    );
    assert_eq!(
        sink.wait_for_messages(3, Duration::from_secs(10))
            .await
            .len(),
        3
    );
}
both_backends_with_sink!(
    Behaviour::NeverAnswer,
    a_worker_stopped_while_its_server_is_silent_returns_in_bounded_time
);

/// The `tandem` binary, serving from `dir` with mail to `sink`; returned once it answers HTTP
/// (and so listens for SIGTERM).
async fn serve(dir: &std::path::Path, sink: &SmtpSink) -> Child {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("TANDEM_DATA_DIR", dir)
        .env_remove("TANDEM_DATABASE_URL")
        .env("TANDEM_SMTP_HOST", "127.0.0.1")
        .env("TANDEM_SMTP_PORT", sink.port.to_string())
        .env("TANDEM_SMTP_SECURITY", "none")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let begun = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            begun.elapsed() < Duration::from_secs(30),
            "the server did not come up"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child
}

/// Waits at most `within` for the process to exit; how long it took, or `None`.
async fn exit_within(child: Child, within: Duration) -> Option<Duration> {
    let begun = Instant::now();
    let mut child = child;
    while begun.elapsed() < within {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status:?}");
            return Some(begun.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn sigterm(child: &Child) {
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// The real process: killed (SIGKILL) while a message waits on a silent server, started again
/// on the same data dir, it sends that message within seconds, not after the five-minute
/// lease; and SIGTERM stops it within ten seconds even while its server never answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_restarted_after_a_kill_sends_at_once_and_stops_in_time() {
    let app = TestApp::new(crate::harness::Backend::Sqlite).await.unwrap();
    queue_mails(&app, 1).await;
    app.leave_jobs_unrun(); // the processes run them
    let silent = SmtpSink::start(Behaviour::NeverAnswer).await;
    let mut killed = serve(app.dir.path(), &silent).await;
    silent.wait_for_connection(Duration::from_secs(30)).await;
    killed.kill().unwrap();
    killed.wait().unwrap();
    assert_eq!(
        leased_jobs(&app, SEND_MAIL).await,
        1,
        "the killed process's lease remains"
    );

    let sink = SmtpSink::start(Behaviour::Accept).await;
    let started = Instant::now();
    let restarted = serve(app.dir.path(), &sink).await;
    sink.wait_for_messages(1, Duration::from_secs(20)).await;
    eprintln!(
        "the restarted process sent the mail {:?} after it started",
        started.elapsed()
    );
    sigterm(&restarted);
    assert!(
        exit_within(restarted, Duration::from_secs(10))
            .await
            .is_some()
    );

    // Stopped while its server never answers.
    queue_mails(&app, 2).await;
    let silent = SmtpSink::start(Behaviour::NeverAnswer).await;
    let stuck = serve(app.dir.path(), &silent).await;
    silent.wait_for_connection(Duration::from_secs(30)).await;
    sigterm(&stuck);
    let took = exit_within(stuck, Duration::from_secs(10)).await;
    eprintln!("SIGTERM with a silent SMTP server: the process exited after {took:?}");
    assert!(
        took.is_some(),
        "the process did not exit within 10 s of SIGTERM"
    );
    assert_eq!(leased_jobs(&app, None).await, 0, "it gave its leases back");
}

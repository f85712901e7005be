//! The test harness: a real app on a real database, driven through its router.

#![allow(dead_code)]

use std::{
    net::SocketAddr,
    sync::atomic::{AtomicBool, AtomicUsize, Ordering},
};

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use tandem::{AppState, config::Config, db::Db, db_run};
use tempfile::TempDir;
use tower::ServiceExt;

/// A message of the catalogue in English, to assert on by key: a copy edit in
/// `locales/en/` then changes the page and the test's expectation alike.
pub fn en(key: &str) -> String {
    tandem::i18n::Tr::default().t(key)
}

/// [`en`] with the message's arguments (`("name", "Rosa".into())`).
pub fn en_with(key: &str, args: &[(&'static str, tandem::i18n::Arg)]) -> String {
    tandem::i18n::Tr::default().t_with(key, args)
}

pub const PASSWORD: &str = "kettle river sunday moss";
/// The heading of each bond's card on Today ("You & Rosa").
pub const BOND_HEADING: &str = "h2[id^='bond-']";

pub const ORIGIN: &str = "http://127.0.0.1:8080";
const POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Instantiates a test body `async fn name(app: TestApp)` once per backend, as the tests
/// `name::sqlite` and `name::postgres` (a module and a function may share a name). Attributes
/// written before the name (`both_backends!(#[ignore] name);`) go on both tests.
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* $name:ident) => {
        mod $name {
            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let backend = $crate::harness::Backend::Sqlite;
                super::$name($crate::harness::TestApp::new(backend).await.unwrap()).await
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let backend = $crate::harness::Backend::Postgres;
                if let Some(app) = $crate::harness::TestApp::new(backend).await {
                    super::$name(app).await
                }
            }
        }
    };
}

/// A browser-like client: its session cookie, its email, the address it connects from.
#[derive(Debug, Clone)]
pub struct User {
    pub cookie: Option<String>,
    pub email: String,
    pub password: String,
    pub ip: [u8; 4],
}

impl User {
    pub fn anonymous() -> User {
        User {
            cookie: None,
            email: String::new(),
            password: String::new(),
            ip: [10, 0, 0, 1],
        }
    }
}

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

/// A served response with its raw bytes (a photo, a calendar file).
pub struct Raw {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
}

impl Raw {
    pub fn header(&self, name: header::HeaderName) -> &str {
        header_text(&self.headers, name)
    }
}

/// A response header as text, or "" when it is missing.
fn header_text(headers: &axum::http::HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

impl From<Raw> for Response {
    fn from(raw: Raw) -> Response {
        Response {
            status: raw.status,
            headers: raw.headers,
            body: String::from_utf8_lossy(&raw.bytes).into_owned(),
        }
    }
}

impl Response {
    pub fn header(&self, name: header::HeaderName) -> &str {
        header_text(&self.headers, name)
    }

    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    pub fn set_cookie(&self) -> Option<String> {
        self.headers
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    #[track_caller]
    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(self.status, status, "body: {}", self.body);
        self
    }

    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in:\n{}",
            self.body
        );
        self
    }

    #[track_caller]
    pub fn assert_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} in:\n{}",
            self.body
        );
        self
    }
}

/// Reading a page by CSS selectors, so that assertions name what they look for (an input's
/// value, a selected option, a heading's text) rather than the markup around it.
impl Response {
    /// The page's HTML, parsed.
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The text of each element matching `css`, in page order, its white space collapsed.
    #[track_caller]
    pub fn select(&self, css: &str) -> Vec<String> {
        let selector = selector(css);
        self.html()
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of each element matching `css`, in page order, exactly as written (for words
    /// whose spacing is the point).
    #[track_caller]
    pub fn select_raw(&self, css: &str) -> Vec<String> {
        let selector = selector(css);
        self.html()
            .select(&selector)
            .map(|e| e.text().collect())
            .collect()
    }

    /// The value of `attr` on each element matching `css` that has it, in page order.
    #[track_caller]
    pub fn select_attr(&self, css: &str, attr: &str) -> Vec<String> {
        let selector = selector(css);
        self.html()
            .select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// How many elements match `css`.
    #[track_caller]
    pub fn count(&self, css: &str) -> usize {
        self.html().select(&selector(css)).count()
    }

    #[track_caller]
    pub fn assert_has(&self, css: &str) -> &Self {
        assert!(
            self.count(css) > 0,
            "expected an element {css:?} in:\n{}",
            self.body
        );
        self
    }

    #[track_caller]
    pub fn assert_none(&self, css: &str) -> &Self {
        assert_eq!(
            self.count(css),
            0,
            "did not expect an element {css:?} in:\n{}",
            self.body
        );
        self
    }

    /// Some element matching `css` has exactly this text (white space collapsed).
    #[track_caller]
    pub fn assert_text(&self, css: &str, text: &str) -> &Self {
        let texts = self.select(css);
        assert!(
            texts.iter().any(|t| t == text),
            "expected an element {css:?} reading {text:?}; those found read {texts:?} in:\n{}",
            self.body
        );
        self
    }

    /// No element matching `css` has exactly this text.
    #[track_caller]
    pub fn assert_no_text(&self, css: &str, text: &str) -> &Self {
        let texts = self.select(css);
        assert!(
            texts.iter().all(|t| t != text),
            "did not expect an element {css:?} reading {text:?} in:\n{}",
            self.body
        );
        self
    }

    /// Some element matching `css` has a text that starts with `prefix`.
    #[track_caller]
    pub fn assert_text_starts_with(&self, css: &str, prefix: &str) -> &Self {
        let texts = self.select(css);
        assert!(
            texts.iter().any(|t| t.starts_with(prefix)),
            "expected an element {css:?} starting {prefix:?}; those found read {texts:?}"
        );
        self
    }

    /// No element matching `css` has a text that starts with `prefix`.
    #[track_caller]
    pub fn assert_no_text_starting(&self, css: &str, prefix: &str) -> &Self {
        let texts = self.select(css);
        assert!(
            !texts.iter().any(|t| t.starts_with(prefix)),
            "did not expect an element {css:?} starting {prefix:?}; those found read {texts:?}"
        );
        self
    }

    /// Some element matching `css` has a text that ends with `suffix`.
    #[track_caller]
    pub fn assert_text_ends_with(&self, css: &str, suffix: &str) -> &Self {
        let texts = self.select(css);
        assert!(
            texts.iter().any(|t| t.ends_with(suffix)),
            "expected an element {css:?} ending {suffix:?}; those found read {texts:?}"
        );
        self
    }

    /// Some element matching `css` has `part` in its text (white space collapsed).
    #[track_caller]
    pub fn assert_text_contains(&self, css: &str, part: &str) -> &Self {
        let texts = self.select(css);
        assert!(
            texts.iter().any(|t| t.contains(part)),
            "expected an element {css:?} with {part:?} in its text; those found read {texts:?} \
             in:\n{}",
            self.body
        );
        self
    }
}

#[track_caller]
fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

pub struct TestApp {
    pub state: AppState,
    pub backend: Backend,
    pub dir: TempDir,
    router: Router,
    counter: AtomicUsize,
    /// Set by [`TestApp::leave_jobs_unrun`]: the test means to leave due jobs behind.
    leave_jobs: AtomicBool,
}

static DB_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The URL of a fresh database of the backend, already migrated (a copy of a template migrated
/// once per test process); `None` when PostgreSQL is unreachable outside CI.
pub async fn migrated_database_url(backend: Backend, dir: &TempDir) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let file = dir.path().join("tandem.db");
            std::fs::write(&file, sqlite_template().await).expect("copy the template database");
            Some(format!("sqlite:{}", file.display()))
        }
        Backend::Postgres => {
            let admin = postgres_admin().await?;
            let template = postgres_template(&admin).await;
            let name = format!(
                "tandem_test_{}_{}",
                std::process::id(),
                DB_COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .execute(&admin)
                .await
                .expect("create test database");
            admin.close().await;
            Some(postgres_url(&name))
        }
    }
}

fn postgres_url(database: &str) -> String {
    format!("postgres://postgres@127.0.0.1:5432/{database}")
}

/// A connection to the PostgreSQL server's own database, to create and drop databases;
/// `None` (said loudly) when the server is unreachable or skipped outside CI.
async fn postgres_admin() -> Option<sqlx::PgPool> {
    let on_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if std::env::var("TANDEM_TEST_SKIP_POSTGRES").is_ok() && !on_ci {
        eprintln!("SKIPPED PostgreSQL test: TANDEM_TEST_SKIP_POSTGRES is set");
        return None;
    }
    match sqlx::PgPool::connect(POSTGRES_ADMIN_URL).await {
        Ok(pool) => Some(pool),
        Err(e) => {
            assert!(
                !on_ci,
                "PostgreSQL is required under CI=true but unreachable at {POSTGRES_ADMIN_URL}: {e}"
            );
            eprintln!("SKIPPED PostgreSQL test: no server at {POSTGRES_ADMIN_URL} ({e})");
            None
        }
    }
}

/// A SQLite database with every migration applied, as the bytes of its file: migrated once per
/// test process, then written out as each test's own file. Its write-ahead log is folded into
/// the file and the file closed first, so the bytes hold the whole schema.
async fn sqlite_template() -> &'static [u8] {
    static TEMPLATE: tokio::sync::OnceCell<Vec<u8>> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().expect("temp dir");
            let file = dir.path().join("template.db");
            let db = Db::connect(&format!("sqlite:{}", file.display()))
                .await
                .expect("open the template database");
            db.migrate().await.expect("migrate the template database");
            let Db::Sqlite(pool) = &db else {
                unreachable!()
            };
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await
                .expect("checkpoint the template database");
            db.close().await;
            let wal = dir.path().join("template.db-wal");
            assert!(
                std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
                "the template's write-ahead log was not folded into it"
            );
            std::fs::read(&file).expect("read the template database")
        })
        .await
}

/// The name of this process's PostgreSQL template database (`tandem_tmpl_<pid>`), created and
/// migrated on first use. No connection to it stays open: `CREATE DATABASE … TEMPLATE` refuses
/// a template that another session is connected to.
async fn postgres_template(admin: &sqlx::PgPool) -> &'static str {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            cleanup_stale_databases(admin).await;
            let name = format!("tandem_tmpl_{}", std::process::id());
            // Left by a first attempt in this process that failed half-way.
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(admin)
                .await
                .expect("drop an unfinished template database");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(admin)
                .await
                .expect("create the template database");
            let db = Db::connect(&postgres_url(&name))
                .await
                .expect("open the template database");
            db.migrate().await.expect("migrate the template database");
            db.close().await;
            name
        })
        .await
}

/// Drops databases left by earlier test runs whose process is gone: test databases
/// (`tandem_test_<pid>_<n>`) and templates (`tandem_tmpl_<pid>`).
async fn cleanup_stale_databases(admin: &sqlx::PgPool) {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT datname FROM pg_database
         WHERE datname LIKE 'tandem_test_%' OR datname LIKE 'tandem_tmpl_%'",
    )
    .fetch_all(admin)
    .await
    .unwrap_or_default();
    // Each DROP DATABASE waits for a checkpoint; dropped side by side, they share them.
    let mut drops = tokio::task::JoinSet::new();
    for name in names {
        let pid = name.split('_').nth(2).unwrap_or("");
        if pid != std::process::id().to_string()
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            let admin = admin.clone();
            drops.spawn(async move {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await;
            });
        }
    }
    drops.join_all().await;
}

impl TestApp {
    pub async fn new(backend: Backend) -> Option<TestApp> {
        Self::with_config(backend, |_| {}).await
    }

    /// An app whose configuration the test adjusts first (e.g. an https base URL or SMTP).
    pub async fn with_config(
        backend: Backend,
        adjust: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        Self::in_folder(backend, tempfile::tempdir().expect("temp dir"), adjust).await
    }

    /// An app whose data folder (SQLite file, media) is `dir`, e.g. a small disk a test fills.
    pub async fn in_folder(
        backend: Backend,
        dir: TempDir,
        adjust: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        let url = migrated_database_url(backend, &dir).await?;
        let mut config = Config::for_database(dir.path().to_path_buf(), &url);
        adjust(&mut config);
        let state = AppState::start(config).await.expect("app starts");
        Some(TestApp {
            router: tandem::app(state.clone()),
            state,
            backend,
            dir,
            counter: AtomicUsize::new(0),
            leave_jobs: AtomicBool::new(false),
        })
    }

    /// The same database, as a freshly started app would see it (a restart).
    pub async fn restart(self) -> TestApp {
        self.restart_with(|_| {}).await
    }

    /// A restart under a configuration the test adjusts first (e.g. to accept a push service
    /// on loopback): for tests written with `both_backends!`, which start with the defaults.
    pub async fn restart_with(mut self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = (*self.state.config).clone();
        adjust(&mut config);
        let clock = self.state.clock.clone();
        self.state.db.close().await;
        self.state = AppState::start(config).await.expect("app restarts");
        // A restart does not turn back a clock the test moved.
        self.state.clock = clock;
        self.router = tandem::app(self.state.clone());
        self
    }

    /// Lets this test end with due jobs it never ran. Without it, a test that leaves due jobs
    /// behind fails (see the `Drop` of `TestApp`); call it only where leaving them is the point,
    /// and say why beside the call.
    pub fn leave_jobs_unrun(&self) {
        self.leave_jobs.store(true, Ordering::SeqCst);
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// The app's clock, shared by its requests and its job worker: move it forward instead of
    /// editing the timestamps of rows.
    pub fn clock(&self) -> &tandem::clock::Clock {
        &self.state.clock
    }

    async fn send(
        &self,
        user: &User,
        request: axum::http::request::Builder,
        body: Body,
    ) -> Response {
        self.send_raw(user, request, body).await.into()
    }

    /// Sends a request as `user` (cookie and address) and keeps the body as bytes.
    pub async fn send_raw(
        &self,
        user: &User,
        request: axum::http::request::Builder,
        body: Body,
    ) -> Raw {
        let mut request = request;
        if let Some(cookie) = &user.cookie {
            request = request.header(header::COOKIE, format!("tandem_session={cookie}"));
        }
        let mut request = request.body(body).expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((user.ip, 40000))));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Raw {
            status,
            headers,
            bytes: bytes.to_vec(),
        }
    }

    pub async fn get(&self, user: &User, path: &str) -> Response {
        self.send(user, Request::get(path), Body::empty()).await
    }

    /// Posts a form as a browser on our own pages would (with a same-origin `Origin`).
    pub async fn post(&self, user: &User, path: &str, form: &[(&str, &str)]) -> Response {
        self.post_with(user, path, form, &[("origin", ORIGIN)])
            .await
    }

    pub async fn post_with(
        &self,
        user: &User,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        let body = serde_urlencoded::to_string(form).expect("form encodes");
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(user, request, Body::from(body)).await
    }

    fn unique_email(&self, who: &str) -> String {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        format!("{who}{n}@example.org")
    }

    /// Signs up a new family member; panics unless it succeeds.
    pub async fn sign_up(&self, role: &str, name: &str, birth_date: &str) -> User {
        let email = self.unique_email(&role.to_lowercase());
        let response = self
            .post(
                &User::anonymous(),
                "/signup",
                &[
                    ("role", role),
                    ("family_name", "The Testers"),
                    ("display_name", name),
                    ("email", &email),
                    ("password", PASSWORD),
                    ("time_zone", "Europe/Lisbon"),
                    ("birth_date", birth_date),
                ],
            )
            .await;
        self.confirm_by_mail(&response, email, [10, 0, 0, 2]).await
    }

    /// Finishes a sign-up or an acceptance as its person would: opens the newest mail to
    /// `email` and confirms with the link in it. Panics unless that signs in.
    pub async fn confirm_by_mail(&self, response: &Response, email: String, ip: [u8; 4]) -> User {
        response.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(
            response.location(),
            "/signup/check-mail",
            "body: {}",
            response.body
        );
        let path = self
            .confirmation_link(&email)
            .await
            .expect("a confirmation link was mailed");
        let confirmed = self.post(&User::anonymous(), &path, &[]).await;
        signed_in(&confirmed, email, ip)
    }

    /// The path of the newest confirmation link mailed to `email`, if any.
    pub async fn confirmation_link(&self, email: &str) -> Option<String> {
        let mails = self.mail_to(email).await;
        let body = &mails.first()?.body;
        let start = body.find("/signup/confirm/")?;
        Some(body[start..].split_whitespace().next()?.to_owned())
    }

    pub async fn sign_up_mother(&self, name: &str) -> User {
        self.sign_up("mother", name, "").await
    }

    pub async fn log_in(&self, email: &str, password: &str) -> Response {
        self.post(
            &User::anonymous(),
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Logs in and returns the user with a fresh session; panics unless it succeeds.
    pub async fn log_in_as(&self, user: &User) -> User {
        let response = self.log_in(&user.email, &user.password).await;
        response.assert_status(StatusCode::SEE_OTHER);
        User {
            cookie: Some(session_cookie(&response)),
            ..user.clone()
        }
    }

    /// A mother adds a managed son profile.
    pub async fn add_son(&self, mother: &User, name: &str, birth_date: &str) {
        self.post(
            mother,
            "/family/sons",
            &[("name", name), ("birth_date", birth_date)],
        )
        .await
        .assert_status(StatusCode::SEE_OTHER);
    }

    /// Creates an invitation and returns its path (`/invite/TOKEN`), read off the page.
    pub async fn invite(&self, by: &User, form: &[(&str, &str)]) -> String {
        let created = self.post(by, "/family/invitations", form).await;
        created.assert_status(StatusCode::SEE_OTHER);
        let response = self.get(by, created.location()).await;
        response.assert_status(StatusCode::OK);
        let start = response
            .body
            .find("/invite/")
            .expect("the page shows the link");
        let rest = &response.body[start..];
        let end = rest.find('"').expect("link ends");
        rest[..end].to_owned()
    }

    /// Accepts an invitation with a new login; returns the new user. The jobs that made due
    /// (the family is told who joined) run, as the worker would run them a moment later.
    pub async fn accept(&self, path: &str, name: &str, birth_date: &str) -> User {
        let email = self.unique_email("invited");
        let response = self
            .post(
                &User::anonymous(),
                path,
                &[
                    ("display_name", name),
                    ("email", &email),
                    ("password", PASSWORD),
                    ("time_zone", "America/Toronto"),
                    ("birth_date", birth_date),
                ],
            )
            .await;
        let user = self.confirm_by_mail(&response, email, [10, 0, 0, 3]).await;
        self.run_jobs().await;
        user
    }

    /// A mother (Rosa, signed up) and her son (Iker, `age` years old, invited and accepted),
    /// each with a login, and the id of their bond. Their time zones are the ones `sign_up`
    /// and `accept` give: Europe/Lisbon for her, America/Toronto for him.
    pub async fn mother_and_son(&self, age: i32) -> (User, User, String) {
        let mother = self.sign_up_mother("Rosa").await;
        let link = self
            .invite(&mother, &[("name", "Iker"), ("role", "son")])
            .await;
        let son = self
            .accept(&link, "Iker", &crate::family::born_years_ago(age))
            .await;
        let bond = self.bond_ids(&son).await.remove(0);
        (mother, son, bond)
    }

    /// Runs every due job now, as the worker would; returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        tandem::jobs::run_due(&self.state.worker("test-worker"))
            .await
            .expect("jobs run")
    }

    /// All mail Tandem wrote, newest first, read from the outbox table.
    pub async fn mail_to(&self, email: &str) -> Vec<tandem::mail::OutboxMail> {
        let mut conn = self.db().conn().await.unwrap();
        db_run!(&mut conn, |c| sqlx::query_as::<_, tandem::mail::OutboxMail>(
            "SELECT id, to_email, kind, subject, body, created_at, sent_at FROM outbox WHERE to_email = $1 ORDER BY created_at DESC"
        )
        .bind(email)
        .fetch_all(c)
        .await)
        .unwrap()
    }

    /// Counts rows of a table (for "nothing was stored" checks).
    pub async fn count(&self, table: &str) -> i64 {
        let mut conn = self.db().conn().await.unwrap();
        let sql = format!("SELECT COUNT(*) FROM {table}");
        db_run!(&mut conn, |c| sqlx::query_scalar::<_, i64>(&sql)
            .fetch_one(c)
            .await)
        .unwrap()
    }

    /// The text of the first column of the first row a query finds (an id made by a request).
    pub async fn select_one(&self, sql: &str) -> String {
        let mut conn = self.db().conn().await.unwrap();
        db_run!(&mut conn, |c| sqlx::query_scalar::<_, String>(sql)
            .fetch_one(c)
            .await)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Runs a statement directly, with text binds.
    pub async fn exec(&self, sql: &str, binds: &[&str]) {
        self.run_sql(sql, None, binds).await
    }

    /// Runs a statement with a timestamp as `$1` and text binds after it. To let time pass,
    /// move [`TestApp::clock`] instead; this is for states the clock cannot make (a job
    /// re-armed as after a crash, one member's rows aged but not the other's).
    pub async fn exec_at(&self, sql: &str, at: chrono::DateTime<chrono::Utc>, binds: &[&str]) {
        self.run_sql(sql, Some(at), binds).await
    }

    async fn run_sql(&self, sql: &str, at: Option<chrono::DateTime<chrono::Utc>>, binds: &[&str]) {
        let mut conn = self.db().conn().await.unwrap();
        tandem::db_exec!(&mut conn, |c| {
            let mut q = sqlx::query(sql);
            if let Some(at) = at {
                q = q.bind(at);
            }
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(c).await
        })
        .unwrap();
    }

    /// The ids of the bonds the user sees on Today, in page order.
    pub async fn bond_ids(&self, user: &User) -> Vec<String> {
        let page = self.get(user, "/").await;
        let mut ids = Vec::new();
        for href in page.select_attr("[href^='/bonds/']", "href") {
            let id = href["/bonds/".len()..]
                .split('/')
                .next()
                .unwrap()
                .to_owned();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// A test must run the jobs its actions made due (`run_jobs`), as the worker would in `serve`:
/// otherwise what those jobs do was never tested, whatever the test asserts (crates.io's
/// `TestApp` checks the same). A test that panicked already failed, so it is not checked again.
impl Drop for TestApp {
    fn drop(&mut self) {
        if std::thread::panicking() || self.leave_jobs.load(Ordering::SeqCst) {
            return;
        }
        let left = self.due_jobs_left();
        assert!(
            left.is_empty(),
            "the test left due jobs it never ran: {}. Run them (`app.run_jobs()`), or, if leaving \
             them is the point, say so with `app.leave_jobs_unrun()`.",
            left.join(", ")
        );
    }
}

impl TestApp {
    /// The kinds of jobs that are due and neither done nor failed for good, with how many, as
    /// `kind × n`. Without an SMTP server a mail job does nothing (the message is already in
    /// the outbox, where tests read it), so those do not count there.
    fn due_jobs_left(&self) -> Vec<String> {
        let smtp = self.state.mailer.is_smtp();
        let url = self.state.config.database_url();
        // Due by the app's clock, which the test may have moved.
        let now = self.state.clock.now();
        let check = |db: Db| async move {
            let mut conn = db.conn().await.expect("a connection for the job check");
            let rows: Vec<(String, i64)> = db_run!(&mut conn, |c| sqlx::query_as(
                "SELECT kind, COUNT(*) FROM jobs
                 WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1
                 GROUP BY kind ORDER BY kind"
            )
            .bind(now)
            .fetch_all(c)
            .await)
            .expect("read the due jobs");
            rows.into_iter()
                .filter(|(kind, _)| {
                    smtp || kind != <tandem::mail::SendMail as tandem::jobs::Job>::KIND
                })
                .map(|(kind, n)| format!("{kind} × {n}"))
                .collect::<Vec<_>>()
        };
        let closed = match &self.state.db {
            Db::Sqlite(p) => p.is_closed(),
            Db::Postgres(p) => p.is_closed(),
        };
        let handle = tokio::runtime::Handle::try_current();
        match handle {
            Ok(handle)
                if !closed
                    && handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread =>
            {
                let db = self.state.db.clone();
                tokio::task::block_in_place(|| handle.block_on(check(db)))
            }
            // A test on a single-threaded runtime (which cannot block in place), or one that
            // closed the app's pool: a connection of its own, on a runtime of its own.
            _ => std::thread::scope(|s| {
                s.spawn(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("a runtime for the job check");
                    runtime.block_on(async {
                        let db = Db::connect(&url).await.expect("open the database again");
                        let left = check(db.clone()).await;
                        db.close().await;
                        left
                    })
                })
                .join()
                .expect("the job check ran")
            }),
        }
    }
}

/// The user a successful sign-up or acceptance created, signed in.
#[track_caller]
fn signed_in(response: &Response, email: String, ip: [u8; 4]) -> User {
    response.assert_status(StatusCode::SEE_OTHER);
    User {
        cookie: Some(session_cookie(response)),
        email,
        password: PASSWORD.into(),
        ip,
    }
}

pub fn session_cookie(response: &Response) -> String {
    let cookie = response.set_cookie().expect("a session cookie is set");
    cookie
        .strip_prefix("tandem_session=")
        .and_then(|c| c.split(';').next())
        .expect("session cookie value")
        .to_owned()
}

//! The whole first journey in two real, independent headless Chromium browsers: a mother signs
//! up, adds her son, and invites him to his own login; he claims his profile on "his phone"
//! and writes one private and one shared note; she sees the shared note and never the private
//! one. Then the journeys of each practice (feelings, talk, together) in the same two browsers.
//! Needs `chromium` and `chromedriver`: skipped without them, except in CI where it fails.
//! Screenshots land in `target/e2e-artifacts/` of the project for a human to look at.

mod account;
mod feelings;
mod frame;
mod pseudo;
mod talk;
mod together;
mod trust;

use std::{
    future::IntoFuture,
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use axum::http::Method;
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use chrono::Datelike;
use serde_json::{Value, json};
use tandem::{AppState, config::Config};

use crate::harness::en;
use thirtyfour::{
    RequestData, SessionId, common::command::FormatRequestData, components::SelectElement,
    extensions::query::ElementPollerWithTimeout, prelude::*,
};

/// In the project's own target dir even when `CARGO_TARGET_DIR` points elsewhere.
const ARTIFACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-artifacts");
/// axe-core, the accessibility checker, installed from npm by `bin/test` and `.ci/run`.
const AXE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/axe/node_modules/axe-core/axe.min.js"
);
/// A phone's viewport, the narrowest Tandem is made for. Chrome keeps windows at least
/// 500 px wide, so it is emulated.
const PHONE: (u32, u32) = (360, 780);
/// `--lang` pins date inputs to month/day/year typing; reduced motion turns off the style's
/// smooth scrolling, which would make chromedriver click where a button used to be.
const CHROMIUM_ARGS: &str = "--headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --disable-quic --window-size=360,780 --lang=en-US --force-prefers-reduced-motion";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mother_and_son_join_the_family_in_real_browsers() -> anyhow::Result<()> {
    let (Some(chromium), Some(chromedriver)) = (
        find_program("chromium", Some("/usr/bin/chromium")),
        find_program("chromedriver", None),
    ) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the browser suite must run in CI, but chromium/chromedriver are not installed"
        );
        eprintln!("SKIPPED browser suite: chromium/chromedriver not installed");
        return Ok(());
    };
    let started = Instant::now();
    std::fs::create_dir_all(ARTIFACTS)?;
    // Only this run's screenshots: one renamed since an older run would mislead.
    for entry in std::fs::read_dir(ARTIFACTS)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "png") {
            std::fs::remove_file(path)?;
        }
    }
    let audit = Audit::load()?;
    // reqwest is built with TLS but no crypto provider of its own (Tandem's push client brings
    // its rustls config); the WebDriver client shares that build, so it needs the process's
    // default provider, the `ring` one Tandem uses.
    let _ = rustls::crypto::ring::default_provider().install_default();

    // The real app on a free port, served exactly as `tandem serve` does.
    let dir = tempfile::tempdir()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let db_url = format!("sqlite:{}", dir.path().join("tandem.db").display());
    let mut config = Config::for_database(dir.path().to_path_buf(), &db_url);
    config.listen = addr;
    config.base_url = Some(format!("{base}/").parse()?);
    let state = AppState::start(config).await?;
    // Kept to move the clock on: a plan into the past, reminders to their time.
    let app = tandem::app(state.clone());
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(axum::serve(listener, service).into_future());

    // Declared before the browsers so it drops after them: on a failure the sessions quit
    // (closing Chromium) before chromedriver is killed.
    let driver_server = ChromeDriver::start(&chromedriver).await?;
    let mother = browser(&driver_server.url, &chromium, dir.path().join("mother")).await?;
    let son = browser(&driver_server.url, &chromium, dir.path().join("son")).await?;

    // Rosa starts the family and lands on Today.
    mother.goto(format!("{base}/signup")).await?;
    account::birth_date_only_for_a_son(&mother, &audit).await?;
    fill(&mother, "#display_name", "Rosa").await?;
    fill(&mother, "#email", "rosa@example.org").await?;
    fill(&mother, "#password", "kettle river sunday moss").await?;
    fill(&mother, "#family_name", "The Silvas").await?;
    submit(&mother, r#"form[action="/signup"]"#).await?;
    confirm_by_mail(&mother, &state, "rosa@example.org").await?;
    wait_text(&mother, "h1", "Today").await?;
    expect(&mother, &["Hello Rosa"]).await?;
    shot(&mother, "01-mother-today.png").await?;
    audit.check(&mother, "Today").await?;

    // She adds Tomás, too young (in her mind) for his own login. His birth date keeps him a
    // teen whatever year the suite runs in; it is typed, as on a real date input.
    mother.goto(format!("{base}/family")).await?;
    fill(&mother, "#son-name", "Tomás").await?;
    let year = chrono::Utc::now().year() - 14;
    fill(&mother, "#son-birth-date", &format!("0314{year}")).await?;
    let born = format!("{year}-03-14");
    assert_eq!(value(&mother, "#son-birth-date").await?, born);
    submit(&mother, r#"form[action="/family/sons"]"#).await?;
    expect(
        &mother,
        &["Tomás", &en("family-no-login-yet"), &en("age-band-teen")],
    )
    .await?;
    wait_text(&mother, ".flash", &en("family-flash-son-added")).await?;
    shot(&mother, "02-mother-family-with-son.png").await?;
    audit.check(&mother, "family page").await?;
    // The confirmation is said once: a reload shows the page without it.
    mother.refresh().await?;
    wait_text(&mother, "h1", "The Silvas").await?;
    let again = mother.find_all(By::Css(".flash")).await?;
    anyhow::ensure!(
        again.is_empty(),
        "the confirmation showed again after a reload"
    );

    // ...and later gives him his own login: the claim form is the one naming a member.
    let claim = r#"form[action="/family/invitations"]:has(input[name=member_id])"#;
    submit(&mother, claim).await?;
    let link = value(&mother, "input#invite-link").await?;
    let expected = format!("{base}/invite/");
    assert!(link.starts_with(&expected), "odd link {link:?}");
    shot(&mother, "03-mother-invitation-ready.png").await?;
    audit.check(&mother, "invitation ready").await?;

    // Tomás opens the link on his own phone: another browser, no shared cookies.
    son.goto(link.as_str()).await?;
    expect(&son, &["Welcome to The Silvas"]).await?;
    assert_eq!(value(&son, "#display_name").await?, "Tomás");
    fill(&son, "#display_name", "Tom").await?;
    fill(&son, "#email", "tom@example.org").await?;
    fill(&son, "#password", "river kettle monday fern").await?;
    shot(&son, "04-son-accepts-invitation.png").await?;
    audit.check(&son, "accept invitation").await?;
    submit(&son, r#"form[action^="/invite/"]"#).await?;
    confirm_by_mail(&son, &state, "tom@example.org").await?;
    expect(&son, &["Hello Tom"]).await?;
    wait_text(&son, "h2", "You & Rosa").await?;
    shot(&son, "05-son-today.png").await?;

    // He writes one note only for himself and one for both of them.
    let notes_link = "//a[starts-with(normalize-space(.), 'Notes with')]";
    follow(&son, By::XPath(notes_link)).await?;
    for (body, visibility) in [
        ("Private: nervous about Friday", "private"),
        ("Thanks for the pancakes", "shared"),
    ] {
        fill(&son, "textarea#body", body).await?;
        click(&son, &format!("input[name=visibility][value={visibility}]")).await?;
        submit(&son, r#"form[action$="/notes"]"#).await?;
        wait_text(&son, ".note-body", body).await?;
    }
    shot(&son, "06-son-notes.png").await?;
    audit.check(&son, "notes").await?;

    // Rosa sees his new name and the shared note; the private one never reaches her page,
    // not even hidden in the markup.
    mother.goto(format!("{base}/")).await?;
    wait_text(&mother, "h2", "You & Tom").await?;
    expect(&mother, &["Thanks for the pancakes"]).await?;
    let leaked = mother.source().await?.contains("nervous about Friday");
    assert!(!leaked, "the son's private note reached his mother's Today");
    mother.goto(format!("{base}/family")).await?;
    assert!(!mother.source().await?.contains("no login yet"));
    mother.goto(format!("{base}/settings")).await?;
    audit.check(&mother, "settings").await?;
    installed_app(&mother, &base, &audit).await?;
    mother.goto(format!("{base}/no-such-page")).await?;
    audit.check(&mother, "404 page").await?;
    son.goto(format!("{base}/outbox")).await?;
    audit.check(&son, "outbox").await?;
    mother.goto(format!("{base}/")).await?;
    shot(&mother, "07-mother-today-after-notes.png").await?;
    // She follows the news of his note to the note itself and answers it there.
    follow(&mother, By::Css(r#".news a[href*="/notes/"]"#)).await?;
    wait_text(&mother, ".note-body", "Thanks for the pancakes").await?;
    fill(&mother, "textarea#reply-body", "They were the best yet").await?;
    submit(&mother, r#"form[action$="/replies"]"#).await?;
    wait_text(&mother, "#replies .note-body", "They were the best yet").await?;
    shot(&mother, "07b-mother-answers-a-note.png").await?;
    audit.check(&mother, "one note and its replies").await?;

    // Feelings: he checks in and shares, she sees it on Today and answers.
    feelings::journey(&mother, &son, &base, &audit).await?;
    // Talk: the question of the day, answered blind and revealed to both.
    talk::journey(&mother, &son, &base, &audit).await?;
    // Together: plan, be reminded, do, reflect with photos, and the memory book.
    together::journey(&mother, &son, &base, &audit, &state).await?;
    // Every page of hers in the pseudo-language on a 360 px phone: nothing grows too wide.
    pseudo::journey(&mother, &base, &state).await?;
    // The frame: content near the top on a small phone, the desktop header in one row.
    frame::journey(&mother, &base, &state, &audit).await?;

    // A question he answered and she would rather skip: she is asked to be sure.
    talk::skip_when_answered(&mother, &son, &base, &audit, &state).await?;

    // Trust: his invitation refused, and Back after logout shows nothing private. He ends
    // signed out.
    trust::journey(&son, &base, &audit).await?;

    // A signed-out visitor's pages, and a form with errors on it.
    son.goto(format!("{base}/")).await?;
    audit.check(&son, "welcome").await?;
    son.goto(format!("{base}/signup")).await?;
    submit(&son, r#"form[action="/signup"]"#).await?;
    expect(&son, &["Some answers need another look"]).await?;
    audit.check(&son, "sign-up with errors").await?;
    son.goto(format!("{base}/login")).await?;
    audit.check(&son, "log in").await?;

    mother.quit().await?;
    son.quit().await?;
    audit.finish()?;
    eprintln!("browser suite passed in {:.1?}", started.elapsed());
    Ok(())
}

/// The installed app: every page links the manifest, the service worker registers for the
/// whole site, and the pages it brings (notifications on the reminder settings, the offline
/// page) pass the audit.
async fn installed_app(driver: &WebDriver, base: &str, audit: &Audit) -> anyhow::Result<()> {
    driver.goto(format!("{base}/settings/reminders")).await?;
    let manifest = driver.find(By::Css("link[rel=manifest]")).await?;
    let href = manifest.attr("href").await?.unwrap_or_default();
    assert!(
        href.ends_with("/manifest.webmanifest"),
        "manifest link {href:?}"
    );
    let ready = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.ready
               .then(r => done(r.active ? r.active.scriptURL + ' ' + r.scope : 'not active'))
               .catch(e => done('failed: ' + e));",
            Vec::new(),
        )
        .await?;
    assert_eq!(
        ready.json(),
        &json!(format!("{base}/sw.js {base}/")),
        "the service worker registers for the whole site"
    );
    expect(driver, &[&en("push-devices-title")]).await?;
    audit.check(driver, "reminder settings").await?;
    driver.goto(format!("{base}/offline")).await?;
    expect(driver, &[&en("offline-heading")]).await?;
    audit.check(driver, "offline page").await?;
    Ok(())
}

/// After sign-up or acceptance: "check your mail", then the link Tandem mailed to `email`
/// (read from the outbox, as no mail server is set up) and its button, as its owner would.
async fn confirm_by_mail(driver: &WebDriver, state: &AppState, email: &str) -> anyhow::Result<()> {
    wait_text(driver, "h1", &en("check-mail-heading")).await?;
    let mail = tandem::mail::waiting(&state.db, 50)
        .await?
        .into_iter()
        .find(|m| m.to_email == email && m.body.contains("/signup/confirm/"))
        .ok_or_else(|| anyhow::anyhow!("no confirmation mailed to {email}"))?;
    let link = mail
        .body
        .split_whitespace()
        .find(|w| w.contains("/signup/confirm/"))
        .unwrap_or_default()
        .to_owned();
    driver.goto(link).await?;
    submit(driver, r#"form[action^="/signup/confirm/"]"#).await?;
    Ok(())
}

/// `name` on PATH, or `preferred` if that file exists.
fn find_program(name: &str, preferred: Option<&str>) -> Option<PathBuf> {
    let preferred = preferred.map(PathBuf::from).filter(|p| p.is_file());
    preferred.or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A chromedriver child process, killed when the test ends, however it ends.
struct ChromeDriver {
    child: Child,
    url: String,
}

impl ChromeDriver {
    async fn start(program: &Path) -> anyhow::Result<ChromeDriver> {
        // Ask the OS for a free port, then hand it to chromedriver.
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={ARTIFACTS}/chromedriver.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let url = format!("http://127.0.0.1:{port}");
        let server = ChromeDriver { child, url };
        // It listens only once it is ready to create sessions.
        let deadline = Instant::now() + Duration::from_secs(20);
        let connect = || tokio::net::TcpStream::connect(("127.0.0.1", port));
        while connect().await.is_err() {
            anyhow::ensure!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(server)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh browser with its own profile dir, so the two people share nothing.
async fn browser(server: &str, chromium: &Path, profile: PathBuf) -> anyhow::Result<WebDriver> {
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&chromium.to_string_lossy())?;
    for arg in CHROMIUM_ARGS.split_whitespace() {
        caps.add_arg(arg)?;
    }
    caps.add_arg(&format!("--user-data-dir={}", profile.display()))?;
    let metrics = json!({ "width": PHONE.0, "height": PHONE.1, "pixelRatio": 1, "mobile": true });
    caps.add_experimental_option("mobileEmulation", json!({ "deviceMetrics": metrics }))?;
    let driver = WebDriver::new(server, caps).await?;
    // Queries retry quickly and give up after 10 s instead of the default 20 s.
    let poller = ElementPollerWithTimeout::new(Duration::from_secs(10), Duration::from_millis(100));
    driver.set_poller(Arc::new(poller));
    Ok(driver)
}

/// Replaces a field's content by typing, as a person would.
async fn fill(driver: &WebDriver, css: &str, text: &str) -> WebDriverResult<()> {
    let field = driver.query(By::Css(css)).first().await?;
    field.clear().await?;
    field.send_keys(text).await
}

/// Clicks what `by` finds and waits for the next page: the old document goes stale once the
/// browser has navigated (forms post normally; the app needs no JavaScript).
async fn follow(driver: &WebDriver, by: By) -> WebDriverResult<()> {
    let old_page = driver.find(By::Tag("html")).await?;
    tap(driver.query(by).first().await?).await?;
    old_page.wait_until().stale().await
}

/// Scrolls `element` up the screen, as a person would before tapping it, and taps it.
/// Chromedriver alone clicks an element as soon as it is inside the viewport, even where the
/// phone's tab bar covers it.
async fn tap(element: WebElement) -> WebDriverResult<()> {
    element.scroll_into_view().await?;
    element.click().await
}

/// Sends the form `form_css` with its submit button, as a person would.
async fn submit(driver: &WebDriver, form_css: &str) -> WebDriverResult<()> {
    follow(driver, By::Css(format!("{form_css} button[type=submit]"))).await
}

/// Fails unless the page's markup contains every one of `texts`.
async fn expect(driver: &WebDriver, texts: &[&str]) -> anyhow::Result<()> {
    let page = driver.source().await?;
    match texts.iter().find(|text| !page.contains(**text)) {
        Some(missing) => anyhow::bail!("{} lacks {missing:?}", driver.current_url().await?),
        None => Ok(()),
    }
}

/// Clicks something that stays on the same page (a radio button, a checkbox).
async fn click(driver: &WebDriver, css: &str) -> WebDriverResult<()> {
    tap(driver.query(By::Css(css)).first().await?).await
}

/// Picks `option` (its value) in a select.
async fn choose(driver: &WebDriver, css: &str, option: &str) -> WebDriverResult<()> {
    let select = driver.query(By::Css(css)).first().await?;
    SelectElement::new(&select)
        .await?
        .select_by_value(option)
        .await
}

/// A field's current value (the DOM property, so also what was typed).
async fn value(driver: &WebDriver, css: &str) -> WebDriverResult<String> {
    let field = driver.query(By::Css(css)).first().await?;
    Ok(field.prop("value").await?.unwrap_or_default())
}

/// Waits for an element matching `css` whose visible text is exactly `text`.
async fn wait_text(driver: &WebDriver, css: &str, text: &str) -> WebDriverResult<()> {
    let query = driver.query(By::Css(css)).with_text(text.to_owned());
    query.first().await.map(drop)
}

/// A full-page PNG, as wide as the viewport and as tall as the page, taken through the
/// DevTools protocol.
async fn shot(driver: &WebDriver, name: &str) -> anyhow::Result<()> {
    let script = "const e = document.documentElement; return [e.clientWidth, e.scrollHeight]";
    let (width, height): (u32, u32) = driver.execute(script, Vec::new()).await?.convert()?;
    let clip = json!({ "x": 0, "y": 0, "width": width, "height": height, "scale": 1 });
    let params = json!({ "format": "png", "captureBeyondViewport": true, "clip": clip });
    let command = Cdp("Page.captureScreenshot", params);
    let reply: Value = driver.cmd(command).await?.value()?;
    let png = BASE64.decode(reply["data"].as_str().unwrap_or_default())?;
    std::fs::write(Path::new(ARTIFACTS).join(name), png)?;
    Ok(())
}

/// A raw DevTools command sent through chromedriver (thirtyfour's own `cdp` feature is off).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl FormatRequestData for Cdp {
    fn format_request(&self, session: &SessionId) -> RequestData {
        RequestData::new(Method::POST, format!("/session/{session}/goog/cdp/execute"))
            .add_body(json!({ "cmd": self.0, "params": self.1 }))
    }
}

/// WCAG 2.2 A/AA checks by axe-core on each page the journey passes through. Every problem
/// found is collected and reported at the end, so one run lists them all.
struct Audit {
    axe: Option<String>,
    problems: std::sync::Mutex<Vec<String>>,
}

impl Audit {
    fn load() -> anyhow::Result<Audit> {
        let axe = std::fs::read_to_string(AXE).ok();
        if axe.is_none() {
            anyhow::ensure!(
                std::env::var("CI").as_deref() != Ok("true"),
                "the accessibility audit must run in CI, but {AXE} is missing (bin/test installs it)"
            );
            eprintln!("SKIPPED accessibility audit: axe-core is not installed at {AXE}");
        }
        Ok(Audit {
            axe,
            problems: Default::default(),
        })
    }

    async fn check(&self, driver: &WebDriver, page: &str) -> anyhow::Result<()> {
        if let Some(late) = frame::heading_below_the_fold(driver).await? {
            let mut problems = self.problems.lock().expect("not poisoned");
            problems.push(format!("{page}: {late}"));
        }
        let Some(axe) = &self.axe else { return Ok(()) };
        driver.execute(axe, Vec::new()).await?;
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] })
              .then(r => done(r.violations.map(v =>
                v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));";
        let found: Vec<String> = driver.execute_async(script, Vec::new()).await?.convert()?;
        let mut problems = self.problems.lock().expect("not poisoned");
        problems.extend(found.into_iter().map(|v| format!("{page}: {v}")));
        Ok(())
    }

    fn finish(&self) -> anyhow::Result<()> {
        let problems = self.problems.lock().expect("not poisoned");
        anyhow::ensure!(
            problems.is_empty(),
            "accessibility problems:\n{}",
            problems.join("\n")
        );
        Ok(())
    }
}

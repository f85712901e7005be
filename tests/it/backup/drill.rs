//! The restore drill: photos uploaded through the app while `tandem backup` runs, the archive
//! restored into an empty folder, `tandem serve` started there, and every photo of the
//! restored database loaded over HTTP with the bytes that were uploaded.

use std::{collections::HashMap, path::Path, time::Instant};

use tandem::db::Db;

use super::served::{Server, succeeded, tandem};
use crate::harness::{Backend, PASSWORD, TestApp};
use crate::together::fixtures::{file, jpeg};
use crate::together::memories::add_memory;

/// A photo row of a restored database, with the login of its author.
#[derive(Debug, sqlx::FromRow)]
struct PhotoRow {
    id: String,
    bond_id: String,
    large_key: String,
    thumb_key: String,
    email: String,
}

async fn photo_rows(db: &Db) -> Vec<PhotoRow> {
    let mut conn = db.conn().await.unwrap();
    tandem::db_run!(&mut conn, |c| sqlx::query_as::<_, PhotoRow>(
        "SELECT p.id, p.bond_id, p.large_key, p.thumb_key, a.email
         FROM photos p JOIN members m ON m.id = p.author_id JOIN accounts a ON a.id = m.account_id
         ORDER BY p.id"
    )
    .fetch_all(c)
    .await)
    .unwrap()
}

/// Uploads memories with a photo each, through the app, for as long as `tandem backup` runs
/// on the same data folder. Returns the backup's output, how many uploads overlapped it and
/// the ids of the photos stored before it began.
async fn back_up_while_uploading(
    app: &TestApp,
    archive: &Path,
    database_url: Option<&str>,
) -> (String, usize, Vec<String>) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    add_memory(
        app,
        &mum,
        &bond,
        &[],
        vec![file("before.jpg", jpeg(640, 480))],
    )
    .await;
    let before = photo_rows(app.db())
        .await
        .into_iter()
        .map(|p| p.id)
        .collect();
    let (data, archive_arg) = (app.dir.path().to_owned(), archive.to_owned());
    let url = database_url.map(str::to_owned);
    let started = Instant::now();
    let backup = tokio::task::spawn_blocking(move || {
        let output = tandem(
            &["backup", archive_arg.to_str().unwrap()],
            &data,
            url.as_deref(),
        );
        (output, started.elapsed())
    });
    let mut overlapping = 0;
    while !backup.is_finished() {
        let picture = vec![file("during.jpg", jpeg(480 + overlapping as u32, 360))];
        add_memory(app, &mum, &bond, &[], picture).await;
        overlapping += 1;
    }
    let (output, took) = backup.await.unwrap();
    let printed = succeeded(output);
    eprintln!("backup took {took:?}; {overlapping} uploads ran during it; {printed}");
    app.run_jobs().await;
    (printed, overlapping, before)
}

/// Logs in as the author of each photo and checks both sizes load with the original bytes.
fn every_photo_loads(
    server: &Server,
    photos: &[PhotoRow],
    passwords: &HashMap<String, String>,
    original_media: &Path,
) {
    let mut sessions: HashMap<&str, String> = HashMap::new();
    for photo in photos {
        let cookie = sessions
            .entry(&photo.email)
            .or_insert_with(|| server.log_in(&photo.email, &passwords[&photo.email]))
            .clone();
        for (size, key) in [("large", &photo.large_key), ("thumb", &photo.thumb_key)] {
            let path = format!("/bonds/{}/photos/{}/{size}", photo.bond_id, photo.id);
            let reply = server.get(&path, &cookie);
            assert_eq!(reply.status, 200, "{path}: {}", reply.head);
            let uploaded = std::fs::read(original_media.join(key)).unwrap();
            assert!(
                reply.body == uploaded,
                "{path} is not the photo that was uploaded"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_photos_are_uploaded_restores_every_photo() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    // The demo family's pictures, stored by the binary itself.
    let demo = succeeded(tandem(&["demo"], app.dir.path(), None));
    let mut passwords: HashMap<String, String> = demo
        .lines()
        .filter_map(|line| {
            let (who, password) = line.split_once("password:")?;
            let email = who.split_whitespace().last()?;
            Some((email.to_owned(), password.trim().to_owned()))
        })
        .collect();
    assert_eq!(passwords.len(), 2, "{demo}");

    let elsewhere = tempfile::tempdir().unwrap();
    let archive = elsewhere.path().join("tandem-backup.tar");
    let (printed, overlapping, _) = back_up_while_uploading(&app, &archive, None).await;
    assert!(printed.contains("the database and"), "{printed}");
    assert!(overlapping >= 1, "no upload ran while the backup did");

    let target = elsewhere.path().join("restored");
    succeeded(tandem(
        &["restore", archive.to_str().unwrap()],
        &target,
        None,
    ));
    let restored = Db::connect(&format!("sqlite:{}", target.join("tandem.db").display()))
        .await
        .unwrap();
    let photos = photo_rows(&restored).await;
    restored.close().await;
    // The demo's pictures and at least the photo uploaded before the backup began.
    let demo_photos = photos.iter().filter(|p| p.email.contains("@demo.")).count();
    assert!(demo_photos > 0 && photos.len() > demo_photos, "{photos:?}");
    for photo in &photos {
        passwords
            .entry(photo.email.clone())
            .or_insert(PASSWORD.into());
    }

    let server = Server::start(&target, None);
    every_photo_loads(&server, &photos, &passwords, &app.dir.path().join("media"));
    eprintln!(
        "restored {} photos ({} of the demo), each loaded in both sizes with the uploaded bytes",
        photos.len(),
        demo_photos
    );
}

/// On PostgreSQL the archive holds the media; the database stays where it is (pg_dump's part).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_the_archive_restores_every_photo_the_database_names() {
    let Some(app) = TestApp::new(Backend::Postgres).await else {
        return;
    };
    let url = app.state.config.database_url();
    let elsewhere = tempfile::tempdir().unwrap();
    let archive = elsewhere.path().join("media.tar");
    let (printed, overlapping, before) = back_up_while_uploading(&app, &archive, Some(&url)).await;
    assert!(printed.contains("pg_dump"), "{printed}");
    assert!(overlapping >= 1, "no upload ran while the backup did");

    let target = elsewhere.path().join("restored");
    let restored = succeeded(tandem(
        &["restore", archive.to_str().unwrap()],
        &target,
        Some(&url),
    ));
    assert!(restored.contains("pg_restore"), "{restored}");
    assert!(!target.join("tandem.db").exists());

    // Photos stored after the media was copied may be missing; every one before is there.
    let photos = photo_rows(app.db()).await;
    let server = Server::start(&target, Some(&url));
    let passwords = photos
        .iter()
        .map(|p| (p.email.clone(), PASSWORD.to_owned()))
        .collect();
    let copied: Vec<PhotoRow> = photos
        .into_iter()
        .filter(|p| target.join("media").join(&p.large_key).exists())
        .collect();
    for id in &before {
        assert!(
            copied.iter().any(|p| &p.id == id),
            "photo {id} was not restored"
        );
    }
    every_photo_loads(&server, &copied, &passwords, &app.dir.path().join("media"));
    // The served Tandem shares this database, and its worker may have scheduled jobs (the
    // hourly sweeps) that came due before it stopped, or been killed holding the lease of one
    // (another worker would wait for the lease to run out): free them and run them here.
    drop(server);
    app.exec(
        "UPDATE jobs SET locked_until = NULL WHERE done_at IS NULL",
        &[],
    )
    .await;
    app.run_jobs().await;
}

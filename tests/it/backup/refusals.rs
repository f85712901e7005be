//! What `tandem backup` and `tandem restore` refuse, and that a refusal leaves nothing behind:
//! a data folder without a Tandem database, a folder that is not empty, a damaged archive.

use std::path::{Path, PathBuf};

use super::served::{stderr, succeeded, tandem};
use crate::harness::{Backend, TestApp};
use crate::together::fixtures::{file, jpeg};
use crate::together::memories::add_memory;

/// Every entry under `dir`, as paths relative to it (empty when `dir` does not exist).
fn contents(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            found.push(path.strip_prefix(dir).unwrap().to_owned());
            if path.is_dir() {
                folders.push(path);
            }
        }
    }
    found.sort();
    found
}

#[track_caller]
fn refused(output: std::process::Output, says: &[&str]) {
    let said = stderr(&output);
    assert!(!output.status.success(), "not refused; stderr: {said}");
    for words in says {
        assert!(said.contains(words), "expected {words:?} in: {said}");
    }
    assert!(!said.contains("panicked"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_folder_without_a_tandem_database_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("backup.tar");
    let archive_arg = archive.to_str().unwrap();

    let mistyped = dir.path().join("tandem-dta");
    refused(
        tandem(&["backup", archive_arg], &mistyped, None),
        &[
            "no Tandem database",
            "tandem-dta",
            "--data-dir",
            "TANDEM_DATA_DIR",
        ],
    );
    assert!(!mistyped.exists(), "the mistyped folder was created");

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    refused(
        tandem(&["backup", archive_arg], &empty, None),
        &["no Tandem database", "--data-dir"],
    );
    assert_eq!(contents(&empty), Vec::<PathBuf>::new());

    // A SQLite file of something else.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let url = format!("sqlite:{}?mode=rwc", other.join("tandem.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("CREATE TABLE notes (words TEXT)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    refused(
        tandem(&["backup", archive_arg], &other, None),
        &["is not a Tandem database", "--data-dir"],
    );
    assert_eq!(
        contents(dir.path())
            .iter()
            .filter(|p| p.to_str().unwrap().contains("backup"))
            .count(),
        0,
        "a refused backup left a file"
    );
}

/// A data folder with a photo, backed up by the binary; returns the archive's bytes.
async fn an_archive(app: &TestApp, archive: &Path) -> Vec<u8> {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    add_memory(
        app,
        &mum,
        &bond,
        &[],
        vec![file("kite.jpg", jpeg(320, 240))],
    )
    .await;
    app.run_jobs().await;
    succeeded(tandem(
        &["backup", archive.to_str().unwrap()],
        app.dir.path(),
        None,
    ));
    std::fs::read(archive).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_refuses_a_folder_that_is_not_empty_unless_forced_and_moves_it_aside() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("backup.tar");
    an_archive(&app, &archive).await;
    let archive_arg = archive.to_str().unwrap();

    let lived_in = dir.path().join("lived-in");
    std::fs::create_dir(&lived_in).unwrap();
    std::fs::write(lived_in.join("tandem.db"), b"the database that was here").unwrap();
    std::fs::write(lived_in.join("tandem.db-wal"), b"its log").unwrap();
    let before = contents(&lived_in);
    refused(
        tandem(&["restore", archive_arg], &lived_in, None),
        &["is not empty", "--force", "--data-dir"],
    );
    assert_eq!(contents(&lived_in), before);

    let printed = succeeded(tandem(
        &["restore", "--force", archive_arg],
        &lived_in,
        None,
    ));
    assert!(printed.contains("Moved aside"), "{printed}");
    let aside: Vec<PathBuf> = contents(&lived_in)
        .into_iter()
        .filter(|p| p.to_str().unwrap().contains(".before-restore-"))
        .collect();
    assert_eq!(aside.len(), 2, "{aside:?}");
    let old_db = aside
        .iter()
        .find(|p| p.to_str().unwrap().starts_with("tandem.db."))
        .unwrap();
    assert_eq!(
        std::fs::read(lived_in.join(old_db)).unwrap(),
        b"the database that was here"
    );
    // No stale log beside the restored database, which serves.
    assert!(!lived_in.join("tandem.db-wal").exists());
    let server = super::served::Server::start(&lived_in, None);
    assert_eq!(server.get("/healthz", "").status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_or_truncated_archive_is_refused_and_leaves_the_folder_as_it_was() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("backup.tar");
    let bytes = an_archive(&app, &archive).await;

    // One byte of a photo changed, inside the archive.
    let photo = std::fs::read(&app.media_files()[0]).unwrap();
    let at = bytes
        .windows(64)
        .position(|w| w == &photo[..64])
        .expect("the photo is in the archive as it is");
    let mut flipped = bytes.clone();
    flipped[at + photo.len() / 2] ^= 0x01;
    let damaged = dir.path().join("damaged.tar");
    std::fs::write(&damaged, &flipped).unwrap();
    let target = dir.path().join("target");
    refused(
        tandem(&["restore", damaged.to_str().unwrap()], &target, None),
        &["does not match its checksum"],
    );
    assert!(
        !target.exists(),
        "a refused restore left {:?}",
        contents(&target)
    );

    // Cut short: just before the manifest (every file whole, nothing to check them against),
    // at a block boundary inside a file, and mid-block.
    let manifest_at = bytes
        .windows(14)
        .position(|w| w == b"manifest.json\0")
        .expect("the manifest's header names it");
    let cuts = [
        (manifest_at, "has no manifest"),
        (
            bytes.len() / 512 / 2 * 512,
            "is damaged or not a Tandem backup",
        ),
        (bytes.len() / 3 + 7, "is damaged or not a Tandem backup"),
    ];
    for (cut, says) in cuts {
        let truncated = dir.path().join(format!("truncated-{cut}.tar"));
        std::fs::write(&truncated, &bytes[..cut]).unwrap();
        std::fs::create_dir_all(&target).unwrap();
        let output = tandem(&["restore", truncated.to_str().unwrap()], &target, None);
        refused(output, &[says]);
        assert_eq!(contents(&target), Vec::<PathBuf>::new(), "cut at {cut}");
    }
}

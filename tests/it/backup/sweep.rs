//! Housekeeping's sweep of the media folder: files older than an hour that no row names, and
//! stale temporary files, go; a fresh file (its row may be committing right now), a file a row
//! names, and a file Tandem did not name stay.

use std::{
    fs::File,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use axum::http::StatusCode;

use crate::both_backends;
use crate::harness::TestApp;
use crate::together::fixtures::{file, jpeg, photo_srcs};
use crate::together::memories::add_memory;

fn plant(path: &Path, age: Duration) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"left behind").unwrap();
    age_file(path, age);
    path.to_owned()
}

fn age_file(path: &Path, age: Duration) {
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - age)
        .unwrap();
}

async fn housekeeping_sweeps_old_orphans_and_stale_part_files_only(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let memory = add_memory(
        &app,
        &mum,
        &bond,
        &[],
        vec![file("kite.jpg", jpeg(320, 240))],
    )
    .await;
    let two_hours = Duration::from_secs(2 * 60 * 60);
    let a_minute = Duration::from_secs(60);
    // The photo's own files are as old as the orphans: only its row keeps them.
    let photo_files = app.media_files();
    assert_eq!(photo_files.len(), 2, "{photo_files:?}");
    for f in &photo_files {
        age_file(f, two_hours);
    }
    let media = app.dir.path().join("media");
    let old_orphan = plant(
        &media.join("photos/zz/zz3v9x0d2m8q4t7w1s5b-large.jpg"),
        two_hours,
    );
    let stale_part = plant(&media.join("tmp/k3v9x0d2m8q4t7w1s5bz.part"), two_hours);
    let fresh_orphan = plant(
        &media.join("photos/yy/yy3v9x0d2m8q4t7w1s5b-large.jpg"),
        a_minute,
    );
    let fresh_part = plant(&media.join("tmp/m8q4t7w1s5bzk3v9x0d2.part"), a_minute);
    let not_ours = plant(&media.join("photos/Notes From Mum.txt"), two_hours);

    let now = app.clock().now();
    let mut conn = app.db().conn().await.unwrap();
    tandem::jobs::enqueue(&mut conn, &tandem::jobs::Housekeeping { at: now }, now)
        .await
        .unwrap();
    drop(conn);
    app.run_jobs().await;

    assert!(!old_orphan.exists(), "an old file no row names stayed");
    assert!(!stale_part.exists(), "a stale temporary file stayed");
    for kept in [&fresh_orphan, &fresh_part, &not_ours]
        .into_iter()
        .chain(&photo_files)
    {
        assert!(kept.exists(), "{} was swept", kept.display());
    }
    let page = app.get(&mum, &memory).await;
    for src in photo_srcs(&page.body, "large") {
        assert_eq!(app.get_raw(&mum, &src, &[]).await.status, StatusCode::OK);
    }
}
both_backends!(housekeeping_sweeps_old_orphans_and_stale_part_files_only);

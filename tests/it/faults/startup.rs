//! Start-up that explains itself: a full or read-only data folder is named in plain words, and
//! a PostgreSQL server that is not up yet is waited for, then named with its address.

use std::{
    process::{Command, Output},
    time::{Duration, Instant},
};

use tokio::net::{TcpListener, TcpStream};

use super::{disk::Disk, process::BIN};
use crate::{
    cli::free_port,
    harness::{Backend, migrated_database_url},
};

fn migrate(data_dir: &std::path::Path, envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("migrate")
        .env("TANDEM_DATA_DIR", data_dir)
        .env_remove("TANDEM_DATABASE_URL");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("run tandem migrate")
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_full_data_folder_at_start_is_named_as_full() {
    let Some(disk) = Disk::mount(4) else {
        return;
    };
    disk.fill();
    let output = migrate(disk.path(), &[]);
    let said = said(&output);
    assert!(!output.status.success(), "started on a full disk: {said}");
    assert!(
        said.contains(&format!(
            "the disk that holds the data folder {}",
            disk.path().display()
        )) && said.contains("is full. Free some space"),
        "{said}"
    );
    disk.free();
    let output = migrate(disk.path(), &[]);
    assert!(output.status.success(), "{}", self::said(&output));
}

#[test]
fn a_read_only_data_folder_at_start_is_named_as_read_only() {
    let Some(disk) = Disk::mount(4) else {
        return;
    };
    disk.set_read_only(true);
    let output = migrate(disk.path(), &[]);
    let said = said(&output);
    assert!(!output.status.success(), "started read-only: {said}");
    assert!(
        said.contains(&format!(
            "the data folder {} is on a read-only file system",
            disk.path().display()
        )),
        "{said}"
    );
    disk.set_read_only(false);
    let output = migrate(disk.path(), &[]);
    assert!(output.status.success(), "{}", self::said(&output));
}

#[test]
fn a_postgres_server_that_is_not_there_is_named_with_its_address() {
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgres://postgres@127.0.0.1:{port}/tandem");
    let asked = Instant::now();
    let output = migrate(
        dir.path(),
        &[("TANDEM_DATABASE_URL", &url), ("TANDEM_DATABASE_WAIT", "2")],
    );
    let took = asked.elapsed();
    let said = said(&output);
    assert!(!output.status.success(), "{said}");
    assert!(
        said.contains(&format!("could not reach PostgreSQL at 127.0.0.1:{port}"))
            && said.contains("Is the server running"),
        "{said}"
    );
    // It waited and tried again, then gave up when told to.
    assert!(said.contains("not reachable yet"), "{said}");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(8),
        "{took:?}"
    );
}

/// A server that comes up eleven seconds after Tandem (longer than a connection attempt may
/// wait on its own) is waited for: Tandem starts once it is there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_server_that_comes_up_late_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let Some(url) = migrated_database_url(Backend::Postgres, &dir).await else {
        return;
    };
    // The database is reached through a port where, at first, nothing listens.
    let port = free_port();
    let late_url = url.replace("127.0.0.1:5432", &format!("127.0.0.1:{port}"));
    let data_dir = dir.path().to_path_buf();
    let migrating = tokio::task::spawn_blocking(move || {
        let asked = Instant::now();
        let output = migrate(
            &data_dir,
            &[
                ("TANDEM_DATABASE_URL", &late_url),
                ("TANDEM_DATABASE_WAIT", "60"),
            ],
        );
        (output, asked.elapsed())
    });
    tokio::time::sleep(Duration::from_secs(11)).await;
    assert!(
        !migrating.is_finished(),
        "gave up before the server came up"
    );
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            tokio::spawn(async move {
                if let Ok(mut server) = TcpStream::connect("127.0.0.1:5432").await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            });
        }
    });
    let (output, took) = migrating.await.unwrap();
    assert!(output.status.success(), "{}", said(&output));
    assert!(took < Duration::from_secs(20), "{took:?}");
}

//! A small disk of its own for a test: a size-limited tmpfs mounted on a temporary folder,
//! which the test fills to the last byte (a full disk) or remounts read-only, and gives back.
//! Mounting needs root; elsewhere these tests are skipped loudly, and under `CI=true` they fail.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

use tempfile::TempDir;

pub struct Disk {
    dir: Option<TempDir>,
    path: PathBuf,
}

impl Disk {
    /// Mounts a tmpfs of `mib` MiB; `None` (said loudly) where this process may not mount.
    pub fn mount(mib: u32) -> Option<Disk> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().to_path_buf();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true: the storage-fault tests need to mount a tmpfs (run as root)"
            );
            eprintln!("SKIPPED storage-fault test: cannot mount a tmpfs (not root?)");
            return None;
        }
        Some(Disk {
            dir: Some(dir),
            path,
        })
    }

    /// The mounted folder, as the data folder of an app (`TestApp::in_folder`). The disk is
    /// unmounted when dropped; the folder stays with the app, which removes it.
    pub fn folder(&mut self) -> TempDir {
        self.dir.take().expect("the folder is handed out once")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn filler(&self) -> PathBuf {
        self.path.join("filler")
    }

    /// Takes every free byte, as a disk that filled up.
    pub fn fill(&self) {
        let mut file = std::fs::File::create(self.filler()).expect("create the filler");
        let chunk = vec![0u8; 256 * 1024];
        loop {
            if file.write_all(&chunk).is_err() {
                break;
            }
        }
        // The last bytes: smaller writes until not one more fits.
        while file.write_all(&[0u8; 512]).is_ok() {}
        let _ = file.sync_all();
    }

    /// Gives the space back.
    pub fn free(&self) {
        std::fs::remove_file(self.filler()).expect("remove the filler");
    }

    /// Makes the file system read-only (only possible while no file on it is open to write)
    /// or writable again.
    pub fn set_read_only(&self, read_only: bool) {
        let mode = if read_only {
            "remount,ro"
        } else {
            "remount,rw"
        };
        let status = Command::new("mount")
            .args(["-o", mode])
            .arg(&self.path)
            .status()
            .expect("run mount");
        assert!(status.success(), "mount -o {mode} failed");
    }
}

impl Drop for Disk {
    fn drop(&mut self) {
        // Lazily: a database file may still be open on it while the app shuts down.
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
        let _ = std::fs::remove_dir(&self.path);
    }
}

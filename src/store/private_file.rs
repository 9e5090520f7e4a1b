//! Files that hold hashes or secrets (the database, its backups, their
//! partial copies) are made readable by their owner only, whatever the
//! umask, and never through a symlink.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// A new file, or an existing one emptied, mode 0600; a symlink at `path`
/// is refused rather than followed.
pub fn create(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    // An existing file keeps its mode through `open`: set it.
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

/// A file that must not exist yet, mode 0600.
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Tests that open the umask hold this: the umask is the whole process's.
#[cfg(test)]
pub(crate) static UMASK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn private_whatever_the_umask_and_never_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let guard = UMASK.lock().unwrap_or_else(|e| e.into_inner());
        let old = unsafe { libc::umask(0o000) };
        let made = create(&dir.path().join("a"));
        let fresh = create_new(&dir.path().join("b"));
        unsafe { libc::umask(old) };
        drop(guard);
        made.unwrap();
        fresh.unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o600);
        assert_eq!(mode(&dir.path().join("b")), 0o600);
        std::fs::write(dir.path().join("c"), b"x").unwrap();
        std::fs::set_permissions(dir.path().join("c"), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        create(&dir.path().join("c")).unwrap();
        assert_eq!(
            mode(&dir.path().join("c")),
            0o600,
            "an existing file is made private"
        );
        let target = dir.path().join("target");
        std::os::unix::fs::symlink(&target, dir.path().join("link")).unwrap();
        assert!(create(&dir.path().join("link")).is_err());
        assert!(!target.exists());
    }
}

//! Files that hold hashes or secrets (the database, its backups, their
//! partial copies) are made readable by their owner only, whatever the
//! umask, and never through a symlink.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// A new file of ours, mode 0600, in place of whatever was at `path`: a
/// file someone else made there (in /tmp, say) is removed rather than
/// written into, as its owner could open it again whatever its mode.
pub fn create(path: &Path) -> io::Result<File> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    create_new(path)
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
/// Creates a folder that holds secrets (0700, whatever the umask); one that
/// exists is left as it is.
pub fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

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
        // A file someone else made there, who keeps a second name for it.
        std::fs::write(dir.path().join("c"), b"someone else's").unwrap();
        std::fs::set_permissions(dir.path().join("c"), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        std::fs::hard_link(dir.path().join("c"), dir.path().join("kept")).unwrap();
        let mut made = create(&dir.path().join("c")).unwrap();
        std::io::Write::write_all(&mut made, b"secret").unwrap();
        assert_eq!(mode(&dir.path().join("c")), 0o600, "a file of its own");
        assert_eq!(
            std::fs::read(dir.path().join("kept")).unwrap(),
            b"someone else's",
            "nothing was written into the file that was there"
        );
        // A symlink in its place is replaced, never followed.
        let target = dir.path().join("target");
        std::os::unix::fs::symlink(&target, dir.path().join("link")).unwrap();
        create(&dir.path().join("link")).unwrap();
        assert!(!target.exists(), "nothing written through the symlink");
        assert!(
            !std::fs::symlink_metadata(dir.path().join("link"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            create_new(&dir.path().join("link")).is_err(),
            "create_new never replaces"
        );
    }
}

//! Files Mailroom writes for the mail server's programs (Dovecot's
//! passwd-file, OpenDKIM's tables and keys): replaced whole, never seen
//! half-written, readable by their owner only.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Replaces `path` with `content`: a new file under a fresh name, created
/// exclusively (a file or symlink left there is never followed), mode 0600,
/// synced, then renamed into place. With `later_mtime`, its modification
/// time is at least a second after the old file's: Dovecot notices a
/// change only by the second.
pub fn replace_private(path: &Path, content: &str, later_mtime: bool) -> std::io::Result<()> {
    replace_with_mode(path, content, 0o600, later_mtime)
}

/// The same with another mode (a configuration file others may read).
pub fn replace_with_mode(
    path: &Path,
    content: &str,
    mode: u32,
    later_mtime: bool,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{}.tmp", crate::model::random_token()));
    {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)?;
        // Exactly this mode, whatever the umask.
        file.set_permissions(
            <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(mode),
        )?;
        file.write_all(content.as_bytes())?;
        if later_mtime {
            let old = std::fs::metadata(path).and_then(|m| m.modified()).ok();
            let now = SystemTime::now();
            let mtime = match old {
                Some(old) if old + Duration::from_secs(1) > now => old + Duration::from_secs(1),
                _ => now,
            };
            file.set_modified(mtime)?;
        }
        file.sync_all()?;
    }
    std::fs::rename(&temp, path)
}

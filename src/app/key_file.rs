//! The key of device-password hashes: 32 random bytes in a file beside the
//! database, readable by its owner only, made at the first start.

use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::{AppError, Result};
use crate::model::CredentialKey;

pub fn beside(database: &Path) -> PathBuf {
    database.with_file_name("credential.key")
}

pub fn load_or_create(path: &Path) -> Result<CredentialKey> {
    let failed = |source| AppError::KeyFile {
        path: path.display().to_string(),
        source,
    };
    match std::fs::File::open(path) {
        Ok(mut file) => {
            let mut bytes = [0u8; 32];
            file.read_exact(&mut bytes).map_err(failed)?;
            Ok(CredentialKey::new(bytes))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = CredentialKey::generate();
            // Created exclusively and never through a symlink.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW)
                .open(path)
                .map_err(failed)?;
            file.write_all(key.bytes()).map_err(failed)?;
            file.sync_all().map_err(failed)?;
            Ok(key)
        }
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_key_is_made_once_and_kept_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credential.key");
        let first = load_or_create(&path).unwrap();
        let again = load_or_create(&path).unwrap();
        assert_eq!(first.bytes(), again.bytes());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

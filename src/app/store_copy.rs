//! `mailroom store copy`: a whole installation moved between the redb file
//! and PostgreSQL, either way, with the server stopped. The records go
//! table by table (`Store::copy_from`); the secrets that a redb install
//! keeps in files beside the file (the key of device-password and token
//! hashes, the internal listener's secrets) go into the database, and back
//! into files beside a redb target, so that every device password, token
//! and mail-server configuration goes on working.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::{AppError, Result, key_file};
use crate::model::CredentialKey;
use crate::store::Store;
use crate::store::{StoreAt, copy::Copied};

/// The name of the key of device-password and token hashes among the
/// store's secrets.
pub(super) const CREDENTIAL_KEY: &str = "credential_key";

/// The folder whose files hold a redb store's secrets.
fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

fn open(at: &StoreAt) -> Result<Store> {
    Ok(match at {
        StoreAt::File(path) => Store::open(path)?,
        StoreAt::Postgres(url) => Store::connect(url)?,
    })
}

/// A secret kept in a file (text Mailroom made: 32 bytes, URL-safe base64).
fn secret_file(path: &Path) -> Result<Option<[u8; 32]>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(AppError::KeyFile {
                path: path.display().to_string(),
                source,
            });
        }
    };
    URL_SAFE_NO_PAD
        .decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .map(Some)
        .ok_or_else(|| AppError::ForeignSecret(path.display().to_string()))
}

/// Copies the installation at `from` into `to` (a file that does not exist
/// yet, or an empty database); `file_secrets` names the secrets kept in
/// files beside a redb file. Refused, changing nothing, when the source is
/// missing or the target holds anything.
pub fn copy_store(from: &StoreAt, to: &StoreAt, file_secrets: &[&str]) -> Result<Copied> {
    if let StoreAt::File(path) = from
        && !path.exists()
    {
        return Err(crate::store::StoreError::Missing(path.display().to_string()).into());
    }
    if let StoreAt::File(path) = to
        && (path.exists() || key_file::beside(path).exists())
    {
        return Err(AppError::TargetExists(path.display().to_string()));
    }
    if from == to {
        return Err(AppError::TargetExists(format!("{from:?}")));
    }
    let source = open(from)?;
    let mut secrets = Vec::new();
    let key = match from {
        StoreAt::File(path) => key_file::load_or_create(&key_file::beside(path))?,
        StoreAt::Postgres(_) => CredentialKey::new(
            source.secret(CREDENTIAL_KEY, || *CredentialKey::generate().bytes())?,
        ),
    };
    secrets.push((CREDENTIAL_KEY.to_owned(), *key.bytes()));
    if let StoreAt::File(path) = from {
        for name in file_secrets {
            if let Some(bytes) = secret_file(&folder_of(path).join(name))? {
                secrets.push(((*name).to_owned(), bytes));
            }
        }
    }
    let target = open(to)?;
    let copied = target.copy_from(&source, &secrets)?;
    if let StoreAt::File(path) = to {
        write_private(&key_file::beside(path), key.bytes())?;
        for name in file_secrets {
            if let Some(bytes) = source.stored_secret(name)? {
                let file = folder_of(path).join(name);
                if !file.exists() {
                    write_private(&file, URL_SAFE_NO_PAD.encode(bytes).as_bytes())?;
                }
            }
        }
    }
    Ok(copied)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let failed = |source| AppError::KeyFile {
        path: path.display().to_string(),
        source,
    };
    let mut file = crate::store::private_file::create_new(path).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.sync_all().map_err(failed)
}

/// `mailroom check` wherever the store is: the redb file read-only, or a
/// snapshot of the database.
pub fn check_store(at: &StoreAt) -> Result<crate::store::check::CheckReport> {
    Ok(match at {
        StoreAt::File(path) => crate::store::check::check_file(path)?,
        StoreAt::Postgres(url) => crate::store::check::check(&Store::connect(url)?.read()?)?,
    })
}

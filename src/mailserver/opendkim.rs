//! OpenDKIM, the signer on the Postfix side: Mailroom writes its key and
//! signing tables and the signing keys into one folder after every change,
//! and tells the running OpenDKIMs to read them again.
//!
//! One OpenDKIM signs with one algorithm, so two run: `rsa` and `ed25519`,
//! each with its own tables (`rsa.keytable`, `rsa.signingtable`…) and both
//! chained as Postfix milters. They run as the user Mailroom runs as
//! (`UserID mailroom`), so that the keys can stay readable by that user
//! alone (0600) and Mailroom may signal them (SIGUSR1, by their pid files
//! in the folder) to reload.

use std::path::Path;

use crate::model::{DkimAlgorithm, DkimKey, Domain};

fn name(algorithm: DkimAlgorithm) -> &'static str {
    algorithm.tag()
}

/// Writes `content` to `path` unless it is already there; returns whether
/// it wrote.
fn put(path: &Path, content: &str) -> std::io::Result<bool> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(false);
    }
    super::files::replace_private(path, content, false)?;
    Ok(true)
}

/// The tables and keys for these signing keys; returns whether anything
/// changed (the signers then reload).
pub fn write(dir: &Path, keys: &[(Domain, DkimKey)]) -> std::io::Result<bool> {
    let key_dir = dir.join("keys");
    std::fs::create_dir_all(&key_dir)?;
    let mut changed = false;
    let mut wanted = Vec::new();
    for algorithm in DkimAlgorithm::ALL {
        let mut key_table = String::new();
        let mut signing_table = String::new();
        for (domain, key) in keys.iter().filter(|(_, k)| k.algorithm == algorithm) {
            let ascii = domain.as_ascii();
            let file_name = format!("{}.{ascii}.pem", key.selector);
            let file = key_dir.join(&file_name);
            changed |= put(&file, &key.private_pem)?;
            wanted.push(file_name);
            let id = format!("{}._domainkey.{ascii}", key.selector);
            key_table.push_str(&format!(
                "{id} {ascii}:{}:{}\n",
                key.selector,
                file.display()
            ));
            signing_table.push_str(&format!("*@{ascii} {id}\n"));
        }
        let alg = name(algorithm);
        changed |= put(&dir.join(format!("{alg}.keytable")), &key_table)?;
        changed |= put(&dir.join(format!("{alg}.signingtable")), &signing_table)?;
    }
    // Keys that no longer sign are not left on the disk.
    for entry in std::fs::read_dir(&key_dir)? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.ends_with(".pem") && !wanted.contains(&file_name) {
            std::fs::remove_file(entry.path())?;
            changed = true;
        }
    }
    Ok(changed)
}

/// Asks the running signers to read their tables again.
pub fn reload(dir: &Path) {
    for algorithm in DkimAlgorithm::ALL {
        let pid_file = dir.join(format!("opendkim-{}.pid", name(algorithm)));
        let Ok(text) = std::fs::read_to_string(&pid_file) else {
            continue;
        };
        match text.trim().parse::<i32>() {
            // SAFETY: kill(2) with a pid read from the signer's own pid file
            // and a signal number; no memory is shared.
            Ok(pid) if pid > 0 => unsafe {
                if libc::kill(pid, libc::SIGUSR1) != 0 {
                    tracing::warn!(pid, "could not ask OpenDKIM to reload");
                }
            },
            _ => tracing::warn!(file = %pid_file.display(), "unreadable OpenDKIM pid file"),
        }
    }
}

/// `opendkim.conf` for one algorithm's signer, listening on `socket`
/// (`inet:8891@127.0.0.1`).
pub fn config(dir: &Path, algorithm: DkimAlgorithm, socket: &str, user: &str) -> String {
    let alg = name(algorithm);
    let d = dir.display();
    let signature = match algorithm {
        DkimAlgorithm::Rsa => "rsa-sha256",
        DkimAlgorithm::Ed25519 => "ed25519-sha256",
    };
    format!(
        "# OpenDKIM signing with {alg} keys: Mailroom writes the tables and keys in {d}.
Syslog yes
Mode s
Socket {socket}
PidFile {d}/opendkim-{alg}.pid
UserID {user}
UMask 007
Canonicalization relaxed/simple
SignatureAlgorithm {signature}
KeyTable refile:{d}/{alg}.keytable
SigningTable refile:{d}/{alg}.signingtable
OversignHeaders From
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DkimKeyId, DkimState, ServiceId};
    use std::os::unix::fs::PermissionsExt;

    fn key(selector: &str, algorithm: DkimAlgorithm) -> DkimKey {
        DkimKey {
            id: DkimKeyId(1),
            service: ServiceId(1),
            selector: selector.into(),
            algorithm,
            private_pem: format!("PEM of {selector}"),
            public: "p".into(),
            created: 0,
            state: DkimState::Signing { since: 0 },
        }
    }

    #[test]
    fn tables_name_each_key_and_old_keys_go() {
        let dir = tempfile::tempdir().unwrap();
        let domain = Domain::parse("acme.example").unwrap();
        let keys = vec![
            (domain.clone(), key("mr1e", DkimAlgorithm::Ed25519)),
            (domain.clone(), key("mr1r", DkimAlgorithm::Rsa)),
        ];
        assert!(write(dir.path(), &keys).unwrap());
        assert!(
            !write(dir.path(), &keys).unwrap(),
            "nothing new: nothing written"
        );
        let table = std::fs::read_to_string(dir.path().join("ed25519.keytable")).unwrap();
        let pem = dir.path().join("keys/mr1e.acme.example.pem");
        assert_eq!(
            table,
            format!(
                "mr1e._domainkey.acme.example acme.example:mr1e:{}\n",
                pem.display()
            )
        );
        let signing = std::fs::read_to_string(dir.path().join("rsa.signingtable")).unwrap();
        assert_eq!(signing, "*@acme.example mr1r._domainkey.acme.example\n");
        let mode = std::fs::metadata(&pem).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(write(dir.path(), &keys[1..]).unwrap());
        assert!(!pem.exists(), "a key that no longer signs is removed");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("ed25519.keytable")).unwrap(),
            ""
        );
    }
}

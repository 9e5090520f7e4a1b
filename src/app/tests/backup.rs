//! Backups made and restored, and every way a restore refuses.

use std::path::Path;

use super::test_data::populated;
use crate::store::backup::*;
use crate::store::check::check_file;
use crate::store::{SCHEMA_VERSION, StoreError};
use redb::ReadableDatabase;

fn tables(path: &Path) -> Vec<String> {
    let db = redb::ReadOnlyDatabase::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let mut names: Vec<String> = txn
        .list_tables()
        .unwrap()
        .map(|t| redb::TableHandle::name(&t).to_owned())
        .collect();
    names.sort();
    names
}

fn backup_of(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    backup_file(path, &mut bytes).unwrap();
    bytes
}

#[test]
fn a_backup_restores_every_table_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.redb");
    populated(&source);
    let backup = dir.path().join("b.backup");
    std::fs::write(&backup, backup_of(&source)).unwrap();

    let target = dir.path().join("target.redb");
    std::fs::write(&target, b"the old database").unwrap();
    let (header, replaced) = restore(&backup, &target).unwrap();
    assert_eq!(header.schema, SCHEMA_VERSION);
    let replaced = replaced.unwrap();
    assert_eq!(std::fs::read(&replaced).unwrap(), b"the old database");
    assert_eq!(tables(&target), tables(&source), "no table left behind");
    let (was, now) = (check_file(&source).unwrap(), check_file(&target).unwrap());
    assert!(now.is_sound(), "{:?}", now.problems);
    assert_eq!(was.counts, now.counts);
    assert!(!target.with_extension("redb.restoring").exists());
}

#[test]
fn damaged_newer_foreign_and_busy_restores_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.redb");
    populated(&source);
    let good = backup_of(&source);
    let target = dir.path().join("target.redb");
    std::fs::copy(&source, &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    let attempt = |name: &str, bytes: &[u8]| {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let refused = restore(&file, &target).unwrap_err().to_string();
        assert!(
            std::fs::read(&target).unwrap() == before,
            "{name} changed the database"
        );
        refused
    };

    let mut flipped = good.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0x40;
    assert!(attempt("flipped", &flipped).contains("damaged"));
    assert!(attempt("short", &good[..good.len() - 100]).contains("damaged"));
    assert!(attempt("foreign", b"PK\x03\x04 a zip file").contains("not a Mailroom backup"));

    let text = String::from_utf8_lossy(&good[..200]).into_owned();
    let schema = format!("\"schema\":{SCHEMA_VERSION}");
    let at = text.find(&schema).unwrap();
    let mut newer = good.clone();
    newer.splice(at..at + schema.len(), b"\"schema\":99".iter().copied());
    assert!(attempt("newer", &newer).contains("newer mailroom (schema 99"));

    let file = dir.path().join("good");
    std::fs::write(&file, &good).unwrap();
    let held = crate::store::Store::open(&target).unwrap();
    assert!(matches!(restore(&file, &target), Err(StoreError::InUse)));
    drop(held);
    assert!(restore(&file, &target).is_ok());
}

/// A backup taken while an import writes batch after batch: it restores to
/// a sound database that holds every address committed before it began.
#[test]
fn a_backup_during_an_import_holds_what_was_committed_before_it() {
    use crate::model::{Domain, LocalPart};
    use crate::store::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.redb");
    populated(&path);
    let app = std::sync::Arc::new(crate::App::open(&path, Default::default()).unwrap());
    let owner = app
        .organisations()
        .owner_of_domain(&Domain::parse("acme.example").unwrap())
        .unwrap();
    let domain = Domain::parse("acme.example").unwrap();
    let mut csv = String::from("address\n");
    for i in 0..6000 {
        csv.push_str(&format!("live{i:05}\n"));
    }
    let record = app
        .imports()
        .upload_import(&owner, &domain, "live.csv", csv.as_bytes())
        .unwrap();
    app.imports()
        .start_import(&owner, &domain, record.id)
        .unwrap();
    let importer = {
        let app = std::sync::Arc::clone(&app);
        std::thread::spawn(move || while app.imports().import_batch_here(record.id).unwrap() > 0 {})
    };
    // Wait for the first batch, then back up while the others run.
    // Rows are created in file order: the count says which exist.
    let committed = loop {
        let record = app
            .imports()
            .import_record(owner.user, &domain, record.id)
            .unwrap();
        if record.created_count > 0 {
            break record.created_count;
        }
        std::thread::yield_now();
    };
    let mut bytes = Vec::new();
    app.operations().backup(&mut bytes).unwrap();
    importer.join().unwrap();
    let backup = dir.path().join("live.backup");
    std::fs::write(&backup, &bytes).unwrap();
    let restored = dir.path().join("restored.redb");
    restore(&backup, &restored).unwrap();
    assert!(check_file(&restored).unwrap().is_sound());
    let store = crate::store::Store::open(&restored).unwrap();
    let reader = store.read().unwrap();
    let service = reader.service_by_domain(&domain).unwrap().unwrap();
    for i in 0..committed {
        let name = LocalPart::parse(&format!("live{i:05}")).unwrap();
        assert!(
            reader.address_by_name(service.id, &name).unwrap().is_some(),
            "live{i:05} was committed before the backup"
        );
    }
}

#[test]
fn a_backup_never_holds_a_private_link_but_keeps_other_messages() {
    use crate::model::{EmailAddress, Message, MessageState};
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.redb");
    {
        let store = crate::store::Store::open(&source).unwrap();
        store
            .write(|tx| {
                for (private, secret) in [(true, "PRIVATE-RESET-TOKEN"), (false, "PUBLIC-PAGE")] {
                    tx.insert_message(|id| Message {
                        id,
                        org: None,
                        to: EmailAddress::parse("ann@example.org").unwrap(),
                        subject: "subject".into(),
                        text: format!("open https://m.example/{secret}"),
                        html: format!("<a href=\"https://m.example/{secret}\">"),
                        link: Some(format!("https://m.example/{secret}")),
                        private,
                        created: 0,
                        state: MessageState::Queued,
                        attempts: 0,
                        job: None,
                    })?;
                }
                Ok::<_, crate::store::StoreError>(())
            })
            .unwrap();
    }
    let bytes = backup_of(&source);
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(
        !has("PRIVATE-RESET-TOKEN"),
        "a private link was written to the backup"
    );
    assert!(has("PUBLIC-PAGE"), "an ordinary message's body is kept");
    // The live database still holds it, to be sent.
    let live = std::fs::read(&source).unwrap();
    assert!(live.windows(19).any(|w| w == b"PRIVATE-RESET-TOKEN"));
}

#[test]
fn a_restore_onto_a_new_machine_makes_the_folder_and_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.redb");
    populated(&source);
    let backup = dir.path().join("b.backup");
    std::fs::write(&backup, backup_of(&source)).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // Under the most open umask, into a folder that does not exist yet.
    let guard = crate::store::private_file::UMASK
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let old = unsafe { libc::umask(0o000) };
    let target = dir.path().join("new/machine/data/mailroom.redb");
    let restored = restore(&backup, &target);
    unsafe { libc::umask(old) };
    drop(guard);
    let (_, replaced) = restored.unwrap();
    assert!(replaced.is_none());
    assert_eq!(mode(&target), 0o600);
    assert_eq!(mode(target.parent().unwrap()), 0o700);
    assert!(check_file(&target).unwrap().is_sound());
}

//! Migrations, step by step, from every earlier schema.
use super::*;
use crate::store::Store;
use redb::{ReadableDatabase, ReadableTableMetadata};

#[test]
fn a_new_file_is_migrated_to_the_current_version_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.read().unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.read().unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );
}

#[test]
fn a_version_1_file_is_migrated_step_by_step_keeping_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 1).unwrap();
        writer
            .redb()
            .unwrap()
            .open_table(USER_BY_LOGIN)
            .unwrap()
            .insert("kept@example.org", 7)
            .unwrap();
        writer.commit().unwrap();
        let txn = db.begin_read().unwrap();
        assert!(
            txn.open_table(INVITATIONS).is_err(),
            "version 1 has no invitations"
        );
    }
    let store = Store::open(&path).unwrap();
    let reader = store.read().unwrap();
    assert_eq!(reader.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(reader.redb().unwrap().open_table(INVITATIONS).is_ok());
    let index = reader.redb().unwrap().open_table(USER_BY_LOGIN).unwrap();
    assert_eq!(index.get("kept@example.org").unwrap().unwrap().value(), 7);
}

#[test]
fn version_6_import_files_become_utf8_text_in_chunks() {
    use crate::store::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    // Windows-1252, over one chunk: "zë" is 0x7A 0xEB there.
    let mut file = b"address,display_name\n".to_vec();
    while file.len() < IMPORT_CHUNK + 1000 {
        file.extend_from_slice(b"z,Zo\xEB\n");
    }
    let record = serde_json::json!({
        "id": 3, "service": 1, "org": 1, "created_by": 1, "created": 0,
        "file_name": "old.csv", "bytes": file.len(), "rows": 1, "valid": 1,
        "state": "uploaded", "done": 0, "created_count": 0, "failed": 0,
        "skipped": 0, "started_ms": null, "finished": null
    });
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 6).unwrap();
        let txn = writer.redb().unwrap();
        txn.open_table(IMPORT_FILES)
            .unwrap()
            .insert(3, file.as_slice())
            .unwrap();
        let json = serde_json::to_vec(&record).unwrap();
        txn.open_table(IMPORTS)
            .unwrap()
            .insert(3, json.as_slice())
            .unwrap();
        writer.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let reader = store.read().unwrap();
    let id = crate::model::ImportId(3);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut reader.import_text(id, 0).unwrap(), &mut text).unwrap();
    assert!(text.starts_with("address,display_name\nz,Zoë\n"));
    assert_eq!(text.len(), file.len() + text.matches('ë').count());
    let migrated = reader.import(id).unwrap().unwrap();
    assert_eq!(migrated.encoding, "Windows-1252");
    assert_eq!(migrated.file_name, "old.csv");
    assert_eq!(
        reader
            .redb()
            .unwrap()
            .open_table(IMPORT_FILES)
            .unwrap()
            .len()
            .unwrap(),
        0
    );
    let mut tail = String::new();
    let from = (IMPORT_CHUNK + 5) as u64;
    std::io::Read::read_to_string(&mut reader.import_text(id, from).unwrap(), &mut tail).unwrap();
    assert_eq!(
        tail,
        text[IMPORT_CHUNK + 5..],
        "reading on from an offset in the second chunk"
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(META)
            .unwrap()
            .insert(VERSION_KEY, 99)
            .unwrap();
        txn.commit().unwrap();
    }
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found: 99, .. }) => {}
        other => panic!("expected NewerSchema, got {:?}", other.err()),
    }
}

#[test]
fn a_second_open_reports_the_database_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    let _first = Store::open(&path).unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::InUse)));
}

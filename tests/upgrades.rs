//! Databases written by the binaries of every earlier schema version (kept
//! in `tests/fixtures/schema-N.redb`, made by building the commit that
//! introduced each version and running its setup, service, member, address
//! and import commands): each opens with this build, is backed up beside
//! itself first, migrates, passes the check, and keeps what it held.

use mailroom::app::{AppSettings, OperatorActor, check_database, verify_backup};
use mailroom::model::{Cursor, Domain};
use redb::{ReadableDatabase, ReadableTableMetadata, TableDefinition};

const NAMES: TableDefinition<(u64, &str), u64> = TableDefinition::new("address_by_name");

fn tables_in(path: &std::path::Path) -> std::collections::BTreeSet<String> {
    let db = redb::ReadOnlyDatabase::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    txn.list_tables()
        .unwrap()
        .map(|t| redb::TableHandle::name(&t).to_owned())
        .collect()
}

fn names_in(path: &std::path::Path) -> u64 {
    let db = redb::ReadOnlyDatabase::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    txn.open_table(NAMES).unwrap().len().unwrap()
}

#[test]
fn every_earlier_schema_opens_migrates_and_keeps_its_records() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let current = mailroom::store::SCHEMA_VERSION;
    let fresh = tempfile::tempdir().unwrap();
    let fresh_path = fresh.path().join("mailroom.redb");
    drop(mailroom::App::open(&fresh_path, AppSettings::default()).unwrap());
    let every_table = tables_in(&fresh_path);
    for version in 1..current {
        let fixture = fixtures.join(format!("schema-{version}.redb"));
        assert!(fixture.exists(), "a fixture for schema {version}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mailroom.redb");
        std::fs::copy(&fixture, &path).unwrap();
        let names = names_in(&path);

        let app = mailroom::App::open(&path, AppSettings::default())
            .unwrap_or_else(|e| panic!("schema {version}: {e}"));
        let domain = Domain::parse("acme.example").unwrap();
        let owner = app.organisations().owner_of_domain(&domain).unwrap();
        assert_eq!(
            app.organisations().organisation_named(None).unwrap().name,
            "Acme"
        );
        // Found by its name in any case (the names' index, schema 13).
        assert_eq!(
            app.organisations()
                .organisation_named(Some("ACME"))
                .unwrap_or_else(|e| panic!("schema {version}: {e}"))
                .name,
            "Acme"
        );
        // Found by any part of its domain (the search index, schema 14).
        let found = app
            .operators()
            .organisations(OperatorActor::CommandLine, "ME.EXAM", None, 10)
            .unwrap();
        let found: Vec<_> = found
            .items
            .iter()
            .map(|i| i.organisation.name.as_str())
            .collect();
        assert_eq!(found, ["Acme"], "schema {version}");
        let page = app
            .addresses()
            .list_addresses(owner.user, &domain, "", &Cursor::First, 100)
            .unwrap();
        assert!(
            page.items.len() as u64 <= names,
            "schema {version}: {} addresses for {names} names",
            page.items.len()
        );
        drop(app);
        assert_eq!(names_in(&path), names, "schema {version}: names kept");
        let present = tables_in(&path);
        let missing: Vec<_> = every_table.difference(&present).collect();
        assert!(missing.is_empty(), "schema {version} lacks {missing:?}");
        let report = check_database(&path).unwrap();
        assert!(report.is_sound(), "schema {version}: {:?}", report.problems);

        let before = dir
            .path()
            .join(format!("mailroom.redb.schema-{version}.backup"));
        let header = verify_backup(&before, dir.path()).unwrap();
        assert_eq!(header.schema, version, "the backup is of the file before");
    }
}

//! The PostgreSQL tables answer as redb's do: the same operations on both,
//! compared. Needs `MAILROOM_POSTGRES_URL` (scripts/test starts a
//! throwaway PostgreSQL and sets it); each test gets a database of its own.

use std::sync::Arc;

use redb::TableDefinition;

use crate::store::{Query, Store, StoreError};

const PAIRS: TableDefinition<(u64, u64), ()> = TableDefinition::new("address_links");
const RECORDS: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
const NAMES: TableDefinition<(u64, &str), u64> = TableDefinition::new("address_by_name");
const HASHES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("sessions");
const TEXT: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new("import_text");

/// A fresh database on the suite's PostgreSQL, and a redb file beside.
pub(super) fn stores() -> (Store, Store, tempfile::TempDir) {
    let url = crate::store::pg::test_database();
    let dir = tempfile::tempdir().unwrap();
    let redb = Store::open(&dir.path().join("x.redb")).unwrap();
    (redb, Store::connect(&url).unwrap(), dir)
}

/// What a walk over the pairs gives, in order.
fn walk(store: &Store, back: bool, take: usize, lo: u64, hi: u64) -> Vec<(u64, u64)> {
    let reader = store.read().unwrap();
    let table = reader.table(PAIRS).unwrap();
    let rows = table.range((lo, 0)..=(hi, u64::MAX)).unwrap();
    let keys = |row: crate::store::Result<crate::store::table::Row<'_, (u64, u64), ()>>| {
        row.unwrap().0.value()
    };
    if back {
        rows.rev().take(take).map(keys).collect()
    } else {
        rows.take(take).map(keys).collect()
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn ranges_read_alike_from_either_end_across_pages() {
    let (redb, pg, _dir) = stores();
    for store in [&redb, &pg] {
        store
            .write(|tx| {
                let mut table = tx.table(PAIRS)?;
                for parent in 1..=3u64 {
                    for child in 0..700u64 {
                        table.insert((parent, child * 3), ())?;
                    }
                }
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }
    for (back, take, lo, hi) in [
        (false, usize::MAX, 2, 2),
        (true, usize::MAX, 2, 2),
        (true, 5, 1, 3),
        (false, 300, 3, 9),
        (true, 1000, 0, 1),
    ] {
        assert_eq!(
            walk(&redb, back, take, lo, hi),
            walk(&pg, back, take, lo, hi),
            "back {back}, take {take}, {lo}..={hi}"
        );
    }
    // Both ends at once, meeting in the middle of a page.
    let mix = |store: &Store| {
        let reader = store.read().unwrap();
        let table = reader.table(PAIRS).unwrap();
        let mut rows = table.range((2, 0)..(3, 0)).unwrap();
        let mut seen = Vec::new();
        loop {
            let front = rows.next().map(|r| r.unwrap().0.value());
            let back = rows.next_back().map(|r| r.unwrap().0.value());
            if front.is_none() && back.is_none() {
                break;
            }
            seen.extend(front);
            seen.extend(back);
        }
        seen
    };
    let mixed = mix(&pg);
    assert_eq!(mixed, mix(&redb));
    assert_eq!(mixed.len(), 700, "each row once");
}

/// A new database is made at the records' schema version, and a database
/// a newer Mailroom wrote is refused, not read.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_database_is_made_at_the_current_schema_and_a_newer_one_refused() {
    use crate::store::prelude::SchemaQueries;
    use crate::store::{
        SCHEMA_VERSION,
        tables::{META, VERSION_KEY},
    };
    let url = crate::store::pg::test_database();
    let store = Store::connect(&url).unwrap();
    assert_eq!(
        store.read().unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );
    store
        .write(|tx| tx.table(META)?.insert(VERSION_KEY, SCHEMA_VERSION + 1))
        .unwrap();
    drop(store);
    match Store::connect(&url) {
        Err(StoreError::NewerSchema { found, known }) => {
            assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// A database of an earlier schema is brought up to date at connection,
/// by the same record steps as the redb file.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_version_9_database_is_migrated_when_a_node_connects() {
    let url = crate::store::pg::test_database();
    let store = Store::connect(&url).unwrap();
    store
        .write(|tx| {
            crate::store::schema::record_tests::write_version_9_quotas(tx);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    drop(store);
    crate::store::schema::record_tests::assert_version_9_quotas_counted(
        &Store::connect(&url).unwrap(),
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_version_10_database_gets_its_history_index_when_a_node_connects() {
    let url = crate::store::pg::test_database();
    let store = Store::connect(&url).unwrap();
    store
        .write(|tx| {
            crate::store::schema::record_tests::write_version_10_audit(tx);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    drop(store);
    crate::store::schema::record_tests::assert_version_10_audit_indexed(
        &Store::connect(&url).unwrap(),
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_version_11_database_lists_services_by_organisation_when_a_node_connects() {
    let url = crate::store::pg::test_database();
    let store = Store::connect(&url).unwrap();
    store
        .write(|tx| {
            crate::store::schema::record_tests::write_version_11_services(tx);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    drop(store);
    crate::store::schema::record_tests::assert_version_11_services_indexed(
        &Store::connect(&url).unwrap(),
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_version_12_database_finds_organisations_by_name_when_a_node_connects() {
    let url = crate::store::pg::test_database();
    let store = Store::connect(&url).unwrap();
    store
        .write(|tx| {
            crate::store::schema::record_tests::write_version_12_organisations(tx);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    drop(store);
    crate::store::schema::record_tests::assert_version_12_organisations_named(
        &Store::connect(&url).unwrap(),
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_version_13_database_searches_organisations_through_an_index_when_a_node_connects() {
    let url = crate::store::pg::test_database();
    let store = Store::connect(&url).unwrap();
    store
        .write(|tx| {
            crate::store::schema::record_tests::write_version_13_organisations(tx);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    drop(store);
    crate::store::schema::record_tests::assert_version_13_organisations_searchable(
        &Store::connect(&url).unwrap(),
    );
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn writes_answer_alike() {
    let (redb, pg, _dir) = stores();
    let run = |store: &Store| {
        store
            .write(|tx| {
                let mut out = Vec::new();
                let mut records = tx.table(RECORDS)?;
                out.push(format!("{}", records.insert(1, br#"{"a":1}"#.as_slice())?));
                out.push(format!("{}", records.insert(1, br#"{"a":2}"#.as_slice())?));
                out.push(format!("{:?}", records.get(1)?.map(|v| v.value().to_vec())));
                out.push(format!("{:?}", records.remove(1)?));
                out.push(format!("{:?}", records.remove(1)?));
                let mut pairs = tx.table(PAIRS)?;
                out.push(format!("{}", pairs.insert((5, 1), ())?));
                out.push(format!("{}", pairs.insert((5, 1), ())?));
                for n in 0..10 {
                    pairs.insert((6, n), ())?;
                }
                out.push(format!("{}", pairs.remove_range((6, 3)..(6, 7))?));
                pairs.retain(|(parent, child), ()| parent != 6 || child % 2 == 0)?;
                let left: Vec<(u64, u64)> = pairs
                    .iter()?
                    .map(|r| r.map(|(k, _)| k.value()))
                    .collect::<crate::store::Result<_>>()?;
                out.push(format!("{left:?} {}", pairs.len()?));
                out.push(format!("{:?}", pairs.first()?.map(|(k, _)| k.value())));
                Ok::<_, StoreError>(out)
            })
            .unwrap()
    };
    assert_eq!(run(&redb), run(&pg));
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn text_bytes_and_tuples_keep_redbs_order() {
    let (redb, pg, _dir) = stores();
    let names = ["b", "B", "a", "é", "a-b", "a.b", "ab", "z", "\u{1F600}"];
    let run = |store: &Store| {
        store
            .write(|tx| {
                let mut table = tx.table(NAMES)?;
                for (i, name) in names.iter().enumerate() {
                    table.insert((7, *name), i as u64)?;
                }
                let mut hashes = tx.table(HASHES)?;
                for key in [[0u8, 255], [255, 0], [1, 1]] {
                    hashes.insert(key.as_slice(), br#"{"x":"\u0000"}"#.as_slice())?;
                }
                let mut text = tx.table(TEXT)?;
                text.insert((1, 0), [0xffu8, 0, 1].as_slice())?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        let reader = store.read().unwrap();
        let table = reader.table(NAMES).unwrap();
        let order: Vec<(String, u64)> = table
            .range((7, "a")..(7, "z"))
            .unwrap()
            .map(|r| {
                let (k, v) = r.unwrap();
                (k.value().1.to_owned(), v.value())
            })
            .collect();
        let hashes: Vec<Vec<u8>> = reader
            .table(HASHES)
            .unwrap()
            .iter()
            .unwrap()
            .map(|r| r.unwrap().0.value().to_vec())
            .collect();
        let text = reader
            .table(TEXT)
            .unwrap()
            .get((1, 0))
            .unwrap()
            .map(|v| v.value().to_vec());
        (order, hashes, text)
    };
    assert_eq!(run(&redb), run(&pg));
}

/// Two writers adding to the same counter at once: PostgreSQL refuses one
/// of them, the store runs it again, and no addition is lost.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn racing_writes_lose_nothing() {
    let (_redb, pg, _dir) = stores();
    let pg = Arc::new(pg);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let pg = Arc::clone(&pg);
            std::thread::spawn(move || {
                for _ in 0..25 {
                    pg.write(|tx| tx.next_id("race")).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let next = pg.write(|tx| tx.next_id("race")).unwrap();
    assert_eq!(next, 101, "100 ids given out, each once");
}

/// A use case that read what another one changed before it committed is
/// refused by PostgreSQL and run again whole, seeing the other's change.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_write_overtaken_by_another_runs_again_and_sees_it() {
    let (_redb, pg, _dir) = stores();
    let pg = Arc::new(pg);
    let (read_tx, read_rx) = std::sync::mpsc::channel::<()>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let other = {
        let pg = Arc::clone(&pg);
        std::thread::spawn(move || {
            read_rx.recv().unwrap();
            pg.write(|tx| {
                let mut meta = tx.table(crate::store::tables::META)?;
                let seen = meta.get("overtaken")?.map_or(0, |v| v.value());
                meta.insert("overtaken", seen + 1)?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
            done_tx.send(()).unwrap();
        })
    };
    let mut attempts = 0;
    let id = pg
        .write(|tx| {
            attempts += 1;
            let mut meta = tx.table(crate::store::tables::META)?;
            let seen = meta.get("overtaken")?.map_or(0, |v| v.value());
            if attempts == 1 {
                // The other commits between this one's read and its write.
                read_tx.send(()).unwrap();
                done_rx.recv().unwrap();
            }
            meta.insert("overtaken", seen + 1)?;
            Ok::<_, StoreError>(seen + 1)
        })
        .unwrap();
    other.join().unwrap();
    assert_eq!(attempts, 2, "run again once");
    assert_eq!(id, 2, "the second run saw the other's id");
}

/// A statement that failed aborts the transaction: a use case that went on
/// and returned `Ok` is told nothing was kept, and nothing is.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_write_whose_statement_failed_keeps_nothing() {
    let (_redb, pg, _dir) = stores();
    let outcome = pg.write(|tx| {
        let mut records = tx.table(RECORDS)?;
        records.insert(1, br#"{"kept":false}"#.as_slice())?;
        let refused = records.insert(2, b"not json".as_slice());
        // PostgreSQL's own words, not tokio-postgres's "db error".
        match refused {
            Err(StoreError::Postgres(said)) => assert!(said.contains("json"), "{said}"),
            other => panic!("{other:?}"),
        }
        Ok::<_, StoreError>(())
    });
    assert!(
        matches!(outcome, Err(StoreError::Postgres(_))),
        "{outcome:?}"
    );
    let reader = pg.read().unwrap();
    assert!(reader.table(RECORDS).unwrap().get(1).unwrap().is_none());
}

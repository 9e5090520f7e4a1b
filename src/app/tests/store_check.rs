//! `mailroom check` on a database with some of everything (made by app,
//! so these tests live here rather than in the store).

use redb::TableDefinition;

use super::test_data::populated;
use crate::store::check::check_file;

// The store's tables as the damage below reaches them, by name: the
// store keeps its definitions to itself.
const ADDRESS_BY_NAME: TableDefinition<(u64, &str), u64> = TableDefinition::new("address_by_name");
const USERS: TableDefinition<u64, &[u8]> = TableDefinition::new("users");
const USER_ACCESSES: TableDefinition<(u64, u64), ()> = TableDefinition::new("user_accesses");
const IMPORT_ROWS: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("import_rows");
const ORG_SEARCH: TableDefinition<(&str, u64, u64), ()> = TableDefinition::new("org_search");

#[test]
fn a_sound_database_passes_and_each_kind_of_damage_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    populated(&path);
    let report = check_file(&path).unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    let count = |table: &str| {
        report
            .counts
            .iter()
            .find(|(name, _)| name == table)
            .map(|(_, n)| *n)
    };
    assert_eq!(count("addresses"), Some(3));
    assert_eq!(count("import_rows"), Some(3));

    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(ADDRESS_BY_NAME)
            .unwrap()
            .insert((1, "ghost"), 999)
            .unwrap();
        txn.open_table(ADDRESS_BY_NAME)
            .unwrap()
            .remove((1, "bob"))
            .unwrap();
        txn.open_table(USERS)
            .unwrap()
            .insert(77, b"{not json".as_slice())
            .unwrap();
        txn.open_table(USER_ACCESSES)
            .unwrap()
            .insert((1, 4242), ())
            .unwrap();
        let mut search = txn.open_table(ORG_SEARCH).unwrap();
        search.insert(("ghost", 1, 0), ()).unwrap();
        assert!(search.remove(("cme", 1, 0)).unwrap().is_some());
        drop(search);
        let row = br#"{"line":99,"address":"x@acme.example","outcome":"created"}"#;
        txn.open_table(IMPORT_ROWS)
            .unwrap()
            .insert((1, 99), row.as_slice())
            .unwrap();
        txn.commit().unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let report = check_file(&path).unwrap();
    let all = report.problems.join("\n");
    for expected in [
        "address_by_name: an entry names an address (999)",
        "bob of address",
        "users: the record 77 does not decode",
        "user_accesses: the entry (1, 4242) names 4242",
        "org_search: 1 entries are not what the organisations' names and domains give, and 1 are missing",
        "imports: import 1 counts 3 done (3 created, failed or skipped) but has 4 row results",
    ] {
        assert!(all.contains(expected), "{expected} in:\n{all}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing changed");
}

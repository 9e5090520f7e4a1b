//! Table definitions, the schema-version record and the migration steps that
//! run at every start.

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use super::{Result, StoreError};

pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
pub const USERS: TableDefinition<u64, &[u8]> = TableDefinition::new("users");
pub const USER_BY_LOGIN: TableDefinition<&str, u64> = TableDefinition::new("user_by_login");
pub const ORGS: TableDefinition<u64, &[u8]> = TableDefinition::new("orgs");
/// (org, user) -> membership
pub const MEMBERS: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("members");
/// (user, org), the reverse index of `MEMBERS`
pub const USER_ORGS: TableDefinition<(u64, u64), ()> = TableDefinition::new("user_orgs");
pub const SERVICES: TableDefinition<u64, &[u8]> = TableDefinition::new("services");
pub const SERVICE_BY_DOMAIN: TableDefinition<&str, u64> = TableDefinition::new("service_by_domain");
pub const ADDRESSES: TableDefinition<u64, &[u8]> = TableDefinition::new("addresses");
/// (service, local part) -> address id; sorted, so pages and prefix searches
/// are range scans that never load the whole list.
pub const ADDRESS_BY_NAME: TableDefinition<(u64, &str), u64> =
    TableDefinition::new("address_by_name");
/// (address, user) -> access
pub const ACCESSES: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("accesses");
/// (user, address), the reverse index of `ACCESSES`
pub const USER_ACCESSES: TableDefinition<(u64, u64), ()> = TableDefinition::new("user_accesses");
/// sha256(session token) -> session
pub const SESSIONS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("sessions");
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

pub const SCHEMA_VERSION: u64 = 1;
const VERSION_KEY: &str = "schema_version";

type Step = fn(&WriteTransaction) -> Result<()>;

/// `STEPS[n]` takes a database from version `n` to `n + 1`.
const STEPS: [Step; SCHEMA_VERSION as usize] = [create_tables];

fn create_tables(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(USERS)?;
    txn.open_table(USER_BY_LOGIN)?;
    txn.open_table(ORGS)?;
    txn.open_table(MEMBERS)?;
    txn.open_table(USER_ORGS)?;
    txn.open_table(SERVICES)?;
    txn.open_table(SERVICE_BY_DOMAIN)?;
    txn.open_table(ADDRESSES)?;
    txn.open_table(ADDRESS_BY_NAME)?;
    txn.open_table(ACCESSES)?;
    txn.open_table(USER_ACCESSES)?;
    txn.open_table(SESSIONS)?;
    txn.open_table(AUDIT)?;
    Ok(())
}

pub fn migrate(writer: &mut super::Writer) -> Result<()> {
    let txn = &writer.txn;
    let found = {
        let meta = txn.open_table(META)?;
        meta.get(VERSION_KEY)?.map(|v| v.value()).unwrap_or(0)
    };
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (version, step) in STEPS.iter().enumerate().skip(found as usize) {
        tracing::info!(from = version, to = version + 1, "migrating the database");
        step(txn)?;
    }
    txn.open_table(META)?.insert(VERSION_KEY, SCHEMA_VERSION)?;
    Ok(())
}

pub fn next_id(txn: &WriteTransaction, kind: &str) -> Result<u64> {
    let key = format!("next_id:{kind}");
    let mut meta = txn.open_table(META)?;
    let id = meta.get(key.as_str())?.map(|v| v.value()).unwrap_or(1);
    meta.insert(key.as_str(), id + 1)?;
    Ok(id)
}

impl super::Reader {
    pub fn schema_version(&self) -> Result<u64> {
        let meta = self.txn.open_table(META)?;
        Ok(meta.get(VERSION_KEY)?.map(|v| v.value()).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

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
}

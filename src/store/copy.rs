//! A whole installation copied from one store to another (the redb file
//! and PostgreSQL, either way), table by table in one write of the target,
//! for `mailroom store copy`. Every table is copied as it is, through the
//! same `Table` operations the queries use, so a copy holds exactly what
//! the source held; the counts of both sides are read back for the report.

use super::tables::*;
use super::{Query, Reader, Result, Store, StoreError, StoreKey, StoreValue, Writer};
use redb::{TableDefinition, TableHandle};

/// Rows per table: in the source, and in the target after the copy.
#[derive(Debug, Default)]
pub struct Copied {
    pub tables: Vec<(String, u64, u64)>,
}

impl Copied {
    /// Whether every table holds as many rows in the target as in the
    /// source (the secrets may hold more: those kept in files beside a redb
    /// file join them).
    pub fn matches(&self) -> bool {
        self.tables
            .iter()
            .all(|(name, from, to)| from == to || (name == SECRETS.name() && to >= from))
    }
}

/// A table the redb file never made (the database's `secrets`, which a
/// redb install keeps in files) reads as empty.
fn absent(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::Database(redb::Error::TableDoesNotExist(_))
    )
}

fn copy<K: StoreKey + 'static, V: StoreValue + 'static>(
    from: &Reader,
    to: &mut Writer,
    table: TableDefinition<'static, K, V>,
) -> Result<u64> {
    let source = match from.table(table) {
        Err(error) if absent(&error) => return Ok(0),
        other => other?,
    };
    let mut target = to.table(table)?;
    let mut copied = 0;
    for row in source.iter()? {
        let (key, value) = row?;
        target.put(key.value(), value.value())?;
        copied += 1;
    }
    Ok(copied)
}

fn count<K: StoreKey + 'static, V: StoreValue + 'static>(
    reader: &impl Query,
    table: TableDefinition<'static, K, V>,
) -> Result<u64> {
    match reader.table(table) {
        Err(error) if absent(&error) => Ok(0),
        other => other?.len(),
    }
}

macro_rules! every_table {
    ($($table:ident),* $(,)?) => {
        fn copy_all(from: &Reader, to: &mut Writer) -> Result<Vec<(String, u64)>> {
            Ok(vec![$(($table.name().to_owned(), copy(from, to, $table)?),)*])
        }

        fn count_all(reader: &impl Query) -> Result<Vec<u64>> {
            Ok(vec![$(count(reader, $table)?,)*])
        }

        /// Whether a store holds no installation (a new file or database).
        fn is_empty(reader: &impl Query) -> Result<bool> {
            let mut rows = 0;
            $(if $table.name() != META.name() {
                rows += count(reader, $table)?;
            })*
            Ok(rows == 0)
        }
    };
}

every_table!(
    META,
    SECRETS,
    SETTINGS,
    USERS,
    USER_BY_LOGIN,
    ORGS,
    MEMBERS,
    USER_ORGS,
    SERVICES,
    SERVICE_BY_DOMAIN,
    ORG_NAMES,
    ORG_SEARCH,
    ORG_SERVICES,
    ADDRESSES,
    ADDRESS_BY_NAME,
    ACCESSES,
    USER_ACCESSES,
    SESSIONS,
    AUDIT,
    AUDIT_BY_ADDRESS,
    AUDIT_BY_ORG,
    INVITATIONS,
    ADDRESS_INVITATIONS,
    DELETED_ADDRESSES,
    JOBS,
    JOB_DUE,
    JOB_LEASE,
    MESSAGES,
    INVITATION_BY_TOKEN,
    EMAIL_INVITATIONS,
    SHARING_LINKS,
    LINK_BY_TOKEN,
    ADDRESS_LINKS,
    IMPORTS,
    IMPORT_FILES,
    IMPORT_TEXT,
    IMPORT_ROWS,
    SERVICE_IMPORTS,
    CREDENTIALS,
    ADDRESS_CREDENTIALS,
    USER_CREDENTIALS,
    PENDING_SIGNUPS,
    PASSWORD_RESETS,
    SECOND_FACTORS,
    API_TOKENS,
    ORG_TOKENS,
    IDEMPOTENCY,
    DNS_REPORTS,
    DKIM_KEYS,
    SERVICE_DKIM,
);

impl Store {
    /// Whether this store holds nothing yet but its schema.
    pub fn is_empty(&self) -> Result<bool> {
        is_empty(&self.read()?)
    }

    /// Copies everything `from` holds into this store, which must be
    /// empty, in one write (all or nothing), with `secrets` (name, bytes)
    /// kept beside the copied ones; then counts both sides.
    pub fn copy_from(&self, from: &Store, secrets: &[(String, [u8; 32])]) -> Result<Copied> {
        let source = from.read()?;
        let copied = self.write(|tx| -> Result<Vec<(String, u64)>> {
            if !is_empty(tx)? {
                return Err(StoreError::NotEmpty);
            }
            let copied = copy_all(&source, tx)?;
            let mut kept = tx.table(SECRETS)?;
            for (name, bytes) in secrets {
                kept.put(name.as_str(), bytes.as_slice())?;
            }
            Ok(copied)
        })?;
        let after = count_all(&self.read()?)?;
        Ok(Copied {
            tables: copied
                .into_iter()
                .zip(after)
                .map(|((name, from), to)| (name, from, to))
                .collect(),
        })
    }
}

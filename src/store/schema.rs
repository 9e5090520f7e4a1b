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
/// (address, audit id): an address's history.
pub const AUDIT_BY_ADDRESS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("audit_by_address");
pub const INVITATIONS: TableDefinition<u64, &[u8]> = TableDefinition::new("invitations");
/// (address, invitation)
pub const ADDRESS_INVITATIONS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("address_invitations");
/// (service, address): deleted addresses still within their retention.
pub const DELETED_ADDRESSES: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("deleted_addresses");

/// Background jobs (apalis' storage): the record, and two indexes.
pub const JOBS: TableDefinition<u64, &[u8]> = TableDefinition::new("jobs");
/// (due unix ms, job): queued jobs in the order they become due.
pub const JOB_DUE: TableDefinition<(u64, u64), ()> = TableDefinition::new("job_due");
/// (lease end unix ms, job): running jobs, by when their lease runs out.
pub const JOB_LEASE: TableDefinition<(u64, u64), ()> = TableDefinition::new("job_lease");
/// Outgoing messages (the outbox).
pub const MESSAGES: TableDefinition<u64, &[u8]> = TableDefinition::new("messages");
/// sha256(token) -> invitation
pub const INVITATION_BY_TOKEN: TableDefinition<&[u8], u64> =
    TableDefinition::new("invitation_by_token");
/// (invitee email, invitation): what a person is invited to.
pub const EMAIL_INVITATIONS: TableDefinition<(&str, u64), ()> =
    TableDefinition::new("email_invitations");
pub const SHARING_LINKS: TableDefinition<u64, &[u8]> = TableDefinition::new("sharing_links");
/// sha256(token) -> sharing link
pub const LINK_BY_TOKEN: TableDefinition<&[u8], u64> = TableDefinition::new("link_by_token");
/// (address, link)
pub const ADDRESS_LINKS: TableDefinition<(u64, u64), ()> = TableDefinition::new("address_links");

/// Bulk creations: the record, the file as it came, and each row's result.
pub const IMPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("imports");
/// Before version 7: the file as it came, in one value.
pub const IMPORT_FILES: TableDefinition<u64, &[u8]> = TableDefinition::new("import_files");
/// (import, chunk) -> the file's text in UTF-8, `IMPORT_CHUNK` bytes a
/// chunk, so that a batch reads the part it needs and not the whole file.
pub const IMPORT_TEXT: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new("import_text");
/// Fixed for good: offsets stored in running imports depend on it.
pub const IMPORT_CHUNK: usize = 1024 * 1024;
/// (import, line) -> result
pub const IMPORT_ROWS: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("import_rows");
/// (service, import)
pub const SERVICE_IMPORTS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("service_imports");

/// Device passwords, by id, and listed by address and by user.
pub const CREDENTIALS: TableDefinition<u64, &[u8]> = TableDefinition::new("credentials");
pub const ADDRESS_CREDENTIALS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("address_credentials");
pub const USER_CREDENTIALS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("user_credentials");
/// Sign-ups waiting for their email to be confirmed: token hash -> record.
pub const PENDING_SIGNUPS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("pending_signups");

/// Password resets waiting to be used: token hash -> record.
pub const PASSWORD_RESETS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("password_resets");
/// Second factors, enrolled or being enrolled: user -> record.
pub const SECOND_FACTORS: TableDefinition<u64, &[u8]> = TableDefinition::new("second_factors");

/// API tokens, by id, and listed by organisation.
pub const API_TOKENS: TableDefinition<u64, &[u8]> = TableDefinition::new("api_tokens");
/// (org, token)
pub const ORG_TOKENS: TableDefinition<(u64, u64), ()> = TableDefinition::new("org_tokens");
/// (token, Idempotency-Key) -> the first answer to a creating request.
pub const IDEMPOTENCY: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("idempotency");

/// service -> the last DNS check of its domain.
pub const DNS_REPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("dns_reports");
/// DKIM keys by id, and listed by service: (service, key).
pub const DKIM_KEYS: TableDefinition<u64, &[u8]> = TableDefinition::new("dkim_keys");
pub const SERVICE_DKIM: TableDefinition<(u64, u64), ()> = TableDefinition::new("service_dkim");

pub const SCHEMA_VERSION: u64 = 9;
const VERSION_KEY: &str = "schema_version";

type Step = fn(&WriteTransaction) -> Result<()>;

/// `STEPS[n]` takes a database from version `n` to `n + 1`.
const STEPS: [Step; SCHEMA_VERSION as usize] = [
    create_tables,
    add_sharing_and_history,
    add_jobs_and_outbox,
    add_imports,
    add_device_passwords,
    add_password_resets,
    chunk_import_files,
    add_api_tokens,
    add_dns_and_dkim,
];

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

/// Version 2: invitations, address histories and the deleted-address list.
fn add_sharing_and_history(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(AUDIT_BY_ADDRESS)?;
    txn.open_table(INVITATIONS)?;
    txn.open_table(ADDRESS_INVITATIONS)?;
    txn.open_table(DELETED_ADDRESSES)?;
    Ok(())
}

/// Version 3: the job queue, the outbox, invitation tokens, sharing links.
fn add_jobs_and_outbox(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(JOBS)?;
    txn.open_table(JOB_DUE)?;
    txn.open_table(JOB_LEASE)?;
    txn.open_table(MESSAGES)?;
    txn.open_table(INVITATION_BY_TOKEN)?;
    txn.open_table(EMAIL_INVITATIONS)?;
    txn.open_table(SHARING_LINKS)?;
    txn.open_table(LINK_BY_TOKEN)?;
    txn.open_table(ADDRESS_LINKS)?;
    Ok(())
}

/// Version 4: bulk creations from CSV files.
fn add_imports(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(IMPORTS)?;
    txn.open_table(IMPORT_FILES)?;
    txn.open_table(IMPORT_ROWS)?;
    txn.open_table(SERVICE_IMPORTS)?;
    Ok(())
}

/// Version 5: device passwords and sign-ups that wait for a confirmation.
fn add_device_passwords(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(CREDENTIALS)?;
    txn.open_table(ADDRESS_CREDENTIALS)?;
    txn.open_table(USER_CREDENTIALS)?;
    txn.open_table(PENDING_SIGNUPS)?;
    Ok(())
}

/// Version 6: forgotten-password links and second factors.
fn add_password_resets(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(PASSWORD_RESETS)?;
    txn.open_table(SECOND_FACTORS)?;
    Ok(())
}

/// Version 9: DNS checks and DKIM keys.
fn add_dns_and_dkim(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(DNS_REPORTS)?;
    txn.open_table(DKIM_KEYS)?;
    txn.open_table(SERVICE_DKIM)?;
    Ok(())
}

/// Version 8: API tokens and the answers kept for idempotency keys.
fn add_api_tokens(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(API_TOKENS)?;
    txn.open_table(ORG_TOKENS)?;
    txn.open_table(IDEMPOTENCY)?;
    Ok(())
}

/// Version 7: import files kept as UTF-8 text in chunks. Also makes the
/// second factors' table: it joined version 6 after databases of version 6
/// were already written without it (found by the version-6 fixture).
fn chunk_import_files(txn: &WriteTransaction) -> Result<()> {
    use redb::ReadableTable;
    txn.open_table(SECOND_FACTORS)?;
    let mut text = txn.open_table(IMPORT_TEXT)?;
    let mut records = txn.open_table(IMPORTS)?;
    let mut files = txn.open_table(IMPORT_FILES)?;
    let ids: Vec<u64> = files
        .iter()?
        .map(|entry| entry.map(|(id, _)| id.value()))
        .collect::<std::result::Result<_, _>>()?;
    for id in ids {
        let Some(bytes) = files.remove(id)?.map(|v| v.value().to_vec()) else {
            continue;
        };
        let mut src = std::io::Cursor::new(bytes.as_slice());
        let encoding = crate::text::Encoding::detect(&mut src, usize::MAX)
            .unwrap_or(crate::text::Encoding::Utf8);
        let mut utf8 = Vec::new();
        std::io::Read::read_to_end(&mut crate::text::Utf8Text::new(src, encoding), &mut utf8)
            .map_err(|e| StoreError::Corrupt(serde_json::Error::io(e)))?;
        for (n, chunk) in utf8.chunks(IMPORT_CHUNK).enumerate() {
            text.insert((id, n as u32), chunk)?;
        }
        let record = records.get(id)?.map(|v| v.value().to_vec());
        if let Some(record) = record {
            let mut record: crate::model::ImportRecord = super::codec::decode(&record)?;
            record.encoding = encoding.label().to_owned();
            records.insert(id, super::codec::encode(&record)?.as_slice())?;
        }
    }
    Ok(())
}

/// What opening did to the file's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Migration {
    /// An empty file, given every table.
    Created,
    Migrated {
        from: u64,
        to: u64,
    },
    Current,
}

pub fn migrate(writer: &mut super::Writer) -> Result<Migration> {
    migrate_to(writer, SCHEMA_VERSION)
}

#[cfg(test)]
pub(crate) fn migrate_to_for_tests(writer: &mut super::Writer, target: u64) {
    migrate_to(writer, target).unwrap();
}

fn migrate_to(writer: &mut super::Writer, target: u64) -> Result<Migration> {
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
    if found >= target {
        return Ok(Migration::Current);
    }
    for (version, step) in STEPS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        tracing::debug!(from = version, to = version + 1, "migration step");
        step(txn)?;
    }
    txn.open_table(META)?.insert(VERSION_KEY, target)?;
    Ok(if found == 0 {
        Migration::Created
    } else {
        Migration::Migrated {
            from: found,
            to: target,
        }
    })
}

pub fn next_id(txn: &WriteTransaction, kind: &str) -> Result<u64> {
    let key = format!("next_id:{kind}");
    let mut meta = txn.open_table(META)?;
    let id = meta.get(key.as_str())?.map(|v| v.value()).unwrap_or(1);
    meta.insert(key.as_str(), id + 1)?;
    Ok(id)
}

pub trait SchemaQueries: super::Query {
    fn schema_version(&self) -> Result<u64> {
        let meta = self.table(META)?;
        Ok(meta.get(VERSION_KEY)?.map(|v| v.value()).unwrap_or(0))
    }
}

impl<Q: super::Query> SchemaQueries for Q {}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;

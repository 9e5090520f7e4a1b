//! Table definitions, the schema-version record and the migration steps that
//! run at every start.

use redb::{ReadableTable, WriteTransaction};

use super::{Result, StoreError};

pub use super::tables::*;

type Step = fn(&WriteTransaction) -> Result<()>;

/// The version PostgreSQL stores began at: steps before it are the redb
/// file's alone (they make its tables), steps from it on change records
/// through the tables both stores share, and run on both.
pub const RECORD_STEPS_FROM: u64 = 9;

/// `STEPS[n]` takes a redb file from version `n` to `n + 1`.
const STEPS: [Step; RECORD_STEPS_FROM as usize] = [
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

type RecordStep = fn(&mut super::Writer) -> Result<()>;

/// `RECORD_STEPS[n]` takes either store from `RECORD_STEPS_FROM + n` on.
const RECORD_STEPS: [RecordStep; (SCHEMA_VERSION - RECORD_STEPS_FROM) as usize] = [
    count_quotas_per_service,
    index_audit_by_org,
    index_services_by_org,
    index_organisation_names,
    index_organisations_for_search,
];

/// Version 10: each service counts its live addresses' own quotas and
/// those on its default, so an organisation's storage is summed per service;
/// and the installation's settings get their table (made by opening it in
/// the redb file; PostgreSQL makes every missing table at connection).
fn count_quotas_per_service(writer: &mut super::Writer) -> Result<()> {
    use super::{Query, Table};
    writer.table(SETTINGS)?;
    let mut counts: std::collections::HashMap<u64, crate::model::Service> = Default::default();
    let services: Vec<crate::model::Service> = super::records::all(&writer.table(SERVICES)?)?;
    for mut service in services {
        service.own_quota_mb = 0;
        service.on_default_quota = 0;
        counts.insert(service.id.0, service);
    }
    {
        let addresses: Table<'_, u64, &'static [u8]> = writer.table(ADDRESSES)?;
        for entry in addresses.iter()? {
            let (_, value) = entry?;
            let address: crate::model::Address = super::codec::decode(value.value())?;
            if let Some(service) = counts.get_mut(&address.service.0)
                && address.is_active()
                && address.has_mailbox()
            {
                service.count_quota(address.quota, true);
            }
        }
    }
    for service in counts.values() {
        writer.put_service(service)?;
    }
    Ok(())
}

/// Version 11: each organisation's history has an index, so its owners
/// read it without reading everyone's.
fn index_audit_by_org(writer: &mut super::Writer) -> Result<()> {
    use super::{Query, Table};
    let mut listed = Vec::new();
    {
        let audit: Table<'_, u64, &'static [u8]> = writer.table(AUDIT)?;
        for entry in audit.iter()? {
            let (id, value) = entry?;
            let event: crate::model::AuditEvent = super::codec::decode(value.value())?;
            if let Some(org) = event.org {
                listed.push((org.0, id.value()));
            }
        }
    }
    let mut index = writer.table(AUDIT_BY_ORG)?;
    for key in listed {
        index.put(key, ())?;
    }
    Ok(())
}

/// Version 12: each organisation's services have an index, so reading
/// them costs what they are, not what every organisation's are.
fn index_services_by_org(writer: &mut super::Writer) -> Result<()> {
    use super::Query;
    let services: Vec<crate::model::Service> = super::records::all(&writer.table(SERVICES)?)?;
    let mut index = writer.table(ORG_SERVICES)?;
    for service in services {
        index.put((service.org.0, service.id.0), ())?;
    }
    Ok(())
}

/// Version 13: organisations are found by name through an index, so that
/// creating one and searching by name read no organisation's record.
fn index_organisation_names(writer: &mut super::Writer) -> Result<()> {
    use super::Query;
    let orgs: Vec<crate::model::Organisation> = super::records::all(&writer.table(ORGS)?)?;
    let mut index = writer.table(ORG_NAMES)?;
    for org in orgs {
        let key = crate::model::Organisation::name_key(&org.name);
        // Names were unique in this form before; the oldest keeps one if not.
        if index.get(key.as_str())?.is_none() {
            index.put(key.as_str(), org.id.0)?;
        }
    }
    Ok(())
}

/// Version 14: organisations are searched by any part of their names and
/// domains through an index, so that a search reads what it finds.
fn index_organisations_for_search(writer: &mut super::Writer) -> Result<()> {
    use super::Query;
    let orgs: Vec<crate::model::Organisation> = super::records::all(&writer.table(ORGS)?)?;
    let services: Vec<crate::model::Service> = super::records::all(&writer.table(SERVICES)?)?;
    for org in orgs {
        writer.index_name_for_search(org.id, &org.name)?;
    }
    for service in services {
        writer.index_domain_for_search(&service)?;
    }
    Ok(())
}

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
    let found = {
        let txn = writer.redb()?;
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
    {
        let txn = writer.redb()?;
        for (version, step) in STEPS
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(found as usize)
        {
            tracing::debug!(from = version, to = version + 1, "migration step");
            step(txn)?;
        }
    }
    run_record_steps(writer, found.max(RECORD_STEPS_FROM), target)?;
    writer
        .redb()?
        .open_table(META)?
        .insert(VERSION_KEY, target)?;
    Ok(if found == 0 {
        Migration::Created
    } else {
        Migration::Migrated {
            from: found,
            to: target,
        }
    })
}

/// The record steps from version `from` up to `target`.
fn run_record_steps(writer: &mut super::Writer, from: u64, target: u64) -> Result<()> {
    for version in from..target {
        tracing::debug!(from = version, to = version + 1, "migration step");
        RECORD_STEPS[(version - RECORD_STEPS_FROM) as usize](writer)?;
    }
    Ok(())
}

/// Brings a PostgreSQL store's records to the current version, in the
/// caller's transaction (two nodes starting at once: one migrates, the
/// other's transaction is retried and finds nothing left to do).
pub fn migrate_records(writer: &mut super::Writer) -> Result<Migration> {
    use super::Query;
    let found = writer
        .table(META)?
        .get(VERSION_KEY)?
        .map(|v| v.value())
        .unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found >= SCHEMA_VERSION {
        return Ok(Migration::Current);
    }
    if found < RECORD_STEPS_FROM {
        return Err(StoreError::OlderSchema { found });
    }
    run_record_steps(writer, found, SCHEMA_VERSION)?;
    writer.table(META)?.put(VERSION_KEY, SCHEMA_VERSION)?;
    Ok(Migration::Migrated {
        from: found,
        to: SCHEMA_VERSION,
    })
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
pub(crate) mod tests;

#[cfg(test)]
#[path = "schema_record_tests.rs"]
pub(crate) mod record_tests;

//! `mailroom check`: reads the whole database in one snapshot and says
//! what is wrong with it: a record that does not decode, an index entry
//! pointing at nothing, a record its index does not list. Changes nothing.

use std::collections::HashSet;

use redb::{TableDefinition, TableHandle};
use serde::de::DeserializeOwned;

#[path = "check_agreement.rs"]
mod agreement;

use super::codec::decode;
use super::schema::*;
use super::{Query, Reader, Result};
use crate::model::{
    Access, Address, ApiToken, AuditEvent, DevicePassword, DkimKey, DnsReport, ImportRecord,
    Invitation, JobRecord, Membership, Message, Organisation, PasswordReset, PendingSignUp,
    RowResult, SecondFactor, Service, Session, SharingLink, User,
};

/// What the check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Records read, per table.
    pub counts: Vec<(String, u64)>,
    /// Each thing wrong, in words.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the database file without changing it: opened read-only, not
/// migrated (a file of an older schema is reported, not upgraded).
pub fn check_file(path: &std::path::Path) -> Result<CheckReport> {
    if !path.exists() {
        return Err(super::StoreError::Missing(path.display().to_string()));
    }
    let db = redb::ReadOnlyDatabase::open(path)?;
    let reader = Reader::of_redb(redb::ReadableDatabase::begin_read(&db)?);
    let version = super::prelude::SchemaQueries::schema_version(&reader)?;
    if version > SCHEMA_VERSION {
        return Err(super::StoreError::NewerSchema {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version < SCHEMA_VERSION {
        return Ok(CheckReport {
            counts: Vec::new(),
            problems: vec![format!(
                "the database has schema {version}; this build checks {SCHEMA_VERSION}: \
                 start the server once to bring it up to date, then check it"
            )],
        });
    }
    check(&reader)
}

/// Checks every table of the snapshot.
pub fn check(reader: &Reader) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let r = &mut report;
    let users = records::<User, _>(reader, USERS, r)?;
    let orgs = records::<Organisation, _>(reader, ORGS, r)?;
    let services = records::<Service, _>(reader, SERVICES, r)?;
    let addresses = records::<Address, _>(reader, ADDRESSES, r)?;
    let invitations = records::<Invitation, _>(reader, INVITATIONS, r)?;
    let jobs = records::<JobRecord, _>(reader, JOBS, r)?;
    let links = records::<SharingLink, _>(reader, SHARING_LINKS, r)?;
    let imports = records::<ImportRecord, _>(reader, IMPORTS, r)?;
    let credentials = records::<DevicePassword, _>(reader, CREDENTIALS, r)?;
    let audit = records::<AuditEvent, _>(reader, AUDIT, r)?;
    records::<Message, _>(reader, MESSAGES, r)?;
    records::<SecondFactor, _>(reader, SECOND_FACTORS, r)?;
    records::<Membership, _>(reader, MEMBERS, r)?;
    records::<Access, _>(reader, ACCESSES, r)?;
    records::<RowResult, _>(reader, IMPORT_ROWS, r)?;
    records::<Session, _>(reader, SESSIONS, r)?;
    records::<PendingSignUp, _>(reader, PENDING_SIGNUPS, r)?;
    records::<PasswordReset, _>(reader, PASSWORD_RESETS, r)?;
    let tokens = records::<ApiToken, _>(reader, API_TOKENS, r)?;
    let dkim = records::<DkimKey, _>(reader, DKIM_KEYS, r)?;
    records::<DnsReport, _>(reader, DNS_REPORTS, r)?;

    points_at(reader, USER_BY_LOGIN, "a user", &users, r)?;
    points_at(reader, SERVICE_BY_DOMAIN, "a service", &services, r)?;
    points_at(reader, ORG_NAMES, "an organisation", &orgs, r)?;
    agreement::organisations_named(reader, r)?;
    agreement::organisations_searchable(reader, r)?;
    pairs_point_at(reader, ORG_SERVICES, [Some(&orgs), Some(&services)], r)?;
    agreement::services_listed(reader, r)?;
    points_at(reader, ADDRESS_BY_NAME, "an address", &addresses, r)?;
    points_at(
        reader,
        INVITATION_BY_TOKEN,
        "an invitation",
        &invitations,
        r,
    )?;
    points_at(reader, LINK_BY_TOKEN, "a sharing link", &links, r)?;
    pairs_point_at(reader, MEMBERS, [Some(&orgs), Some(&users)], r)?;
    pairs_point_at(reader, ORG_TOKENS, [Some(&orgs), Some(&tokens)], r)?;
    pairs_point_at(reader, SERVICE_DKIM, [Some(&services), Some(&dkim)], r)?;
    pairs_point_at(reader, USER_ORGS, [Some(&users), Some(&orgs)], r)?;
    pairs_point_at(reader, ACCESSES, [Some(&addresses), Some(&users)], r)?;
    pairs_point_at(reader, USER_ACCESSES, [Some(&users), Some(&addresses)], r)?;
    pairs_point_at(reader, AUDIT_BY_ADDRESS, [None, Some(&audit)], r)?;
    pairs_point_at(reader, AUDIT_BY_ORG, [None, Some(&audit)], r)?;
    pairs_point_at(reader, ADDRESS_INVITATIONS, [None, Some(&invitations)], r)?;
    pairs_point_at(
        reader,
        DELETED_ADDRESSES,
        [Some(&services), Some(&addresses)],
        r,
    )?;
    pairs_point_at(reader, JOB_DUE, [None, Some(&jobs)], r)?;
    pairs_point_at(reader, JOB_LEASE, [None, Some(&jobs)], r)?;
    pairs_point_at(reader, ADDRESS_LINKS, [None, Some(&links)], r)?;
    pairs_point_at(
        reader,
        SERVICE_IMPORTS,
        [Some(&services), Some(&imports)],
        r,
    )?;
    pairs_point_at(reader, IMPORT_ROWS, [Some(&imports), None], r)?;
    pairs_point_at(reader, ADDRESS_CREDENTIALS, [None, Some(&credentials)], r)?;
    pairs_point_at(
        reader,
        USER_CREDENTIALS,
        [Some(&users), Some(&credentials)],
        r,
    )?;
    names_are_indexed(reader, r)?;
    agreement::imports_agree(reader, r)?;
    agreement::services_agree(reader, r)?;
    agreement::keys_have_addresses(reader, &addresses, r)?;
    agreement::history_indexed(reader, r)?;
    Ok(report)
}

/// Decodes every record of a table; returns their ids (the first part of
/// the key) for the index checks.
fn records<T: DeserializeOwned, K: RecordKey>(
    reader: &Reader,
    table: TableDefinition<'static, K, &'static [u8]>,
    report: &mut CheckReport,
) -> Result<HashSet<u64>> {
    let name = table.name().to_owned();
    let table = reader.table(table)?;
    let mut ids = HashSet::new();
    for entry in table.iter()? {
        let (key, value) = entry?;
        let id = K::first(&key.value());
        if let Err(e) = decode::<T>(value.value()) {
            report
                .problems
                .push(format!("{name}: the record {id} does not decode: {e}"));
        }
        ids.insert(id);
    }
    report.counts.push((name, table.len()?));
    Ok(ids)
}

/// Every value of an index names an existing record.
fn points_at<K: super::StoreKey>(
    reader: &Reader,
    index: TableDefinition<'static, K, u64>,
    what: &str,
    ids: &HashSet<u64>,
    report: &mut CheckReport,
) -> Result<()> {
    let name = index.name().to_owned();
    let table = reader.table(index)?;
    for entry in table.iter()? {
        let (_, id) = entry?;
        let id = id.value();
        if !ids.contains(&id) {
            report.problems.push(format!(
                "{name}: an entry names {what} ({id}) that is not stored"
            ));
        }
    }
    Ok(())
}

/// Both parts of a pair key name existing records, where they are ids of
/// a table (`None`: a part the check does not follow).
fn pairs_point_at<V: super::StoreValue>(
    reader: &Reader,
    index: TableDefinition<'static, (u64, u64), V>,
    targets: [Option<&HashSet<u64>>; 2],
    report: &mut CheckReport,
) -> Result<()> {
    let name = index.name().to_owned();
    let table = reader.table(index)?;
    for entry in table.iter()? {
        let (key, _) = entry?;
        let (a, b) = key.value();
        for (part, id) in [a, b].into_iter().enumerate() {
            if targets[part].is_some_and(|ids| !ids.contains(&id)) {
                report.problems.push(format!(
                    "{name}: the entry ({a}, {b}) names {id}, which is not stored"
                ));
            }
        }
    }
    if !report.counts.iter().any(|(counted, _)| *counted == name) {
        report.counts.push((name, table.len()?));
    }
    Ok(())
}

/// Each address's name and aliases are in the name index, pointing at it,
/// and the index holds nothing else.
fn names_are_indexed(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    let index = reader.table(ADDRESS_BY_NAME)?;
    let mut expected = 0u64;
    for entry in reader.table(ADDRESSES)?.iter()? {
        let (_, value) = entry?;
        let Ok(address) = decode::<Address>(value.value()) else {
            continue;
        };
        let names = std::iter::once(&address.local_part).chain(&address.aliases);
        for name in names {
            expected += 1;
            let found = index.get((address.service.0, name.as_str()))?;
            if found.map(|v| v.value()) != Some(address.id.0) {
                report.problems.push(format!(
                    "address_by_name: {name} of address {} is not listed for it",
                    address.id.0
                ));
            }
        }
    }
    let listed = index.len()?;
    if listed != expected {
        report.problems.push(format!(
            "address_by_name: {listed} entries for {expected} names and aliases"
        ));
    }
    Ok(())
}

/// The id a record is filed under: the key itself, or its first part.
pub trait RecordKey: super::StoreKey {
    fn first(key: &Self::SelfType<'_>) -> u64;
}

impl RecordKey for u64 {
    fn first(key: &u64) -> u64 {
        *key
    }
}

impl RecordKey for (u64, u64) {
    fn first(key: &(u64, u64)) -> u64 {
        key.0
    }
}

impl RecordKey for &'static [u8] {
    fn first(_: &&[u8]) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_schema_is_reported_not_migrated_and_a_missing_file_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.redb");
        {
            let db = redb::Database::create(&path).unwrap();
            let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
            crate::store::migrate_to_for_tests(&mut writer, 3);
            writer.commit().unwrap();
        }
        let report = check_file(&path).unwrap();
        assert!(
            report.problems[0].contains("schema 3"),
            "{:?}",
            report.problems
        );
        let reader = redb::ReadOnlyDatabase::open(&path).unwrap();
        let txn = redb::ReadableDatabase::begin_read(&reader).unwrap();
        assert!(txn.open_table(IMPORTS).is_err(), "not migrated");
        assert!(matches!(
            check_file(&dir.path().join("none.redb")),
            Err(crate::store::StoreError::Missing(_))
        ));
    }
}

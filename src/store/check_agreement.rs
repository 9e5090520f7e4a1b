//! What `mailroom check` asks of records that must agree with others:
//! counters kept beside what they count, and indexes or references kept
//! with the records they name.

use std::collections::HashSet;

use super::CheckReport;
use crate::model::{
    Address, AuditEvent, DevicePassword, ImportRecord, Organisation, Service, SharingLink,
};
use crate::store::codec::decode;
use crate::store::schema::*;
use crate::store::{Query, Reader, Result};

/// An import's counters are written with its rows' results: they agree.
pub(super) fn imports_agree(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    let rows = reader.table(IMPORT_ROWS)?;
    for entry in reader.table(IMPORTS)?.iter()? {
        let (_, value) = entry?;
        let Ok(import) = decode::<ImportRecord>(value.value()) else {
            continue;
        };
        let id = import.id.0;
        let results = rows.range((id, 0)..=(id, u64::MAX))?.count() as u64;
        let counted = import.created_count + import.failed + import.skipped;
        if results != import.done || counted != import.done {
            report.problems.push(format!(
                "imports: import {id} counts {} done ({counted} created, failed or skipped) \
                 but has {results} row results",
                import.done
            ));
        }
    }
    Ok(())
}

/// A service's counters (addresses, quotas handed out) are kept with every
/// change of its addresses: they agree with the addresses.
pub(super) fn services_agree(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    let mut counted: std::collections::HashMap<u64, Service> = Default::default();
    for entry in reader.table(SERVICES)?.iter()? {
        let (_, value) = entry?;
        if let Ok(mut service) = decode::<Service>(value.value()) {
            (
                service.address_count,
                service.own_quota_mb,
                service.on_default_quota,
            ) = (0, 0, 0);
            counted.insert(service.id.0, service);
        }
    }
    for entry in reader.table(ADDRESSES)?.iter()? {
        let (_, value) = entry?;
        if let Ok(address) = decode::<Address>(value.value())
            && address.is_active()
            && let Some(service) = counted.get_mut(&address.service.0)
        {
            service.address_count += 1;
            if address.has_mailbox() {
                service.count_quota(address.quota, true);
            }
        }
    }
    for entry in reader.table(SERVICES)?.iter()? {
        let (_, value) = entry?;
        let Ok(stored) = decode::<Service>(value.value()) else {
            continue;
        };
        let Some(found) = counted.get(&stored.id.0) else {
            continue;
        };
        let kept = (
            stored.address_count,
            stored.own_quota_mb,
            stored.on_default_quota,
        );
        let actual = (
            found.address_count,
            found.own_quota_mb,
            found.on_default_quota,
        );
        if kept != actual {
            report.problems.push(format!(
                "services: service {} counts (addresses, own quotas in MB, on the default) \
                 {kept:?} but its addresses give {actual:?}",
                stored.id
            ));
        }
    }
    Ok(())
}

/// Every organisation is found by its name.
pub(super) fn organisations_named(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    let index = reader.table(ORG_NAMES)?;
    for entry in reader.table(ORGS)?.iter()? {
        let (_, value) = entry?;
        if let Ok(org) = decode::<Organisation>(value.value())
            && index
                .get(Organisation::name_key(&org.name).as_str())?
                .map(|v| v.value())
                != Some(org.id.0)
        {
            report.problems.push(format!(
                "org_names: organisation {} is not found by its name",
                org.id
            ));
        }
    }
    Ok(())
}

/// The search index holds each fragment of every organisation's name and
/// domains, and nothing else.
pub(super) fn organisations_searchable(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    use crate::store::org_search::{Source, domain_texts, fragments, name_text};
    let mut texts: Vec<(u64, u64, String)> = Vec::new();
    for entry in reader.table(ORGS)?.iter()? {
        let (_, value) = entry?;
        if let Ok(org) = decode::<Organisation>(value.value()) {
            texts.push((org.id.0, Source::Name.key(), name_text(&org.name)));
        }
    }
    for entry in reader.table(SERVICES)?.iter()? {
        let (_, value) = entry?;
        if let Ok(service) = decode::<Service>(value.value()) {
            let source = Source::Domain(service.id).key();
            let domains = domain_texts(&service.domain).into_iter();
            texts.extend(domains.map(|t| (service.org.0, source, t)));
        }
    }
    let mut expected: HashSet<(String, u64, u64)> = HashSet::new();
    for (org, source, text) in &texts {
        expected.extend(fragments(text).map(|f| (f.to_owned(), *org, *source)));
    }
    let mut stray = 0u64;
    for entry in reader.table(ORG_SEARCH)?.iter()? {
        let (key, _) = entry?;
        let (fragment, org, source) = key.value();
        if !expected.remove(&(fragment.to_owned(), org, source)) {
            stray += 1;
        }
    }
    let missing = expected.len();
    if stray > 0 || missing > 0 {
        report.problems.push(format!(
            "org_search: {stray} entries are not what the organisations' names and domains give, \
             and {missing} are missing"
        ));
    }
    Ok(())
}

/// Every service is listed under its organisation.
pub(super) fn services_listed(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    let index = reader.table(ORG_SERVICES)?;
    for entry in reader.table(SERVICES)?.iter()? {
        let (_, value) = entry?;
        if let Ok(service) = decode::<Service>(value.value())
            && index.get((service.org.0, service.id.0))?.is_none()
        {
            report.problems.push(format!(
                "org_services: service {} is not listed under its organisation {}",
                service.id, service.org
            ));
        }
    }
    Ok(())
}

/// Device passwords and sharing links belong to an address that is
/// stored: purging an address removes them with it.
pub(super) fn keys_have_addresses(
    reader: &Reader,
    addresses: &HashSet<u64>,
    report: &mut CheckReport,
) -> Result<()> {
    for entry in reader.table(CREDENTIALS)?.iter()? {
        let (id, value) = entry?;
        if let Ok(credential) = decode::<DevicePassword>(value.value())
            && !addresses.contains(&credential.address.0)
        {
            report.problems.push(format!(
                "credentials: device password {} names an address ({}) that is not stored",
                id.value(),
                credential.address
            ));
        }
    }
    for entry in reader.table(SHARING_LINKS)?.iter()? {
        let (id, value) = entry?;
        if let Ok(link) = decode::<SharingLink>(value.value())
            && !addresses.contains(&link.address.0)
        {
            report.problems.push(format!(
                "sharing_links: link {} names an address ({}) that is not stored",
                id.value(),
                link.address
            ));
        }
    }
    Ok(())
}

/// Every event of an organisation is in its history's index.
pub(super) fn history_indexed(reader: &Reader, report: &mut CheckReport) -> Result<()> {
    let index = reader.table(AUDIT_BY_ORG)?;
    let mut missing = 0u64;
    for entry in reader.table(AUDIT)?.iter()? {
        let (id, value) = entry?;
        if let Ok(event) = decode::<AuditEvent>(value.value())
            && let Some(org) = event.org
            && index.get((org.0, id.value()))?.is_none()
        {
            missing += 1;
        }
    }
    if missing > 0 {
        report.problems.push(format!(
            "audit_by_org: {missing} events of organisations are not in their history"
        ));
    }
    Ok(())
}

//! A service's DNS checks and DKIM keys. Checking is done by `crate::dns`
//! (network, async) for the caller; these keep what it found, and move DKIM
//! keys on when the DNS shows them: a waiting key signs once its record is
//! right, and the key it replaces retires, published for `DKIM_GRACE`
//! more, then removed.

use super::access::{ServiceView, Who};
use super::audit::record;
use super::capabilities::Services;
use super::dns_check::zone_lines;
use super::{Actor, AppError, Result, now};
use crate::model::{
    DkimAlgorithm, DkimKey, DkimState, DnsReport, Domain, RecordState, Service, generate_dkim_key,
};
use crate::store::Writer;
use crate::store::prelude::*;

/// How long a replaced key stays published: mail it signed may still be
/// checked by its receivers for a while after it was sent.
pub const DKIM_GRACE: i64 = 7 * 24 * 60 * 60;

/// What the DNS tab shows.
pub struct DnsView {
    pub service: ServiceView,
    pub report: Option<DnsReport>,
    pub keys: Vec<DkimKey>,
    /// Every record the service must publish, as zone-file lines.
    pub zone: Vec<String>,
}

impl Services<'_> {
    /// The DNS tab's data; owners and admins.
    pub fn dns_view(&self, who: impl Into<Who>, domain: &Domain) -> Result<DnsView> {
        let reader = self.app.store.read()?;
        let service = ServiceView::resolve(&reader, who, domain)?;
        service.require_manager_to_read()?;
        let keys = reader.dkim_keys(service.service.id)?;
        Ok(DnsView {
            report: reader.dns_report(service.service.id)?,
            zone: zone_lines(&self.app.settings, &service.service, &keys),
            keys,
            service,
        })
    }

    /// Every service, for the periodic check (not those of a deleted
    /// organisation, whose domains are ours no more).
    pub fn all_services(&self) -> Result<Vec<Service>> {
        let reader = self.app.store.read()?;
        let mut all = Vec::new();
        for org in reader.organisations()? {
            all.extend(
                reader
                    .services_of(org.id)?
                    .into_iter()
                    .filter(|s| !s.closed),
            );
        }
        Ok(all)
    }

    /// The keys a domain publishes (waiting, signing and retiring).
    pub fn dkim_keys_of(&self, domain: &Domain) -> Result<Vec<DkimKey>> {
        let reader = self.app.store.read()?;
        let service = reader
            .service_by_domain(domain)?
            .ok_or(AppError::NotFound)?;
        Ok(reader.dkim_keys(service.id)?)
    }

    /// Makes a new Ed25519 and RSA key for the domain: its first keys, or
    /// the next ones (a rotation). They sign once the DNS shows them.
    pub fn make_dkim_keys(&self, actor: &Actor, domain: &Domain) -> Result<Vec<DkimKey>> {
        let mut made = Vec::new();
        for algorithm in DkimAlgorithm::ALL {
            let pair =
                generate_dkim_key(algorithm).map_err(|e| AppError::KeyGeneration(e.to_string()))?;
            made.push((algorithm, pair));
        }
        self.app.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor, domain)?;
            view.require_admin()?;
            let service = view.service.id;
            let existing = tx.dkim_keys(service)?;
            // A rotation not yet seen in the DNS is replaced, not stacked.
            for old in existing.iter().filter(|k| k.state == DkimState::Waiting) {
                tx.remove_dkim_key(old)?;
            }
            let day = crate::model::dates::date(now()).replace('-', "");
            let mut keys = Vec::new();
            for (algorithm, (private_pem, public)) in made.clone() {
                let taken = |s: &str| existing.iter().any(|k| k.selector == s);
                let selector = (0..)
                    .map(|n| DkimKey::selector_for(algorithm, &day, n))
                    .find(|s| !taken(s))
                    .unwrap_or_default();
                keys.push(tx.insert_dkim_key(|id| DkimKey {
                    id,
                    service,
                    selector,
                    algorithm,
                    private_pem,
                    public,
                    created: now(),
                    state: DkimState::Waiting,
                })?);
            }
            let selectors: Vec<&str> = keys.iter().map(|k| k.selector.as_str()).collect();
            let object = format!("{} ({})", domain.as_ascii(), selectors.join(", "));
            record(
                tx,
                Some(actor),
                Some(view.organisation.id),
                "dkim.create",
                object,
            )?;
            Ok(keys)
        })
    }

    /// Keeps a check asked for by a manager (the DNS tab's button).
    pub fn record_dns_check(
        &self,
        actor: &Actor,
        domain: &Domain,
        report: DnsReport,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor, domain)?;
            view.require_admin()?;
            settle_keys(tx, view.service.id, &report)?;
            if let Some(org) = settle_ownership(tx, view.service.id, &report, Some(actor))? {
                self.app.refresh_replies(tx, org)?;
            }
            tx.put_dns_report(view.service.id, &report)?;
            Ok(())
        })
    }

    /// Keeps a check the server made by itself.
    pub fn record_scheduled_dns_check(&self, domain: &Domain, report: DnsReport) -> Result<()> {
        self.app.store.write(|tx| {
            let service = tx.service_by_domain(domain)?.ok_or(AppError::NotFound)?;
            settle_keys(tx, service.id, &report)?;
            if let Some(org) = settle_ownership(tx, service.id, &report, None)? {
                self.app.refresh_replies(tx, org)?;
            }
            tx.put_dns_report(service.id, &report)?;
            Ok(())
        })
    }
}

/// A service whose ownership record the check saw right is verified: from
/// now on the mail server takes in its mail. Its organisation when it was
/// verified by this check.
fn settle_ownership(
    tx: &mut Writer,
    service: crate::model::ServiceId,
    report: &DnsReport,
    actor: Option<&Actor>,
) -> Result<Option<crate::model::OrgId>> {
    let Some(mut found) = tx.service(service)? else {
        return Ok(None);
    };
    let Some(value) = found.ownership_value() else {
        return Ok(None);
    };
    let seen = report.records.iter().any(|r| {
        r.purpose == crate::model::OWNERSHIP_PURPOSE
            && r.state == crate::model::RecordState::Ok
            && r.expected.contains(&value)
    });
    if seen {
        found.verification = None;
        tx.put_service(&found)?;
        super::audit::record(
            tx,
            actor,
            Some(found.org),
            "service.verified",
            found.domain.as_ascii(),
        )?;
        return Ok(Some(found.org));
    }
    Ok(None)
}

/// Moves keys on by what the check saw: a waiting key whose record is
/// right starts signing (its predecessor retires); retired keys past their
/// grace period go.
fn settle_keys(
    tx: &mut Writer,
    service: crate::model::ServiceId,
    report: &DnsReport,
) -> Result<()> {
    let at = now();
    let published = |selector: &str| {
        report
            .records
            .iter()
            .any(|r| r.purpose == format!("DKIM {selector}") && r.state == RecordState::Ok)
    };
    let keys = tx.dkim_keys(service)?;
    for key in &keys {
        if key.state != DkimState::Waiting || !published(&key.selector) {
            continue;
        }
        for old in keys
            .iter()
            .filter(|k| k.algorithm == key.algorithm && k.signing())
        {
            let mut old = old.clone();
            old.state = DkimState::Retiring {
                until: at + DKIM_GRACE,
            };
            tx.put_dkim_key(&old)?;
        }
        let mut key = key.clone();
        key.state = DkimState::Signing { since: at };
        tx.put_dkim_key(&key)?;
    }
    for key in tx.dkim_keys(service)? {
        if let DkimState::Retiring { until } = key.state
            && until <= at
        {
            tx.remove_dkim_key(&key)?;
        }
    }
    Ok(())
}

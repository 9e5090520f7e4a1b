//! Quotas: the limit per address (its own, else its service's default),
//! changed by those with the `quota` permission or by managers; and the
//! use the mail server reports, asked of doveadm and kept a minute so a
//! page of addresses costs one round of questions a minute at most.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::access::{Grant, ServiceView};
use super::audit::{record, record_address};
use super::capabilities::{Addresses, Services};
use super::{Actor, AddressRef, Result};
use crate::doveadm::Doveadm;
use crate::model::{Domain, EmailAddress, Permission, Quota, Usage};

const KEEP: Duration = Duration::from_secs(60);

/// Usage read from the mail server, by login, with when it was read.
#[derive(Default)]
pub(super) struct UsageCache(Mutex<HashMap<String, (Instant, Option<Usage>)>>);

impl Addresses<'_> {
    /// Sets (or, with `None`, clears) an address's own quota.
    pub fn set_quota(
        &self,
        actor: &Actor,
        target: &AddressRef,
        quota: Option<Quota>,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            grant.require(Permission::Quota)?;
            let mut address = grant.address.clone();
            let default = grant.service.service.default_quota;
            let before = address.quota.or(default);
            let added = super::limits::storage_added(1, before, quota.or(default));
            let org = grant.service.organisation.id;
            if address.has_mailbox() {
                super::limits::require_storage(tx, org, added)?;
            }
            tx.set_address_quota(&mut address, quota)?;
            let object = match quota {
                Some(q) => format!("{} ({q})", grant.email()),
                None => format!("{} (the service's default)", grant.email()),
            };
            record_address(tx, actor, org, address.id, "address.quota", object)
        })?;
        self.app.usage.forget(&target.email());
        Ok(())
    }

    /// What the mail server reports of these mailboxes, when it can be
    /// asked (`--doveadm-url`); missing entries are unknown. Blocks: call it
    /// off the async executor, inside the server's runtime.
    pub fn quota_usage(&self, logins: &[EmailAddress]) -> HashMap<String, Usage> {
        let Some(settings) = self.app.settings.doveadm.clone() else {
            return HashMap::new();
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return HashMap::new();
        };
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        for login in logins {
            let key = login.to_ascii();
            match self.app.usage.get(&key) {
                Some(Some(usage)) => {
                    found.insert(key, usage);
                }
                Some(None) => {}
                None => missing.push(key),
            }
        }
        if missing.is_empty() {
            return found;
        }
        // One request for the whole page; a failure is remembered like an
        // answer, so a mail server that is down slows one page a minute.
        let doveadm = Doveadm::new(settings);
        match runtime.block_on(doveadm.quotas(&missing)) {
            Ok(answers) => {
                for (login, usage) in missing.iter().zip(answers) {
                    self.app.usage.put(login, usage);
                    if let Some(usage) = usage {
                        found.insert(login.clone(), usage);
                    }
                }
            }
            Err(error) => {
                tracing::warn!(%error, "could not read the mailboxes' sizes");
                for login in &missing {
                    self.app.usage.put(login, None);
                }
            }
        }
        found
    }
}

impl Services<'_> {
    /// Sets the quota of a service's addresses that have none of their own.
    pub fn set_default_quota(
        &self,
        actor: &Actor,
        domain: &Domain,
        quota: Option<Quota>,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor, domain)?;
            view.require_manager()?;
            let mut service = view.service.clone();
            let added = super::limits::storage_added(
                service.on_default_quota,
                service.default_quota,
                quota,
            );
            super::limits::require_storage(tx, view.organisation.id, added)?;
            service.default_quota = quota;
            tx.put_service(&service)?;
            let object = match quota {
                Some(q) => format!("{} ({q})", domain.as_ascii()),
                None => format!("{} (no limit)", domain.as_ascii()),
            };
            record(
                tx,
                Some(actor),
                Some(view.organisation.id),
                "service.quota",
                object,
            )
        })?;
        self.app.usage.clear();
        Ok(())
    }
}

impl UsageCache {
    fn get(&self, login: &str) -> Option<Option<Usage>> {
        let map = self.0.lock().ok()?;
        map.get(login)
            .filter(|(at, _)| at.elapsed() < KEEP)
            .map(|(_, usage)| *usage)
    }

    fn put(&self, login: &str, usage: Option<Usage>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() > 100_000 {
                map.retain(|_, (at, _)| at.elapsed() < KEEP);
            }
            map.insert(login.to_owned(), (Instant::now(), usage));
        }
    }

    fn forget(&self, login: &EmailAddress) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&login.to_ascii());
        }
    }

    fn clear(&self) {
        if let Ok(mut map) = self.0.lock() {
            map.clear();
        }
    }
}

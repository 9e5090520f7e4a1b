//! The mail server's read handle on the database: every answer Postfix and
//! Dovecot get comes from here, from one read transaction each. It never
//! writes: device-password uses are handed to `app` through `DeviceUses`.

use std::sync::Arc;

use super::dovecot;
use super::failed_logins::{FailedLogins, MailThrottle};
use super::lookup::{Answer, Map, lookup_with};
use super::mail_login::{self, DeviceUses, MailLogin};
use super::services::ServiceCache;
use crate::model::CredentialKey;
use crate::store::{Store, StoreError};

#[derive(Clone)]
pub struct Directory {
    store: Arc<Store>,
    key: CredentialKey,
    uses: Arc<DeviceUses>,
    services: Arc<ServiceCache>,
    throttle: Arc<MailThrottle>,
    failures: Arc<FailedLogins>,
}

impl Directory {
    pub fn new(
        store: Arc<Store>,
        key: CredentialKey,
        uses: Arc<DeviceUses>,
        (throttle, failures): (Arc<MailThrottle>, Arc<FailedLogins>),
    ) -> Self {
        Self {
            store,
            key,
            uses,
            services: Arc::default(),
            throttle,
            failures,
        }
    }

    /// Whether a read waits on another machine (PostgreSQL) rather than
    /// on this one's memory and disk: how many lookups to serve at once.
    pub fn reads_wait_on_network(&self) -> bool {
        self.store.is_postgres()
    }

    pub(super) fn throttle(&self) -> &MailThrottle {
        &self.throttle
    }

    pub(super) fn failures(&self) -> &FailedLogins {
        &self.failures
    }

    /// The active address a login names.
    pub(super) fn address_named(
        &self,
        login: &str,
    ) -> Result<Option<crate::model::AddressId>, StoreError> {
        Ok(mail_login::address_of(&self.store.read()?, login)?.map(|a| a.id))
    }

    /// The address's own password (argon2id: blocking).
    pub(super) fn check_address_password(
        &self,
        login: &str,
        password: &str,
    ) -> Result<MailLogin, StoreError> {
        mail_login::check_address_password(&self.store.read()?, login, password)
    }

    /// A backup of one snapshot, for `mailroom backup` asking the running
    /// server over the internal listener.
    pub fn backup(
        &self,
        out: &mut impl std::io::Write,
    ) -> Result<crate::store::backup::BackupHeader, StoreError> {
        self.store.backup(out)
    }

    /// One socketmap lookup; `key` is lowercased by the caller.
    pub fn lookup(&self, map: Map, key: &str) -> Result<Answer, StoreError> {
        let generation = self.store.generation();
        // Each answer rests on one row or two (a name, its address; a
        // catch-all): read as committed, with no snapshot to pay for.
        let reader = self.store.read_unpinned()?;
        let service_of =
            |domain: &crate::model::Domain| self.services.get(generation, &reader, domain);
        lookup_with(&reader, &service_of, map, key)
    }

    /// Checks a login with a device password, if it is one (fast: callers
    /// may run it inline); `None` leaves the address password to check.
    pub fn check_device(
        &self,
        login: &str,
        password: &str,
        protocol: &str,
        ip: Option<&str>,
    ) -> Result<Option<MailLogin>, StoreError> {
        mail_login::check_device(
            &self.store.read()?,
            &self.key,
            &self.uses,
            login,
            password,
            protocol,
            ip,
            crate::model::now(),
        )
    }

    /// Checks a mail login: a device password, else the address's own
    /// (blocking: argon2).
    pub fn check_login(
        &self,
        login: &str,
        password: &str,
        protocol: &str,
        ip: Option<&str>,
    ) -> Result<MailLogin, StoreError> {
        if let Some(answer) = self.check_device(login, password, protocol, ip)? {
            return Ok(answer);
        }
        mail_login::check_address_password(&self.store.read()?, login, password)
    }

    /// Dovecot's userdb answer: the mail folder and, when one applies, the
    /// quota rule (read in one snapshot).
    pub fn userdb(
        &self,
        user: &str,
    ) -> Result<Option<(String, Option<crate::model::Quota>)>, StoreError> {
        let reader = self.store.read()?;
        match mail_login::home_of(&reader, user)? {
            Some(home) => Ok(Some((home, mail_login::quota_of(&reader, user)?))),
            None => Ok(None),
        }
    }

    /// Every login with a password, as passwd-file lines.
    pub fn passwd_file(&self) -> Result<String, StoreError> {
        dovecot::passwd_file(&self.store.read()?)
    }

    /// Every key that signs now, with its domain, for OpenDKIM.
    pub fn signing_keys(
        &self,
    ) -> Result<Vec<(crate::model::Domain, crate::model::DkimKey)>, StoreError> {
        use crate::store::prelude::*;
        let reader = self.store.read()?;
        let mut found = Vec::new();
        for key in reader.all_dkim_keys()? {
            if key.signing()
                && let Some(service) = reader.service(key.service)?.filter(|s| !s.closed)
            {
                found.push((service.domain, key));
            }
        }
        Ok(found)
    }

    /// Wakes after every committed write.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.store.subscribe()
    }
}

//! Device passwords: each user of an address makes their own for each mail
//! program; managers see and revoke any. A device password lives only
//! while its user holds access to its address (the mail server checks that
//! at every login), and ending one ends its open sessions.

use super::access::Grant;
use super::audit::record_address;
use super::capabilities::Devices;
use super::{Actor, AddressRef, App, AppError, Result, now};
use crate::mailserver::mail_login::session_name;
use crate::model::now_ms;
use crate::model::{
    AccessState, Address, CredentialId, DeviceName, DevicePassword, DeviceSecret, Domain, Job,
    OrgId, User, UserId,
};
use crate::store::Writer;
use crate::store::prelude::*;

/// A device password just made: its secret is shown this once.
pub struct NewDevicePassword {
    pub credential: DevicePassword,
    pub secret: DeviceSecret,
    /// The login to type in the mail program: the address itself.
    pub login: String,
}

/// One line of an address's device list.
pub struct DeviceRow {
    pub credential: DevicePassword,
    pub user: User,
}

/// Device passwords may last this long at most when given an expiry.
pub const MAX_DEVICE_DAYS: u32 = 3650;

impl App {
    /// Removes device passwords and ends their sessions, in the caller's
    /// transaction (a user removed, a member removed, a revocation).
    pub(super) fn remove_devices(
        &self,
        tx: &mut Writer,
        org: OrgId,
        address: &Address,
        domain: &Domain,
        credentials: Vec<DevicePassword>,
    ) -> Result<()> {
        let mut logins = Vec::new();
        for credential in credentials {
            tx.remove_credential(&credential)?;
            logins.push(device_login(address, domain, credential.id));
        }
        self.end_sessions(tx, org, logins)
    }

    /// Queues the end of the mail server's open sessions of these names,
    /// when doveadm is configured (else they end when the program closes).
    pub(super) fn end_sessions(
        &self,
        tx: &mut Writer,
        org: OrgId,
        logins: Vec<String>,
    ) -> Result<()> {
        if logins.is_empty() || self.settings.doveadm.is_none() {
            return Ok(());
        }
        let job = Job::EndSessions { logins };
        tx.enqueue_job(job, Some(org), self.settings.jobs.max_attempts, now_ms())?;
        Ok(())
    }
}

impl Devices<'_> {
    /// Makes a device password for `user` on an address. Users make their
    /// own; owners and admins may make one for any user of the address.
    pub fn create_device_password(
        &self,
        actor: &Actor,
        target: &AddressRef,
        user: UserId,
        name: DeviceName,
        expires_in_days: Option<u32>,
    ) -> Result<NewDevicePassword> {
        if expires_in_days.is_some_and(|d| d == 0 || d > MAX_DEVICE_DAYS) {
            return Err(super::Rejection::DeviceDays.into());
        }
        let (credential, secret) = self.app.store.write(|tx| -> Result<_> {
            let grant = Grant::resolve(tx, actor, target)?;
            if user != actor.user {
                grant.service.require_manager()?;
            }
            let holds = tx
                .access(grant.address.id, user)?
                .is_some_and(|a| a.state == AccessState::Active);
            if !holds {
                return Err(super::Rejection::NotAUser.into());
            }
            let created = now();
            let mut secret = None;
            let credential = tx.insert_credential(|id| {
                let made = DeviceSecret::generate(id);
                let hash = self.app.key.hash(&made);
                secret = Some(made);
                DevicePassword {
                    id,
                    user,
                    address: grant.address.id,
                    name: name.clone(),
                    secret_hash: hash,
                    created,
                    expires: expires_in_days.map(|d| created + i64::from(d) * 24 * 60 * 60),
                    last_use: None,
                }
            })?;
            let secret = secret.ok_or(AppError::NotFound)?;
            let whose = login_of(tx, user)?;
            let org = grant.service.organisation.id;
            let object = format!("{} for {whose}", credential.name);
            record_address(tx, actor, org, grant.address.id, "device.create", object)?;
            Ok((credential, secret))
        })?;
        Ok(NewDevicePassword {
            credential,
            secret,
            login: target.email().to_ascii(),
        })
    }

    /// The device passwords of an address the actor may see: their own, or
    /// everyone's for owners and admins.
    pub fn device_passwords(&self, actor: &Actor, target: &AddressRef) -> Result<Vec<DeviceRow>> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, actor, target)?;
        let all = grant.service.manages();
        let mut rows = Vec::new();
        for credential in reader.credentials_of_address(grant.address.id)? {
            if !all && credential.user != actor.user {
                continue;
            }
            if let Some(user) = reader.user(credential.user)? {
                rows.push(DeviceRow { credential, user });
            }
        }
        Ok(rows)
    }

    /// Revokes a device password: its own user, or an owner or admin. Its
    /// next login fails and its open sessions end.
    pub fn revoke_device_password(
        &self,
        actor: &Actor,
        target: &AddressRef,
        id: CredentialId,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            let grant = Grant::resolve(tx, actor, target)?;
            let credential = tx
                .credential(id)?
                .filter(|c| c.address == grant.address.id)
                .ok_or(AppError::NotFound)?;
            if credential.user != actor.user {
                grant.service.require_manager()?;
            }
            let org = grant.service.organisation.id;
            self.app
                .remove_devices(tx, org, &grant.address, &target.domain, vec![credential])?;
            let object = format!("{} of {}", id, login_of(tx, actor.user)?);
            record_address(tx, actor, org, grant.address.id, "device.revoke", object)
        })
    }

    /// Whether open mail sessions end when access ends (doveadm is set).
    pub fn ends_open_sessions(&self) -> bool {
        self.app.settings.doveadm.is_some()
    }

    /// Writes the device-password uses the mail server reported: last use
    /// (to the minute: a use within 5 minutes of the stored one, from the
    /// same client and protocol, changes nothing), and the first use of
    /// each day in the address's history.
    pub fn record_device_uses(&self) -> Result<usize> {
        let uses = self.app.uses.take();
        if uses.is_empty() {
            return Ok(0);
        }
        let day = |at: i64| at.div_euclid(24 * 60 * 60);
        let changed: Vec<_> = {
            let reader = self.app.store.read()?;
            let mut changed = Vec::new();
            for (id, used) in uses {
                let Some(credential) = reader.credential(id)? else {
                    continue;
                };
                let stale = credential.last_use.as_ref().is_none_or(|last| {
                    day(last.at) != day(used.at)
                        || used.at - last.at >= 5 * 60
                        || last.protocol != used.protocol
                        || last.ip != used.ip
                });
                if stale {
                    changed.push((id, used));
                }
            }
            changed
        };
        if changed.is_empty() {
            return Ok(0);
        }
        let count = changed.len();
        self.app.store.write(|tx| {
            for (id, used) in changed.clone() {
                let Some(mut credential) = tx.credential(id)? else {
                    continue;
                };
                let first_today = credential
                    .last_use
                    .as_ref()
                    .is_none_or(|last| day(last.at) != day(used.at));
                if first_today
                    && let Some(address) = tx.address(credential.address)?
                    && let Some(service) = tx.service(address.service)?
                {
                    let actor = Actor {
                        token: None,
                        user: credential.user,
                        ip: used.ip.clone(),
                    };
                    let object = format!("{} over {}", credential.name, used.protocol);
                    record_address(tx, &actor, service.org, address.id, "device.use", object)?;
                }
                credential.last_use = Some(used);
                tx.put_credential(&credential)?;
            }
            Ok(count)
        })
    }
}

impl Devices<'_> {
    /// Writes the mail server's failed logins into the addresses'
    /// histories, one event per address, client and protocol of a batch.
    pub fn record_failed_mail_logins(&self) -> Result<usize> {
        let failures = self.app.mail_failures.take();
        if failures.is_empty() {
            return Ok(0);
        }
        self.app.store.write(|tx| {
            let mut written = 0;
            for ((address, ip, protocol), count) in failures.clone() {
                let Some(found) = tx.address(address)? else {
                    continue;
                };
                let Some(service) = tx.service(found.service)? else {
                    continue;
                };
                let from = if ip.is_empty() {
                    "an unknown client"
                } else {
                    ip.as_str()
                };
                let object = format!(
                    "{count} failed login{} from {from} over {}",
                    if count == 1 { "" } else { "s" },
                    protocol.to_uppercase()
                );
                let ip = (!ip.is_empty() && ip != crate::mailserver::OTHER_CLIENTS).then_some(ip);
                super::audit::record_mail_server(
                    tx,
                    service.org,
                    address,
                    ip,
                    "login.failed",
                    object,
                )?;
                written += 1;
            }
            Ok(written)
        })
    }
}

/// The session name a device's mail-server sessions run under.
pub(super) fn device_login(address: &Address, domain: &Domain, id: CredentialId) -> String {
    session_name(&address.local_part, &format!("d{id}"), domain)
}

fn login_of(tx: &Writer, user: UserId) -> Result<String> {
    Ok(tx
        .user(user)?
        .map(|u| u.login.to_ascii())
        .unwrap_or_default())
}

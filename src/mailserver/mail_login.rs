//! Checking a mail login for Dovecot: the address's own password (argon2id,
//! slow on purpose) or one of its users' device passwords (a keyed hash),
//! and the name each session runs under.
//!
//! A device session runs under a name of its own, `local=d<id>@domain`, so
//! that ending one device's access (doveadm `kick` by user name) leaves the
//! others connected. Postfix's SMTP logins keep the address itself as the
//! name: the sender check compares it, and a submission session is short.
//! `local=a<id>@domain` names a mailbox by its address id, for purging a
//! deleted address's mail after its name was taken again. No address can
//! have these names: `=` is not in a mailbox's local part.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::model::{
    Address, CredentialId, CredentialKey, DeviceSecret, Domain, EmailAddress, LastUse, LocalPart,
};
use crate::store::StoreError;
use crate::store::prelude::*;

/// What a login attempt comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailLogin {
    /// Accepted: the session's user name.
    Accepted {
        user: String,
        device: Option<CredentialId>,
    },
    WrongPassword,
    UnknownLogin,
    /// The hashing pool is full: the mail client should try again.
    Busy,
    /// The right password, but the address's organisation is suspended:
    /// a temporary failure (its mail still arrives).
    Suspended,
}

/// Whether the organisation of `service` is suspended by the operator.
fn suspended(reader: &impl Query, service: &crate::model::Service) -> Result<bool, StoreError> {
    Ok(reader
        .organisation(service.org)?
        .is_some_and(|o| o.suspended.is_some()))
}

/// Device-password uses not yet written, collected here and written in
/// batches by `app` (a login must not wait for a durable commit).
#[derive(Default)]
pub struct DeviceUses(Mutex<HashMap<CredentialId, LastUse>>);

impl DeviceUses {
    pub fn record(&self, id: CredentialId, used: LastUse) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, used);
    }

    pub fn take(&self) -> HashMap<CredentialId, LastUse> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The active address a login names (its own name, not an alias).
pub fn address_of(reader: &impl Query, login: &str) -> Result<Option<Address>, StoreError> {
    let Ok(email) = EmailAddress::parse(&login.to_lowercase()) else {
        return Ok(None);
    };
    let Some(service) = super::lookup::mail_service(reader, email.domain())? else {
        return Ok(None);
    };
    Ok(reader
        .address_by_name(service.id, email.local_part())?
        .filter(|a| a.is_active() && a.local_part == *email.local_part()))
}

/// A session name made of an address's local part, a tag and its domain.
pub fn session_name(local: &LocalPart, tag: &str, domain: &Domain) -> String {
    format!("{local}={tag}@{}", domain.as_ascii())
}

/// Checks a login with a device password, if the password is one: fast
/// (a keyed hash), so callers may run it inline. `None`: the password is not
/// a valid device password of this address; the address's own password is
/// checked next (`check_address_password`, slow).
#[allow(clippy::too_many_arguments)]
pub fn check_device(
    reader: &impl Query,
    key: &CredentialKey,
    uses: &DeviceUses,
    login: &str,
    password: &str,
    protocol: &str,
    ip: Option<&str>,
    now: i64,
) -> Result<Option<MailLogin>, StoreError> {
    let Some(secret) = DeviceSecret::parse(password) else {
        return Ok(None);
    };
    let Some(address) = address_of(reader, login)? else {
        return Ok(Some(MailLogin::UnknownLogin));
    };
    let Some(credential) = reader.credential(secret.id())? else {
        return Ok(None);
    };
    let valid = credential.address == address.id
        && key.matches(&secret, &credential.secret_hash)
        && !credential.expired(now)
        && reader
            .access(address.id, credential.user)?
            .is_some_and(|a| a.state == crate::model::AccessState::Active);
    if !valid {
        return Ok(None);
    }
    let Some(service) = reader.service(address.service)? else {
        return Ok(Some(MailLogin::UnknownLogin));
    };
    if suspended(reader, &service)? {
        return Ok(Some(MailLogin::Suspended));
    }
    uses.record(
        credential.id,
        LastUse {
            at: now,
            protocol: protocol.to_owned(),
            ip: ip.map(str::to_owned),
        },
    );
    let user = if protocol == "smtp" {
        format!("{}@{}", address.local_part, service.domain.as_ascii())
    } else {
        session_name(
            &address.local_part,
            &format!("d{}", credential.id),
            &service.domain,
        )
    };
    Ok(Some(MailLogin::Accepted {
        user,
        device: Some(credential.id),
    }))
}

/// Checks a login with the address's own password (argon2id: run it off
/// the async executor).
pub fn check_address_password(
    reader: &impl Query,
    login: &str,
    password: &str,
) -> Result<MailLogin, StoreError> {
    let Some(address) = address_of(reader, login)? else {
        return Ok(MailLogin::UnknownLogin);
    };
    let Some(service) = reader.service(address.service)? else {
        return Ok(MailLogin::UnknownLogin);
    };
    let Some(hash) = &address.password_hash else {
        return Ok(MailLogin::WrongPassword);
    };
    Ok(match hash.verify(password) {
        Ok(true) if suspended(reader, &service)? => MailLogin::Suspended,
        Ok(true) => MailLogin::Accepted {
            user: format!("{}@{}", address.local_part, service.domain.as_ascii()),
            device: None,
        },
        Ok(false) => MailLogin::WrongPassword,
        Err(_) => MailLogin::Busy,
    })
}

/// The mail folder (below the mail root) of a session or delivery name:
/// an address, a device session of it, or an address by id.
pub fn home_of(reader: &impl Query, user: &str) -> Result<Option<String>, StoreError> {
    let user = user.to_lowercase();
    let Some((local, domain)) = user.rsplit_once('@') else {
        return Ok(None);
    };
    let Ok(domain) = Domain::parse(domain) else {
        return Ok(None);
    };
    let (name, tag) = match local.split_once('=') {
        Some((name, tag)) => (name, Some(tag)),
        None => (local, None),
    };
    if let Some(id) = tag.and_then(|t| t.strip_prefix('a')) {
        return Ok(id
            .parse::<u64>()
            .ok()
            .map(|id| format!("{}/{id}", domain.as_ascii())));
    }
    // An address from before mail folders were named by id.
    if tag == Some("l") {
        return Ok(LocalPart::parse_mailbox(name)
            .ok()
            .map(|local| format!("{}/{local}", domain.as_ascii())));
    }
    if tag.is_some_and(|t| {
        !(t.starts_with('d') && t.len() > 1 && t[1..].bytes().all(|b| b.is_ascii_digit()))
    }) {
        return Ok(None);
    }
    let Some(address) = address_of(reader, &format!("{name}@{}", domain.as_ascii()))? else {
        return Ok(None);
    };
    // A no-reply address has no mailbox.
    if address.kind == crate::model::AddressKind::NoReply {
        return Ok(None);
    }
    Ok(Some(address.mail_home(&domain)))
}

/// The quota Dovecot enforces for a login: the address's own, else its
/// service's default; `None`: no limit (or no such address).
pub fn quota_of(
    reader: &impl Query,
    user: &str,
) -> Result<Option<crate::model::Quota>, StoreError> {
    let user = user.to_lowercase();
    let Some((local, domain)) = user.rsplit_once('@') else {
        return Ok(None);
    };
    let Ok(domain) = Domain::parse(domain) else {
        return Ok(None);
    };
    let Some(service) = super::lookup::mail_service(reader, &domain)? else {
        return Ok(None);
    };
    let (name, tag) = match local.split_once('=') {
        Some((name, tag)) => (name, Some(tag)),
        None => (local, None),
    };
    let by_id = tag
        .and_then(|t| t.strip_prefix('a'))
        .and_then(|id| id.parse::<u64>().ok());
    let address = match by_id {
        Some(id) => reader
            .address(crate::model::AddressId(id))?
            .filter(|a| a.service == service.id),
        None => address_of(reader, &format!("{name}@{}", domain.as_ascii()))?,
    };
    Ok(address.and_then(|a| a.quota).or(service.default_quota))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// doveadm ends a person's sessions by this name: the local part, the
    /// tag of their device or access, and the domain as DNS spells it.
    #[test]
    fn a_session_is_named_by_local_part_tag_and_ascii_domain() {
        let local = LocalPart::parse("ann").unwrap();
        let domain = Domain::parse("bücher.example").unwrap();
        assert_eq!(
            session_name(&local, "d7", &domain),
            "ann=d7@xn--bcher-kva.example"
        );
    }
}

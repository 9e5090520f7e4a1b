//! The answers Postfix gets: which domains, mailboxes, aliases and senders
//! exist, and which recipients are refused. Read transactions only.

use crate::model::{Address, AddressKind, Domain, EmailAddress, LocalPart, Service};
use crate::store::StoreError;
use crate::store::prelude::*;

/// A socketmap answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Found(String),
    NotFound,
}

/// The tables Postfix can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Map {
    /// virtual_mailbox_domains
    Domain,
    /// virtual_mailbox_maps
    Mailbox,
    /// virtual_alias_maps
    Alias,
    /// smtpd_sender_login_maps
    Sender,
    /// check_recipient_access
    RecipientAccess,
}

impl Map {
    pub fn name(self) -> &'static str {
        match self {
            Map::Domain => "domain",
            Map::Mailbox => "mailbox",
            Map::Alias => "alias",
            Map::Sender => "sender",
            Map::RecipientAccess => "recipient_access",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "domain" => Map::Domain,
            "mailbox" => Map::Mailbox,
            "alias" => Map::Alias,
            "sender" => Map::Sender,
            "recipient_access" => Map::RecipientAccess,
            _ => return None,
        })
    }
}

pub const NO_REPLY_REASON: &str = "this address does not receive mail (no-reply)";

/// Where a name of a service leads.
enum Name {
    /// An active address's own name.
    Own(Address),
    /// An alias of an active address.
    AliasOf(Address),
    /// A deleted address's name, reserved during its retention.
    Reserved,
    Unknown,
}

fn name_of(reader: &impl Query, service: &Service, local: &LocalPart) -> Result<Name, StoreError> {
    Ok(match reader.address_by_name(service.id, local)? {
        None => Name::Unknown,
        Some(address) if !address.is_active() => Name::Reserved,
        Some(address) if address.local_part == *local => Name::Own(address),
        Some(address) => Name::AliasOf(address),
    })
}

fn full(address: &Address, service: &Service) -> String {
    format!("{}@{}", address.local_part, service.domain.as_ascii())
}

/// Answers one lookup. `key` is lowercased by the caller.
pub fn lookup(reader: &impl Query, map: Map, key: &str) -> Result<Answer, StoreError> {
    lookup_with(reader, &|domain| mail_service(reader, domain), map, key)
}

/// The service of a domain as the mail server sees it: none until the
/// organisation has shown the domain is theirs, so that no one makes this
/// server take in mail for a domain that is not theirs.
pub fn mail_service(reader: &impl Query, domain: &Domain) -> Result<Option<Service>, StoreError> {
    Ok(reader
        .service_by_domain(domain)?
        .filter(Service::receives_mail))
}

/// The same, finding services through `service_of` (the socketmap's
/// cache: services change rarely, and are asked for on every lookup).
pub fn lookup_with(
    reader: &impl Query,
    service_of: &dyn Fn(&Domain) -> Result<Option<Service>, StoreError>,
    map: Map,
    key: &str,
) -> Result<Answer, StoreError> {
    if map == Map::Domain {
        let Ok(domain) = Domain::parse(key) else {
            return Ok(Answer::NotFound);
        };
        return Ok(match service_of(&domain)? {
            Some(service) => Answer::Found(service.domain.as_ascii().to_owned()),
            None => Answer::NotFound,
        });
    }
    let Ok(email) = EmailAddress::parse(key) else {
        return Ok(Answer::NotFound);
    };
    let Some(service) = service_of(email.domain())? else {
        return Ok(Answer::NotFound);
    };
    let name = name_of(reader, &service, email.local_part())?;
    Ok(match (map, name) {
        (Map::Mailbox, Name::Own(a)) if a.kind != AddressKind::NoReply => {
            Answer::Found(format!("{}/{}/", service.domain.as_ascii(), a.local_part))
        }
        (Map::Alias, Name::Own(a)) => match &a.forwarding {
            Some(f) if f.keep_copy => {
                Answer::Found(format!("{},{}", full(&a, &service), f.to.to_ascii()))
            }
            Some(f) => Answer::Found(f.to.to_ascii()),
            None => Answer::Found(full(&a, &service)),
        },
        (Map::Alias, Name::AliasOf(a)) => Answer::Found(full(&a, &service)),
        // A real address always wins; a reserved name gets nothing, not the catch-all.
        (Map::Alias, Name::Unknown) => match service.catch_all {
            Some(id) => match reader.address(id)?.filter(Address::is_active) {
                Some(catch_all) => Answer::Found(full(&catch_all, &service)),
                None => Answer::NotFound,
            },
            None => Answer::NotFound,
        },
        (Map::Sender, Name::Own(a) | Name::AliasOf(a)) if a.kind != AddressKind::CatchAll => {
            Answer::Found(full(&a, &service))
        }
        (Map::RecipientAccess, Name::Own(a) | Name::AliasOf(a))
            if a.kind == AddressKind::NoReply =>
        {
            Answer::Found(format!("REJECT {NO_REPLY_REASON}"))
        }
        _ => Answer::NotFound,
    })
}

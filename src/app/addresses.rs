//! Addresses of a service: who sees which, checking a new name, and
//! creating them (for me, for another user, for several users, generic).

use super::access::{Grant, ServiceView, Who};
use super::address_users::{ShareMode, ShareTarget};
use super::audit::record_address;
use super::capabilities::Addresses;
use super::{Actor, AddressRef, AddressView, App, Conflict, ForWhom, Rejection, Result, now};
use crate::model::{
    Access, AccessState, Address, AddressKind, AddressPage, AddressState, Cursor, Domain,
    EmailAddress, Forwarding, LimitKind, LocalPart, Password, PasswordHash, Permission,
    Permissions, UserId,
};
use crate::store::Writer;
use crate::store::prelude::*;

/// What is needed to create an address.
pub struct NewAddress {
    pub local_part: LocalPart,
    pub for_whom: ForWhom,
    pub password: Option<Password>,
    pub forwarding: Option<Forwarding>,
    pub display_name: Option<String>,
    /// Its own quota; `None`: the service's default.
    pub quota: Option<crate::model::Quota>,
}

impl App {
    /// A page of the addresses `view`'s user may see, in the caller's read.
    pub(super) fn page_in(
        &self,
        reader: &impl Query,
        view: &ServiceView,
        who: Who,
        prefix: &str,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<AddressPage> {
        let prefix = prefix.trim().to_ascii_lowercase();
        if view.manages() {
            return Ok(reader.address_page(view.service.id, &prefix, cursor, limit)?);
        }
        let mine = reader.addresses_of_user(who.user, view.service.id)?;
        Ok(paginate(mine, &prefix, cursor, limit))
    }

    /// Creates an address inside the caller's transaction (which resolved
    /// `view` and checked the actor), with its password already hashed.
    pub(super) fn create_in(
        &self,
        tx: &mut Writer,
        actor: &Actor,
        view: &ServiceView,
        new: &NewAddress,
        hash: Option<PasswordHash>,
    ) -> Result<Address> {
        let service = view.service.id;
        if let Some(existing) = tx.address_by_name(service, &new.local_part)? {
            if !self.retention_over(&existing) {
                return Err(taken(&existing, &new.local_part, &view.service.domain).into());
            }
            self.purge_in(tx, &existing)?;
        }
        let current = tx.service(service)?.ok_or(super::AppError::NotFound)?;
        super::limits::require_room_in(tx, view.organisation.id, LimitKind::Addresses)?;
        let kind = new.for_whom.kind();
        if kind != AddressKind::NoReply {
            let quota = new.quota.or(current.default_quota).map(|q| q.mb());
            super::limits::require_storage(tx, view.organisation.id, quota)?;
        }
        if kind == AddressKind::CatchAll && current.catch_all.is_some() {
            return Err(Conflict::CatchAllExists.into());
        }
        let created = now();
        let address = tx.insert_address(|id| Address {
            id,
            service,
            local_part: new.local_part.clone(),
            kind,
            password_hash: hash,
            created,
            created_by: Some(actor.user),
            state: AddressState::Active,
            aliases: Vec::new(),
            forwarding: new.forwarding.clone(),
            display_name: new.display_name.clone(),
            home_by_id: true,
            quota: new.quota,
            auto_reply: None,
        })?;
        if new.for_whom.creator_access() {
            tx.put_access(&Access {
                address: address.id,
                user: actor.user,
                permissions: Permissions::all(),
                state: AccessState::Active,
                since: created,
            })?;
        }
        let object = format!(
            "{}@{} ({})",
            address.local_part,
            view.service.domain.as_ascii(),
            address.kind.label()
        );
        let org = view.organisation.id;
        record_address(tx, actor, org, address.id, "address.create", object)?;
        if let ForWhom::Other { with, permissions } = new.for_whom.clone() {
            let permissions = permissions.resolve(&view.organisation);
            let grant = Grant {
                service: view.clone(),
                address: address.clone(),
                mine: None,
            };
            let target = ShareTarget::new(&grant);
            self.share_in(tx, actor, &target, with, permissions, ShareMode::AtOnce)?;
        }
        Ok(address)
    }
}

impl Addresses<'_> {
    /// A page of the addresses the user may see: all of them for owners and
    /// admins, those they have access to for members.
    pub fn list_addresses(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        prefix: &str,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<AddressPage> {
        let who = who.into();
        let reader = self.app.store.read()?;
        let view = ServiceView::resolve(&reader, who, domain)?;
        self.app.page_in(&reader, &view, who, prefix, cursor, limit)
    }

    /// Checks a wished-for local part before anything is created: the
    /// mailbox character rules, then whether the name is free.
    pub fn check_new_local(&self, user: UserId, domain: &Domain, raw: &str) -> Result<LocalPart> {
        let local = LocalPart::parse_mailbox(raw)?;
        let reader = self.app.store.read()?;
        let view = ServiceView::resolve(&reader, user, domain)?;
        if let Some(existing) = reader.address_by_name(view.service.id, &local)?
            && !self.app.retention_over(&existing)
        {
            return Err(taken(&existing, &local, &view.service.domain).into());
        }
        Ok(local)
    }

    /// The address page's data, for members of the organisation who manage
    /// it or have access to it; anyone else is told it does not exist.
    pub fn address_view(&self, who: impl Into<Who>, target: &AddressRef) -> Result<AddressView> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, who, target)?;
        AddressView::from_grant(&reader, grant)
    }

    /// An address's view for a page that needs a permission (one of its
    /// tabs): a viewer without it is refused here, not by the page.
    pub fn address_view_needing(
        &self,
        who: impl Into<Who>,
        target: &AddressRef,
        need: Option<Permission>,
    ) -> Result<AddressView> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, who, target)?;
        if let Some(need) = need {
            grant.require_to_read(need)?;
        }
        AddressView::from_grant(&reader, grant)
    }

    /// An address's view for what only owners and admins do to it (its
    /// deletion's confirmation).
    pub fn address_view_to_manage(
        &self,
        who: impl Into<Who>,
        target: &AddressRef,
    ) -> Result<AddressView> {
        let reader = self.app.store.read()?;
        let grant = Grant::resolve(&reader, who, target)?;
        grant.service.require_manager_to_read()?;
        AddressView::from_grant(&reader, grant)
    }

    /// Creates an address of any kind; owners and admins only.
    pub fn create_address(
        &self,
        actor: &Actor,
        domain: &Domain,
        new: NewAddress,
    ) -> Result<Address> {
        if let Some(forwarding) = &new.forwarding {
            let own = EmailAddress::new(new.local_part.clone(), domain.clone());
            if forwarding.to == own {
                return Err(Rejection::ForwardToSelf.into());
            }
            if new.for_whom.kind() == AddressKind::NoReply {
                return Err(Rejection::NoReplyForward.into());
            }
        }
        // Hash before the write transaction: writers take turns.
        let hash = new.password.as_ref().map(Password::hash).transpose()?;
        self.app.store.write(|tx| {
            let view = ServiceView::resolve(tx, actor, domain)?;
            view.require_manager()?;
            self.app.create_in(tx, actor, &view, &new, hash.clone())
        })
    }
}

/// Why a name cannot be taken: an address has it, as its own or as an alias.
pub(super) fn taken(existing: &Address, requested: &LocalPart, domain: &Domain) -> Conflict {
    let name = EmailAddress::new(requested.clone(), domain.clone());
    match existing.state {
        AddressState::Active if existing.local_part == *requested => Conflict::AddressExists(name),
        AddressState::Active => Conflict::AliasOfAnother {
            name,
            address: EmailAddress::new(existing.local_part.clone(), domain.clone()),
        },
        AddressState::Deleted { .. } => Conflict::ReservedAfterDeletion(name),
    }
}

/// Applies a prefix and a cursor to a sorted list held in memory.
fn paginate(items: Vec<Address>, prefix: &str, cursor: &Cursor, limit: usize) -> AddressPage {
    let matching: Vec<Address> = items
        .into_iter()
        .filter(|a| a.local_part.as_str().starts_with(prefix))
        .collect();
    let (start, end) = match cursor {
        Cursor::First => (0, limit.min(matching.len())),
        Cursor::After(after) => {
            let start = matching.partition_point(|a| a.local_part.as_str() <= after.as_str());
            (start, (start + limit).min(matching.len()))
        }
        Cursor::Before(before) => {
            let end = matching.partition_point(|a| a.local_part.as_str() < before.as_str());
            (end.saturating_sub(limit), end)
        }
    };
    AddressPage {
        has_previous: start > 0,
        has_next: end < matching.len(),
        items: matching[start..end].to_vec(),
    }
}

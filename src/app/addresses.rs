//! Addresses of a service: who sees which, and creating them.

use super::address_users::{ShareMode, ShareTarget};
use super::{Actor, App, AppError, Result, ShareWith, audit_address, now};
use crate::model::{Domain, EmailAddress, LocalPart, Password, Permission, Permissions, Role};
use crate::store::{
    Access, AccessState, Address, AddressKind, AddressPage, AddressState, Cursor, Forwarding,
    Invitation, Organisation, Service, User, UserId,
};

/// A service as one user sees it.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub service: Service,
    pub organisation: Organisation,
    pub role: Role,
}

/// One address as one user sees it, with the people who use it.
#[derive(Debug, Clone)]
pub struct AddressView {
    pub service: ServiceView,
    pub address: Address,
    /// The viewer's own access, if they have one.
    pub mine: Option<Access>,
    pub users: Vec<(User, Access)>,
    pub invitations: Vec<Invitation>,
}

impl AddressView {
    /// Owners and admins may do everything; others what their access allows.
    pub fn may(&self, permission: Permission) -> bool {
        self.service.role.manages()
            || self.mine.as_ref().is_some_and(|access| {
                access.state == AccessState::Active && access.permissions.contains(permission)
            })
    }

    pub fn full_address(&self) -> String {
        format!(
            "{}@{}",
            self.address.local_part, self.service.service.domain
        )
    }
}

/// What is needed to create an address.
pub struct NewAddress {
    pub local_part: LocalPart,
    pub kind: AddressKind,
    pub password: Option<Password>,
    /// Whether the creator gets access with every permission ("for me").
    pub creator_access: bool,
    /// Someone to share it with at once ("for another user").
    pub share: Option<(ShareWith, Permissions)>,
    pub forwarding: Option<Forwarding>,
    pub display_name: Option<String>,
}

impl App {
    /// The service of `domain`, if the user belongs to its organisation.
    /// Anyone else is told it does not exist.
    pub fn service_view(&self, user: UserId, domain: &Domain) -> Result<ServiceView> {
        let reader = self.store.read()?;
        let service = reader
            .service_by_domain(domain)?
            .ok_or(AppError::NotFound)?;
        let membership = reader
            .membership(service.org, user)?
            .ok_or(AppError::NotFound)?;
        let organisation = reader
            .organisation(service.org)?
            .ok_or(AppError::NotFound)?;
        Ok(ServiceView {
            service,
            organisation,
            role: membership.role,
        })
    }

    /// A page of the addresses the user may see: all of them for owners and
    /// admins, those they have access to for members.
    pub fn list_addresses(
        &self,
        user: UserId,
        view: &ServiceView,
        prefix: &str,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<AddressPage> {
        let prefix = prefix.trim().to_ascii_lowercase();
        let reader = self.store.read()?;
        if view.role.manages() {
            return Ok(reader.address_page(view.service.id, &prefix, cursor, limit)?);
        }
        let mine = reader.addresses_of_user(user, view.service.id)?;
        Ok(paginate(mine, &prefix, cursor, limit))
    }

    /// Checks a wished-for local part before anything is created: the
    /// mailbox character rules, then whether the name is free.
    pub fn check_new_local(&self, view: &ServiceView, raw: &str) -> Result<LocalPart> {
        let local = LocalPart::parse_mailbox(raw)?;
        let reader = self.store.read()?;
        if let Some(existing) = reader.address_by_name(view.service.id, &local)?
            && !self.retention_over(&existing)
        {
            return Err(taken(&existing, &local, view));
        }
        Ok(local)
    }

    /// The address page's data, for members of the organisation who manage
    /// it or have access to it; anyone else is told it does not exist.
    pub fn address_view(&self, user: UserId, domain: &Domain, local: &str) -> Result<AddressView> {
        let service = self.service_view(user, domain)?;
        let local = LocalPart::parse(local).map_err(|_| AppError::NotFound)?;
        let reader = self.store.read()?;
        let address = reader
            .address_by_name(service.service.id, &local)?
            .filter(Address::is_active)
            .ok_or(AppError::NotFound)?;
        let mine = reader.access(address.id, user)?;
        if !service.role.manages() && mine.is_none() {
            return Err(AppError::NotFound);
        }
        let mut users = Vec::new();
        for access in reader.accesses_of(address.id)? {
            if let Some(person) = reader.user(access.user)? {
                users.push((person, access));
            }
        }
        let invitations = reader.invitations_of(address.id)?;
        Ok(AddressView {
            service,
            address,
            mine,
            users,
            invitations,
        })
    }

    /// Creates an address of any kind.
    pub fn create_address(
        &self,
        actor: &Actor,
        view: &ServiceView,
        new: NewAddress,
    ) -> Result<Address> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        if let Some(forwarding) = &new.forwarding {
            let own = EmailAddress::new(new.local_part.clone(), view.service.domain.clone());
            if forwarding.to == own {
                return Err(AppError::Invalid(
                    "an address cannot forward to itself".into(),
                ));
            }
            if new.kind == AddressKind::NoReply {
                return Err(AppError::Invalid(
                    "a no-reply address receives no mail to forward".into(),
                ));
            }
        }
        let hash = new.password.as_ref().map(Password::hash).transpose()?;
        self.store
            .write(|tx| self.create_in(tx, actor, view, &new, hash))
    }

    /// Creates an address inside the caller's transaction, with its password
    /// already hashed (hashing never happens while the writer is held).
    pub(super) fn create_in(
        &self,
        tx: &mut crate::store::Writer,
        actor: &Actor,
        view: &ServiceView,
        new: &NewAddress,
        hash: Option<crate::model::PasswordHash>,
    ) -> Result<Address> {
        let service = view.service.id;
        {
            if let Some(existing) = tx.address_by_name(service, &new.local_part)? {
                if !self.retention_over(&existing) {
                    return Err(taken(&existing, &new.local_part, view));
                }
                tx.purge_address(&existing)?;
            }
            let current = tx.service(service)?.ok_or(AppError::NotFound)?;
            if new.kind == AddressKind::CatchAll && current.catch_all.is_some() {
                return Err(AppError::Taken(
                    "this service already has a catch-all address".into(),
                ));
            }
            let created = now();
            let address = tx.insert_address(|id| Address {
                id,
                service,
                local_part: new.local_part.clone(),
                kind: new.kind,
                password_hash: hash,
                created,
                created_by: Some(actor.user),
                state: AddressState::Active,
                aliases: Vec::new(),
                forwarding: new.forwarding.clone(),
                display_name: new.display_name.clone(),
            })?;
            if new.creator_access {
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
            audit_address(
                tx,
                actor,
                view.organisation.id,
                address.id,
                "address.create",
                object,
            )?;
            if let Some((with, permissions)) = new.share.clone() {
                let target = ShareTarget::new(view, &address);
                self.share_in(tx, actor, &target, with, permissions, ShareMode::AtOnce)?;
            }
            Ok(address)
        }
    }
}

/// Why a name cannot be taken: an address has it, as its own or as an alias.
pub(super) fn taken(existing: &Address, requested: &LocalPart, view: &ServiceView) -> AppError {
    let domain = &view.service.domain;
    let name = format!("{requested}@{domain}");
    match existing.state {
        AddressState::Active if existing.local_part == *requested => {
            AppError::Taken(format!("the address {name} already exists"))
        }
        AddressState::Active => AppError::Taken(format!(
            "the name {name} is already an alias of {}@{domain}",
            existing.local_part
        )),
        AddressState::Deleted { .. } => AppError::Taken(format!(
            "the address {name} was deleted recently and is reserved until its retention period ends"
        )),
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

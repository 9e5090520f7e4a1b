//! Addresses of a service: who sees which, and creating them.

use super::{Actor, App, AppError, Result, audit, now};
use crate::model::{Domain, LocalPart, Password, Permissions, Role};
use crate::store::{
    Access, AccessState, Address, AddressId, AddressKind, AddressPage, AddressState, Cursor,
    Organisation, Service, UserId,
};

/// A service as one user sees it.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub service: Service,
    pub organisation: Organisation,
    pub role: Role,
}

/// What is needed to create an address.
pub struct NewAddress {
    pub local_part: LocalPart,
    pub kind: AddressKind,
    pub password: Option<Password>,
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

    /// Creates an address; its creator gets every permission on it.
    pub fn create_address(
        &self,
        actor: &Actor,
        view: &ServiceView,
        new: NewAddress,
    ) -> Result<Address> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        let hash = new.password.as_ref().map(Password::hash).transpose()?;
        let service = view.service.id;
        self.store.write(|tx| {
            if tx.address_by_name(service, &new.local_part)?.is_some() {
                return Err(AppError::Taken(format!(
                    "{}@{} already exists",
                    new.local_part, view.service.domain
                )));
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
            })?;
            tx.put_access(&Access {
                address: address.id,
                user: actor.user,
                permissions: Permissions::all(),
                state: AccessState::Active,
                since: created,
            })?;
            let object = format!("{}@{}", address.local_part, view.service.domain.as_ascii());
            audit(
                tx,
                Some(actor),
                Some(view.organisation.id),
                "address.create",
                object,
            )?;
            Ok(address)
        })
    }

    /// Gives a member of the organisation access to an address.
    pub fn grant_access(
        &self,
        actor: &Actor,
        view: &ServiceView,
        address: AddressId,
        user: UserId,
        permissions: Permissions,
    ) -> Result<()> {
        if !view.role.manages() {
            return Err(AppError::Forbidden);
        }
        let org = view.organisation.id;
        self.store.write(|tx| {
            if tx.membership(org, user)?.is_none() {
                return Err(AppError::Invalid(
                    "that person is not a member of the organisation".into(),
                ));
            }
            tx.put_access(&Access {
                address,
                user,
                permissions,
                state: AccessState::Active,
                since: now(),
            })?;
            audit(
                tx,
                Some(actor),
                Some(org),
                "access.grant",
                format!("address {address} to user {user}"),
            )
        })
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

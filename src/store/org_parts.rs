//! What the operator's list shows of each organisation (its services, its
//! members, its owners' logins), read with each table opened once for the
//! whole page: opening a table costs more than reading an organisation's
//! few records from it.

use super::codec::decode;
use super::records::{children, get};
use super::schema::{MEMBERS, ORG_SERVICES, SERVICES, USERS};
use super::{Query, Result, Table};
use crate::model::{EmailAddress, Membership, OrgId, Service, UserId};

/// A user's record as far as its login.
#[derive(serde::Deserialize)]
struct LoginOnly {
    login: EmailAddress,
}

/// The tables an organisation's summary is read from, open.
pub struct OrgParts<'t> {
    org_services: Table<'t, (u64, u64), ()>,
    services: Table<'t, u64, &'static [u8]>,
    members: Table<'t, (u64, u64), &'static [u8]>,
    users: Table<'t, u64, &'static [u8]>,
}

impl<'t> OrgParts<'t> {
    pub fn open(reader: &'t impl Query) -> Result<Self> {
        Ok(Self {
            org_services: reader.table(ORG_SERVICES)?,
            services: reader.table(SERVICES)?,
            members: reader.table(MEMBERS)?,
            users: reader.table(USERS)?,
        })
    }

    /// The organisation's services, sorted by domain.
    pub fn services_of(&self, org: OrgId) -> Result<Vec<Service>> {
        services_in(&self.org_services, &self.services, org)
    }

    pub fn members_of(&self, org: OrgId) -> Result<Vec<Membership>> {
        members_in(&self.members, org)
    }

    /// The person's login, if they still have an account: only that field
    /// is decoded of the record (a page shows an owner per row).
    pub fn login_of(&self, user: UserId) -> Result<Option<EmailAddress>> {
        Ok(get::<_, LoginOnly>(&self.users, user.0)?.map(|u| u.login))
    }
}

pub(super) fn services_in(
    org_services: &Table<'_, (u64, u64), ()>,
    services: &Table<'_, u64, &'static [u8]>,
    org: OrgId,
) -> Result<Vec<Service>> {
    let mut found: Vec<Service> = children(org_services, services, org.0)?;
    found.sort_by(|a, b| a.domain.as_ascii().cmp(b.domain.as_ascii()));
    Ok(found)
}

pub(super) fn members_in(
    members: &Table<'_, (u64, u64), &'static [u8]>,
    org: OrgId,
) -> Result<Vec<Membership>> {
    let mut found = Vec::new();
    for entry in members.range((org.0, 0)..=(org.0, u64::MAX))? {
        let (_, value) = entry?;
        found.push(decode(value.value())?);
    }
    Ok(found)
}

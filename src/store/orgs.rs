use redb::ReadableTable;

use super::codec::{decode, encode, get};
use super::schema::{MEMBERS, ORGS, USER_ORGS};
use super::{Membership, OrgId, Organisation, Reader, Result, UserId, Writer};

impl Reader {
    pub fn organisation(&self, id: OrgId) -> Result<Option<Organisation>> {
        get(&self.txn.open_table(ORGS)?, id)
    }

    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        let table = self.txn.open_table(ORGS)?;
        let mut orgs = Vec::new();
        for entry in table.iter()? {
            let (_, value) = entry?;
            orgs.push(decode(value.value())?);
        }
        Ok(orgs)
    }

    pub fn membership(&self, org: OrgId, user: UserId) -> Result<Option<Membership>> {
        get(&self.txn.open_table(MEMBERS)?, (org, user))
    }

    /// Every organisation the user belongs to, with their membership in it.
    pub fn memberships_of(&self, user: UserId) -> Result<Vec<(Organisation, Membership)>> {
        let index = self.txn.open_table(USER_ORGS)?;
        let members = self.txn.open_table(MEMBERS)?;
        let orgs = self.txn.open_table(ORGS)?;
        let mut found = Vec::new();
        for entry in index.range((user, 0)..=(user, u64::MAX))? {
            let (key, _) = entry?;
            let (_, org) = key.value();
            if let (Some(o), Some(m)) = (get(&orgs, org)?, get(&members, (org, user))?) {
                found.push((o, m));
            }
        }
        Ok(found)
    }
}

impl Writer {
    pub fn insert_organisation(&mut self, name: &str, now: i64) -> Result<Organisation> {
        let org = Organisation::new(self.next_id("org")?, name.to_owned(), now);
        self.txn
            .open_table(ORGS)?
            .insert(org.id, encode(&org)?.as_slice())?;
        Ok(org)
    }

    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        let table = self.txn.open_table(ORGS)?;
        let mut orgs = Vec::new();
        for entry in table.iter()? {
            let (_, value) = entry?;
            orgs.push(decode(value.value())?);
        }
        Ok(orgs)
    }

    pub fn membership(&self, org: OrgId, user: UserId) -> Result<Option<Membership>> {
        get(&self.txn.open_table(MEMBERS)?, (org, user))
    }

    pub fn organisation(&self, id: OrgId) -> Result<Option<Organisation>> {
        get(&self.txn.open_table(ORGS)?, id)
    }

    pub fn put_organisation(&mut self, org: &Organisation) -> Result<()> {
        self.txn
            .open_table(ORGS)?
            .insert(org.id, encode(org)?.as_slice())?;
        Ok(())
    }

    pub fn members_of(&self, org: OrgId) -> Result<Vec<Membership>> {
        let table = self.txn.open_table(MEMBERS)?;
        let mut members = Vec::new();
        for entry in table.range((org, 0)..=(org, u64::MAX))? {
            let (_, value) = entry?;
            members.push(decode(value.value())?);
        }
        Ok(members)
    }

    pub fn remove_membership(&mut self, org: OrgId, user: UserId) -> Result<()> {
        self.txn.open_table(MEMBERS)?.remove((org, user))?;
        self.txn.open_table(USER_ORGS)?.remove((user, org))?;
        Ok(())
    }

    pub fn put_membership(&mut self, membership: &Membership) -> Result<()> {
        let key = (membership.org, membership.user);
        self.txn
            .open_table(MEMBERS)?
            .insert(key, encode(membership)?.as_slice())?;
        self.txn
            .open_table(USER_ORGS)?
            .insert((membership.user, membership.org), ())?;
        Ok(())
    }
}

impl Reader {
    pub fn members_of(&self, org: OrgId) -> Result<Vec<Membership>> {
        let table = self.txn.open_table(MEMBERS)?;
        let mut members = Vec::new();
        for entry in table.range((org, 0)..=(org, u64::MAX))? {
            let (_, value) = entry?;
            members.push(decode(value.value())?);
        }
        Ok(members)
    }
}

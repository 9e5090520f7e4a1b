//! Organisations and their members (indexed both ways).

use super::codec::{decode, encode};
use super::records::{all, get};
use super::schema::{MEMBERS, ORG_NAMES, ORGS, USER_ORGS};
use super::{Query, Result, Writer};
use crate::model::{Lang, Membership, OrgId, Organisation, UserId};

pub trait OrgQueries: Query {
    fn organisation(&self, id: OrgId) -> Result<Option<Organisation>> {
        get(&self.table(ORGS)?, id.0)
    }

    fn organisations(&self) -> Result<Vec<Organisation>> {
        all(&self.table(ORGS)?)
    }

    /// Organisations from id `from` on, in id order, each handed to `each`
    /// until it says stop (`false`): a page reads what it shows, not every
    /// organisation of the installation.
    fn each_organisation_from(
        &self,
        from: u64,
        each: &mut dyn FnMut(Organisation) -> Result<bool>,
    ) -> Result<()> {
        for entry in self.table(ORGS)?.range(from..)? {
            let (_, value) = entry?;
            if !each(decode(value.value())?)? {
                break;
            }
        }
        Ok(())
    }

    /// The organisation named `name` (ASCII letters in any case).
    fn organisation_id_named(&self, name: &str) -> Result<Option<OrgId>> {
        Ok(self
            .table(ORG_NAMES)?
            .get(Organisation::name_key(name).as_str())?
            .map(|v| OrgId(v.value())))
    }

    /// The organisation named `name` (ASCII letters in any case).
    fn organisation_named(&self, name: &str) -> Result<Option<Organisation>> {
        match self.organisation_id_named(name)? {
            Some(id) => self.organisation(id),
            None => Ok(None),
        }
    }

    /// The oldest organisation (ids grow), without reading the others.
    fn first_organisation(&self) -> Result<Option<Organisation>> {
        match self.table(ORGS)?.first()? {
            Some((_, value)) => Ok(Some(decode(value.value())?)),
            None => Ok(None),
        }
    }

    fn membership(&self, org: OrgId, user: UserId) -> Result<Option<Membership>> {
        get(&self.table(MEMBERS)?, (org.0, user.0))
    }

    /// Every organisation the user belongs to, with their membership in it.
    fn memberships_of(&self, user: UserId) -> Result<Vec<(Organisation, Membership)>> {
        let index = self.table(USER_ORGS)?;
        let members = self.table(MEMBERS)?;
        let orgs = self.table(ORGS)?;
        let mut found = Vec::new();
        for entry in index.range((user.0, 0)..=(user.0, u64::MAX))? {
            let (key, _) = entry?;
            let (_, org) = key.value();
            if let (Some(o), Some(m)) = (get(&orgs, org)?, get(&members, (org, user.0))?) {
                found.push((o, m));
            }
        }
        Ok(found)
    }

    fn members_of(&self, org: OrgId) -> Result<Vec<Membership>> {
        super::org_parts::members_in(&self.table(MEMBERS)?, org)
    }
}

impl<Q: Query> OrgQueries for Q {}

impl Writer {
    /// A new organisation, found by its name from now on (the caller has
    /// checked that no other has it).
    pub fn insert_organisation(
        &mut self,
        name: &str,
        now: i64,
        lang: Lang,
    ) -> Result<Organisation> {
        let org = Organisation::new(OrgId(self.next_id("org")?), name.to_owned(), now, lang);
        self.put_organisation(&org)?;
        self.table(ORG_NAMES)?
            .put(Organisation::name_key(name).as_str(), org.id.0)?;
        self.index_name_for_search(org.id, name)?;
        Ok(org)
    }

    pub fn put_organisation(&mut self, org: &Organisation) -> Result<()> {
        self.table(ORGS)?.put(org.id.0, encode(org)?.as_slice())?;
        Ok(())
    }

    pub fn remove_membership(&mut self, org: OrgId, user: UserId) -> Result<()> {
        self.table(MEMBERS)?.delete((org.0, user.0))?;
        self.table(USER_ORGS)?.delete((user.0, org.0))?;
        Ok(())
    }

    pub fn put_membership(&mut self, membership: &Membership) -> Result<()> {
        let (org, user) = (membership.org.0, membership.user.0);
        self.table(MEMBERS)?
            .put((org, user), encode(membership)?.as_slice())?;
        self.table(USER_ORGS)?.put((user, org), ())?;
        Ok(())
    }
}

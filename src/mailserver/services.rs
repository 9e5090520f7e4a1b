//! The services the socketmap asks for on every lookup, kept between
//! lookups until the next commit: a service (its domain, its catch-all)
//! changes rarely, and reading it cost two table lookups and a decode per
//! lookup. Unknown domains are remembered too, boundedly.

use std::collections::HashMap;
use std::sync::RwLock;

use crate::model::{Domain, Service};
use crate::store::{Reader, StoreError};

/// Domains remembered at most (unknown ones included).
const MOST: usize = 10_000;

#[derive(Default)]
pub struct ServiceCache {
    /// The store's commit count when filled, and the services found.
    cached: RwLock<(u64, HashMap<String, Option<Service>>)>,
}

impl ServiceCache {
    /// The service of `domain`, as of `generation` (the store's commit count
    /// read before `reader` began, so that any commit since empties this).
    pub fn get(
        &self,
        generation: u64,
        reader: &Reader,
        domain: &Domain,
    ) -> Result<Option<Service>, StoreError> {
        {
            let cached = self.cached.read().unwrap_or_else(|e| e.into_inner());
            if cached.0 == generation
                && let Some(hit) = cached.1.get(domain.as_ascii())
            {
                return Ok(hit.clone());
            }
        }
        let found = super::lookup::mail_service(reader, domain)?;
        let mut cached = self.cached.write().unwrap_or_else(|e| e.into_inner());
        if cached.0 != generation {
            *cached = (generation, HashMap::new());
        }
        if cached.1.len() < MOST {
            cached.1.insert(domain.as_ascii().to_owned(), found.clone());
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use crate::app::NewAddress;
    use crate::mailserver::lookup::{Answer, Map};
    use crate::model::{AddressKind, Domain, LocalPart};

    /// The cache lasts until the next commit: a catch-all made after a
    /// lookup answers the very next lookup of the same directory.
    #[test]
    fn a_commit_ends_what_was_cached() {
        let dir = tempfile::tempdir().unwrap();
        let (app, actor, org) = crate::store::test_data::acme(&dir.path().join("m.redb"));
        let domain = Domain::parse("acme.example").unwrap();
        let directory = app.directory();
        let unknown = "other.example";
        assert_eq!(
            directory.lookup(Map::Domain, unknown).unwrap(),
            Answer::NotFound
        );
        assert_eq!(
            directory.lookup(Map::Domain, "acme.example").unwrap(),
            Answer::NotFound
        );
        app.add_service_vouched(&actor, org, &domain).unwrap();
        assert!(matches!(
            directory.lookup(Map::Domain, "acme.example").unwrap(),
            Answer::Found(_)
        ));
        let alias = "alias nobody@acme.example";
        let key = alias.split_once(' ').unwrap().1;
        assert_eq!(directory.lookup(Map::Alias, key).unwrap(), Answer::NotFound);
        let catch_all = NewAddress {
            local_part: LocalPart::parse("everything").unwrap(),
            kind: AddressKind::CatchAll,
            password: None,
            creator_access: false,
            share: None,
            forwarding: None,
            display_name: None,
            quota: None,
        };
        app.create_address(&actor, &domain, catch_all).unwrap();
        assert_eq!(
            directory.lookup(Map::Alias, key).unwrap(),
            Answer::Found("everything@acme.example".into())
        );
    }
}

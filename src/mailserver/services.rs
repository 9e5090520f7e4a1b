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

//! The mail server's read handle on the database: every answer Postfix and
//! Dovecot get comes from here, from one read transaction each. It never
//! writes and knows nothing of the use cases.

use std::sync::Arc;

use super::dovecot;
use super::lookup::{Answer, Map, lookup};
use crate::model::Address;
use crate::store::{Store, StoreError};

#[derive(Clone)]
pub struct Directory {
    store: Arc<Store>,
}

impl Directory {
    pub fn new(store: Arc<Store>) -> Self {
        Self { store }
    }

    /// One socketmap lookup; `key` is lowercased by the caller.
    pub fn lookup(&self, map: Map, key: &str) -> Result<Answer, StoreError> {
        lookup(&self.store.read()?, map, key)
    }

    /// The password Dovecot checks for a login, in `{SCHEME}hash` form.
    pub fn password_of(&self, login: &str) -> Result<Option<String>, StoreError> {
        dovecot::password_of(&self.store.read()?, login)
    }

    /// The active address a login names, if it has a mailbox.
    pub fn mailbox_of(&self, login: &str) -> Result<Option<Address>, StoreError> {
        dovecot::mailbox_of(&self.store.read()?, login)
    }

    /// Every login with a password, as passwd-file lines.
    pub fn passwd_file(&self) -> Result<String, StoreError> {
        dovecot::passwd_file(&self.store.read()?)
    }

    /// Wakes after every committed write.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.store.subscribe()
    }
}

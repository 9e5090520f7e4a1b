//! The internal listener's state: the mail server's read handle and the
//! secret that guards one group of endpoints.

use std::sync::Arc;

use axum::http::HeaderMap;
use subtle::ConstantTimeEq;

use super::Directory;
use super::dovecot::SECRET_HEADER;

#[derive(Clone)]
pub(super) struct Internal {
    pub(super) directory: Directory,
    secret: Arc<str>,
}

impl Internal {
    pub(super) fn new(directory: Directory, secret: &str) -> Self {
        Self {
            directory,
            secret: Arc::from(secret),
        }
    }
}

/// The request carries this group's secret (never true for an empty one).
pub(super) fn authorised(state: &Internal, headers: &HeaderMap) -> bool {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    !state.secret.is_empty() && bool::from(given.ct_eq(state.secret.as_bytes()))
}

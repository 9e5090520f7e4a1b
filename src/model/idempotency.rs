//! The first answer to a creating API request sent with an
//! `Idempotency-Key`, kept so that a retry gets it again instead of a
//! second creation.

use serde::{Deserialize, Serialize};

use super::credential::hex32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotentAnswer {
    /// SHA-256 of the method, path and body: the same key sent with another
    /// request is refused rather than answered with this.
    #[serde(with = "hex32")]
    pub request: [u8; 32],
    /// `None` while the first request is still being handled.
    pub status: Option<u16>,
    pub body: String,
    pub location: Option<String>,
    pub created: i64,
    /// Removed after this (24 hours, as payment APIs keep theirs).
    pub expires: i64,
}

//! The audit log's entries: append-only.

use serde::{Deserialize, Serialize};

use super::{AddressId, OrgId, TokenId, UserId};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: i64,
    /// `None` for the installation itself (first setup, migrations).
    pub actor: Option<UserId>,
    pub ip: Option<String>,
    /// The API token the actor acted through.
    #[serde(default)]
    pub token: Option<TokenId>,
    pub org: Option<OrgId>,
    /// What happened, e.g. `service.add`.
    pub action: String,
    /// The object it happened to, e.g. `example.org`.
    pub object: String,
    /// The address it concerns, for that address's history.
    #[serde(default)]
    pub address: Option<AddressId>,
}

/// What the installation's operator does to an organisation: its owners
/// read these as the operator's, whoever the operator was.
const BY_OPERATOR: [&str; 9] = [
    "organisation.create",
    "organisation.suspend",
    "organisation.resume",
    "organisation.limits",
    "organisation.delete",
    "organisation.restore",
    "organisation.add_owner",
    "organisation.invite_owner",
    "organisation.withdraw_owner",
];

impl AuditEvent {
    pub fn by_operator(&self) -> bool {
        BY_OPERATOR.contains(&self.action.as_str())
    }
}

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

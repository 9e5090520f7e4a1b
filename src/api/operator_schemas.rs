//! The operator's API's JSON shapes: an organisation as the operator sees
//! it, its limits (read and written alike, unknown fields refused), a page
//! of them, and usage.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::OrganisationSummary;
use crate::model::Limits;

/// An organisation as the operator sees it. Times are Unix seconds.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationOut {
    pub id: u64,
    pub name: String,
    pub created_at: i64,
    /// `active`, `suspended` or `deleted`.
    pub state: String,
    /// Why it is suspended, when it is.
    pub suspension_reason: Option<String>,
    /// When it was deleted, and until when it can be restored.
    pub deleted_at: Option<i64>,
    pub restorable_until: Option<i64>,
    pub owners: Vec<String>,
    /// The email an owner invitation waits at, if one does (and is still
    /// valid), and until when.
    pub owner_invited: Option<String>,
    pub owner_invitation_expires: Option<i64>,
    pub domains: Vec<String>,
    pub addresses: u64,
    pub members: usize,
    /// Megabytes of mailbox quota its addresses hand out.
    pub storage_mb: u64,
    pub limits: LimitsIo,
}

/// Each limit; absent or `null`: none.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitsIo {
    #[serde(default)]
    pub services: Option<u64>,
    #[serde(default)]
    pub addresses: Option<u64>,
    #[serde(default)]
    pub members: Option<u64>,
    /// Megabytes of mailbox storage its addresses' quotas may add up to.
    #[serde(default)]
    pub storage_mb: Option<u64>,
    /// Rows of one CSV import.
    #[serde(default)]
    pub import_rows: Option<u64>,
}

impl From<Limits> for LimitsIo {
    fn from(l: Limits) -> Self {
        Self {
            services: l.services,
            addresses: l.addresses,
            members: l.members,
            storage_mb: l.storage_mb,
            import_rows: l.import_rows,
        }
    }
}

impl From<LimitsIo> for Limits {
    fn from(l: LimitsIo) -> Self {
        Self {
            services: l.services,
            addresses: l.addresses,
            members: l.members,
            storage_mb: l.storage_mb,
            import_rows: l.import_rows,
        }
    }
}

pub(super) fn out(app: &crate::App, s: OrganisationSummary) -> OrganisationOut {
    let o = s.organisation;
    let waiting = o.waiting_owner_invitation(crate::app::now()).cloned();
    let waiting = waiting.as_ref();
    let restorable_until = o
        .deleted
        .as_ref()
        .map(|d| app.addresses().restorable_until(d.at));
    let state = if o.deleted.is_some() {
        "deleted"
    } else if o.suspended.is_some() {
        "suspended"
    } else {
        "active"
    };
    OrganisationOut {
        id: o.id.0,
        name: o.name,
        created_at: o.created,
        state: state.to_owned(),
        suspension_reason: o.suspended.map(|s| s.reason),
        deleted_at: o.deleted.map(|d| d.at),
        restorable_until,
        owners: s.owners.iter().map(ToString::to_string).collect(),
        owner_invited: waiting.map(|i| i.email.to_string()),
        owner_invitation_expires: waiting.map(|i| i.expires),
        domains: s.domains,
        addresses: s.addresses,
        members: s.members,
        storage_mb: s.storage_mb,
        limits: o.limits.into(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationPageOut {
    pub items: Vec<OrganisationOut>,
    /// Give as `after` for the next page; absent on the last.
    pub next: Option<u64>,
}

/// One limit with what the organisation uses of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageOut {
    /// `services`, `addresses`, `members`, `storage` (MB) or `import_rows`
    /// (the largest import's rows).
    pub limit: String,
    pub used: u64,
    /// `null`: no limit.
    pub max: Option<u64>,
}

//! A domain's email service, its addresses, and who has access to them.
//! Times are Unix seconds.

use serde::{Deserialize, Serialize};

use super::{
    AddressId, Domain, EmailAddress, LocalPart, OrgId, PasswordHash, Permissions, Quota, ServiceId,
    UserId,
};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub org: OrgId,
    pub domain: Domain,
    pub created: i64,
    /// Kept with every insert and delete, so the dashboard can show the total
    /// without counting 100,000 rows.
    #[serde(default)]
    pub address_count: u64,
    /// At most one catch-all per service.
    #[serde(default)]
    pub catch_all: Option<AddressId>,
    /// The quota of its addresses that have none of their own; `None`: no limit.
    #[serde(default)]
    pub default_quota: Option<Quota>,
    /// Megabytes of its live addresses' own quotas, and how many live
    /// addresses have none (and so the default): kept with every change,
    /// so an organisation's storage handed out is summed per service.
    #[serde(default)]
    pub own_quota_mb: u64,
    #[serde(default)]
    pub on_default_quota: u64,
    /// While set, the organisation has not shown the domain is theirs: the
    /// mail server treats it as no domain of ours until the TXT record
    /// `mailroom-verify=<this>` is seen on it. `None`: verified (services
    /// added before this check existed count as verified).
    #[serde(default)]
    pub verification: Option<String>,
    /// Set while its organisation is deleted (within its retention): the
    /// mail server knows the domain no more, and no other organisation
    /// may take it until the organisation is purged.
    #[serde(default)]
    pub closed: bool,
}

impl Service {
    /// Megabytes its live addresses may store, were its default `default`;
    /// `None`: at least one of them has no limit.
    pub fn storage_with(&self, default: Option<Quota>) -> Option<u64> {
        match default {
            Some(quota) => Some(self.own_quota_mb + self.on_default_quota * quota.mb()),
            None if self.on_default_quota > 0 => None,
            None => Some(self.own_quota_mb),
        }
    }

    /// Megabytes its live addresses' quotas hand out; an address with no
    /// limit at all (made before a storage limit) counts nothing.
    pub fn storage_mb(&self) -> u64 {
        self.storage_with(self.default_quota)
            .unwrap_or(self.own_quota_mb)
    }

    /// Counts a live address's own quota in (`adding`) or out.
    pub fn count_quota(&mut self, own: Option<Quota>, adding: bool) {
        let (mb, defaults) = match own {
            Some(quota) => (quota.mb(), 0),
            None => (0, 1),
        };
        if adding {
            self.own_quota_mb += mb;
            self.on_default_quota += defaults;
        } else {
            self.own_quota_mb = self.own_quota_mb.saturating_sub(mb);
            self.on_default_quota = self.on_default_quota.saturating_sub(defaults);
        }
    }

    /// Whether the mail server may treat its domain as local.
    pub fn receives_mail(&self) -> bool {
        self.verification.is_none() && !self.closed
    }

    /// The TXT value that shows the domain is the organisation's, while
    /// it has not been seen.
    pub fn ownership_value(&self) -> Option<String> {
        self.verification
            .as_ref()
            .map(|token| format!("{OWNERSHIP_PREFIX}{token}"))
    }
}

/// How the TXT record that proves a domain's ownership starts.
pub const OWNERSHIP_PREFIX: &str = "mailroom-verify=";

/// The purpose of that record among a DNS check's records.
pub const OWNERSHIP_PURPOSE: &str = "Ownership";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    /// A mailbox.
    Standard,
    /// Sends, never receives.
    NoReply,
    /// Receives for every local part that matches nothing else; cannot send.
    CatchAll,
}

impl AddressKind {
    pub fn label(self) -> &'static str {
        match self {
            AddressKind::Standard => "Mailbox",
            AddressKind::NoReply => "No-reply",
            AddressKind::CatchAll => "Catch-all",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum AddressState {
    Active,
    Deleted { at: i64, by: UserId },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Address {
    pub id: AddressId,
    pub service: ServiceId,
    pub local_part: LocalPart,
    pub kind: AddressKind,
    /// Absent until someone with the `password` permission sets one.
    pub password_hash: Option<PasswordHash>,
    pub created: i64,
    pub created_by: Option<UserId>,
    pub state: AddressState,
    /// Other local parts of the same service that deliver here.
    #[serde(default)]
    pub aliases: Vec<LocalPart>,
    #[serde(default)]
    pub forwarding: Option<Forwarding>,
    /// A name shown with the address (set by bulk creation).
    #[serde(default)]
    pub display_name: Option<String>,
    /// Whether its mail folder is named by its id (every address created
    /// since device passwords), so a name created again never finds old
    /// mail; older addresses keep their folder named by local part.
    #[serde(default)]
    pub home_by_id: bool,
    /// Its own quota; `None`: the service's default.
    #[serde(default)]
    pub quota: Option<Quota>,
    /// Its out-of-office reply, kept when turned off.
    #[serde(default)]
    pub auto_reply: Option<crate::model::AutoReply>,
}

impl Address {
    pub fn is_active(&self) -> bool {
        self.state == AddressState::Active
    }

    /// Whether mail is stored for it (a no-reply address only sends): only
    /// these count toward the storage an organisation hands out.
    pub fn has_mailbox(&self) -> bool {
        self.kind != AddressKind::NoReply
    }

    /// Its mail folder below the mail server's root: `domain/id`.
    pub fn mail_home(&self, domain: &Domain) -> String {
        if self.home_by_id {
            format!("{}/{}", domain.as_ascii(), self.id)
        } else {
            format!("{}/{}", domain.as_ascii(), self.local_part)
        }
    }
}

/// Where mail to an address is sent on to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarding {
    pub to: EmailAddress,
    /// Also deliver to the address's own mailbox.
    pub keep_copy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessState {
    Active,
    Pending,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Access {
    pub address: AddressId,
    pub user: UserId,
    pub permissions: Permissions,
    pub state: AccessState,
    pub since: i64,
}

//! What is stored. Times are Unix seconds.

use serde::{Deserialize, Serialize};

use crate::model::{Domain, EmailAddress, LocalPart, PasswordHash, Permission, Permissions, Role};

pub type UserId = u64;
pub type OrgId = u64;
pub type ServiceId = u64;
pub type AddressId = u64;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub login: EmailAddress,
    pub display_name: String,
    pub password_hash: PasswordHash,
    pub created: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub created: i64,
    /// Pre-ticked when an address is shared with someone.
    #[serde(default = "default_permissions")]
    pub default_permissions: Permissions,
}

fn default_permissions() -> Permissions {
    [
        Permission::Password,
        Permission::Forwarding,
        Permission::Aliases,
    ]
    .into_iter()
    .collect()
}

impl Organisation {
    pub fn new(id: OrgId, name: String, created: i64) -> Self {
        Self {
            id,
            name,
            created,
            default_permissions: default_permissions(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Membership {
    pub org: OrgId,
    pub user: UserId,
    pub role: Role,
    pub since: i64,
}

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
}

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
}

impl Address {
    pub fn is_active(&self) -> bool {
        self.state == AddressState::Active
    }
}

/// Where mail to an address is sent on to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarding {
    pub to: EmailAddress,
    /// Also deliver to the address's own mailbox.
    pub keep_copy: bool,
}

/// How an external invitee must sign up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupRule {
    /// Their login must be the shared address itself.
    ThisAddress,
    /// Any address of their own.
    OwnChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Accepted,
    Revoked,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub id: u64,
    pub address: AddressId,
    pub inviter: UserId,
    pub email: EmailAddress,
    pub permissions: Permissions,
    pub signup: SignupRule,
    pub created: i64,
    pub expires: i64,
    pub state: InvitationState,
    /// sha256 of the link's token; the token itself is only in the email.
    #[serde(default)]
    pub token_hash: Option<[u8; 32]>,
    /// The email that carries the link.
    #[serde(default)]
    pub message: Option<u64>,
}

/// A link that gives whoever opens it (and logs in or signs up) access.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SharingLink {
    pub id: u64,
    pub address: AddressId,
    pub creator: UserId,
    pub permissions: Permissions,
    pub token_hash: [u8; 32],
    pub created: i64,
    pub expires: i64,
    pub revoked: bool,
    pub uses: u32,
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub user: UserId,
    /// Every state-changing request must echo this back.
    pub csrf: String,
    pub created: i64,
    pub last_seen: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: i64,
    /// `None` for the installation itself (first setup, migrations).
    pub actor: Option<UserId>,
    pub ip: Option<String>,
    pub org: Option<OrgId>,
    /// What happened, e.g. `service.add`.
    pub action: String,
    /// The object it happened to, e.g. `example.org`.
    pub object: String,
    /// The address it concerns, for that address's history.
    #[serde(default)]
    pub address: Option<AddressId>,
}

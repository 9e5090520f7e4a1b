//! People and organisations: users, their sessions, organisations and
//! memberships. Times are Unix seconds.

use serde::{Deserialize, Serialize};

use super::{EmailAddress, OrgId, PasswordHash, Permission, Permissions, Role, UserId};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub login: EmailAddress,
    pub display_name: String,
    pub password_hash: PasswordHash,
    pub created: i64,
    /// The language they chose; `None` lets their browser decide.
    #[serde(default)]
    pub lang: Option<crate::model::Lang>,
    /// Runs the installation (the operator's console, organisations and
    /// their limits), apart from any role inside an organisation.
    #[serde(default)]
    pub operator: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub created: i64,
    /// Pre-ticked when an address is shared with someone.
    #[serde(default = "default_permissions")]
    pub default_permissions: Permissions,
    /// Owners and admins must sign in with a second factor.
    #[serde(default)]
    pub require_second_factor: bool,
    /// The language of people who chose none and whose browser asks for
    /// none we speak, and of invitations unless the inviter picks another.
    #[serde(default)]
    pub lang: crate::model::Lang,
    /// Set by an operator: its people cannot sign in to it, its mail
    /// logins wait, its mail still arrives.
    #[serde(default)]
    pub suspended: Option<Suspension>,
    /// What the operator allows it.
    #[serde(default)]
    pub limits: crate::model::Limits,
    /// Set when an operator deleted it: restorable until its retention
    /// ends, then purged.
    #[serde(default)]
    pub deleted: Option<OrgDeletion>,
}

/// When and by whom an organisation was deleted, with the memberships it
/// had: they end at once, and come back if it is restored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrgDeletion {
    pub at: i64,
    pub by: UserId,
    pub members: Vec<Membership>,
}

/// Why and since when an organisation is suspended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    pub since: i64,
    pub by: UserId,
    pub reason: String,
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
    /// `lang`: the language of whoever creates it (the setup page's).
    pub fn new(id: OrgId, name: String, created: i64, lang: crate::model::Lang) -> Self {
        Self {
            id,
            name,
            created,
            default_permissions: default_permissions(),
            require_second_factor: false,
            lang,
            suspended: None,
            limits: crate::model::Limits::default(),
            deleted: None,
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

/// A forgotten-password link: single use, valid one hour.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasswordReset {
    pub user: UserId,
    pub created: i64,
    pub expires: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub user: UserId,
    /// Every state-changing request must echo this back.
    pub csrf: String,
    pub created: i64,
    pub last_seen: i64,
    /// The client address it was opened from.
    #[serde(default)]
    pub client: Option<String>,
    /// The password was right; the second factor is still to come.
    #[serde(default)]
    pub awaiting_code: bool,
}

/// A user's second factor (TOTP, RFC 6238): its secret, the last time step
/// accepted (a code is never accepted twice), and the hashes of the
/// recovery codes not used yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecondFactor {
    /// 20 random bytes, as hex.
    pub secret: String,
    /// `None` while enrolling: the first code confirms it.
    pub enrolled: Option<i64>,
    pub last_step: u64,
    /// sha256 of each unused recovery code, as hex.
    pub recovery: Vec<String>,
}

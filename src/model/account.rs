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
    /// Every member must (owners and admins included).
    #[serde(default)]
    pub require_second_factor_of_everyone: bool,
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
    /// Where its people's wall clocks are: reply dates are typed and shown
    /// in it; `None`: UTC.
    #[serde(default)]
    pub time_zone: Option<crate::model::TimeZoneName>,
    /// Set when an operator deleted it: restorable until its retention
    /// ends, then purged.
    #[serde(default)]
    pub deleted: Option<OrgDeletion>,
    /// An invitation to become its owner, sent by an operator to someone
    /// without an account yet; one at a time, a new one replacing it.
    #[serde(default)]
    pub owner_invitation: Option<OwnerInvitation>,
}

/// An owner invitation: its link carries the organisation's id and a token
/// kept only as its hash, and leads only the invited email's person in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OwnerInvitation {
    pub email: EmailAddress,
    #[serde(with = "super::credential::hex32")]
    pub token_hash: [u8; 32],
    pub created: i64,
    pub expires: i64,
    pub lang: crate::model::Lang,
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

/// Who in an organisation must sign in with a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactorRule {
    Nobody,
    /// Owners and admins.
    Managers,
    Everyone,
}

impl SecondFactorRule {
    pub const ALL: [SecondFactorRule; 3] = [
        SecondFactorRule::Nobody,
        SecondFactorRule::Managers,
        SecondFactorRule::Everyone,
    ];

    /// Its name in forms and the audit log.
    pub fn name(self) -> &'static str {
        match self {
            SecondFactorRule::Nobody => "nobody",
            SecondFactorRule::Managers => "managers",
            SecondFactorRule::Everyone => "everyone",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl Organisation {
    /// A name as organisations are told apart by it (and indexed): ASCII
    /// letters in any case are the same.
    pub fn name_key(name: &str) -> String {
        name.to_ascii_lowercase()
    }

    /// Who must sign in with a second factor here.
    pub fn second_factor_rule(&self) -> SecondFactorRule {
        if self.require_second_factor_of_everyone {
            SecondFactorRule::Everyone
        } else if self.require_second_factor {
            SecondFactorRule::Managers
        } else {
            SecondFactorRule::Nobody
        }
    }

    pub fn set_second_factor_rule(&mut self, rule: SecondFactorRule) {
        self.require_second_factor = rule != SecondFactorRule::Nobody;
        self.require_second_factor_of_everyone = rule == SecondFactorRule::Everyone;
    }

    /// Whether a member with `role` must sign in with a second factor.
    pub fn requires_second_factor(&self, role: crate::model::Role) -> bool {
        match self.second_factor_rule() {
            SecondFactorRule::Nobody => false,
            SecondFactorRule::Managers => role.manages(),
            SecondFactorRule::Everyone => true,
        }
    }

    /// The owner invitation that still leads in at `now`, if one does.
    pub fn waiting_owner_invitation(&self, now: i64) -> Option<&OwnerInvitation> {
        self.owner_invitation.as_ref().filter(|i| now < i.expires)
    }

    /// Its time zone, UTC when none was chosen.
    pub fn zone(&self) -> crate::model::TimeZoneName {
        self.time_zone.clone().unwrap_or_default()
    }

    /// `lang`: the language of whoever creates it (the setup page's).
    pub fn new(id: OrgId, name: String, created: i64, lang: crate::model::Lang) -> Self {
        Self {
            id,
            name,
            created,
            default_permissions: default_permissions(),
            require_second_factor: false,
            require_second_factor_of_everyone: false,
            lang,
            suspended: None,
            limits: crate::model::Limits::default(),
            deleted: None,
            owner_invitation: None,
            time_zone: None,
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

use serde::{Deserialize, Serialize};

/// A member's role in an organisation. Owners and admins manage everything
/// in it; members see only the addresses they have access to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Admin,
    Member,
}

impl Role {
    pub fn manages(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Role::Owner, Role::Admin, Role::Member]
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(name.trim()))
    }
}

//! What a user may do on an address, besides seeing it and its settings.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    Password,
    Forwarding,
    Aliases,
    Users,
    History,
    /// Added later: its bit comes after the others', so stored sets keep
    /// their meaning.
    Quota,
    /// Added later still: the out-of-office reply.
    AutoReply,
}

impl Permission {
    pub const ALL: [Permission; 7] = [
        Permission::Password,
        Permission::Forwarding,
        Permission::Aliases,
        Permission::Users,
        Permission::History,
        Permission::Quota,
        Permission::AutoReply,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Permission::Password => "password",
            Permission::Forwarding => "forwarding",
            Permission::Aliases => "aliases",
            Permission::Users => "users",
            Permission::History => "history",
            Permission::Quota => "quota",
            Permission::AutoReply => "auto_reply",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A name that is no permission, as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown permission \u{201c}{0}\u{201d}")]
pub struct UnknownPermission(pub String);

/// A set of permissions, stored as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Permissions(u8);

impl Permissions {
    /// A list of names as people write it: `password, history` or
    /// `password history`; the error names the first unknown one.
    pub fn parse_list(names: &str) -> Result<Self, UnknownPermission> {
        let mut set = Permissions::none();
        for name in names.split([' ', ',', ';']).filter(|n| !n.is_empty()) {
            let permission =
                Permission::parse(name).ok_or_else(|| UnknownPermission(name.to_owned()))?;
            set = set.with(permission);
        }
        Ok(set)
    }

    pub fn none() -> Self {
        Self(0)
    }

    pub fn all() -> Self {
        Permission::ALL.into_iter().collect()
    }

    pub fn contains(self, permission: Permission) -> bool {
        self.0 & permission.bit() != 0
    }

    pub fn with(self, permission: Permission) -> Self {
        Self(self.0 | permission.bit())
    }

    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
            .into_iter()
            .filter(move |p| self.contains(*p))
    }
}

impl FromIterator<Permission> for Permissions {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        iter.into_iter().fold(Self::none(), Self::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_permission_twice_keeps_it() {
        let once = Permissions::none().with(Permission::History);
        assert_eq!(once.with(Permission::History), once);
        assert!(once.with(Permission::History).contains(Permission::History));
    }

    #[test]
    fn set_operations() {
        let set: Permissions = [Permission::Password, Permission::History]
            .into_iter()
            .collect();
        assert!(set.contains(Permission::Password));
        assert!(!set.contains(Permission::Users));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            vec![Permission::Password, Permission::History]
        );
        assert_eq!(Permissions::all().iter().count(), 7);
        // Stored sets keep their meaning: the permission added last takes the next bit.
        let quota: Permissions = [Permission::Quota].into_iter().collect();
        assert_eq!(serde_json::to_string(&quota).unwrap(), "32");
        let reply: Permissions = [Permission::AutoReply].into_iter().collect();
        assert_eq!(serde_json::to_string(&reply).unwrap(), "64");
        assert_eq!(serde_json::to_string(&set).unwrap(), "17");
        assert_eq!(Permission::parse(" Aliases "), Some(Permission::Aliases));
        assert_eq!(Permission::parse("admin"), None);
    }
}

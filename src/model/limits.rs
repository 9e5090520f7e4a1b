//! What an operator allows an organisation, each limit optional.

use serde::{Deserialize, Serialize};

/// The limits of one organisation; `None`: no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Services (domains).
    #[serde(default)]
    pub services: Option<u64>,
    /// Addresses, deleted ones in their retention not counted.
    #[serde(default)]
    pub addresses: Option<u64>,
    /// Members, whatever their role.
    #[serde(default)]
    pub members: Option<u64>,
    /// Rows of one import (a CSV file).
    #[serde(default)]
    pub import_rows: Option<u64>,
    /// Megabytes of mailbox storage its live addresses' quotas may add up
    /// to (each its own quota, else its service's default).
    #[serde(default)]
    pub storage_mb: Option<u64>,
}

/// Which limit a request would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    Services,
    Addresses,
    Members,
    ImportRows,
    /// Megabytes of mailbox quotas handed out.
    Storage,
}

impl LimitKind {
    pub const ALL: [LimitKind; 5] = [
        LimitKind::Services,
        LimitKind::Addresses,
        LimitKind::Members,
        LimitKind::Storage,
        LimitKind::ImportRows,
    ];

    /// Its name on the command line and in the API.
    pub fn name(self) -> &'static str {
        match self {
            LimitKind::Services => "services",
            LimitKind::Addresses => "addresses",
            LimitKind::Members => "members",
            LimitKind::ImportRows => "import_rows",
            LimitKind::Storage => "storage",
        }
    }
}

impl Limits {
    /// As the audit log says them: `services=3 addresses=none …`.
    pub fn said(&self) -> String {
        let each: Vec<String> = LimitKind::ALL
            .iter()
            .map(|&kind| match self.get(kind) {
                Some(max) => format!("{}={max}", kind.name()),
                None => format!("{}=none", kind.name()),
            })
            .collect();
        each.join(" ")
    }

    pub fn get(&self, kind: LimitKind) -> Option<u64> {
        match kind {
            LimitKind::Services => self.services,
            LimitKind::Addresses => self.addresses,
            LimitKind::Members => self.members,
            LimitKind::ImportRows => self.import_rows,
            LimitKind::Storage => self.storage_mb,
        }
    }

    pub fn set(&mut self, kind: LimitKind, value: Option<u64>) {
        match kind {
            LimitKind::Services => self.services = value,
            LimitKind::Addresses => self.addresses = value,
            LimitKind::Members => self.members = value,
            LimitKind::ImportRows => self.import_rows = value,
            LimitKind::Storage => self.storage_mb = value,
        }
    }

    /// A value of `kind` as people read it (storage in MB, GB or TB).
    pub fn show(kind: LimitKind, value: u64) -> String {
        match kind {
            LimitKind::Storage => super::size_text(value),
            _ => value.to_string(),
        }
    }

    /// How many more of `kind` fit beside `used`; `None`: no limit.
    pub fn room(&self, kind: LimitKind, used: u64) -> Option<u64> {
        self.get(kind).map(|max| max.saturating_sub(used))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_what_is_left_and_never_below_zero() {
        let mut limits = Limits::default();
        assert_eq!(limits.room(LimitKind::Addresses, 7), None);
        limits.set(LimitKind::Addresses, Some(10));
        assert_eq!(limits.room(LimitKind::Addresses, 7), Some(3));
        assert_eq!(limits.room(LimitKind::Addresses, 10), Some(0));
        assert_eq!(limits.room(LimitKind::Addresses, 12), Some(0));
        for kind in LimitKind::ALL {
            limits.set(kind, Some(5));
            assert_eq!(limits.get(kind), Some(5), "{}", kind.name());
        }
    }
}

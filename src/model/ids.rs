//! Typed ids: an address id cannot be passed where a user id is meant.
//! Stored as plain numbers (serde transparent), so records written before
//! the ids had types read back unchanged.

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

ids!(
    /// A person who logs in to Mailroom.
    UserId,
    /// An organisation: its members, services and settings.
    OrgId,
    /// One domain's email service.
    ServiceId,
    /// One address, never reused: a name created again gets a new id.
    AddressId,
    InvitationId,
    LinkId,
    /// An outgoing message.
    MessageId,
    /// A bulk creation from a CSV file.
    ImportId,
    JobId,
    /// A device password.
    CredentialId,
    /// An API token.
    TokenId,
    /// A DKIM key.
    DkimKeyId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stored_as_plain_numbers() {
        assert_eq!(serde_json::to_string(&AddressId(42)).unwrap(), "42");
        assert_eq!(serde_json::from_str::<UserId>("7").unwrap(), UserId(7));
        assert_eq!("12".parse::<ServiceId>().unwrap(), ServiceId(12));
        assert!("x".parse::<ServiceId>().is_err());
    }
}

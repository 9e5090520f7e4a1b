//! Whom an address is made for, and which permissions a new user gets: the
//! one mapping the web's wizard, the API and the CLI all hand to app.

use crate::model::{
    AddressKind, EmailAddress, Lang, Organisation, Permissions, SignupRule, UserId,
};

/// Whom an address is shared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareWith {
    Member(UserId),
    /// Someone known by email: the member with that login if there is one,
    /// else an outside person invited by email.
    Email {
        email: EmailAddress,
        signup: SignupRule,
        /// The invitation's language; `None`: the organisation's.
        lang: Option<Lang>,
    },
}

/// Whom a new address is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForWhom {
    /// The one creating it, with every permission.
    Me,
    /// Someone else: a member gets access at once, a person known only by
    /// email an invitation; no password of its own.
    Other {
        with: ShareWith,
        permissions: PermissionChoice,
    },
    /// Several people, added afterwards: no one uses it yet.
    Multiple,
    /// Sends only: mail to it is refused.
    NoReply,
    /// Receives the domain's mail for names no address has.
    CatchAll,
}

impl ForWhom {
    pub fn kind(&self) -> AddressKind {
        match self {
            ForWhom::Me | ForWhom::Other { .. } | ForWhom::Multiple => AddressKind::Standard,
            ForWhom::NoReply => AddressKind::NoReply,
            ForWhom::CatchAll => AddressKind::CatchAll,
        }
    }

    /// Whether its creator gets access with every permission.
    pub(super) fn creator_access(&self) -> bool {
        matches!(self, ForWhom::Me)
    }
}

/// The permissions a new user of an address gets: chosen, or the
/// organisation's defaults as the write transaction reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionChoice {
    Defaults,
    These(Permissions),
}

impl PermissionChoice {
    /// `None` (nothing chosen): the defaults.
    pub fn or_defaults(chosen: Option<Permissions>) -> Self {
        chosen.map_or(PermissionChoice::Defaults, PermissionChoice::These)
    }

    pub(super) fn resolve(self, organisation: &Organisation) -> Permissions {
        match self {
            PermissionChoice::Defaults => organisation.default_permissions,
            PermissionChoice::These(permissions) => permissions,
        }
    }
}

impl From<Permissions> for PermissionChoice {
    fn from(permissions: Permissions) -> Self {
        PermissionChoice::These(permissions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OrgId, Permission};

    #[test]
    fn nothing_chosen_is_the_organisations_defaults_when_resolved() {
        let mut organisation = Organisation::new(OrgId(1), "Acme".into(), 0, Default::default());
        organisation.default_permissions = Permissions::none().with(Permission::History);
        let chosen = Permissions::none().with(Permission::Password);
        assert_eq!(
            PermissionChoice::or_defaults(None).resolve(&organisation),
            organisation.default_permissions
        );
        assert_eq!(
            PermissionChoice::or_defaults(Some(chosen)).resolve(&organisation),
            chosen
        );
    }

    #[test]
    fn only_addresses_for_me_give_their_creator_access_and_kinds_follow_the_choice() {
        let all = [
            (ForWhom::Me, AddressKind::Standard, true),
            (ForWhom::Multiple, AddressKind::Standard, false),
            (ForWhom::NoReply, AddressKind::NoReply, false),
            (ForWhom::CatchAll, AddressKind::CatchAll, false),
        ];
        for (for_whom, kind, creator) in all {
            assert_eq!(for_whom.kind(), kind, "{for_whom:?}");
            assert_eq!(for_whom.creator_access(), creator, "{for_whom:?}");
        }
    }
}

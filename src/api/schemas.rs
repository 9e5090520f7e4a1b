//! The API's JSON shapes: what handlers answer (built from the model) and
//! what they take. Their derives make the OpenAPI document's schemas.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AddressView;
use crate::model::{
    AccessState, Address, AddressKind, Domain, Invitation, InvitationState, Permission,
    Permissions, SharingLink,
};

/// Times are Unix seconds.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceOut {
    pub domain: String,
    pub addresses: u64,
    pub created_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Standard,
    NoReply,
    CatchAll,
}

impl From<AddressKind> for Kind {
    fn from(kind: AddressKind) -> Self {
        match kind {
            AddressKind::Standard => Kind::Standard,
            AddressKind::NoReply => Kind::NoReply,
            AddressKind::CatchAll => Kind::CatchAll,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PermissionName {
    Password,
    Forwarding,
    Aliases,
    Users,
    History,
    Quota,
    AutoReply,
}

impl PermissionName {
    fn model(self) -> Permission {
        match self {
            PermissionName::Password => Permission::Password,
            PermissionName::Forwarding => Permission::Forwarding,
            PermissionName::Aliases => Permission::Aliases,
            PermissionName::Users => Permission::Users,
            PermissionName::History => Permission::History,
            PermissionName::Quota => Permission::Quota,
            PermissionName::AutoReply => Permission::AutoReply,
        }
    }

    fn of(permission: Permission) -> Self {
        match permission {
            Permission::Password => PermissionName::Password,
            Permission::Forwarding => PermissionName::Forwarding,
            Permission::Aliases => PermissionName::Aliases,
            Permission::Users => PermissionName::Users,
            Permission::History => PermissionName::History,
            Permission::Quota => PermissionName::Quota,
            Permission::AutoReply => PermissionName::AutoReply,
        }
    }

    pub fn set(names: &[PermissionName]) -> Permissions {
        names.iter().map(|n| n.model()).collect()
    }

    pub fn list(set: Permissions) -> Vec<PermissionName> {
        set.iter().map(Self::of).collect()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ForwardingOut {
    pub to: String,
    pub keep_copy: bool,
}

/// An address in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressOut {
    pub id: u64,
    #[schema(example = "info@example.org")]
    pub address: String,
    pub local_part: String,
    pub kind: Kind,
    pub display_name: Option<String>,
    pub aliases: Vec<String>,
    pub forwarding: Option<ForwardingOut>,
    pub has_password: bool,
    /// Its own quota in MB; `null`: the service's default.
    pub quota_mb: Option<u64>,
    pub created_at: i64,
}

impl AddressOut {
    pub fn new(address: &Address, domain: &Domain) -> Self {
        Self {
            id: address.id.0,
            address: format!("{}@{}", address.local_part, domain),
            local_part: address.local_part.to_string(),
            kind: address.kind.into(),
            display_name: address.display_name.clone(),
            aliases: address.aliases.iter().map(ToString::to_string).collect(),
            forwarding: address.forwarding.as_ref().map(|f| ForwardingOut {
                to: f.to.to_string(),
                keep_copy: f.keep_copy,
            }),
            has_password: address.password_hash.is_some(),
            quota_mb: address.quota.map(|q| q.mb()),
            created_at: address.created,
        }
    }
}

/// A page of addresses; `next` is the cursor of the following page.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressPageOut {
    pub items: Vec<AddressOut>,
    pub next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub user_id: u64,
    pub login: String,
    pub name: String,
    pub permissions: Vec<PermissionName>,
    /// `pending` until a member invited to it accepts.
    pub active: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationOut {
    pub id: u64,
    pub email: String,
    pub permissions: Vec<PermissionName>,
    pub state: String,
    pub expires_at: i64,
}

impl From<&Invitation> for InvitationOut {
    fn from(i: &Invitation) -> Self {
        let state = match i.state {
            InvitationState::Pending => "pending",
            InvitationState::Accepted => "accepted",
            InvitationState::Revoked => "revoked",
        };
        Self {
            id: i.id.0,
            email: i.email.to_string(),
            permissions: PermissionName::list(i.permissions),
            state: state.to_owned(),
            expires_at: i.expires,
        }
    }
}

/// One address with the people who use it and the pending invitations.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressDetail {
    #[serde(flatten)]
    pub address: AddressOut,
    pub users: Vec<UserOut>,
    pub invitations: Vec<InvitationOut>,
}

impl From<&AddressView> for AddressDetail {
    fn from(view: &AddressView) -> Self {
        Self {
            address: AddressOut::new(&view.address, &view.service.service.domain),
            users: view
                .users
                .iter()
                .map(|(user, access)| UserOut {
                    user_id: user.id.0,
                    login: user.login.to_string(),
                    name: user.display_name.clone(),
                    permissions: PermissionName::list(access.permissions),
                    active: access.state == AccessState::Active,
                })
                .collect(),
            invitations: view.invitations.iter().map(InvitationOut::from).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkOut {
    pub id: u64,
    /// Present only in the answer that created it: the link is shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub permissions: Vec<PermissionName>,
    pub expires_at: i64,
    pub revoked: bool,
    pub uses: u32,
}

impl LinkOut {
    pub fn new(link: &SharingLink, url: Option<String>) -> Self {
        Self {
            id: link.id.0,
            url,
            permissions: PermissionName::list(link.permissions),
            expires_at: link.expires,
            revoked: link.revoked,
            uses: link.uses,
        }
    }
}

/// Whom a new address is for, as the web's wizard asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ForWhom {
    /// The token's maker gets access with every permission; needs `password`.
    Me,
    /// Shared at once with a member, or an outside person invited by email
    /// (`share_with`); no password.
    Other,
    /// A shared address with a password; users are added afterwards.
    Multiple,
    NoReply,
    CatchAll,
}

/// A language Mailroom writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Fr,
    De,
    It,
}

impl From<Language> for crate::model::Lang {
    fn from(language: Language) -> Self {
        match language {
            Language::En => Self::En,
            Language::Fr => Self::Fr,
            Language::De => Self::De,
            Language::It => Self::It,
        }
    }
}

/// How an outside person invited to an address signs up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Signup {
    /// With an address of their own choice.
    #[default]
    OwnChoice,
    /// With the shared address itself as their login.
    ThisAddress,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAddress {
    #[schema(example = "info")]
    pub local_part: String,
    #[serde(rename = "for")]
    pub for_whom: ForWhom,
    pub password: Option<String>,
    /// `other`: a member's login, or anyone's email address to invite.
    pub share_with: Option<String>,
    #[serde(default)]
    pub signup: Signup,
    /// For another user: the invitation's language (default: the organisation's).
    #[serde(default)]
    pub lang: Option<Language>,
    /// For `other`; the organisation's defaults when absent.
    pub permissions: Option<Vec<PermissionName>>,
    pub forward_to: Option<String>,
    #[serde(default)]
    pub keep_copy: bool,
    pub display_name: Option<String>,
    /// Its own quota in MB (1 to 10485760); the service's default when absent.
    pub quota_mb: Option<u64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetForwarding {
    /// `null` stops forwarding.
    pub forward_to: Option<String>,
    #[serde(default)]
    pub keep_copy: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetQuota {
    /// MB, 1 to 10485760; `null`: the service's default.
    pub quota_mb: Option<u64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAlias {
    pub alias: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddUser {
    /// A member's login (access at once), or anyone's email (an invitation).
    pub email: String,
    pub permissions: Vec<PermissionName>,
    #[serde(default)]
    pub signup: Signup,
    /// The invitation's language (default: the organisation's).
    #[serde(default)]
    pub lang: Option<Language>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AddedUser {
    /// `member`: access at once; `invited`: an invitation was sent.
    pub result: String,
    pub user_id: Option<u64>,
    pub invitation_id: Option<u64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPermissions {
    pub permissions: Vec<PermissionName>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    pub permissions: Vec<PermissionName>,
    /// 1 to 365.
    pub days: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub user_id: u64,
    pub login: String,
    pub name: String,
    pub role: String,
}

//! Invitations (by email) and sharing links (to copy): the two ways a person
//! is given access to an address.

use serde::{Deserialize, Serialize};

use super::{AddressId, EmailAddress, InvitationId, LinkId, MessageId, Permissions, UserId};

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
    pub id: InvitationId,
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
    pub message: Option<MessageId>,
    /// The language of its email, and of the pages its link opens.
    #[serde(default)]
    pub lang: crate::model::Lang,
}

/// An account that will exist once its owner opens the confirmation link
/// sent to its login: the sign-up of someone accepting an invitation or a
/// sharing link with an email of their own choice.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignUp {
    pub login: EmailAddress,
    pub password_hash: crate::model::PasswordHash,
    /// What they accept: an invitation's or a link's token hash.
    pub accepting: PendingAccept,
    pub created: i64,
    pub expires: i64,
    pub ip: Option<String>,
}

/// The invitation or sharing link a pending sign-up accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PendingAccept {
    Invitation { id: InvitationId },
    Link { id: LinkId },
}

/// A link that gives whoever opens it (and logs in or signs up) access.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SharingLink {
    pub id: LinkId,
    pub address: AddressId,
    pub creator: UserId,
    pub permissions: Permissions,
    pub token_hash: [u8; 32],
    pub created: i64,
    pub expires: i64,
    pub revoked: bool,
    pub uses: u32,
}

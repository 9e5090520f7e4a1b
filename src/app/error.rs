//! What a use case can answer instead of doing what was asked. Every kind
//! is its own variant, so interfaces tell them apart by type (web picks the
//! field to show it at, the CLI its exit message) and never by their text.

use crate::bulk::FileError;
use crate::model::{AddressError, EmailAddress, PasswordError};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(StoreError),
    /// The disk holding the database is full; nothing was changed.
    #[error(
        "the disk that holds the database is full: nothing was changed; free some space and try again"
    )]
    DiskFull,
    #[error("not found")]
    NotFound,
    #[error("you do not have permission to do this")]
    Forbidden,
    #[error("the email or password is not correct")]
    InvalidCredentials,
    #[error("your login password is not correct")]
    WrongPassword,
    #[error("the API token is missing, malformed, unknown, expired or revoked")]
    InvalidToken,
    #[error("this API token may not be used from this network")]
    TokenNetwork,
    /// An operator's token on an organisation's API, or the reverse.
    #[error("{}", if *operator {
        "this is an operator's token: it is for /api/v1/operator only; use a token of the organisation here"
    } else {
        "this token belongs to an organisation: the operator's API takes an operator's token"
    })]
    TokenKind { operator: bool },
    #[error("too many requests with this token: try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("the code is not correct (or was already used)")]
    WrongCode,
    #[error("too many failed attempts: try again in {retry_after} seconds")]
    Throttled { retry_after: u64 },
    #[error("Mailroom is already set up")]
    AlreadySetUp,
    /// The organisation is suspended by the installation's operator.
    #[error(
        "the organisation \u{201c}{organisation}\u{201d} is suspended by the operator: {reason}"
    )]
    Suspended {
        organisation: String,
        reason: String,
    },
    #[error("Mailroom is not set up yet: run `mailroom setup` or open the web interface")]
    NotSetUp,
    /// A name, account or record is already there.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// A rule of the product refuses the request as asked.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error(transparent)]
    Address(#[from] AddressError),
    #[error(transparent)]
    AutoReply(#[from] crate::model::AutoReplyError),
    /// A reply's start (or, with `end`, its end) that is no time in the
    /// organisation's zone.
    #[error("{error}")]
    Time {
        end: bool,
        error: crate::model::TimeError,
    },
    /// A password refused by its policy (never `PasswordError::Busy`,
    /// which becomes `Busy`).
    #[error(transparent)]
    Password(PasswordError),
    /// Too many passwords are being checked at once: try again shortly.
    #[error("the server is busy: try again in a moment")]
    Busy,
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{0}")]
    KeyGeneration(String),
    /// A worker thread died; nothing was changed.
    #[error("a background thread failed")]
    Thread,
    #[error("the key file {path} could not be read or written: {source}")]
    KeyFile {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} exists already: copy only into a new file (the server stopped)")]
    TargetExists(String),
    #[error(
        "{0} holds a secret Mailroom did not make: give it on every node (--dovecot-secret, \
         --metrics-secret) instead of copying it"
    )]
    ForeignSecret(String),
}

/// Something already exists where the request wants to create it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    #[error("the address {0} already exists")]
    AddressExists(EmailAddress),
    #[error("the name {name} is already an alias of {address}")]
    AliasOfAnother {
        name: EmailAddress,
        address: EmailAddress,
    },
    #[error("the address {0} was deleted recently and is reserved until its retention period ends")]
    ReservedAfterDeletion(EmailAddress),
    #[error("this service already has a catch-all address")]
    CatchAllExists,
    #[error("this service has another catch-all address now; delete it first")]
    CatchAllRestored,
    #[error("{0} already has an account")]
    AccountExists(EmailAddress),
    #[error("{0} already has an account: log in instead")]
    SignUpTaken(EmailAddress),
    #[error("the domain {0} already has an email service")]
    DomainServed(String),
    #[error("an organisation is already named \u{201c}{0}\u{201d}")]
    OrganisationNamed(String),
    #[error("that person already uses this address")]
    AlreadyUser,
    #[error("that person is already invited: resend the invitation instead")]
    AlreadyInvited,
}

/// Why a link or invitation cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkProblem {
    #[error("this link is not valid")]
    Unknown,
    #[error("this link has expired")]
    Expired,
    #[error("this link was revoked")]
    Revoked,
    #[error("this invitation was already accepted")]
    Used,
}

/// A rule refuses the request as asked; the message says which.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("a catch-all already receives every other name")]
    CatchAllAlias,
    #[error("a no-reply address receives no mail to forward")]
    NoReplyForward,
    #[error("an address cannot forward to itself or to one of its aliases")]
    ForwardToSelf,
    #[error("a no-reply address receives no mail to answer")]
    NoMailboxToReplyFrom,
    #[error(
        "Mailroom is not connected to the mail server's doveadm API (--doveadm-url), so it cannot install a reply"
    )]
    AutoReplyWithoutMailServer,
    #[error("a link lasts between 1 and 365 days")]
    LinkDays,
    #[error("that person is not a member of the organisation")]
    NotAMember,
    #[error("the organisation needs at least one owner")]
    LastOwner,
    #[error("the last owner cannot be removed")]
    LastOwnerRemoved,
    #[error("you are its last owner: make someone else an owner before you leave")]
    LastOwnerLeaving,
    #[error("tick the box to confirm that the address and its mail will be deleted")]
    DeletionNotConfirmed,
    #[error("enter the organisation's name")]
    OrganisationNameMissing,
    #[error("the organisation's name is at most 100 characters long")]
    OrganisationNameTooLong,
    #[error(
        "the organisation's name cannot hold line breaks, tabs or other invisible control characters"
    )]
    OrganisationNameInvisible,
    #[error("no organisation is named \u{201c}{0}\u{201d}")]
    NoSuchOrganisation(String),
    #[error("there are several organisations: name one with --organisation")]
    SeveralOrganisations,
    #[error("the installation needs at least one operator")]
    LastOperator,
    #[error("operators sign in with two factors: set up two-factor sign-in first")]
    OperatorWithoutSecondFactor,
    #[error("no one signs in as {0}: they need an account first")]
    NoSuchPerson(EmailAddress),
    #[error("{0} is not an operator of this installation")]
    NotAnOperator(EmailAddress),
    #[error(
        "\u{201c}{0}\u{201d} has no owner yet: its first owner has not accepted the invitation"
    )]
    NoOwnerYet(String),
    #[error("say why the organisation is suspended (at most 500 characters)")]
    SuspensionReason,
    #[error("this organisation may have at most {max} {}: the installation's operator can raise the limit", .kind.name())]
    LimitReached {
        kind: crate::model::LimitKind,
        max: u64,
    },
    #[error(
        "this organisation's mailbox storage is limited to {max} MB in all, so every address needs a quota: give the address its own, or its service a default quota"
    )]
    QuotaRequired { max: u64 },
    #[error(
        "tick the box to confirm that the organisation, its addresses and their mail will be deleted"
    )]
    OrganisationDeletionNotConfirmed,
    #[error("this import has already started")]
    ImportStarted,
    #[error("only a failed job can be retried")]
    JobNotFailed,
    #[error("this invitation must be accepted with the login {0}")]
    InvitationLogin(EmailAddress),
    #[error("{0}@ is reserved for the domain's operators: only owners and admins may give it out")]
    ReservedName(String),
    #[error("two-factor sign-in is already on: turn it off first")]
    TwoFactorOn,
    #[error("start setting up two-factor sign-in first")]
    TwoFactorNotStarted,
    #[error("a device password lasts between 1 and 3650 days")]
    DeviceDays,
    #[error("that person does not use this address")]
    NotAUser,
    #[error("you cannot change your own permissions")]
    OwnPermissions,
    #[error("you cannot give a permission you do not have yourself")]
    PermissionNotHeld,
    #[error("the address was created, but its user could not be given access: {0}")]
    CreatedWithoutAccess(String),
    #[error("a token's name has 1 to 100 characters and no control characters")]
    TokenName,
    #[error("a token lasts between 1 and 3650 days")]
    TokenDays,
    #[error("an Idempotency-Key has 1 to 255 printable ASCII characters")]
    IdempotencyKey,
    #[error(transparent)]
    Link(#[from] LinkProblem),
}

impl From<LinkProblem> for AppError {
    fn from(problem: LinkProblem) -> Self {
        AppError::Rejected(Rejection::Link(problem))
    }
}

impl From<PasswordError> for AppError {
    fn from(error: PasswordError) -> Self {
        match error {
            PasswordError::Busy => AppError::Busy,
            other => AppError::Password(other),
        }
    }
}

impl AppError {
    /// Whether the person asking can fix this by changing what they
    /// entered (as opposed to a missing right or a failure of ours).
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            AppError::Conflict(_)
                | AppError::Rejected(_)
                | AppError::Address(_)
                | AppError::AutoReply(_)
                | AppError::Time { .. }
                | AppError::Password(_)
                | AppError::File(_)
        )
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::DiskFull => AppError::DiskFull,
            other => AppError::Store(other),
        }
    }
}

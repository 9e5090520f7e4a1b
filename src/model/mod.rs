//! What Mailroom is about, independent of how it is stored or shown:
//! entities with typed ids, and values that cannot hold invalid data.
//! Everything that crosses the edge (forms, CLI, files) is parsed into these
//! before it reaches `app`.

mod account;
mod address;
mod api_token;
mod argon2id;
mod audit;
mod auto_reply;
mod clock;
mod credential;
pub mod dates;
mod dkim;
mod dns;
pub mod hash_pool;
mod idempotency;
mod ids;
mod import;
mod imported_hash;
mod job;
mod lang;
mod limits;
mod mail_client;
mod mailbox;
mod message;
mod page;
mod password;
mod permission;
mod quota;
mod random;
mod role;
mod sharing;
mod time_zone;

pub use account::{
    Membership, OrgDeletion, Organisation, OwnerInvitation, PasswordReset, SecondFactor,
    SecondFactorRule, Session, Suspension, User,
};
pub use address::{AddressError, Domain, EmailAddress, LocalPart};
pub use api_token::{ApiToken, Scope, TokenSecret};
pub use audit::AuditEvent;
pub use auto_reply::{
    AutoReply, AutoReplyError, DEFAULT_REPLY_DAYS, MESSAGE_MOST, REPLY_DAYS, SUBJECT_MOST,
};
pub use clock::{now, now_ms};
pub use credential::{
    CredentialKey, DeviceName, DeviceNameError, DevicePassword, DeviceSecret, LastUse,
};
pub use dkim::{DkimAlgorithm, DkimKey, DkimKeyError, DkimState, generate as generate_dkim_key};
pub use dns::{DnsReport, RecordCheck, RecordState};
pub use idempotency::IdempotentAnswer;
pub use ids::{
    AddressId, CredentialId, DkimKeyId, ImportId, InvitationId, JobId, LinkId, MessageId, OrgId,
    ServiceId, TokenId, UserId,
};
pub use import::{ImportRecord, ImportState, RowOutcome, RowResult, TextPosition};
pub use job::{Job, JobRecord, JobState, Outcome};
pub use lang::Lang;
pub use limits::{LimitKind, Limits};
pub use mail_client::MailClientSettings;
pub use mailbox::{
    Access, AccessState, Address, AddressKind, AddressState, Forwarding, OWNERSHIP_PREFIX,
    OWNERSHIP_PURPOSE, Service,
};
pub use message::{Message, MessageState};
pub use page::{AddressPage, Cursor};
pub use password::{
    MAX_LENGTH as PASSWORD_MAX_LENGTH, MIN_LENGTH as PASSWORD_MIN_LENGTH, Password, PasswordError,
    PasswordHash, PasswordPolicy,
};
pub use permission::{Permission, Permissions, UnknownPermission};
pub use quota::{Quota, QuotaError, Usage, parse_megabytes, size_text};
pub use random::random_token;
pub use role::Role;
pub use sharing::{
    Invitation, InvitationState, PendingAccept, PendingSignUp, SharingLink, SignupRule,
};
pub use time_zone::{ReplyTime, TimeError, TimeZoneName, utc_text};

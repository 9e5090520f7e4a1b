//! Errors of the use cases as people read them, in their language (the
//! catalogue's `error-` messages); `Display` stays English for logs.

use super::error::{AppError, Conflict, LinkProblem, Rejection};
use crate::i18n::Localize;

impl Localize for AppError {
    fn localize(&self) -> String {
        match self {
            // Failures of ours, for whoever runs the server: told as they are.
            AppError::Store(_)
            | AppError::KeyGeneration(_)
            | AppError::Thread
            | AppError::KeyFile { .. }
            | AppError::TargetExists(_)
            | AppError::ForeignSecret(_) => self.to_string(),
            AppError::DiskFull => t!("error-app-error-disk-full"),
            AppError::NotFound => t!("error-app-error-not-found"),
            AppError::Forbidden => t!("error-app-error-forbidden"),
            AppError::InvalidCredentials => t!("error-app-error-invalid-credentials"),
            AppError::WrongPassword => t!("error-app-error-wrong-password"),
            AppError::InvalidToken => t!("error-app-error-invalid-token"),
            AppError::TokenNetwork => t!("error-app-error-token-network"),
            AppError::TokenKind { operator: true } => t!("error-app-error-token-kind-operator"),
            AppError::TokenKind { operator: false } => {
                t!("error-app-error-token-kind-organisation")
            }
            AppError::RateLimited { retry_after } => {
                t!("error-app-error-rate-limited", retry_after = *retry_after)
            }
            AppError::WrongCode => t!("error-app-error-wrong-code"),
            AppError::Throttled { retry_after } => {
                t!("error-app-error-throttled", retry_after = *retry_after)
            }
            AppError::AlreadySetUp => t!("error-app-error-already-set-up"),
            AppError::Suspended {
                organisation,
                reason,
            } => t!(
                "error-app-error-suspended",
                organisation = organisation,
                reason = reason
            ),
            AppError::NotSetUp => t!("error-app-error-not-set-up"),
            AppError::Conflict(inner) => inner.localize(),
            AppError::Rejected(inner) => inner.localize(),
            AppError::Address(inner) => inner.localize(),
            AppError::AutoReply(inner) => inner.localize(),
            AppError::Time { error, .. } => error.localize(),
            AppError::Password(inner) => inner.localize(),
            AppError::Busy => t!("error-app-error-busy"),
            AppError::File(inner) => inner.localize(),
        }
    }
}
impl Localize for Conflict {
    fn localize(&self) -> String {
        match self {
            Conflict::AddressExists(value) => t!("error-conflict-address-exists", value = value),
            Conflict::AliasOfAnother { name, address } => t!(
                "error-conflict-alias-of-another",
                name = name,
                address = address
            ),
            Conflict::ReservedAfterDeletion(value) => {
                t!("error-conflict-reserved-after-deletion", value = value)
            }
            Conflict::CatchAllExists => t!("error-conflict-catch-all-exists"),
            Conflict::CatchAllRestored => t!("error-conflict-catch-all-restored"),
            Conflict::AccountExists(value) => t!("error-conflict-account-exists", value = value),
            Conflict::SignUpTaken(value) => t!("error-conflict-sign-up-taken", value = value),
            Conflict::DomainServed(value) => t!("error-conflict-domain-served", value = value),
            Conflict::OrganisationNamed(value) => {
                t!("error-conflict-organisation-named", value = value)
            }
            Conflict::AlreadyUser => t!("error-conflict-already-user"),
            Conflict::AlreadyInvited => t!("error-conflict-already-invited"),
        }
    }
}
impl Localize for LinkProblem {
    fn localize(&self) -> String {
        match self {
            LinkProblem::Unknown => t!("error-link-problem-unknown"),
            LinkProblem::Expired => t!("error-link-problem-expired"),
            LinkProblem::Revoked => t!("error-link-problem-revoked"),
            LinkProblem::Used => t!("error-link-problem-used"),
        }
    }
}
impl Localize for Rejection {
    fn localize(&self) -> String {
        match self {
            Rejection::CatchAllAlias => t!("error-rejection-catch-all-alias"),
            Rejection::NoReplyForward => t!("error-rejection-no-reply-forward"),
            Rejection::ForwardToSelf => t!("error-rejection-forward-to-self"),
            Rejection::NoMailboxToReplyFrom => t!("error-rejection-no-mailbox-to-reply-from"),
            Rejection::AutoReplyWithoutMailServer => {
                t!("error-rejection-auto-reply-without-mail-server")
            }
            Rejection::LinkDays => t!("error-rejection-link-days"),
            Rejection::NotAMember => t!("error-rejection-not-a-member"),
            Rejection::LastOwner => t!("error-rejection-last-owner"),
            Rejection::LastOwnerRemoved => t!("error-rejection-last-owner-removed"),
            Rejection::LastOwnerLeaving => t!("error-rejection-last-owner-leaving"),
            Rejection::DeletionNotConfirmed => t!("error-rejection-deletion-not-confirmed"),
            Rejection::OrganisationNameMissing => t!("error-rejection-organisation-name-missing"),
            Rejection::OrganisationNameTooLong => t!("error-rejection-organisation-name-too-long"),
            Rejection::OrganisationNameInvisible => {
                t!("error-rejection-organisation-name-invisible")
            }
            Rejection::NoSuchOrganisation(value) => {
                t!("error-rejection-no-such-organisation", value = value)
            }
            Rejection::SeveralOrganisations => t!("error-rejection-several-organisations"),
            Rejection::LastOperator => t!("error-rejection-last-operator"),
            Rejection::OperatorWithoutSecondFactor => {
                t!("error-rejection-operator-without-second-factor")
            }
            Rejection::NoSuchPerson(value) => t!("error-rejection-no-such-person", value = value),
            Rejection::NotAnOperator(value) => {
                t!("error-rejection-not-an-operator", value = value)
            }
            Rejection::NoOwnerYet(value) => t!("error-rejection-no-owner-yet", value = value),
            Rejection::SuspensionReason => t!("error-rejection-suspension-reason"),
            Rejection::LimitReached { kind, max } => {
                t!(
                    "error-rejection-limit-reached",
                    kind = kind.name(),
                    max = *max,
                    size = crate::model::size_text(*max)
                )
            }
            Rejection::QuotaRequired { max } => {
                t!(
                    "error-rejection-quota-required",
                    size = crate::model::size_text(*max)
                )
            }
            Rejection::OrganisationDeletionNotConfirmed => {
                t!("error-rejection-organisation-deletion-not-confirmed")
            }
            Rejection::ImportStarted => t!("error-rejection-import-started"),
            Rejection::JobNotFailed => t!("error-rejection-job-not-failed"),
            Rejection::InvitationLogin(value) => {
                t!("error-rejection-invitation-login", value = value)
            }
            Rejection::ReservedName(value) => t!("error-rejection-reserved-name", value = value),
            Rejection::TwoFactorOn => t!("error-rejection-two-factor-on"),
            Rejection::TwoFactorNotStarted => t!("error-rejection-two-factor-not-started"),
            Rejection::DeviceDays => t!("error-rejection-device-days"),
            Rejection::NotAUser => t!("error-rejection-not-a-user"),
            Rejection::OwnPermissions => t!("error-rejection-own-permissions"),
            Rejection::PermissionNotHeld => t!("error-rejection-permission-not-held"),
            Rejection::CreatedWithoutAccess(value) => {
                t!("error-rejection-created-without-access", value = value)
            }
            Rejection::TokenName => t!("error-rejection-token-name"),
            Rejection::TokenDays => t!("error-rejection-token-days"),
            Rejection::IdempotencyKey => t!("error-rejection-idempotency-key"),
            Rejection::Link(inner) => inner.localize(),
        }
    }
}

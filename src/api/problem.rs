//! The one place where API failures become RFC 9457 problem documents:
//! `application/problem+json` with a stable `type` per kind of error, and the
//! request field at fault when there is one.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::{AppError, Conflict, LinkProblem, Rejection};

/// Where the problem types are described (the reference page), relative to
/// the request.
const TYPE_BASE: &str = "/api/v1/docs#problem-";

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Stable per kind of error: compare this, not `detail`.
    #[schema(example = "/api/v1/docs#problem-address-exists")]
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// For people: what went wrong, in words.
    pub detail: String,
    /// The request field at fault, if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    App(#[from] AppError),
    /// A field of the request that does not parse.
    #[error("{detail}")]
    Field { field: &'static str, detail: String },
    /// A body that is not the JSON the endpoint takes.
    #[error("{0}")]
    Body(String),
    #[error("a request with this Idempotency-Key is still being handled: try again shortly")]
    KeyRunning,
    #[error("this Idempotency-Key was used for a different request")]
    KeyReused,
    #[error("this resource does not take this method")]
    MethodNotAllowed,
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn field(field: &'static str, detail: impl std::fmt::Display) -> Self {
        Self::Field {
            field,
            detail: detail.to_string(),
        }
    }

    /// Status, stable type, title, and the field at fault.
    fn parts(&self) -> (StatusCode, &'static str, &'static str, Option<&'static str>) {
        use StatusCode as S;
        match self {
            ApiError::App(e) => app_parts(e),
            ApiError::Field { field, .. } => (
                S::UNPROCESSABLE_ENTITY,
                "invalid-field",
                "Invalid field",
                Some(field),
            ),
            ApiError::Body(_) => (S::BAD_REQUEST, "invalid-body", "Invalid request body", None),
            ApiError::KeyRunning => (
                S::CONFLICT,
                "idempotency-key-running",
                "Request in progress",
                None,
            ),
            ApiError::KeyReused => (
                S::UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "Idempotency-Key reused",
                None,
            ),
            ApiError::MethodNotAllowed => (
                S::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
                None,
            ),
            ApiError::Internal(_) => (S::INTERNAL_SERVER_ERROR, "internal", "Internal error", None),
        }
    }

    pub fn status(&self) -> StatusCode {
        self.parts().0
    }
}

fn app_parts(e: &AppError) -> (StatusCode, &'static str, &'static str, Option<&'static str>) {
    use StatusCode as S;
    match e {
        AppError::NotFound => (S::NOT_FOUND, "not-found", "Not found", None),
        AppError::Forbidden => (S::FORBIDDEN, "forbidden", "Not allowed", None),
        AppError::InvalidToken | AppError::InvalidCredentials => {
            (S::UNAUTHORIZED, "unauthorized", "Not authenticated", None)
        }
        AppError::TokenNetwork => (
            S::FORBIDDEN,
            "network-not-allowed",
            "Network not allowed",
            None,
        ),
        AppError::TokenKind { .. } => (S::FORBIDDEN, "token-kind", "Wrong kind of token", None),
        AppError::RateLimited { .. } | AppError::Throttled { .. } => (
            S::TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
            None,
        ),
        AppError::Busy => (S::SERVICE_UNAVAILABLE, "busy", "Busy", None),
        AppError::Suspended { .. } => (
            S::FORBIDDEN,
            "organisation-suspended",
            "Organisation suspended",
            None,
        ),
        AppError::DiskFull => (S::INSUFFICIENT_STORAGE, "disk-full", "Disk full", None),
        AppError::Conflict(c) => {
            let (kind, field) = conflict(c);
            (S::CONFLICT, kind, "Conflict", field)
        }
        AppError::Rejected(r) => {
            let (kind, field) = rejection(r);
            (S::UNPROCESSABLE_ENTITY, kind, "Refused", field)
        }
        AppError::Address(_) => (
            S::UNPROCESSABLE_ENTITY,
            "invalid-address",
            "Invalid address",
            None,
        ),
        AppError::AutoReply(e) => (
            S::UNPROCESSABLE_ENTITY,
            "invalid-auto-reply",
            "Reply refused",
            Some(e.field()),
        ),
        AppError::Time { end, .. } => (
            S::UNPROCESSABLE_ENTITY,
            "invalid-time",
            "Invalid time",
            Some(if *end { "end" } else { "start" }),
        ),
        AppError::Password(_) => (
            S::UNPROCESSABLE_ENTITY,
            "weak-password",
            "Password refused",
            Some("password"),
        ),
        AppError::File(_) => (
            S::UNPROCESSABLE_ENTITY,
            "invalid-file",
            "Invalid file",
            Some("file"),
        ),
        _ => (S::INTERNAL_SERVER_ERROR, "internal", "Internal error", None),
    }
}

fn conflict(c: &Conflict) -> (&'static str, Option<&'static str>) {
    match c {
        Conflict::AddressExists(_) => ("address-exists", Some("local_part")),
        Conflict::AliasOfAnother { .. } => ("alias-of-another", Some("local_part")),
        Conflict::ReservedAfterDeletion(_) => ("reserved-after-deletion", Some("local_part")),
        Conflict::CatchAllExists => ("catch-all-exists", Some("for")),
        Conflict::CatchAllRestored => ("catch-all-restored", None),
        Conflict::AccountExists(_) | Conflict::SignUpTaken(_) => ("account-exists", Some("email")),
        Conflict::DomainServed(_) => ("domain-served", Some("domain")),
        Conflict::OrganisationNamed(_) => ("organisation-named", Some("name")),
        Conflict::AlreadyUser => ("already-user", Some("email")),
        Conflict::AlreadyInvited => ("already-invited", Some("email")),
    }
}

fn rejection(r: &Rejection) -> (&'static str, Option<&'static str>) {
    match r {
        Rejection::CatchAllAlias => ("catch-all-alias", Some("alias")),
        Rejection::NoReplyForward => ("no-reply-forward", Some("forward_to")),
        Rejection::ForwardToSelf => ("forward-to-self", Some("forward_to")),
        Rejection::NoMailboxToReplyFrom => ("no-mailbox", None),
        Rejection::AutoReplyWithoutMailServer => ("no-mail-server", None),
        Rejection::LinkDays => ("link-days", Some("days")),
        Rejection::NotAMember => ("not-a-member", Some("member")),
        Rejection::LastOwner | Rejection::LastOwnerRemoved | Rejection::LastOwnerLeaving => {
            ("last-owner", None)
        }
        Rejection::DeletionNotConfirmed | Rejection::OrganisationDeletionNotConfirmed => {
            ("deletion-not-confirmed", Some("confirm"))
        }
        Rejection::OrganisationNameMissing
        | Rejection::OrganisationNameTooLong
        | Rejection::OrganisationNameInvisible => ("organisation-name", Some("name")),
        Rejection::NoSuchOrganisation(_) | Rejection::SeveralOrganisations => {
            ("organisation", None)
        }
        Rejection::LastOperator => ("last-operator", None),
        Rejection::OperatorWithoutSecondFactor => ("two-factor", None),
        Rejection::NoSuchPerson(_) => ("no-such-person", None),
        Rejection::NotAnOperator(_) => ("not-an-operator", None),
        Rejection::NoOwnerYet(_) => ("no-owner-yet", None),
        Rejection::SuspensionReason => ("suspension-reason", Some("reason")),
        Rejection::LimitReached { .. } => ("limit-reached", None),
        Rejection::QuotaRequired { .. } => ("quota-required", Some("quota")),
        Rejection::ImportStarted => ("import-started", None),
        Rejection::JobNotFailed => ("job-not-failed", None),
        Rejection::InvitationLogin(_) => ("invitation-login", None),
        Rejection::ReservedName(_) => ("reserved-name", Some("local_part")),
        Rejection::TwoFactorOn | Rejection::TwoFactorNotStarted => ("two-factor", None),
        Rejection::DeviceDays | Rejection::TokenDays => ("days", Some("days")),
        Rejection::NotAUser => ("not-a-user", Some("user")),
        Rejection::OwnPermissions => ("own-permissions", Some("permissions")),
        Rejection::PermissionNotHeld => ("permission-not-held", Some("permissions")),
        Rejection::CreatedWithoutAccess(_) => ("created-without-access", None),
        Rejection::TokenName => ("token-name", Some("name")),
        Rejection::IdempotencyKey => ("idempotency-key", None),
        Rejection::Link(LinkProblem::Unknown) => ("link-unknown", None),
        Rejection::Link(LinkProblem::Expired) => ("link-expired", None),
        Rejection::Link(LinkProblem::Revoked) => ("link-revoked", None),
        Rejection::Link(LinkProblem::Used) => ("link-used", None),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, kind, title, field) = self.parts();
        let detail = match &self {
            ApiError::Internal(message) => {
                tracing::error!(%message, "API request failed");
                "the server could not do this; nothing was changed".to_owned()
            }
            ApiError::App(e) if status == StatusCode::INTERNAL_SERVER_ERROR => {
                tracing::error!(error = %e, "API request failed");
                "the server could not do this; nothing was changed".to_owned()
            }
            other => other.to_string(),
        };
        let problem = Problem {
            kind: format!("{TYPE_BASE}{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            field: field.map(str::to_owned),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        let retry_after = match &self {
            ApiError::App(AppError::RateLimited { retry_after })
            | ApiError::App(AppError::Throttled { retry_after }) => Some(*retry_after),
            ApiError::App(AppError::Busy) | ApiError::KeyRunning => Some(1),
            _ => None,
        };
        if let Some(seconds) = retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"mailroom\""),
            );
        }
        response
    }
}

/// Every problem type, for the reference page.
pub const TYPES: &[(&str, u16, &str)] = &[
    (
        "unauthorized",
        401,
        "The token is missing, malformed, unknown, expired or revoked.",
    ),
    (
        "forbidden",
        403,
        "The token's scope, or its maker's role, does not allow this.",
    ),
    (
        "network-not-allowed",
        403,
        "The token is limited to other client networks.",
    ),
    (
        "token-kind",
        403,
        "An operator's token on an organisation's path, or an organisation's token on /api/v1/operator.",
    ),
    (
        "two-factor",
        422,
        "Two-factor sign-in is not set up as this needs: operators sign in with two factors, and the token's operator has not set it up.",
    ),
    (
        "organisation-named",
        409,
        "Another organisation already has this name.",
    ),
    (
        "not-found",
        404,
        "No such thing in the token's organisation (other organisations' ids too).",
    ),
    (
        "method-not-allowed",
        405,
        "The path exists, but not with this method.",
    ),
    (
        "rate-limited",
        429,
        "Too many requests with this token; see Retry-After.",
    ),
    (
        "invalid-body",
        400,
        "The body is not the JSON this endpoint takes.",
    ),
    (
        "invalid-field",
        422,
        "A field does not parse; `field` names it.",
    ),
    ("invalid-address", 422, "An address or name is not valid."),
    (
        "weak-password",
        422,
        "The password policy refuses the password.",
    ),
    ("invalid-file", 422, "The CSV file cannot be read."),
    (
        "organisation-suspended",
        403,
        "The installation's operator suspended the token's organisation; `detail` says why.",
    ),
    (
        "limit-reached",
        422,
        "One more would pass a limit the operator set on the organisation; `detail` names it.",
    ),
    (
        "quota-required",
        422,
        "The organisation's storage is limited, so the address needs a quota (its own or its service's default).",
    ),
    ("address-exists", 409, "An address already has this name."),
    (
        "reserved-after-deletion",
        409,
        "A recently deleted address holds the name until its retention ends.",
    ),
    (
        "idempotency-key-running",
        409,
        "A request with this key is still running.",
    ),
    (
        "idempotency-key-reused",
        422,
        "The key was sent before with a different request.",
    ),
    (
        "busy",
        503,
        "Too many passwords are being hashed right now; see Retry-After.",
    ),
    (
        "disk-full",
        507,
        "The database's disk is full; nothing was changed.",
    ),
];

//! Who uses an address: adding a member or inviting anyone by email, their
//! permissions, removing them; sharing links; pending invitations.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::addresses::target;
use super::gate::{ApiJson, Caller, id, run};
use super::problem::{ApiError, Problem};
use super::schemas::{
    AddUser, AddedUser, LinkOut, NewLink, PermissionName, SetPermissions, Signup,
};
use crate::app::{ShareMode, ShareWith, Shared};
use crate::http::AppState;
use crate::model::{EmailAddress, InvitationId, LinkId, SignupRule, UserId};
use crate::urls;

/// Gives a member access at once, or invites anyone else by email.
#[utoipa::path(post, path = "/api/v1/services/{domain}/addresses/{local}/users", operation_id = "shareAddress", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = AddUser,
    responses((status = 201, body = AddedUser),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn add(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<AddUser>,
) -> Result<Response, ApiError> {
    let target = target(&domain, &local)?;
    let email = EmailAddress::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    let signup = match body.signup {
        Signup::OwnChoice => SignupRule::OwnChoice,
        Signup::ThisAddress => SignupRule::ThisAddress,
    };
    let permissions = PermissionName::set(&body.permissions);
    let actor = caller.actor;
    let shared = run(&state, move |app| {
        let with = ShareWith::Email {
            email,
            signup,
            lang: body.lang.map(Into::into),
        };
        app.sharing()
            .share_address(&actor, &target, with, permissions, ShareMode::AtOnce)
    })
    .await?;
    let added = match shared {
        Shared::Member(user) => AddedUser {
            result: "member".into(),
            user_id: Some(user.0),
            invitation_id: None,
        },
        Shared::Invited(invitation) => AddedUser {
            result: "invited".into(),
            user_id: None,
            invitation_id: Some(invitation.0),
        },
    };
    Ok((StatusCode::CREATED, axum::Json(added)).into_response())
}

/// Changes a user's permissions on the address.
#[utoipa::path(put, path = "/api/v1/services/{domain}/addresses/{local}/users/{user}/permissions", operation_id = "setUserPermissions", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("user" = u64, Path)),
    request_body = SetPermissions,
    responses((status = 204, description = "Saved"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn set_permissions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local, user)): Path<(String, String, String)>,
    ApiJson(body): ApiJson<SetPermissions>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let user = UserId(id(&user)?);
    let permissions = PermissionName::set(&body.permissions);
    let actor = caller.actor;
    run(&state, move |app| {
        app.sharing()
            .set_permissions(&actor, &target, user, permissions)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a user: their device passwords stop at once.
#[utoipa::path(delete, path = "/api/v1/services/{domain}/addresses/{local}/users/{user}", operation_id = "removeUser", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("user" = u64, Path)),
    responses((status = 204, description = "Removed: the person's device passwords stop at once"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local, user)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let user = UserId(id(&user)?);
    let actor = caller.actor;
    run(&state, move |app| {
        app.sharing().remove_user(&actor, &target, user)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The address's sharing links (their URLs are shown only when made).
#[utoipa::path(get, path = "/api/v1/services/{domain}/addresses/{local}/links", operation_id = "listSharingLinks", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path)),
    responses((status = 200, body = Vec<LinkOut>),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn links(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let target = target(&domain, &local)?;
    let actor = caller.actor;
    let links = run(&state, move |app| app.sharing().links_of(&actor, &target)).await?;
    let out: Vec<LinkOut> = links.iter().map(|l| LinkOut::new(l, None)).collect();
    Ok(axum::Json(out).into_response())
}

/// Makes a sharing link; its URL is in this answer only.
#[utoipa::path(post, path = "/api/v1/services/{domain}/addresses/{local}/links", operation_id = "createSharingLink", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = NewLink,
    responses((status = 201, body = LinkOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn create_link(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<NewLink>,
) -> Result<Response, ApiError> {
    let target = target(&domain, &local)?;
    let permissions = PermissionName::set(&body.permissions);
    let actor = caller.actor;
    let (link, token) = run(&state, move |app| {
        app.sharing()
            .create_link(&actor, &target, permissions, body.days)
    })
    .await?;
    let url = format!(
        "{}{}",
        state.app.settings().public_url,
        urls::sharing_link(&token)
    );
    Ok((
        StatusCode::CREATED,
        axum::Json(LinkOut::new(&link, Some(url))),
    )
        .into_response())
}

/// Revokes a sharing link.
#[utoipa::path(delete, path = "/api/v1/services/{domain}/addresses/{local}/links/{id}", operation_id = "revokeSharingLink", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("id" = u64, Path)),
    responses((status = 204, description = "Revoked"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn revoke_link(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local, link)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let link = LinkId(id(&link)?);
    let actor = caller.actor;
    run(&state, move |app| {
        app.sharing().revoke_link(&actor, &target, link)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a pending invitation again.
#[utoipa::path(post, path = "/api/v1/services/{domain}/addresses/{local}/invitations/{id}/resend", operation_id = "resendInvitation", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("id" = u64, Path)),
    responses((status = 204, description = "Sent again"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn resend_invitation(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local, invitation)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let invitation = InvitationId(id(&invitation)?);
    let actor = caller.actor;
    run(&state, move |app| {
        app.sharing().resend_invitation(&actor, &target, invitation)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes a pending invitation.
#[utoipa::path(delete, path = "/api/v1/services/{domain}/addresses/{local}/invitations/{id}", operation_id = "cancelInvitation", tag = "users",
    params(("domain" = String, Path), ("local" = String, Path), ("id" = u64, Path)),
    responses((status = 204, description = "Revoked"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local, invitation)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let invitation = InvitationId(id(&invitation)?);
    let actor = caller.actor;
    run(&state, move |app| {
        app.sharing().revoke_invitation(&actor, &target, invitation)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

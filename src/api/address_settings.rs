//! An address's forwarding, aliases and password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::addresses::target;
use super::gate::{ApiJson, Caller, run};
use super::problem::{ApiError, Problem};
use super::schemas::{AddressDetail, NewAlias, SetForwarding, SetPassword, SetQuota};
use crate::http::AppState;
use crate::model::{EmailAddress, Forwarding, LocalPart, Password, Quota};

/// Sets or stops forwarding.
#[utoipa::path(put, path = "/api/v1/services/{domain}/addresses/{local}/forwarding", operation_id = "setForwarding", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    request_body = SetForwarding,
    responses((status = 204, description = "Saved"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn forwarding(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetForwarding>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let forwarding = match body.forward_to.as_deref() {
        Some(to) => Some(Forwarding {
            to: EmailAddress::parse(to).map_err(|e| ApiError::field("forward_to", e))?,
            keep_copy: body.keep_copy,
        }),
        None => None,
    };
    let actor = caller.actor;
    run(&state, move |app| {
        app.addresses().set_forwarding(&actor, &target, forwarding)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds another name that delivers to the address.
#[utoipa::path(post, path = "/api/v1/services/{domain}/addresses/{local}/aliases", operation_id = "addAlias", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = NewAlias,
    responses((status = 201, body = AddressDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn add_alias(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<NewAlias>,
) -> Result<Response, ApiError> {
    let target = target(&domain, &local)?;
    let alias = LocalPart::parse_mailbox(&body.alias).map_err(|e| ApiError::field("alias", e))?;
    let (actor, who) = (caller.actor.clone(), caller.who());
    let detail = run(&state, move |app| {
        app.addresses().add_alias(&actor, &target, &alias)?;
        app.addresses()
            .address_view(who, &target)
            .map(|view| AddressDetail::from(&view))
    })
    .await?;
    Ok((StatusCode::CREATED, axum::Json(detail)).into_response())
}

/// Removes an alias.
#[utoipa::path(delete, path = "/api/v1/services/{domain}/addresses/{local}/aliases/{alias}", operation_id = "removeAlias", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path), ("alias" = String, Path)),
    responses((status = 204, description = "Removed"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn remove_alias(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local, alias)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let alias =
        LocalPart::parse(&alias).map_err(|_| ApiError::App(crate::app::AppError::NotFound))?;
    let actor = caller.actor;
    run(&state, move |app| {
        app.addresses().remove_alias(&actor, &target, &alias)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the address password.
#[utoipa::path(put, path = "/api/v1/services/{domain}/addresses/{local}/password", operation_id = "setAddressPassword", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    request_body = SetPassword,
    responses((status = 204, description = "Changed"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn password(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetPassword>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let password = Password::new(&body.password, Some(&target.email()))
        .map_err(|e| ApiError::field("password", e))?;
    let actor = caller.actor;
    run(&state, move |app| {
        app.addresses()
            .change_address_password(&actor, &target, &password)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets the address's own quota, or returns it to the service's default.
#[utoipa::path(put, path = "/api/v1/services/{domain}/addresses/{local}/quota", operation_id = "setAddressQuota", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    request_body = SetQuota,
    responses((status = 204, description = "Saved"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn quota(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetQuota>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let quota = body
        .quota_mb
        .map(Quota::megabytes)
        .transpose()
        .map_err(|e| ApiError::field("quota_mb", e))?;
    let actor = caller.actor;
    run(&state, move |app| {
        app.addresses().set_quota(&actor, &target, quota)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

//! Addresses: list and search, create (every kind, for whom), read, delete
//! and restore. Handlers turn JSON into the model's types and call the
//! use case; the rules are the use case's.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use super::gate::{ApiJson, ApiQuery, Caller, id, run};
use super::problem::{ApiError, Problem};
use super::schemas::{
    AddressDetail, AddressOut, AddressPageOut, CreateAddress, ForWhom, PermissionName, Signup,
};
use crate::app::{self, AddressRef, NewAddress, PermissionChoice, ShareWith};
use crate::http::AppState;
use crate::model::{
    AddressId, Cursor, Domain, EmailAddress, Forwarding, LocalPart, Password, Quota, SignupRule,
};

const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

pub(super) fn domain(raw: &str) -> Result<Domain, ApiError> {
    Domain::parse(raw).map_err(|_| ApiError::App(crate::app::AppError::NotFound))
}

pub(super) fn target(domain: &str, local: &str) -> Result<AddressRef, ApiError> {
    Ok(AddressRef::parse(domain, local)?)
}

pub(super) fn location(target: &AddressRef) -> String {
    format!(
        "/api/v1/services/{}/addresses/{}",
        target.domain.as_ascii(),
        target.local
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only addresses whose name starts with this.
    #[serde(default)]
    prefix: String,
    /// The `next` of the previous page.
    after: Option<String>,
    /// 1 to 500; 50 by default.
    limit: Option<usize>,
}

/// A page of the service's addresses, by name; `prefix` searches, `after` pages.
#[utoipa::path(get, path = "/api/v1/services/{domain}/addresses", operation_id = "listAddresses", tag = "addresses",
    params(("domain" = String, Path), ListQuery),
    responses((status = 200, body = AddressPageOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let cursor = query.after.map_or(Cursor::First, Cursor::After);
    let who = caller.who();
    let page = run(&state, move |app| {
        let page = app
            .addresses()
            .list_addresses(who, &domain, &query.prefix, &cursor, limit)?;
        Ok((page, domain))
    })
    .await?;
    let (page, domain) = page;
    let next = page
        .has_next
        .then(|| page.items.last().map(|a| a.local_part.to_string()))
        .flatten();
    let items = page
        .items
        .iter()
        .map(|a| AddressOut::new(a, &domain))
        .collect();
    Ok(axum::Json(AddressPageOut { items, next }).into_response())
}

/// Creates an address: for the token's maker, for another user, shared, no-reply or catch-all.
#[utoipa::path(post, path = "/api/v1/services/{domain}/addresses", operation_id = "createAddress", tag = "addresses",
    params(("domain" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateAddress,
    responses((status = 201, body = AddressDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<CreateAddress>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let local =
        LocalPart::parse_mailbox(&body.local_part).map_err(|e| ApiError::field("local_part", e))?;
    let email = EmailAddress::new(local.clone(), domain.clone());
    let lang = body.lang;
    let signup = match body.signup {
        Signup::OwnChoice => SignupRule::OwnChoice,
        Signup::ThisAddress => SignupRule::ThisAddress,
    };
    let for_whom = match body.for_whom {
        ForWhom::Me => app::ForWhom::Me,
        ForWhom::Multiple => app::ForWhom::Multiple,
        ForWhom::NoReply => app::ForWhom::NoReply,
        ForWhom::CatchAll => app::ForWhom::CatchAll,
        ForWhom::Other => {
            let raw = body.share_with.as_deref().unwrap_or("");
            let email = EmailAddress::parse(raw).map_err(|_| {
                ApiError::field(
                    "share_with",
                    "a member's login or the email address of the person to invite",
                )
            })?;
            app::ForWhom::Other {
                with: ShareWith::Email {
                    email,
                    signup,
                    lang: lang.map(Into::into),
                },
                permissions: PermissionChoice::or_defaults(
                    body.permissions.as_ref().map(|p| PermissionName::set(p)),
                ),
            }
        }
    };
    let password = if matches!(for_whom, app::ForWhom::Other { .. }) {
        None
    } else {
        let raw = body
            .password
            .as_deref()
            .ok_or_else(|| ApiError::field("password", "this address needs a password"))?;
        Some(Password::new(raw, Some(&email)).map_err(|e| ApiError::field("password", e))?)
    };
    let forwarding = match body.forward_to.as_deref() {
        Some(to) => Some(Forwarding {
            to: EmailAddress::parse(to).map_err(|e| ApiError::field("forward_to", e))?,
            keep_copy: body.keep_copy,
        }),
        None => None,
    };
    let quota = body
        .quota_mb
        .map(Quota::megabytes)
        .transpose()
        .map_err(|e| ApiError::field("quota_mb", e))?;
    let (actor, who) = (caller.actor.clone(), caller.who());
    let target = AddressRef::new(domain.clone(), local.clone());
    let detail = run(&state, move |app| {
        let new = NewAddress {
            local_part: local,
            for_whom,
            password,
            forwarding,
            display_name: body.display_name,
            quota,
        };
        app.addresses().create_address(&actor, &domain, new)?;
        app.addresses()
            .address_view(who, &target)
            .map(|view| AddressDetail::from(&view))
    })
    .await?;
    let target = AddressRef::parse(&raw, &detail.address.local_part)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location(&target))],
        axum::Json(detail),
    )
        .into_response())
}

/// One address with its users and pending invitations.
#[utoipa::path(get, path = "/api/v1/services/{domain}/addresses/{local}", operation_id = "showAddress", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    responses((status = 200, body = AddressDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let target = target(&domain, &local)?;
    let who = caller.who();
    let detail = run(&state, move |app| {
        app.addresses()
            .address_view(who, &target)
            .map(|view| AddressDetail::from(&view))
    })
    .await?;
    Ok(axum::Json(detail).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteQuery {
    /// Must be `true`: the address and its mail are deleted.
    #[serde(default)]
    confirm: bool,
}

/// Deletes an address and its mail (restorable during the retention period).
#[utoipa::path(delete, path = "/api/v1/services/{domain}/addresses/{local}", operation_id = "deleteAddress", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path), DeleteQuery),
    responses((status = 204, description = "Deleted; restorable during the retention period"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<DeleteQuery>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let actor = caller.actor;
    run(&state, move |app| {
        app.addresses()
            .delete_address(&actor, &target, "", query.confirm)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Addresses deleted recently, still restorable.
#[utoipa::path(get, path = "/api/v1/services/{domain}/deleted", operation_id = "listDeletedAddresses", tag = "addresses",
    params(("domain" = String, Path)),
    responses((status = 200, body = Vec<AddressOut>),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn deleted(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let who = caller.who();
    let (found, domain) = run(&state, move |app| {
        Ok((app.addresses().deleted_addresses(who, &domain)?, domain))
    })
    .await?;
    let items: Vec<AddressOut> = found.iter().map(|a| AddressOut::new(a, &domain)).collect();
    Ok(axum::Json(items).into_response())
}

/// Restores a deleted address under its name.
#[utoipa::path(post, path = "/api/v1/services/{domain}/deleted/{id}/restore", operation_id = "restoreAddress", tag = "addresses",
    params(("domain" = String, Path), ("id" = u64, Path)),
    responses((status = 200, body = AddressDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn restore(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((raw, address)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let address = AddressId(id(&address)?);
    let (who, actor) = (caller.who(), caller.actor);
    let detail = run(&state, move |app| {
        let address = app.addresses().restore_address(&actor, &domain, address)?;
        let target = AddressRef::new(domain, address.local_part);
        app.addresses()
            .address_view(who, &target)
            .map(|view| AddressDetail::from(&view))
    })
    .await?;
    Ok(axum::Json(detail).into_response())
}

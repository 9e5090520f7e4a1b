//! `/api/v1/operator`: the operator's console for a provider's own systems,
//! with an operator's token (`OperatorCaller`): organisations listed and
//! searched, created with their first owner, their limits set and usage
//! read, suspended, resumed, deleted and restored. Each call is the
//! console's use case, which checks again, in its transaction, that the
//! token's operator still is one.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::gate::{ApiJson, ApiQuery, OperatorCaller, id, run};
use super::operator_schemas::{LimitsIo, OrganisationOut, OrganisationPageOut, UsageOut, out};
use super::problem::{ApiError, Problem};
use crate::app::OperatorActor;
use crate::http::AppState;
use crate::model::{EmailAddress, LimitKind, Limits, OrgId};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Part of a name or of a domain, any case.
    #[serde(default)]
    search: String,
    /// The `next` of the page before.
    after: Option<u64>,
    /// How many: 20 unless asked, at most 100.
    limit: Option<usize>,
}

/// Organisations in the order they were made, paged, searched by name or domain.
#[utoipa::path(get, path = "/api/v1/operator/organisations", operation_id = "listOrganisations", tag = "operator",
    params(ListQuery),
    responses((status = 200, body = OrganisationPageOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let limit = query
        .limit
        .unwrap_or(crate::app::ORGANISATION_PAGE)
        .clamp(1, crate::app::ORGANISATIONS_MOST);
    let page = run(&state, move |app| {
        let page = app.operators().organisations(
            OperatorActor::Person(&actor),
            &query.search,
            query.after.map(OrgId),
            limit,
        )?;
        Ok(OrganisationPageOut {
            items: page.items.into_iter().map(|s| out(app, s)).collect(),
            next: page.next.map(|o| o.0),
        })
    })
    .await?;
    Ok(axum::Json(page).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisationIn {
    /// 1 to 100 characters, unique in any case.
    pub name: String,
    /// The first owner's email: a person with an account becomes its owner
    /// at once; anyone else is sent an invitation to become it.
    pub owner: String,
    /// Limits other than the installation's defaults for new organisations.
    #[serde(default)]
    pub limits: Option<LimitsIo>,
}

/// Creates an organisation with its first owner (honours `Idempotency-Key`).
#[utoipa::path(post, path = "/api/v1/operator/organisations", operation_id = "createOrganisation", tag = "operator",
    request_body = NewOrganisationIn,
    responses((status = 201, body = OrganisationOut, headers(("Location" = String))),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn create(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    ApiJson(body): ApiJson<NewOrganisationIn>,
) -> Result<Response, ApiError> {
    let owner =
        EmailAddress::parse(&body.owner).map_err(|e| ApiError::field("owner", e.to_string()))?;
    let made = run(&state, move |app| {
        let by = OperatorActor::Person(&actor);
        let operators = app.operators();
        let limits = body.limits.map(Limits::from);
        let org = operators.create_organisation_with(by, &body.name, &owner, limits)?;
        Ok(out(app, operators.organisation(by, org.id)?))
    })
    .await?;
    let location = format!("/api/v1/operator/organisations/{}", made.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        axum::Json(made),
    )
        .into_response())
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/operator/organisations/{id}", operation_id = "showOrganisation", tag = "operator",
    params(("id" = u64, Path)),
    responses((status = 200, body = OrganisationOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let org = OrgId(id(&raw)?);
    let found = run(&state, move |app| {
        let summary = app
            .operators()
            .organisation(OperatorActor::Person(&actor), org)?;
        Ok(out(app, summary))
    })
    .await?;
    Ok(axum::Json(found).into_response())
}

/// What an organisation uses of each of its limits.
#[utoipa::path(get, path = "/api/v1/operator/organisations/{id}/usage", operation_id = "organisationUsage", tag = "operator",
    params(("id" = u64, Path)),
    responses((status = 200, body = Vec<UsageOut>),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn usage(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let org = OrgId(id(&raw)?);
    let usage = run(&state, move |app| {
        app.operators().usage(OperatorActor::Person(&actor), org)
    })
    .await?;
    let items: Vec<UsageOut> = usage
        .into_iter()
        .map(|(kind, used, max)| UsageOut {
            limit: LimitKind::name(kind).to_owned(),
            used,
            max,
        })
        .collect();
    Ok(axum::Json(items).into_response())
}

/// Sets an organisation's limits, all at once: a limit left out is none.
/// What it already has stays; only making more is refused.
#[utoipa::path(put, path = "/api/v1/operator/organisations/{id}/limits", operation_id = "setOrganisationLimits", tag = "operator",
    params(("id" = u64, Path)),
    request_body = LimitsIo,
    responses((status = 200, body = OrganisationOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn limits(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<LimitsIo>,
) -> Result<Response, ApiError> {
    let org = OrgId(id(&raw)?);
    let found = run(&state, move |app| {
        let by = OperatorActor::Person(&actor);
        app.operators().set_limits(by, org, body.into())?;
        Ok(out(app, app.operators().organisation(by, org)?))
    })
    .await?;
    Ok(axum::Json(found).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspendIn {
    /// Shown to its people on a banner; 1 to 500 characters.
    pub reason: String,
}

/// Suspends an organisation: its people cannot sign in, its mail logins
/// wait, its mail still arrives, its jobs pause.
#[utoipa::path(post, path = "/api/v1/operator/organisations/{id}/suspend", operation_id = "suspendOrganisation", tag = "operator",
    params(("id" = u64, Path)),
    request_body = SuspendIn,
    responses((status = 204, description = "Suspended (or already was)"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn suspend(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<SuspendIn>,
) -> Result<StatusCode, ApiError> {
    let org = OrgId(id(&raw)?);
    run(&state, move |app| {
        app.operators()
            .suspend(OperatorActor::Person(&actor), org, &body.reason)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lifts a suspension.
#[utoipa::path(post, path = "/api/v1/operator/organisations/{id}/resume", operation_id = "resumeOrganisation", tag = "operator",
    params(("id" = u64, Path)),
    responses((status = 204, description = "Active again (or already was)"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn resume(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let org = OrgId(id(&raw)?);
    run(&state, move |app| {
        app.operators().resume(OperatorActor::Person(&actor), org)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteQuery {
    /// Must be `true`: its addresses, domains and memberships go.
    #[serde(default)]
    confirm: bool,
}

/// Deletes an organisation: its memberships end, its domains stop receiving
/// mail; restorable during the retention period, then purged.
#[utoipa::path(delete, path = "/api/v1/operator/organisations/{id}", operation_id = "deleteOrganisation", tag = "operator",
    params(("id" = u64, Path), DeleteQuery),
    responses((status = 204, description = "Deleted; restorable during the retention period"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
    ApiQuery(query): ApiQuery<DeleteQuery>,
) -> Result<StatusCode, ApiError> {
    let org = OrgId(id(&raw)?);
    run(&state, move |app| {
        app.operators()
            .delete_organisation(OperatorActor::Person(&actor), org, "", query.confirm)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives a deleted organisation back, within its retention.
#[utoipa::path(post, path = "/api/v1/operator/organisations/{id}/restore", operation_id = "restoreOrganisation", tag = "operator",
    params(("id" = u64, Path)),
    responses((status = 200, body = OrganisationOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn restore(
    State(state): State<AppState>,
    OperatorCaller(actor): OperatorCaller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let org = OrgId(id(&raw)?);
    let found = run(&state, move |app| {
        let by = OperatorActor::Person(&actor);
        app.operators().restore_organisation(by, org)?;
        Ok(out(app, app.operators().organisation(by, org)?))
    })
    .await?;
    Ok(axum::Json(found).into_response())
}

//! The token's organisation: its services and members, its jobs and
//! outgoing messages.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::gate::{Caller, id, run};
use super::problem::{ApiError, Problem};
use super::schemas::{MemberOut, ServiceOut};
use crate::http::AppState;
use crate::model::{JobId, MessageState};

const RECENT: usize = 200;

/// The services (domains) of the token's organisation.
#[utoipa::path(get, path = "/api/v1/services", operation_id = "listServices", tag = "organisation",
    responses((status = 200, body = Vec<ServiceOut>),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn services(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Response, ApiError> {
    let (who, org) = (caller.who(), caller.org);
    let services = run(&state, move |app| app.services().services_in(who, org)).await?;
    let out: Vec<ServiceOut> = services
        .into_iter()
        .map(|s| ServiceOut {
            domain: s.domain.to_string(),
            addresses: s.address_count,
            created_at: s.created,
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

/// The organisation's members and their roles.
#[utoipa::path(get, path = "/api/v1/members", operation_id = "listMembers", tag = "organisation",
    responses((status = 200, body = Vec<MemberOut>),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn members(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Response, ApiError> {
    let (actor, org) = (caller.actor, caller.org);
    let members = run(&state, move |app| app.organisations().members(&actor, org)).await?;
    let out: Vec<MemberOut> = members
        .into_iter()
        .map(|(user, membership)| MemberOut {
            user_id: user.id.0,
            login: user.login.to_string(),
            name: user.display_name,
            role: membership.role.name().to_owned(),
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobOut {
    pub id: u64,
    /// What it does, in words.
    pub job: String,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    pub attempts: u32,
    pub max_attempts: u32,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

/// The organisation's newest background jobs.
#[utoipa::path(get, path = "/api/v1/jobs", operation_id = "listJobs", tag = "organisation",
    responses((status = 200, body = Vec<JobOut>, description = "The newest 200, newest first"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn jobs(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Response, ApiError> {
    let who = caller.who();
    let jobs = run(&state, move |app| app.operations().jobs_for(who, RECENT)).await?;
    let out: Vec<JobOut> = jobs
        .into_iter()
        .map(|j| JobOut {
            id: j.id.0,
            job: j.job.label(),
            state: j.state.label().to_owned(),
            attempts: j.attempts,
            max_attempts: j.max_attempts,
            last_error: j.last_error,
            created_at: j.created,
            finished_at: j.finished,
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

/// Queues a failed job again (admin scope).
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", operation_id = "retryJob", tag = "organisation",
    params(("id" = u64, Path)),
    responses((status = 204, description = "Queued again"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn retry(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(job): Path<String>,
) -> Result<StatusCode, ApiError> {
    let job = JobId(id(&job)?);
    let actor = caller.actor;
    run(&state, move |app| app.operations().retry_job(&actor, job)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageOut {
    pub id: u64,
    pub to: String,
    pub subject: String,
    /// `queued`, `sent`, `kept` (no SMTP server: kept in the outbox),
    /// `withheld` (no SMTP server, and a private link: not kept),
    /// `retrying` or `failed`. No message's body is ever given here.
    pub state: String,
    pub attempts: u32,
    pub created_at: i64,
}

/// The organisation's newest outgoing messages.
#[utoipa::path(get, path = "/api/v1/outbox", operation_id = "listOutbox", tag = "organisation",
    responses((status = 200, body = Vec<MessageOut>, description = "The newest 200, newest first"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn outbox(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Response, ApiError> {
    let who = caller.who();
    let messages = run(&state, move |app| app.operations().outbox_for(who, RECENT)).await?;
    let out: Vec<MessageOut> = messages
        .into_iter()
        .map(|m| MessageOut {
            id: m.id.0,
            to: m.to.to_string(),
            subject: m.subject,
            state: match m.state {
                MessageState::Queued => "queued",
                MessageState::Sent { .. } => "sent",
                MessageState::InOutbox { .. } => "kept",
                MessageState::Withheld { .. } => "withheld",
                MessageState::Retrying { .. } => "retrying",
                MessageState::Failed { .. } => "failed",
            }
            .to_owned(),
            attempts: m.attempts,
            created_at: m.created,
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

//! An address's out-of-office reply over the API: read, set (on or off),
//! and turned off; times are RFC 3339 instants.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::addresses::target;
use super::gate::{ApiJson, Caller, run};
use super::problem::{ApiError, Problem};
use crate::app::{AutoReplyChange, AutoReplyView};
use crate::http::AppState;
use crate::model::{DEFAULT_REPLY_DAYS, ReplyTime};

fn default_days() -> u16 {
    DEFAULT_REPLY_DAYS
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetAutoReply {
    /// Whether the mail server answers; `false` keeps the text and sends nothing.
    pub enabled: bool,
    /// Empty: the mail server's own, "Auto:" and the subject answered. At most 200 characters.
    #[serde(default)]
    pub subject: String,
    /// Plain text, at most 10,000 characters.
    pub message: String,
    /// RFC 3339 with its offset, e.g. `2026-12-24T09:00:00+01:00`; absent: from now on.
    pub start: Option<String>,
    /// RFC 3339 with its offset; absent: until turned off.
    pub end: Option<String>,
    /// Days before the same sender is answered again, 1 to 60 (default 7).
    #[serde(default = "default_days")]
    pub days: u16,
    /// Only senders whose domain is one of the organisation's.
    #[serde(default)]
    pub only_own_domains: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AutoReplyOut {
    pub enabled: bool,
    pub subject: String,
    pub message: String,
    /// RFC 3339, UTC.
    pub start: Option<String>,
    /// RFC 3339, UTC.
    pub end: Option<String>,
    pub days: u16,
    pub only_own_domains: bool,
    /// The organisation's, in which its pages show these times.
    pub time_zone: String,
}

fn rfc3339(seconds: i64) -> Option<String> {
    jiff::Timestamp::from_second(seconds)
        .ok()
        .map(|t| t.to_string())
}

fn out(view: AutoReplyView) -> AutoReplyOut {
    let time_zone = view.time_zone.to_string();
    match view.reply {
        Some(reply) => AutoReplyOut {
            enabled: reply.enabled,
            subject: reply.subject,
            message: reply.message,
            start: reply.start.and_then(rfc3339),
            end: reply.end.and_then(rfc3339),
            days: reply.days,
            only_own_domains: reply.only_own_domains,
            time_zone,
        },
        None => AutoReplyOut {
            enabled: false,
            subject: String::new(),
            message: String::new(),
            start: None,
            end: None,
            days: DEFAULT_REPLY_DAYS,
            only_own_domains: false,
            time_zone,
        },
    }
}

/// The address's out-of-office reply.
#[utoipa::path(get, path = "/api/v1/services/{domain}/addresses/{local}/auto-reply", operation_id = "getAutoReply", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    responses((status = 200, body = AutoReplyOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
) -> Result<Json<AutoReplyOut>, ApiError> {
    let target = target(&domain, &local)?;
    let actor = caller.actor;
    let view = run(&state, move |app| {
        app.addresses().auto_reply(&actor, &target)
    })
    .await?;
    Ok(Json(out(view)))
}

/// Sets the reply, on or off; the mail server has it within moments.
#[utoipa::path(put, path = "/api/v1/services/{domain}/addresses/{local}/auto-reply", operation_id = "setAutoReply", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    request_body = SetAutoReply,
    responses((status = 200, body = AutoReplyOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn set(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetAutoReply>,
) -> Result<Json<AutoReplyOut>, ApiError> {
    let target = target(&domain, &local)?;
    let instant = |field: &'static str, text: &Option<String>| {
        text.as_deref()
            .map(ReplyTime::parse_instant)
            .transpose()
            .map_err(|e| ApiError::field(field, e))
    };
    let change = AutoReplyChange {
        enabled: body.enabled,
        subject: body.subject,
        message: body.message,
        start: instant("start", &body.start)?,
        end: instant("end", &body.end)?,
        days: body.days,
        only_own_domains: body.only_own_domains,
    };
    let actor = caller.actor;
    let view = run(&state, move |app| {
        app.addresses().set_auto_reply(&actor, &target, &change)?;
        app.addresses().auto_reply(&actor, &target)
    })
    .await?;
    Ok(Json(out(view)))
}

/// Turns the reply off, keeping its text.
#[utoipa::path(delete, path = "/api/v1/services/{domain}/addresses/{local}/auto-reply", operation_id = "turnOffAutoReply", tag = "addresses",
    params(("domain" = String, Path), ("local" = String, Path)),
    responses((status = 204, description = "Off"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn turn_off(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((domain, local)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let target = target(&domain, &local)?;
    let actor = caller.actor;
    run(&state, move |app| {
        app.addresses().turn_off_auto_reply(&actor, &target)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

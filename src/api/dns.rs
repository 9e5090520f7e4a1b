//! A service's DNS: the records it must publish and what the last check
//! found, and a check run now (the same use case as the DNS tab's button,
//! `mailroom dns check` and the server's schedule).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::addresses::domain;
use super::gate::{Caller, run};
use super::problem::{ApiError, Problem};
use crate::http::AppState;
use crate::model::{DnsReport, RecordCheck, RecordState};

#[derive(Debug, Serialize, ToSchema)]
pub struct DnsOut {
    /// Every record the service must publish, as zone-file lines.
    pub zone: Vec<String>,
    /// Whether the service's ownership record has been seen; until then
    /// the mail server knows nothing of it.
    pub verified: bool,
    /// The last check, if any.
    pub report: Option<DnsReportOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DnsReportOut {
    /// When it was checked, in seconds since the Unix epoch.
    pub checked_at: i64,
    /// Required records that are missing or wrong (a failed check counts
    /// as one).
    pub problems: usize,
    /// Set when nothing could be asked (no resolver answered).
    pub error: Option<String>,
    pub records: Vec<RecordOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordOut {
    /// What it is for: `MX`, `SPF`, `DKIM mr2026e`, `DMARC`, `ownership`…
    pub purpose: String,
    /// The owner name, fully qualified with its final dot.
    pub name: String,
    /// `MX`, `TXT`, `SRV`, `CNAME`.
    #[serde(rename = "type")]
    pub rtype: String,
    /// The value to publish, as a zone file writes it.
    pub expected: String,
    pub required: bool,
    pub state: RecordStateOut,
    /// What is there now, when it is not right.
    pub found: Vec<String>,
    pub note: Option<String>,
}

/// What a check found of a record.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordStateOut {
    /// Present and right.
    Ok,
    /// Required and absent.
    Missing,
    /// Present but not what it should be (`found` says what is there).
    Wrong,
    /// Optional and absent.
    Optional,
}

impl From<RecordState> for RecordStateOut {
    fn from(state: RecordState) -> Self {
        match state {
            RecordState::Ok => Self::Ok,
            RecordState::Missing => Self::Missing,
            RecordState::Wrong => Self::Wrong,
            RecordState::Optional => Self::Optional,
        }
    }
}

fn report_out(report: DnsReport) -> DnsReportOut {
    DnsReportOut {
        checked_at: report.checked_at,
        problems: report.problems(),
        error: report.error,
        records: report.records.into_iter().map(record_out).collect(),
    }
}

fn record_out(record: RecordCheck) -> RecordOut {
    RecordOut {
        state: record.state.into(),
        purpose: record.purpose,
        name: record.name,
        rtype: record.rtype,
        expected: record.expected,
        required: record.required,
        found: record.found,
        note: record.note,
    }
}

/// The records the service must publish and the last check's findings
/// (owners and admins).
#[utoipa::path(get, path = "/api/v1/services/{domain}/dns", operation_id = "showDns", tag = "dns",
    params(("domain" = String, Path)),
    responses((status = 200, body = DnsOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let actor = caller.actor;
    let view = run(&state, move |app| app.services().dns_view(&actor, &domain)).await?;
    Ok(axum::Json(DnsOut {
        verified: view.service.service.receives_mail(),
        report: view.report.map(report_out),
        zone: view.zone,
    })
    .into_response())
}

/// Checks the service's DNS now, keeps and returns what was found (admin
/// scope). Moves DKIM keys on and verifies the service when its records
/// are seen. A resolver that could not be asked gives a report with
/// `error` set.
#[utoipa::path(post, path = "/api/v1/services/{domain}/dns/check", operation_id = "checkDns", tag = "dns",
    params(("domain" = String, Path)),
    responses((status = 200, body = DnsReportOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn check(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let actor = caller.actor;
    let report = run(&state, move |app| app.services().check_dns(&actor, &domain)).await?;
    Ok(axum::Json(report_out(report)).into_response())
}

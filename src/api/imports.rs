//! Bulk creation: upload a CSV file, read its preview page by page, start
//! it, follow its progress, download its report.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::addresses::domain;
use super::gate::{ApiQuery, Caller, id, run};
use super::problem::{ApiError, Problem};
use crate::app::Preview;
use crate::http::AppState;
use crate::model::{ImportId, ImportRecord, ImportState};

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    pub id: u64,
    pub file_name: String,
    /// `uploaded` (previewed, nothing created), `running` or `done`.
    pub state: String,
    pub rows: u64,
    /// Rows that will be (or were) created.
    pub valid: u64,
    /// Rows with a result so far.
    pub done: u64,
    pub created: u64,
    pub failed: u64,
    pub skipped: u64,
    /// Why it stopped before its last row, if it did.
    pub stopped: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    /// While `uploaded`: one page of the rows and what each will do.
    pub preview: Option<PreviewOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewOut {
    /// Counted from 0.
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<PreviewRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewRow {
    /// The row's number in the file (the header is 1).
    pub line: usize,
    pub address: String,
    /// Whether it will be created; else `column` and `reason` say why not.
    pub ok: bool,
    pub column: Option<String>,
    pub reason: Option<String>,
}

impl ImportOut {
    fn new(record: &ImportRecord, preview: Option<&Preview>) -> Self {
        let state = match record.state {
            ImportState::Uploaded => "uploaded",
            ImportState::Running => "running",
            ImportState::Done => "done",
        };
        Self {
            id: record.id.0,
            file_name: record.file_name.clone(),
            state: state.to_owned(),
            rows: record.rows,
            valid: record.valid,
            done: record.done,
            created: record.created_count,
            failed: record.failed,
            skipped: record.skipped,
            stopped: record.stopped.clone(),
            created_at: record.created,
            finished_at: record.finished,
            preview: preview.map(|p| PreviewOut {
                page: p.page,
                pages: p.totals.pages(),
                rows: p
                    .rows
                    .iter()
                    .map(|row| match row {
                        Ok(plan) => PreviewRow {
                            line: plan.number,
                            address: plan.local.to_string(),
                            ok: true,
                            column: None,
                            reason: None,
                        },
                        Err(e) => PreviewRow {
                            line: e.number,
                            address: e.address.clone(),
                            ok: false,
                            column: Some(e.column.clone()),
                            reason: Some(e.reason.clone()),
                        },
                    })
                    .collect(),
            }),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// Shown in lists; `upload.csv` by default.
    file_name: Option<String>,
}

/// Uploads a CSV file and previews it; nothing is created yet.
#[utoipa::path(post, path = "/api/v1/services/{domain}/imports", operation_id = "uploadImport", tag = "imports",
    params(("domain" = String, Path), UploadQuery, ("Idempotency-Key" = Option<String>, Header)),
    request_body(content = String, content_type = "text/csv",
        description = "The CSV file (address, password, password_hash, forward_to, display_name, user, permissions columns)"),
    responses((status = 201, body = ImportOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn upload(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
    ApiQuery(query): ApiQuery<UploadQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let body = body.map_err(|e| ApiError::Body(e.body_text()))?;
    let name = query.file_name.unwrap_or_else(|| "upload.csv".into());
    let (who, actor) = (caller.who(), caller.actor);
    let (record, preview) = run(&state, move |app| {
        let record = app.imports().upload_import(&actor, &domain, &name, &body)?;
        app.imports().import_of(who, &domain, record.id, 0)
    })
    .await?;
    let location = format!("/api/v1/services/{raw}/imports/{}", record.id);
    let out = ImportOut::new(&record, preview.as_ref());
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        axum::Json(out),
    )
        .into_response())
}

/// The service's imports, newest first.
#[utoipa::path(get, path = "/api/v1/services/{domain}/imports", operation_id = "listImports", tag = "imports",
    params(("domain" = String, Path)),
    responses((status = 200, body = Vec<ImportOut>),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let who = caller.who();
    let records = run(&state, move |app| app.imports().imports_of(who, &domain)).await?;
    let out: Vec<ImportOut> = records.iter().map(|r| ImportOut::new(r, None)).collect();
    Ok(axum::Json(out).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The preview's page, from 0.
    #[serde(default)]
    page: usize,
}

/// An import: its progress, and while not started a page of its preview.
#[utoipa::path(get, path = "/api/v1/services/{domain}/imports/{id}", operation_id = "showImport", tag = "imports",
    params(("domain" = String, Path), ("id" = u64, Path), PageQuery),
    responses((status = 200, body = ImportOut),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((raw, import)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let import = ImportId(id(&import)?);
    let who = caller.who();
    let (record, preview) = run(&state, move |app| {
        app.imports().import_of(who, &domain, import, query.page)
    })
    .await?;
    Ok(axum::Json(ImportOut::new(&record, preview.as_ref())).into_response())
}

/// Starts creating the valid rows of an uploaded import.
#[utoipa::path(post, path = "/api/v1/services/{domain}/imports/{id}/start", operation_id = "startImport", tag = "imports",
    params(("domain" = String, Path), ("id" = u64, Path)),
    responses((status = 202, body = ImportOut, description = "Started: follow it by reading the import"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn start(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((raw, import)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let import = ImportId(id(&import)?);
    let (who, actor) = (caller.who(), caller.actor);
    let record = run(&state, move |app| {
        app.imports().start_import(&actor, &domain, import)?;
        app.imports().import_record(who, &domain, import)
    })
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(ImportOut::new(&record, None)),
    )
        .into_response())
}

/// The import's report: one row per row done, with its reason.
#[utoipa::path(get, path = "/api/v1/services/{domain}/imports/{id}/report.csv", operation_id = "importReport", tag = "imports",
    params(("domain" = String, Path), ("id" = u64, Path)),
    responses((status = 200, content_type = "text/csv", body = String,
            description = "line,address,result,reason: one row per row done"),
        (status = "4XX", body = Problem, content_type = "application/problem+json")),
    security(("token" = [])))]
pub async fn report(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((raw, import)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let domain = domain(&raw)?;
    let import = ImportId(id(&import)?);
    let who = caller.who();
    let results = run(&state, move |app| {
        app.imports().import_results(who, &domain, import)
    })
    .await?;
    let bytes = crate::bulk::report_csv(&results).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response())
}

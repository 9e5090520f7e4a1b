//! "Create several addresses": upload a CSV file, see every row's outcome
//! before anything is created, start, follow the progress live, download
//! the report.

use std::fmt::Write;

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::dashboard::service_domain;
use crate::app::{AppError, Preview, ServiceView};
use crate::store::{ImportRecord, ImportState, RowOutcome, RowResult};
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::session::{CSRF_FIELD, Viewer, urlencode};
use crate::web::state::AppState;

pub const TEMPLATE: &str = "address,password,forward_to,keep_copy,display_name,user,permissions\r\n\
jane.doe,a long secret password,,,Jane Doe,,\r\n\
sales,another long password,boss@example.org,1,Sales,,\r\n\
shared,,,,,colleague@example.org,password history\r\n";

async fn managed(state: &AppState, viewer: &Viewer, domain: &str) -> Result<ServiceView, WebError> {
    let domain = service_domain(domain)?;
    let user = viewer.session.user.id;
    let view = state
        .run(move |app| app.service_view(user, &domain))
        .await?;
    if !view.role.manages() {
        return Err(AppError::Forbidden.into());
    }
    Ok(view)
}

fn base(view: &ServiceView) -> String {
    format!("/services/{}/imports", view.service.domain.as_ascii())
}

pub async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mailroom-addresses.csv\"",
            ),
        ],
        TEMPLATE,
    )
        .into_response()
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let read = view.clone();
    let imports = state.run(move |app| app.imports_of(&read)).await?;
    Ok(upload_page(&viewer, &view, &imports, None).into_response())
}

pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(_) => {
                        return refuse(
                            &state,
                            &viewer,
                            &view,
                            "the file is too large, or the upload was cut off",
                        )
                        .await;
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                return refuse(
                    &state,
                    &viewer,
                    &view,
                    "the upload could not be read; try again",
                )
                .await;
            }
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refuse(&state, &viewer, &view, "choose a CSV file to upload").await;
    };
    let (actor, read) = (viewer.actor(), view.clone());
    match state
        .run(move |app| app.upload_import(&actor, &read, &name, &bytes))
        .await
    {
        Ok(record) => Ok(Redirect::to(&format!("{}/{}", base(&view), record.id)).into_response()),
        Err(WebError::App(AppError::Invalid(reason))) => {
            refuse(&state, &viewer, &view, &reason).await
        }
        Err(other) => Err(other),
    }
}

async fn refuse(
    state: &AppState,
    viewer: &Viewer,
    view: &ServiceView,
    reason: &str,
) -> Result<Response, WebError> {
    let read = view.clone();
    let imports = state.run(move |app| app.imports_of(&read)).await?;
    let body = upload_page(
        viewer,
        view,
        &imports,
        Some(&crate::web::error::capitalise(reason)),
    );
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

fn upload_page(
    viewer: &Viewer,
    view: &ServiceView,
    imports: &[ImportRecord],
    error: Option<&str>,
) -> Markup {
    let base = base(view);
    let action = format!("{base}?{CSRF_FIELD}={}", urlencode(viewer.csrf()));
    layout::page(
        viewer,
        "Create several addresses",
        html! {
            nav aria-label="breadcrumb" { ul {
                li { a href="/services" { "Services" } }
                li { a href=(format!("/services/{}", view.service.domain.as_ascii())) { (view.service.domain) } }
                li { "Create several addresses" }
            } }
            h1 { "Create several addresses" }
            p {
                "Upload a CSV file: the hosted manager's template (columns A local part, B password, C forwarding target, D "
                code { "0" } " keep a copy or " code { "1" } " do not), or named columns in any order: "
                code { "address, password, password_hash, forward_to, keep_copy, display_name, user, permissions" } ". "
                "Comma, semicolon or tab; UTF-8 or Windows-1252. You see every row's outcome before anything is created. "
                a href="/imports/template.csv" { "Download a template" } "."
            }
            form.upload method="post" action=(action) enctype="multipart/form-data" {
                label for="file" { "CSV file (drop it here, or choose it)" }
                input #file type="file" name="file" accept=".csv,text/csv,text/plain" required
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "file-help")] autofocus[error.is_some()];
                @if let Some(error) = error { small #file-help .error { (error) } }
                button type="submit" { "Upload and preview" }
            }
            @if !imports.is_empty() {
                h2 { "Past imports" }
                div.table-wrap { table {
                    thead { tr { th scope="col" { "File" } th scope="col" { "Uploaded" } th scope="col" { "State" } th scope="col" { "Created" } th scope="col" { "Failed" } th scope="col" { "Skipped" } } }
                    tbody { @for import in imports {
                        tr {
                            td { a href=(format!("{base}/{}", import.id)) { (import.file_name) } }
                            td { (layout::date_time(import.created)) }
                            td { (state_label(import.state)) }
                            td { (import.created_count) }
                            td { (import.failed) }
                            td { (import.skipped) }
                        }
                    } }
                } }
            }
        },
    )
}

fn state_label(state: ImportState) -> &'static str {
    match state {
        ImportState::Uploaded => "previewed, not started",
        ImportState::Running => "creating",
        ImportState::Done => "finished",
    }
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, u64)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let read = view.clone();
    let (record, preview, results) = state
        .run(move |app| {
            let (record, preview) = app.import_of(&read, id)?;
            let results = if record.state == ImportState::Done {
                app.import_results(&read, id)?
            } else {
                Vec::new()
            };
            Ok((record, preview, results))
        })
        .await?;
    let progress = progress(&view, &record, &results);
    if headers.contains_key("hx-request") {
        return Ok(progress.into_response());
    }
    let base = base(&view);
    let body = html! {
        nav aria-label="breadcrumb" { ul {
            li { a href=(format!("/services/{}", view.service.domain.as_ascii())) { (view.service.domain) } }
            li { a href=(base) { "Create several addresses" } }
            li { (record.file_name) }
        } }
        h1 { (record.file_name) }
        @match &preview {
            Some(preview) => (preview_section(&viewer, &view, &record, preview)),
            None => (progress),
        }
    };
    Ok(layout::page(&viewer, &record.file_name, body).into_response())
}

fn preview_section(
    viewer: &Viewer,
    view: &ServiceView,
    record: &ImportRecord,
    preview: &Preview,
) -> Markup {
    let base = base(view);
    let valid = preview.valid();
    let invalid = preview.rows.len() - valid;
    html! {
        p.totals #totals {
            strong { (preview.rows.len()) " rows" } ": "
            strong.ok-text { (valid) " will be created" } ", "
            strong.error { (invalid) " cannot be" }
            " · " (preview.encoding) ", separated by " (match preview.delimiter { '\t' => "tabs", ';' => "semicolons", _ => "commas" })
        }
        div.actions {
            @if valid > 0 {
                form method="post" action=(format!("{base}/{}/start", record.id)) {
                    input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                    button type="submit" {
                        "Create the " (valid) " valid address" @if valid != 1 { "es" }
                        @if invalid > 0 { " and skip the others" }
                    }
                }
            }
            a role="button" .secondary.outline href=(base) { "Fix the file and upload again" }
        }
        div.table-wrap { table #preview {
            thead { tr { th scope="col" { "Line" } th scope="col" { "Address" } th scope="col" { "Outcome" } } }
            tbody { @for row in &preview.rows {
                @match row {
                    Ok(plan) => tr {
                        td { (plan.number) }
                        td { (plan.local) "@" (view.service.domain) }
                        td.ok-text { "Will be created"
                            @if plan.forwarding.is_some() { ", forwarding" }
                            @if plan.user.is_some() { ", with its user" } }
                    },
                    Err(refused) => tr {
                        td { (refused.number) }
                        td { (refused.address) }
                        td.error { "Column " (refused.column) ": " (refused.reason) }
                    },
                }
            } }
        } }
    }
}

/// The swappable progress (and, once finished, the report).
fn progress(view: &ServiceView, record: &ImportRecord, results: &[RowResult]) -> Markup {
    let url = format!("{}/{}", base(view), record.id);
    let running = record.state == ImportState::Running;
    let remaining = record.rows.saturating_sub(record.done);
    let eta = record
        .started_ms
        .filter(|_| running && record.done > record.skipped)
        .map(|started| {
            let elapsed = crate::app::now_ms().saturating_sub(started) as f64 / 1000.0;
            let per_row = elapsed / (record.done - record.skipped) as f64;
            (per_row * remaining as f64).ceil() as u64
        });
    html! {
        section #import-progress aria-live="polite"
            hx-get=[running.then_some(url.as_str())] hx-trigger=[running.then_some("every 1s")] hx-swap=[running.then_some("outerHTML")] {
            progress value=(record.done) max=(record.rows.max(1)) aria-label="Rows done" {}
            p #progress-text {
                strong { (record.done) " of " (record.rows) " rows done" } ": "
                (record.created_count) " created, " (record.failed) " failed, " (record.skipped) " skipped"
                @if let Some(seconds) = eta { " · about " (seconds) " s left" }
                @if record.state == ImportState::Done { " · finished" }
            }
            @if record.state == ImportState::Done {
                p { a role="button" href=(format!("{url}/report.csv")) download { "Download the report (CSV)" } }
                div.table-wrap { table #report {
                    thead { tr { th scope="col" { "Line" } th scope="col" { "Address" } th scope="col" { "Result" } } }
                    tbody { @for row in results {
                        tr {
                            td { (row.line) }
                            td { (row.address) }
                            td { (outcome_text(&row.outcome)) }
                        }
                    } }
                } }
            }
        }
    }
}

fn outcome_text(outcome: &RowOutcome) -> String {
    match outcome {
        RowOutcome::Created => "created".into(),
        RowOutcome::Failed { reason } => format!("failed: {reason}"),
        RowOutcome::Skipped { column, reason } => format!("skipped (column {column}): {reason}"),
    }
}

pub async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, u64)>,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let (actor, read) = (viewer.actor(), view.clone());
    state
        .run(move |app| app.start_import(&actor, &read, id))
        .await?;
    Ok(Redirect::to(&format!("{}/{id}", base(&view))).into_response())
}

/// A cell as a spreadsheet will not run it: a leading `=`, `+`, `-` or `@`
/// is quoted with an apostrophe against formula injection.
pub fn safe_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

pub async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, u64)>,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let read = view.clone();
    let results = state.run(move |app| app.import_results(&read, id)).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![[
        "line".to_owned(),
        "address".to_owned(),
        "result".to_owned(),
        "reason".to_owned(),
    ]];
    for row in &results {
        let (result, reason) = match &row.outcome {
            RowOutcome::Created => ("created", String::new()),
            RowOutcome::Failed { reason } => ("failed", reason.clone()),
            RowOutcome::Skipped { column, reason } => {
                ("skipped", format!("column {column}: {reason}"))
            }
        };
        rows.push([
            row.line.to_string(),
            row.address.clone(),
            result.to_owned(),
            reason,
        ]);
    }
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| safe_cell(cell)))
            .map_err(|e| WebError::Internal(e.to_string()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let mut name = String::new();
    let _ = write!(name, "attachment; filename=\"import-{id}-report.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_cell;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("jane@acme.example"), "jane@acme.example");
    }
}

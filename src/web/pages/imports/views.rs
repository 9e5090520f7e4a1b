//! The import pages' markup: the upload page with past imports, a file's
//! preview, and the live progress that becomes the report.

use maud::{Markup, html};

use super::base;
use crate::app::{PREVIEW_PAGE, Preview, ServiceView};
use crate::jobs::now_ms;
use crate::model::{ImportRecord, ImportState, RowOutcome, RowResult};
use crate::urls;
use crate::web::layout;
use crate::web::viewer::Viewer;

pub(super) fn upload_page(
    viewer: &Viewer,
    view: &ServiceView,
    imports: &[ImportRecord],
    error: Option<&str>,
) -> Markup {
    let base = base(view);
    let action = base.clone();
    layout::page(
        viewer,
        "Create several addresses",
        html! {
            nav aria-label="breadcrumb" { ul {
                li { a href=(urls::SERVICES) { "Services" } }
                li { a href=(urls::service(&view.service.domain)) { (view.service.domain) } }
                li { "Create several addresses" }
            } }
            h1 { "Create several addresses" }
            p {
                "Upload a CSV file: the hosted manager's template (columns A local part, B password, C forwarding target, D "
                code { "0" } " keep a copy or " code { "1" } " do not), or named columns in any order: "
                code { "address, password, password_hash, forward_to, keep_copy, display_name, user, permissions, quota" } " (a size such as 500 MB or 2 GB). "
                "Comma, semicolon or tab; UTF-8 or Windows-1252. You see every row's outcome before anything is created. "
                a href=(urls::IMPORT_TEMPLATE) { "Download a template" } "."
            }
            form.upload method="post" action=(action) enctype="multipart/form-data" {
                // First, so the session layer finds it before the file.
                (viewer.csrf_field())
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

pub(super) fn preview_section(
    viewer: &Viewer,
    view: &ServiceView,
    record: &ImportRecord,
    preview: &Preview,
) -> Markup {
    let base = base(view);
    let totals = &preview.totals;
    let (valid, invalid) = (totals.valid, totals.refused());
    html! {
        p.totals #totals {
            strong { (totals.rows) " rows" } ": "
            strong.ok-text { (valid) " will be created" } ", "
            strong.error { (invalid) " cannot be" }
            " · " (totals.encoding) ", separated by " (match totals.delimiter { '\t' => "tabs", ';' => "semicolons", _ => "commas" })
        }
        div.actions {
            @if valid > 0 {
                form method="post" action=(format!("{base}/{}/start", record.id)) {
                    (viewer.csrf_field())
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
        (pager(&urls::import(&view.service.domain, record.id), preview))
    }
}

/// Links to the pages before and after, when the file has more than one.
fn pager(url: &str, preview: &Preview) -> Markup {
    let (page, pages) = (preview.page, preview.totals.pages());
    let first = page * PREVIEW_PAGE + 1;
    let last = (first + preview.rows.len()).saturating_sub(1);
    html! {
        @if pages > 1 {
            nav.pager aria-label="Pages of the preview" { ul {
                li { "Rows " (first) "–" (last) " of " (preview.totals.rows) " (page " (page + 1) " of " (pages) ")" }
                @if page > 0 {
                    li { a href=(format!("{url}?page={page}")) rel="prev" { "Previous page" } }
                }
                @if page + 1 < pages {
                    li { a href=(format!("{url}?page={}", page + 2)) rel="next" { "Next page" } }
                }
            } }
        }
    }
}

/// The swappable progress (and, once finished, the report).
pub(super) fn progress(view: &ServiceView, record: &ImportRecord, results: &[RowResult]) -> Markup {
    let url = urls::import(&view.service.domain, record.id);
    let running = record.state == ImportState::Running;
    let remaining = record.rows.saturating_sub(record.done);
    let eta = record
        .started_ms
        .filter(|_| running && record.done > record.skipped)
        .map(|started| {
            let elapsed = now_ms().saturating_sub(started) as f64 / 1000.0;
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
                @if let Some(stopped) = &record.stopped { p.error #stopped { (stopped) } }
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

//! The import pages' markup: the upload page with past imports, a file's
//! preview, and the live progress that becomes the report.

use maud::{Markup, html};

use super::base;
use crate::app::{PREVIEW_PAGE, Preview, ServiceView};
use crate::model::now_ms;
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
        &t!("create-several-addresses"),
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) { ul {
                li { a href=(urls::SERVICES) { (t!("services")) } }
                li { a href=(urls::service(&view.service.domain)) { (view.service.domain) } }
                li { (t!("create-several-addresses")) }
            } }
            h1 { (t!("create-several-addresses")) }
            p {
                (t!("upload-a-csv-file-the-hosted")) " "
                code { "0" } " " (t!("keep-a-copy-or")) " " code { "1" } " " (t!("do-not-or-named-columns-in")) " "
                code { (t!("address-password-password-hash-forward-to")) } " " (t!("a-size-such-as-500-mb")) " "
                (t!("comma-semicolon-or-tab-utf-8")) " "
                a href=(urls::IMPORT_TEMPLATE) { (t!("download-a-template")) } "."
            }
            form.upload method="post" action=(action) enctype="multipart/form-data" {
                // First, so the session layer finds it before the file.
                (viewer.csrf_field())
                label for="file" { (t!("csv-file-drop-it-here-or")) }
                input #file type="file" name="file" accept=".csv,text/csv,text/plain" required
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "file-help")] autofocus[error.is_some()];
                @if let Some(error) = error { small #file-help .error { (error) } }
                button type="submit" { (t!("upload-and-preview")) }
            }
            @if !imports.is_empty() {
                h2 { (t!("past-imports")) }
                div.table-wrap { table {
                    thead { tr { th scope="col" { (t!("file")) } th scope="col" { (t!("uploaded")) } th scope="col" { (t!("state")) } th scope="col" { (t!("created")) } th scope="col" { (t!("failed")) } th scope="col" { (t!("skipped")) } } }
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

fn state_label(state: ImportState) -> String {
    match state {
        ImportState::Uploaded => t!("import-state-uploaded"),
        ImportState::Running => t!("import-state-running"),
        ImportState::Done => t!("import-state-done"),
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
            strong { (t!("import-rows", count = totals.rows)) } ": "
            strong.ok-text { (t!("import-will-be-created", count = valid)) } ", "
            strong.error { (t!("import-cannot-be", count = invalid)) }
            " · " (t!("import-format", encoding = &totals.encoding, separator = match totals.delimiter { '\t' => t!("separator-tabs"), ';' => t!("separator-semicolons"), _ => t!("separator-commas") }))
        }
        div.actions {
            @if valid > 0 {
                form method="post" action=(format!("{base}/{}/start", record.id)) {
                    (viewer.csrf_field())
                    button type="submit" {
                        (t!("import-create-valid", count = valid))
                        @if invalid > 0 { " " (t!("and-skip-the-others")) }
                    }
                }
            }
            a role="button" .secondary.outline href=(base) { (t!("fix-the-file-and-upload-again")) }
        }
        div.table-wrap { table #preview {
            thead { tr { th scope="col" { (t!("line")) } th scope="col" { (t!("address")) } th scope="col" { (t!("outcome")) } } }
            tbody { @for row in &preview.rows {
                @match row {
                    Ok(plan) => tr {
                        td { (plan.number) }
                        td { (plan.local) "@" (view.service.domain) }
                        td.ok-text { (t!("will-be-created-2"))
                            @if plan.forwarding.is_some() { (t!("forwarding-2")) }
                            @if plan.user.is_some() { (t!("with-its-user")) } }
                    },
                    Err(refused) => tr {
                        td { (refused.number) }
                        td { (refused.address) }
                        td.error { (t!("import-refused", column = &refused.column, reason = &refused.reason)) }
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
            nav.pager aria-label=(t!("pages-of-the-preview")) { ul {
                li { (t!("import-pager", first = first, last = last, rows = preview.totals.rows, page = page + 1, pages = pages)) }
                @if page > 0 {
                    li { a href=(format!("{url}?page={page}")) rel="prev" { (t!("previous-page")) } }
                }
                @if page + 1 < pages {
                    li { a href=(format!("{url}?page={}", page + 2)) rel="next" { (t!("next-page")) } }
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
            progress value=(record.done) max=(record.rows.max(1)) aria-label=(t!("rows-done")) {}
            p #progress-text {
                strong { (t!("import-done-of", done = record.done, rows = record.rows)) } ": "
                (t!("import-counts", created = record.created_count, failed = record.failed, skipped = record.skipped))
                @if let Some(seconds) = eta { " " (t!("import-eta", seconds = seconds)) }
                @if record.state == ImportState::Done { " " (t!("finished")) }
            }
            @if record.state == ImportState::Done {
                @if let Some(stopped) = &record.stopped { p.error #stopped { (stopped) } }
                p { a role="button" href=(format!("{url}/report.csv")) download { (t!("download-the-report-csv")) } }
                div.table-wrap { table #report {
                    thead { tr { th scope="col" { (t!("line")) } th scope="col" { (t!("address")) } th scope="col" { (t!("result")) } } }
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
        RowOutcome::Created => t!("row-created"),
        RowOutcome::Failed { reason } => t!("row-failed", reason = reason),
        RowOutcome::Skipped { column, reason } => {
            t!("row-skipped", column = column, reason = reason)
        }
    }
}

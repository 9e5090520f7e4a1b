//! The report of a finished import, as a CSV file whose cells a
//! spreadsheet will not run.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::managed;
use crate::model::{ImportId, RowOutcome};
use crate::web::error::WebError;
use crate::web::state::AppState;
use crate::web::viewer::Viewer;

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
    Path((domain, id)): Path<(String, ImportId)>,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let (user, domain) = (viewer.session.user.id, view.service.domain.clone());
    let results = state
        .run(move |app| app.import_results(user, &domain, id))
        .await?;
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

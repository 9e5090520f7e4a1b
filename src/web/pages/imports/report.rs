//! The report of a finished import, as a CSV file whose cells a
//! spreadsheet will not run.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::managed;
use crate::http::AppState;
use crate::model::ImportId;
use crate::web::error::WebError;
use crate::web::viewer::Viewer;

pub async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, ImportId)>,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let (user, domain) = (viewer.session.user.id, view.service.domain.clone());
    let results = state
        .run(move |app| app.imports().import_results(user, &domain, id))
        .await?;
    let bytes = crate::bulk::report_csv(&results).map_err(|e| WebError::Internal(e.to_string()))?;
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

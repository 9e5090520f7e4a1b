//! Creates the next batch of a bulk creation. Each row is created in the
//! transaction that records its result, and the next batch's job is queued
//! in the same transaction: a crash repeats at most an uncommitted batch.

use std::sync::Arc;

use super::{JobContext, JobFailed};
use crate::model::ImportId;

pub async fn run(context: &JobContext, import: ImportId) -> Result<String, JobFailed> {
    let app = Arc::clone(&context.app);
    let created = tokio::task::spawn_blocking(move || app.imports().import_batch(import))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))?;
    Ok(format!("import {import}: {created} row(s) handled"))
}

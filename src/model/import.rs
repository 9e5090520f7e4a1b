//! Bulk creations from a CSV file: the record with its counters, and each
//! row's result.

use serde::{Deserialize, Serialize};

use super::{ImportId, OrgId, ServiceId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    /// Uploaded and previewed; nothing created yet.
    Uploaded,
    Running,
    Done,
}

/// Where a row of an import's text starts: its byte offset, and its line
/// (the header is line 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPosition {
    pub offset: u64,
    pub line: u64,
}

impl TextPosition {
    pub const START: TextPosition = TextPosition { offset: 0, line: 1 };
}

fn utf8() -> String {
    "UTF-8".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportRecord {
    pub id: ImportId,
    pub service: ServiceId,
    pub org: OrgId,
    pub created_by: UserId,
    pub created: i64,
    pub file_name: String,
    pub bytes: u64,
    pub rows: u64,
    pub valid: u64,
    pub state: ImportState,
    /// Rows with a result so far (created, failed or skipped).
    pub done: u64,
    pub created_count: u64,
    pub failed: u64,
    pub skipped: u64,
    pub started_ms: Option<u64>,
    pub finished: Option<i64>,
    /// Batches go through the file in order: lines up to this one are done.
    #[serde(default)]
    pub next_line: u64,
    /// Why it stopped before its last row, when it did (its uploader lost
    /// the right to manage the service).
    #[serde(default)]
    pub stopped: Option<String>,
    /// The uploader's language, for the reasons its report gives.
    #[serde(default)]
    pub lang: crate::model::Lang,
    /// Where the next batch reads on; records from before it go by
    /// `next_line` from the start of the text.
    #[serde(default)]
    pub resume: Option<TextPosition>,
    /// The encoding the file came in (its text is kept in UTF-8).
    #[serde(default = "utf8")]
    pub encoding: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    Created,
    Failed { reason: String },
    Skipped { column: String, reason: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowResult {
    pub line: u64,
    pub address: String,
    pub outcome: RowOutcome,
}

//! What a CSV file to import holds: its columns (named, or the hosted
//! manager's template), its rows as they came, and why a file is refused.
//! Reading is in `text.rs` (encodings) and `stream.rs` (rows).

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Address,
    Password,
    PasswordHash,
    ForwardTo,
    KeepCopy,
    DisplayName,
    User,
    Permissions,
    Quota,
}

impl Column {
    pub const NAMED: [(&'static str, Column); 9] = [
        ("address", Column::Address),
        ("password", Column::Password),
        ("password_hash", Column::PasswordHash),
        ("forward_to", Column::ForwardTo),
        ("keep_copy", Column::KeepCopy),
        ("display_name", Column::DisplayName),
        ("user", Column::User),
        ("permissions", Column::Permissions),
        ("quota", Column::Quota),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMED
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }

    pub(super) fn named(header: &str) -> Option<Self> {
        let header = header.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == header)
            .map(|(_, c)| *c)
    }
}

/// Which layout the file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The hosted manager's template: A local part, B password, C forward to,
    /// D `0` keep a copy / `1` do not.
    Template,
    /// Named columns in any order.
    Named,
}

/// One data row, as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// Its line in the file (the header is line 1).
    pub number: usize,
    pub fields: HashMap<Column, String>,
    /// Values under headers that name no column.
    pub unknown: Vec<(String, String)>,
}

impl RawRow {
    pub fn get(&self, column: Column) -> &str {
        self.fields.get(&column).map(|v| v.trim()).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the file has more than {limit} rows")]
    TooManyRows { limit: usize },
    #[error("the file has no header row")]
    Empty,
    #[error("the file could not be read as CSV: {0}")]
    Unreadable(String),
}
impl From<crate::text::TextError> for FileError {
    fn from(e: crate::text::TextError) -> Self {
        match e {
            crate::text::TextError::TooLarge { limit } => FileError::TooLarge { limit },
            crate::text::TextError::Unreadable(reason) => FileError::Unreadable(reason),
        }
    }
}

/// Told to the uploader in their language.
impl crate::i18n::Localize for FileError {
    fn localize(&self) -> String {
        match self {
            FileError::TooLarge { limit } => t!("error-file-error-too-large", limit = *limit),
            FileError::TooManyRows { limit } => {
                t!("error-file-error-too-many-rows", limit = *limit)
            }
            FileError::Empty => t!("error-file-error-empty"),
            FileError::Unreadable(value) => t!("error-file-error-unreadable", value = value),
        }
    }
}

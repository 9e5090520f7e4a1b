//! Creating many addresses from a CSV file: reading real-world files
//! (`file.rs`), checking each row without touching the store (`row.rs`), and
//! the report of what was done (`report.rs`).

pub mod file;
pub mod report;
pub mod row;
pub mod stream;
pub mod whole;

pub use crate::text::{Encoding, Utf8Text};
pub use file::{Column, FileError, Format, RawRow};
pub use report::{report_csv, safe_cell};
pub use row::{RowError, RowPlan, plan};
pub use stream::{Layout, Position, Rows};
pub use whole::{ParsedFile, parse};

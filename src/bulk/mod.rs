//! Creating many addresses from a CSV file: reading real-world files
//! (`file.rs`), and checking each row without touching the store (`row.rs`).

pub mod file;
pub mod row;

pub use file::{Column, FileError, Format, ParsedFile, RawRow, parse};
pub use row::{RowError, RowPlan, plan};

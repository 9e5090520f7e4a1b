//! Keeping the database sound over the years: `mailroom check` reads it
//! whole and says what is wrong, without changing anything.

use std::path::Path;

use super::Result;
pub use crate::store::check::CheckReport;

/// Checks the database file of a stopped server (read-only, not migrated).
pub fn check_database(path: &Path) -> Result<CheckReport> {
    Ok(crate::store::check::check_file(path)?)
}

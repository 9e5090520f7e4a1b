//! What PostgreSQL's refusals mean for a use case, and in words.

use tokio_postgres::error::SqlState;

/// What a failed statement's SQLSTATE means for the use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// Another transaction came first (40001) or deadlocked with it
    /// (40P01): the use case runs again.
    Conflict,
    /// Nothing could be written (53100), as on a full redb disk.
    DiskFull,
    Other,
}

pub fn meaning(code: Option<&SqlState>) -> Meaning {
    match code {
        Some(c)
            if *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED =>
        {
            Meaning::Conflict
        }
        Some(c) if *c == SqlState::DISK_FULL => Meaning::DiskFull,
        _ => Meaning::Other,
    }
}

/// What PostgreSQL said, with its detail: tokio-postgres's own display
/// says only "db error".
pub fn describe(error: &tokio_postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {detail}", db.message()),
            None => db.message().to_owned(),
        },
        None => error.to_string(),
    }
}

#[cfg(test)]
mod meaning_tests {
    use super::{Meaning, meaning};
    use tokio_postgres::error::SqlState;

    #[test]
    fn failed_statements_mean_a_retry_a_full_disk_or_an_error() {
        assert_eq!(
            meaning(Some(&SqlState::T_R_SERIALIZATION_FAILURE)),
            Meaning::Conflict
        );
        assert_eq!(
            meaning(Some(&SqlState::T_R_DEADLOCK_DETECTED)),
            Meaning::Conflict
        );
        assert_eq!(meaning(Some(&SqlState::DISK_FULL)), Meaning::DiskFull);
        assert_eq!(meaning(Some(&SqlState::UNIQUE_VIOLATION)), Meaning::Other);
        assert_eq!(meaning(None), Meaning::Other);
    }
}

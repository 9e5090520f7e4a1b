use crate::model::{AddressError, PasswordError};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("not found")]
    NotFound,
    #[error("you do not have permission to do this")]
    Forbidden,
    #[error("the email or password is not correct")]
    InvalidCredentials,
    #[error("your login password is not correct")]
    WrongPassword,
    #[error("too many failed attempts: try again in {retry_after} seconds")]
    Throttled { retry_after: u64 },
    #[error("Mailroom is already set up")]
    AlreadySetUp,
    #[error("Mailroom is not set up yet: run `mailroom setup` or open the web interface")]
    NotSetUp,
    #[error("{0}")]
    Taken(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Address(#[from] AddressError),
    #[error(transparent)]
    Password(#[from] PasswordError),
}

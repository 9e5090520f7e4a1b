//! Tests that need a database made through app: the store's backups and
//! checks, and the mail server's read handle.

mod backup;
mod code_throttle;
mod device_uses;
mod directory;
mod import_limits;
mod members;
mod postgres;
mod store_check;
pub(crate) mod test_data;
mod token_use;

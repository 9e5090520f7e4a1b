//! The holes a review found, each a test that failed before its fix:
//! hostile input at every boundary, bursts, spellings of one account.

#[path = "../flows/helpers.rs"]
mod helpers;
#[path = "../support/two_factor_codes.rs"]
mod two_factor_codes;

mod csrf_upload;
mod guards;
mod imported_hashes;
mod login_abuse;
mod proxies;
mod reset;
mod rights;
mod secrets;
mod sessions;
mod two_factor;

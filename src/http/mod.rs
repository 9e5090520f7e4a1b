//! What the web pages and the API share: the state their handlers get, the
//! client's address behind proxies, the bearer header, device profile links.
//! Neither interface names the other's modules for these.

pub mod client_ip;
mod profile_links;
mod state;

pub use profile_links::ProfileLinks;
pub use state::AppState;

use axum::http::{HeaderMap, header};

/// The token of an `Authorization: Bearer …` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

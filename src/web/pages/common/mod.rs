//! What several page families read the same way.

use crate::app::AppError;
use crate::model::Domain;
use crate::web::error::WebError;

/// The domain in a page's path: one that cannot be a domain is a page that
/// does not exist.
pub fn service_domain(raw: &str) -> Result<Domain, WebError> {
    Domain::parse(raw).map_err(|_| WebError::App(AppError::NotFound))
}

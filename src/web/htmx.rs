//! The one rule for answering htmx: a request that htmx sends (and that is
//! not a history restore, which needs the whole page) gets only the part of
//! the page it swaps.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_htmx::{HxHistoryRestoreRequest, HxRequest};

/// Whether to answer with a fragment rather than the whole page.
#[derive(Debug, Clone, Copy)]
pub struct Fragment(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for Fragment {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let HxRequest(htmx) = HxRequest::from_request_parts(parts, state).await?;
        let HxHistoryRestoreRequest(restore) =
            HxHistoryRestoreRequest::from_request_parts(parts, state).await?;
        Ok(Fragment(htmx && !restore))
    }
}

//! Everything the public listener serves: the web pages and the API.

use axum::Router;

use crate::http::AppState;

pub fn public_router(state: AppState) -> Router {
    crate::web::router(state.clone()).merge(crate::api::router(state))
}

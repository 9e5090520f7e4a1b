//! Everything the public listener serves: the web pages and the API.

use axum::Router;

use crate::web::AppState;

pub fn router(state: AppState) -> Router {
    crate::web::router(state.clone()).merge(crate::api::router(state))
}

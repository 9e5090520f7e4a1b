use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::http::AppState;
use crate::urls;
use crate::web::error::WebError;
use crate::web::viewer::RequestContext;

/// `/`: setup while no one exists, then the services or the login page.
pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
) -> Result<Response, WebError> {
    if context.session.is_some() {
        return Ok(Redirect::to(urls::SERVICES).into_response());
    }
    if state.run(|app| app.accounts().needs_setup()).await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    Ok(Redirect::to(urls::LOGIN).into_response())
}

/// `/healthz`: one line once the store answers.
pub async fn health(State(state): State<AppState>) -> Response {
    match state.run(|app| app.operations().schema_version()).await {
        Ok(version) => (
            StatusCode::OK,
            format!("ok: store open, schema version {version}\n"),
        )
            .into_response(),
        Err(error) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("unavailable: {error}\n"),
        )
            .into_response(),
    }
}

pub async fn not_found() -> WebError {
    WebError::App(crate::app::AppError::NotFound)
}

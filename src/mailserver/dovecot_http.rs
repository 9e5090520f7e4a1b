//! The loopback-only HTTP endpoints the mail server calls: Dovecot's Lua
//! passdb and userdb. A shared secret guards them; nothing here writes.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use subtle::ConstantTimeEq;

use super::Directory;
use super::dovecot::SECRET_HEADER;

#[derive(Clone)]
struct Internal {
    directory: Directory,
    secret: Arc<str>,
}

pub fn router(directory: Directory, secret: &str) -> Router {
    Router::new()
        .route("/internal/dovecot/passdb/{user}", get(passdb))
        .route("/internal/dovecot/userdb/{user}", get(userdb))
        .with_state(Internal {
            directory,
            secret: Arc::from(secret),
        })
}

fn authorised(state: &Internal, headers: &HeaderMap) -> bool {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    !state.secret.is_empty() && bool::from(given.ct_eq(state.secret.as_bytes()))
}

async fn passdb(
    State(state): State<Internal>,
    Path(user): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !authorised(&state, &headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let directory = state.directory.clone();
    let found = tokio::task::spawn_blocking(move || directory.password_of(&user)).await;
    match found {
        Ok(Ok(Some(password))) => (StatusCode::OK, password).into_response(),
        Ok(Ok(None)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "passdb lookup failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// A user exists for Dovecot when its address has a mailbox: active, and
/// not no-reply. Home and uid come from Dovecot's own `default_fields`.
async fn userdb(
    State(state): State<Internal>,
    Path(user): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !authorised(&state, &headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    // Mail is delivered to addresses without a password too; a no-reply
    // address has no mailbox.
    let directory = state.directory.clone();
    let found = tokio::task::spawn_blocking(move || directory.mailbox_of(&user)).await;
    match found {
        Ok(Ok(Some(_))) => (StatusCode::OK, "ok").into_response(),
        Ok(Ok(None)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "userdb lookup failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

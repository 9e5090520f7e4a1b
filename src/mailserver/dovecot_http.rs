//! The loopback-only HTTP endpoints Dovecot's Lua script calls: checking a
//! login, and finding a session's or delivery's mail folder; and the
//! backup `mailroom backup` asks for (`backup_http.rs`). A shared secret
//! guards them; nothing here writes.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::Directory;
use super::dovecot::SECRET_HEADER;
use super::mail_login::MailLogin;

#[derive(Clone)]
pub(super) struct Internal {
    pub(super) directory: Directory,
    secret: Arc<str>,
}

pub fn router(directory: Directory, secret: &str) -> Router {
    Router::new()
        .route("/internal/dovecot/auth", post(auth))
        .route("/internal/dovecot/userdb/{user}", get(userdb))
        .route("/internal/backup", get(super::backup_http::backup))
        .with_state(Internal {
            directory,
            secret: Arc::from(secret),
        })
}

pub(super) fn authorised(state: &Internal, headers: &HeaderMap) -> bool {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    !state.secret.is_empty() && bool::from(given.ct_eq(state.secret.as_bytes()))
}

/// A login as Dovecot's script sends it.
#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    /// Dovecot's service: `imap`, `pop3`, `smtp` (Postfix's SASL)…
    #[serde(default)]
    service: String,
    #[serde(default)]
    ip: String,
}

/// 200 with the session's user name, 403 for a wrong password, 404 for an
/// unknown login.
async fn auth(
    State(state): State<Internal>,
    headers: HeaderMap,
    Form(login): Form<LoginForm>,
) -> Response {
    if !authorised(&state, &headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    // A device password is a keyed hash and one short read of a warm
    // cache: answered inline, like the socketmap. Only an address password
    // (argon2id) goes to the blocking pool.
    let ip = (!login.ip.is_empty()).then_some(login.ip.as_str());
    let fast = state
        .directory
        .check_device(&login.user, &login.password, &login.service, ip);
    let checked = match fast {
        Ok(Some(answer)) => Ok(Ok(answer)),
        Ok(None) => {
            let directory = state.directory.clone();
            tokio::task::spawn_blocking(move || {
                let ip = (!login.ip.is_empty()).then_some(login.ip.as_str());
                directory.check_login(&login.user, &login.password, &login.service, ip)
            })
            .await
        }
        Err(error) => Ok(Err(error)),
    };
    let result = match &checked {
        Ok(Ok(MailLogin::Accepted { .. })) => "accepted",
        Ok(Ok(MailLogin::WrongPassword)) => "wrong",
        Ok(Ok(MailLogin::UnknownLogin)) => "unknown",
        Ok(Ok(MailLogin::Busy)) => "busy",
        _ => "error",
    };
    metrics::counter!("mailroom_mail_logins_total", "result" => result).increment(1);
    match checked {
        Ok(Ok(MailLogin::Accepted { user, .. })) => (StatusCode::OK, user).into_response(),
        Ok(Ok(MailLogin::WrongPassword)) => StatusCode::FORBIDDEN.into_response(),
        Ok(Ok(MailLogin::UnknownLogin)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Ok(MailLogin::Busy)) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "login check failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// A user exists for Dovecot when its address has a mailbox: active, and
/// not no-reply. The answer is its folder below the mail root, and its
/// quota rule on a second line when a quota applies.
async fn userdb(
    State(state): State<Internal>,
    Path(user): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !authorised(&state, &headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let directory = state.directory.clone();
    let found = tokio::task::spawn_blocking(move || directory.userdb(&user)).await;
    match found {
        // The folder, and on a second line the quota rule when one applies.
        Ok(Ok(Some((home, quota)))) => {
            let body = match quota {
                Some(quota) => format!("{home}\n{}", quota.rule()),
                None => home,
            };
            (StatusCode::OK, body).into_response()
        }
        Ok(Ok(None)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "userdb lookup failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

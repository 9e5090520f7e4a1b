//! The loopback-only HTTP endpoints Dovecot's Lua script calls: checking a
//! login, and finding a session's or delivery's mail folder; and the
//! backup `mailroom backup` asks for (`backup_http.rs`). A secret of each
//! guards them; nothing here writes.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use super::Directory;
use super::internal::{Internal, authorised};
use super::mail_auth::Outcome;
use super::mail_login::MailLogin;

/// Dovecot's endpoints, guarded by the Dovecot secret, and the backup
/// stream, guarded by a secret of its own: the mail server's secret (which
/// its Lua file holds, readable by Dovecot) cannot fetch the database.
pub fn router(directory: Directory, dovecot_secret: &str, backup_secret: &str) -> Router {
    let backup = Router::new()
        .route("/internal/backup", get(super::backup_http::backup))
        .with_state(Internal::new(directory.clone(), backup_secret));
    Router::new()
        .route("/internal/dovecot/auth", post(auth))
        .route("/internal/dovecot/userdb/{user}", get(userdb))
        .with_state(Internal::new(directory, dovecot_secret))
        .merge(backup)
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
/// unknown login, 429 (with Retry-After) while the address or the client
/// must wait: checked by nothing, a temporary failure for Dovecot; 423 for
/// the right password of a suspended organisation's address, a temporary
/// failure too.
async fn auth(
    State(state): State<Internal>,
    headers: HeaderMap,
    Form(login): Form<LoginForm>,
) -> Response {
    if !authorised(&state, &headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let ip = (!login.ip.is_empty()).then_some(login.ip.as_str());
    let checked = state
        .directory
        .authenticate(&login.user, &login.password, &login.service, ip)
        .await;
    let result = match &checked {
        Ok(Outcome::Checked(MailLogin::Accepted { .. })) => "accepted",
        Ok(Outcome::Checked(MailLogin::WrongPassword)) => "wrong",
        Ok(Outcome::Checked(MailLogin::UnknownLogin)) => "unknown",
        Ok(Outcome::Checked(MailLogin::Busy)) => "busy",
        Ok(Outcome::Checked(MailLogin::Suspended)) => "suspended",
        Ok(Outcome::Throttled(_)) => "throttled",
        Err(_) => "error",
    };
    metrics::counter!("mailroom_mail_logins_total", "result" => result).increment(1);
    match checked {
        Ok(Outcome::Checked(MailLogin::Accepted { user, .. })) => {
            (StatusCode::OK, user).into_response()
        }
        Ok(Outcome::Checked(MailLogin::WrongPassword)) => StatusCode::FORBIDDEN.into_response(),
        Ok(Outcome::Checked(MailLogin::UnknownLogin)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Outcome::Checked(MailLogin::Busy)) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Ok(Outcome::Checked(MailLogin::Suspended)) => StatusCode::LOCKED.into_response(),
        Ok(Outcome::Throttled(wait)) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(
                axum::http::header::RETRY_AFTER,
                wait.as_secs().max(1).to_string(),
            )],
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "login check failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
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

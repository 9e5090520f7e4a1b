//! The one place where failures become HTTP responses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::layout;
use crate::app::AppError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("{0}")]
    Internal(String),
    #[error("the form could not be read")]
    BadForm,
    /// A form field the page itself could not read (not a rule of app).
    #[error("{0}")]
    Input(&'static str),
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            WebError::App(AppError::NotFound) => (
                StatusCode::NOT_FOUND,
                "Not found",
                "This page does not exist, or you do not have access to it.".to_owned(),
            ),
            WebError::App(AppError::Forbidden) => (
                StatusCode::FORBIDDEN,
                "Not allowed",
                "You do not have permission to do this.".to_owned(),
            ),
            WebError::BadForm => (
                StatusCode::BAD_REQUEST,
                "Bad request",
                "The form could not be read. Reload the page and try again.".to_owned(),
            ),
            WebError::App(e) if e.is_input() => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Cannot do this",
                capitalise(&e.to_string()),
            ),
            WebError::Input(message) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Cannot do this",
                capitalise(message),
            ),
            WebError::App(AppError::Busy) => {
                let body = layout::bare(
                    "Busy",
                    html! {
                        article.notice {
                            h1 { "Busy" }
                            p { "Too many passwords are being checked right now. Nothing was changed: try again in a moment." }
                        }
                    },
                );
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(axum::http::header::RETRY_AFTER, "2")],
                    body,
                )
                    .into_response();
            }
            WebError::App(AppError::DiskFull) => {
                tracing::error!("a write failed: the disk that holds the database is full");
                (
                    StatusCode::INSUFFICIENT_STORAGE,
                    "The disk is full",
                    "The disk that holds Mailroom's database is full, so nothing was changed. \
                     Everything already saved is still there; ask whoever runs this server to free \
                     some space, then try again."
                        .to_owned(),
                )
            }
            WebError::App(AppError::AlreadySetUp) => (
                StatusCode::CONFLICT,
                "Already set up",
                "Mailroom is already set up.".to_owned(),
            ),
            other => {
                tracing::error!(error = %other, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "Something went wrong on our side and nothing was changed. The error was logged; try again in a moment.".to_owned(),
                )
            }
        };
        let body = layout::bare(
            title,
            html! {
                article.notice {
                    h1 { (title) }
                    p { (message) }
                    p { a href=(crate::urls::HOME) { "Back to Mailroom" } }
                }
            },
        );
        (status, body).into_response()
    }
}

pub fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full disk is told as such (507, what happened, that nothing
    /// changed), not as an internal error.
    #[tokio::test]
    async fn a_full_disk_is_a_clear_page() {
        let response = WebError::App(AppError::DiskFull).into_response();
        assert_eq!(response.status(), StatusCode::INSUFFICIENT_STORAGE);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("The disk is full"), "{body}");
        assert!(body.contains("nothing was changed"), "{body}");
    }
}

//! The one place where failures become HTTP responses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::layout;
use crate::app::AppError;
use crate::i18n::Localize;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("{0}")]
    Internal(String),
    #[error("the form could not be read")]
    BadForm,
    /// A form field the page itself could not read (not a rule of app),
    /// told in the reader's language.
    #[error("{0}")]
    Input(String),
}

impl Localize for WebError {
    fn localize(&self) -> String {
        match self {
            WebError::App(e) => e.localize(),
            WebError::Input(message) => message.clone(),
            WebError::BadForm => t!("error-bad-form"),
            WebError::Internal(_) => t!("error-internal"),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            WebError::App(AppError::NotFound) => (
                StatusCode::NOT_FOUND,
                t!("error-not-found-title"),
                t!("error-not-found"),
            ),
            WebError::App(AppError::Forbidden) => (
                StatusCode::FORBIDDEN,
                t!("error-forbidden-title"),
                t!("error-forbidden"),
            ),
            WebError::BadForm => (
                StatusCode::BAD_REQUEST,
                t!("error-bad-form-title"),
                t!("error-bad-form"),
            ),
            WebError::App(e) if e.is_input() => (
                StatusCode::UNPROCESSABLE_ENTITY,
                t!("error-refused-title"),
                capitalise(&e.localize()),
            ),
            WebError::Input(message) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                t!("error-refused-title"),
                capitalise(message),
            ),
            WebError::App(AppError::Busy) => {
                let body = layout::bare(
                    &t!("busy"),
                    html! {
                        article.notice {
                            h1 { (t!("busy")) }
                            p { (t!("too-many-passwords-are-being-checked")) }
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
                    t!("error-disk-full-title"),
                    t!("error-disk-full"),
                )
            }
            WebError::App(e @ AppError::Suspended { .. }) => (
                StatusCode::FORBIDDEN,
                t!("error-suspended-title"),
                capitalise(&e.localize()),
            ),
            WebError::App(AppError::AlreadySetUp) => (
                StatusCode::CONFLICT,
                t!("error-already-set-up-title"),
                t!("error-app-error-already-set-up"),
            ),
            other => {
                tracing::error!(error = %other, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    t!("error-internal-title"),
                    t!("error-internal"),
                )
            }
        };
        let body = layout::bare(
            &title,
            html! {
                article.notice {
                    h1 { (title) }
                    p { (message) }
                    p { a href=(crate::urls::HOME) { (t!("back-to-mailroom")) } }
                }
            },
        );
        (status, body).into_response()
    }
}

pub fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => {
            let mut sentence = first.to_uppercase().chain(chars).collect::<String>();
            if !sentence.ends_with(['.', '!', '?', '…']) {
                sentence.push('.');
            }
            sentence
        }
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

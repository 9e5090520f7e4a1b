//! What several page families read or show the same way.

pub mod language;
pub mod quota;
pub mod tokens;
pub mod who;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use crate::app::{AppError, LinkProblem};
use crate::model::Domain;
use crate::model::MessageState;
use crate::model::PasswordPolicy;
use crate::urls;
use crate::web::error::WebError;
use crate::web::layout;

/// The domain in a page's path: one that cannot be a domain is a page that
/// does not exist.
pub fn service_domain(raw: &str) -> Result<Domain, WebError> {
    Domain::parse(raw).map_err(|_| WebError::App(AppError::NotFound))
}

/// Only a path on this site: never another origin.
/// Where to go after logging in: a path of this site only. Browsers drop
/// tabs and newlines and read `\\` as `/`, so `/\t/evil.example` would be
/// `//evil.example`: any control character, space or backslash, and any
/// `//` start, sends to the default page instead.
pub fn safe_next(next: &str) -> &str {
    let same_site = next.starts_with('/')
        && !next.starts_with("//")
        && !next
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if same_site {
        next
    } else {
        crate::urls::SERVICES
    }
}

/// The password rules, shown before anyone submits.
pub fn policy() -> Markup {
    html! {
        (t!("the-password-needs")) " "
        @for (i, rule) in PasswordPolicy::RULES.iter().enumerate() {
            @if i > 0 { ", " }
            (rule)
        }
        "."
    }
}

pub fn problem_page(problem: LinkProblem) -> Response {
    let (status, title, text) = match problem {
        LinkProblem::Unknown => (
            StatusCode::NOT_FOUND,
            t!("link-unknown-title"),
            t!("link-unknown-text"),
        ),
        LinkProblem::Expired => (
            StatusCode::GONE,
            t!("link-expired-title"),
            t!("link-expired-text"),
        ),
        LinkProblem::Revoked => (
            StatusCode::GONE,
            t!("link-revoked-title"),
            t!("link-revoked-text"),
        ),
        LinkProblem::Used => (
            StatusCode::GONE,
            t!("link-used-title"),
            t!("link-used-text"),
        ),
    };
    let body = layout::bare(
        &title,
        html! {
            article.notice {
                h1 { (title) }
                p { (text) }
                p { a href=(urls::LOGIN) { (t!("log-in")) } }
            }
        },
    );
    (status, body).into_response()
}

/// A message's delivery state, as people read it.
pub fn message_state(state: &MessageState) -> String {
    match state {
        MessageState::Queued => t!("message-queued"),
        MessageState::Sent { at } => t!("message-sent", at = &layout::date_time(*at)),
        MessageState::InOutbox { .. } => t!("message-in-outbox"),
        MessageState::Withheld { .. } => t!("message-withheld"),
        MessageState::Retrying { error, next_at } => t!(
            "message-retrying",
            at = &layout::date_time(*next_at),
            error = error
        ),
        MessageState::Failed { error } => t!("message-failed", error = error),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(safe_next("/services/example.org"), "/services/example.org");
        assert_eq!(safe_next("//evil.example"), "/services");
        assert_eq!(safe_next("/\\evil.example"), "/services");
        assert_eq!(safe_next("https://evil.example"), "/services");
        assert_eq!(safe_next(""), "/services");
        assert_eq!(safe_next("/\t/evil.example"), "/services");
        assert_eq!(safe_next("/\n/evil.example"), "/services");
        assert_eq!(safe_next("/ /evil.example"), "/services");
        assert_eq!(safe_next("/a\\b"), "/services");
    }
}

//! What the console's pages share: an organisation's state in words, and
//! the page an operator without two-factor sign-in gets.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

use crate::app::{AppError, OrganisationSummary};
use crate::urls;
use crate::web::layout;
use crate::web::viewer::Viewer;

pub(super) fn state_of(item: &OrganisationSummary) -> String {
    if item.organisation.deleted.is_some() {
        return t!("organisation-deleted");
    }
    match &item.organisation.suspended {
        Some(_) => t!("organisation-suspended"),
        None => t!("organisation-active"),
    }
}

pub(super) fn needs_second_factor(viewer: &Viewer, refusal: &AppError) -> Response {
    let body = layout::page(
        viewer,
        &t!("operator-console"),
        html! {
            h1 { (t!("operator-console")) }
            p.warning role="note" { (crate::i18n::Localize::localize(refusal)) }
            p { a href=(urls::TWO_FACTOR) { (t!("two-factor-sign-in")) } }
        },
    );
    (StatusCode::FORBIDDEN, body).into_response()
}

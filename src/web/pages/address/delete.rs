//! Deleting an address (login password and a ticked box), and restoring it
//! within the retention period.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::{base, field, load};
use crate::app::{AddressView, AppError};
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::pages::dashboard::service_domain;
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

async fn load_managed(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
    local: &str,
) -> Result<AddressView, WebError> {
    let view = load(state, viewer, domain, local).await?;
    if !view.service.role.manages() {
        return Err(AppError::Forbidden.into());
    }
    Ok(view)
}

/// The confirmation: a modal dialog for htmx, a page without JavaScript.
pub async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let view = load_managed(&state, &viewer, &domain, &local).await?;
    let retention_days = state.app.settings().deleted_retention.as_secs() / 86_400;
    let form = form(&viewer, &view, &FormErrors::default(), retention_days);
    Ok(present(&viewer, &view, &headers, StatusCode::OK, form))
}

pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = load_managed(&state, &viewer, &domain, &local).await?;
    let password = field(&fields, "password").to_owned();
    let confirmed = fields.contains_key("understood");
    let (actor, deleted) = (viewer.actor(), view.clone());
    let dashboard = format!("/services/{}", view.service.service.domain.as_ascii());
    let mut errors = FormErrors::default();
    match state
        .run(move |app| app.delete_address(&actor, &deleted, &password, confirmed))
        .await
    {
        Ok(()) if is_htmx(&headers) => {
            return Ok(([("hx-redirect", dashboard)], StatusCode::OK).into_response());
        }
        Ok(()) => return Ok(Redirect::to(&dashboard).into_response()),
        Err(WebError::App(e @ AppError::WrongPassword)) => errors.add("password", e),
        Err(WebError::App(e @ AppError::Invalid(_))) => errors.add("understood", e),
        Err(other) => return Err(other),
    }
    let retention_days = state.app.settings().deleted_retention.as_secs() / 86_400;
    let form = form(&viewer, &view, &errors, retention_days);
    Ok(present(
        &viewer,
        &view,
        &headers,
        StatusCode::UNPROCESSABLE_ENTITY,
        form,
    ))
}

pub async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, u64)>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let (actor, user) = (viewer.actor(), viewer.session.user.id);
    let restored = state
        .run(move |app| {
            let view = app.service_view(user, &domain)?;
            let address = app.restore_address(&actor, &view, id)?;
            Ok(format!(
                "/services/{}/addresses/{}",
                view.service.domain.as_ascii(),
                address.local_part
            ))
        })
        .await?;
    Ok(Redirect::to(&restored).into_response())
}

fn present(
    viewer: &Viewer,
    view: &AddressView,
    headers: &HeaderMap,
    status: StatusCode,
    form: Markup,
) -> Response {
    if is_htmx(headers) {
        let dialog = html! {
            dialog #delete-dialog data-modal open aria-labelledby="delete-title" {
                article { (form) }
            }
        };
        return (status, dialog).into_response();
    }
    let page = layout::page(
        viewer,
        &format!("Delete {}", view.full_address()),
        html! {
            article.narrow-card { (form) }
        },
    );
    (status, page).into_response()
}

fn form(viewer: &Viewer, view: &AddressView, errors: &FormErrors, retention_days: u64) -> Markup {
    let action = format!("{}/delete", base(view));
    let understood_error = errors.get("understood");
    html! {
        header { h2 #delete-title { "Delete " (view.full_address()) "?" } }
        form method="post" action=(action) hx-post=(action) hx-target="#delete-dialog" hx-swap="outerHTML" novalidate {
            input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
            p {
                "The address stops receiving mail and no one can log in to it, at once. "
                "An admin can restore it, with its users, permissions, aliases and forwarding, for "
                (retention_days) " days; until then its name cannot be taken again."
            }
            (Field::new("Your login password", "password", errors).kind("password").autocomplete("current-password").focus())
            label for="understood" {
                input #understood type="checkbox" name="understood"
                    aria-invalid=[understood_error.map(|_| "true")]
                    aria-describedby=[understood_error.map(|_| "understood-help")]
                    autofocus[errors.first() == Some("understood")];
                "I understand that this address and its mail will be deleted"
            }
            @if let Some(error) = understood_error { small #understood-help .error { (error) } }
            footer.actions {
                a role="button" .secondary href=(base(view)) data-close-dialog { "Cancel" }
                button.danger type="submit" { "Delete the address" }
            }
        }
    }
}

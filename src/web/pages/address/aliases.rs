//! The Aliases tab: other names of the same domain that deliver here.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::{Tab, base, change_then_back, field, load_for, respond};
use crate::app::{AddressView, AppError};
use crate::model::LocalPart;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Aliases).await?;
    let panel = panel(&viewer, &view, "", &FormErrors::default());
    Ok(respond(
        &viewer,
        &view,
        Tab::Aliases,
        StatusCode::OK,
        &headers,
        panel,
    ))
}

pub async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Aliases).await?;
    let typed = field(&fields, "alias").to_owned();
    let mut errors = FormErrors::default();
    match LocalPart::parse_mailbox(&typed) {
        Ok(alias) => {
            let (actor, target, changed) = (
                viewer.actor(),
                format!("{}/aliases", base(&view)),
                view.clone(),
            );
            match state
                .run(move |app| app.add_alias(&actor, &changed, &alias))
                .await
            {
                Ok(()) => return Ok(Redirect::to(&target).into_response()),
                Err(WebError::App(e @ (AppError::Taken(_) | AppError::Invalid(_)))) => {
                    errors.add("alias", e)
                }
                Err(other) => return Err(other),
            }
        }
        Err(e) => errors.add("alias", e),
    }
    let panel = panel(&viewer, &view, &typed, &errors);
    Ok(respond(
        &viewer,
        &view,
        Tab::Aliases,
        StatusCode::UNPROCESSABLE_ENTITY,
        &headers,
        panel,
    ))
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, alias)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let alias = LocalPart::parse(&alias).map_err(|_| WebError::App(AppError::NotFound))?;
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "/aliases",
        move |app, actor, view| app.remove_alias(actor, view, &alias),
    )
    .await
}

fn panel(viewer: &Viewer, view: &AddressView, typed: &str, errors: &FormErrors) -> Markup {
    let base = base(view);
    let domain = &view.service.service.domain;
    let error = errors.get("alias");
    html! {
        p { "Mail sent to an alias arrives in " strong { (view.full_address()) } ". An alias can be used to send as well." }
        @if view.address.aliases.is_empty() {
            p.muted { "No alias yet." }
        } @else {
            ul #aliases {
                @for alias in &view.address.aliases {
                    li {
                        form.inline method="post" action=(format!("{base}/aliases/{alias}/remove")) {
                            input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                            span { (alias) "@" (domain) } " "
                            button.secondary.outline.small type="submit" { "Remove" span.visually-hidden { " " (alias) "@" (domain) } }
                        }
                    }
                }
            }
        }
        form method="post" action=(format!("{base}/aliases")) novalidate {
            input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
            label for="alias" { "New alias" }
            fieldset role="group" {
                input #alias name="alias" type="text" value=(typed) required autocomplete="off" spellcheck="false"
                    autofocus[error.is_some()] aria-invalid=[error.map(|_| "true")] aria-describedby="alias-help";
                span.suffix { "@" (domain) }
                button type="submit" { "Add" }
            }
            @if let Some(error) = error { small #alias-help .error { (error) } }
            @else { small #alias-help { "Another name of " (domain) " that delivers here." } }
        }
    }
}

//! The Aliases tab: other names of the same domain that deliver here.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{Tab, base, change_then_back, load_for, respond};
use crate::app::{AddressRef, AddressView, AppError};
use crate::http::AppState;
use crate::model::{AddressError, LocalPart};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;

/// The new-alias form as posted.
#[derive(Debug, Deserialize)]
pub struct AliasForm {
    #[serde(default)]
    alias: String,
}

impl TryFrom<&AliasForm> for LocalPart {
    type Error = AddressError;

    fn try_from(form: &AliasForm) -> Result<Self, Self::Error> {
        LocalPart::parse_mailbox(&form.alias)
    }
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Aliases).await?;
    let panel = panel(&viewer, &view, "", &FormErrors::default());
    Ok(respond(
        &viewer,
        &view,
        Tab::Aliases,
        StatusCode::OK,
        fragment,
        panel,
    ))
}

pub async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<AliasForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let mut errors = FormErrors::default();
    match LocalPart::try_from(&form) {
        Ok(alias) => {
            let (actor, back) = (
                viewer.actor(),
                format!("{}/aliases", urls::address(&target.domain, &target.local)),
            );
            match state
                .run(move |app| app.addresses().add_alias(&actor, &target, &alias))
                .await
            {
                Ok(()) => return Ok(Redirect::to(&back).into_response()),
                Err(WebError::App(e)) if e.is_input() => errors.add("alias", e),
                Err(other) => return Err(other),
            }
        }
        Err(e) => errors.add("alias", e),
    }
    let view = load_for(&state, &viewer, &domain, &local, Tab::Aliases).await?;
    let panel = panel(&viewer, &view, &form.alias, &errors);
    Ok(respond(
        &viewer,
        &view,
        Tab::Aliases,
        StatusCode::UNPROCESSABLE_ENTITY,
        fragment,
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
        move |app, actor, target| app.addresses().remove_alias(actor, target, &alias),
    )
    .await
}

fn panel(viewer: &Viewer, view: &AddressView, typed: &str, errors: &FormErrors) -> Markup {
    let base = base(view);
    let domain = &view.service.service.domain;
    let error = errors.get("alias");
    html! {
        p { (t!("aliases-intro", address = &view.full_address())) }
        @if view.address.aliases.is_empty() {
            p.muted { (t!("no-alias-yet")) }
        } @else {
            ul #aliases {
                @for alias in &view.address.aliases {
                    li {
                        form.inline method="post" action=(format!("{base}/aliases/{alias}/remove")) {
                            (viewer.csrf_field())
                            span { (alias) "@" (domain) } " "
                            button.secondary.outline.small type="submit" { (t!("remove")) span.visually-hidden { " " (alias) "@" (domain) } }
                        }
                    }
                }
            }
        }
        form method="post" action=(format!("{base}/aliases")) novalidate {
            (viewer.csrf_field())
            label for="alias" { (t!("new-alias")) }
            fieldset role="group" {
                input #alias name="alias" type="text" value=(typed) required autocomplete="off" spellcheck="false"
                    autofocus[error.is_some()] aria-invalid=[error.map(|_| "true")] aria-describedby="alias-help";
                span.suffix { "@" (domain) }
                button type="submit" { (t!("add")) }
            }
            @if let Some(error) = error { small #alias-help .error { (error) } }
            @else { small #alias-help { (t!("alias-help", domain = &domain)) } }
        }
    }
}

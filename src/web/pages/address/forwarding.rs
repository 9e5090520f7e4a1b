//! The Forwarding tab: send the address's mail on, keeping a copy or not.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{Tab, base, load_for, respond};
use crate::app::{AddressRef, AddressView};
use crate::http::AppState;
use crate::model::{AddressError, EmailAddress, Forwarding};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors, ticked};
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;

/// The forwarding form as posted: save a target, or turn forwarding off.
#[derive(Debug, Deserialize)]
pub struct ForwardingForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    to: String,
    keep_copy: Option<String>,
}

impl TryFrom<&ForwardingForm> for Option<Forwarding> {
    type Error = AddressError;

    fn try_from(form: &ForwardingForm) -> Result<Self, Self::Error> {
        if form.action == "off" {
            return Ok(None);
        }
        let to = EmailAddress::parse(&form.to)?;
        Ok(Some(Forwarding {
            to,
            keep_copy: ticked(&form.keep_copy),
        }))
    }
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Forwarding).await?;
    let current = view.address.forwarding.clone();
    let typed = current
        .as_ref()
        .map(|f| f.to.to_string())
        .unwrap_or_default();
    let keep = current.as_ref().is_none_or(|f| f.keep_copy);
    let panel = panel(&viewer, &view, &typed, keep, &FormErrors::default());
    Ok(respond(
        &viewer,
        &view,
        Tab::Forwarding,
        StatusCode::OK,
        fragment,
        panel,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<ForwardingForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let mut errors = FormErrors::default();
    match Option::<Forwarding>::try_from(&form) {
        Ok(forwarding) => {
            let (actor, back) = (
                viewer.actor(),
                format!(
                    "{}/forwarding",
                    urls::address(&target.domain, &target.local)
                ),
            );
            match state
                .run(move |app| app.addresses().set_forwarding(&actor, &target, forwarding))
                .await
            {
                Ok(()) => return Ok(Redirect::to(&back).into_response()),
                Err(WebError::App(e)) if e.is_input() => errors.add("to", e),
                Err(other) => return Err(other),
            }
        }
        Err(e) => errors.add("to", e),
    }
    let view = load_for(&state, &viewer, &domain, &local, Tab::Forwarding).await?;
    let keep_copy = ticked(&form.keep_copy);
    let panel = panel(&viewer, &view, &form.to, keep_copy, &errors);
    Ok(respond(
        &viewer,
        &view,
        Tab::Forwarding,
        StatusCode::UNPROCESSABLE_ENTITY,
        fragment,
        panel,
    ))
}

fn panel(
    viewer: &Viewer,
    view: &AddressView,
    typed: &str,
    keep_copy: bool,
    errors: &FormErrors,
) -> Markup {
    let action = format!("{}/forwarding", base(view));
    html! {
        @match &view.address.forwarding {
            Some(current) => p #forwarding-state {
                @if current.keep_copy {
                    (t!("forwarded-kept", address = &view.full_address(), to = &current.to))
                } @else {
                    (t!("forwarded-not-kept", address = &view.full_address(), to = &current.to))
                }
            },
            None => p #forwarding-state { (t!("mail-is-not-forwarded")) },
        }
        form method="post" action=(action) novalidate {
            (viewer.csrf_field())
            (Field::new(t!("forward-to"), "to", errors).kind("email").value(typed).autocomplete("email")
                .help(html! { (t!("a-full-email-address-here-or")) }))
            label for="keep_copy" {
                input #keep_copy type="checkbox" name="keep_copy" checked[keep_copy];
                (t!("keep-a-copy-in-this-mailbox"))
            }
            div.actions {
                button type="submit" name="action" value="save" { (t!("save-forwarding")) }
                @if view.address.forwarding.is_some() {
                    button.secondary.outline type="submit" name="action" value="off" formnovalidate { (t!("turn-forwarding-off")) }
                }
            }
        }
    }
}

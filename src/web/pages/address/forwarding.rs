//! The Forwarding tab: send the address's mail on, keeping a copy or not.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::{Tab, base, field, load_for, respond};
use crate::app::{AddressView, AppError};
use crate::model::EmailAddress;
use crate::store::Forwarding;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
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
        &headers,
        panel,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Forwarding).await?;
    let turn_off = field(&fields, "action") == "off";
    let typed = field(&fields, "to").to_owned();
    let keep_copy = fields.contains_key("keep_copy");
    let mut errors = FormErrors::default();
    let forwarding = if turn_off {
        Ok(None)
    } else {
        EmailAddress::parse(&typed).map(|to| Some(Forwarding { to, keep_copy }))
    };
    match forwarding {
        Ok(forwarding) => {
            let (actor, target, changed) = (
                viewer.actor(),
                format!("{}/forwarding", base(&view)),
                view.clone(),
            );
            match state
                .run(move |app| app.set_forwarding(&actor, &changed, forwarding))
                .await
            {
                Ok(()) => return Ok(Redirect::to(&target).into_response()),
                Err(WebError::App(e @ AppError::Invalid(_))) => errors.add("to", e),
                Err(other) => return Err(other),
            }
        }
        Err(e) => errors.add("to", e),
    }
    let panel = panel(&viewer, &view, &typed, keep_copy, &errors);
    Ok(respond(
        &viewer,
        &view,
        Tab::Forwarding,
        StatusCode::UNPROCESSABLE_ENTITY,
        &headers,
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
                "Mail to " (view.full_address()) " is forwarded to " strong { (current.to) }
                @if current.keep_copy { ", and a copy stays in its mailbox." } @else { " and not kept in its mailbox." }
            },
            None => p #forwarding-state { "Mail is not forwarded." },
        }
        form method="post" action=(action) novalidate {
            input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
            (Field::new("Forward to", "to", errors).kind("email").value(typed).autocomplete("email")
                .help(html! { "A full email address, here or elsewhere." }))
            label for="keep_copy" {
                input #keep_copy type="checkbox" name="keep_copy" checked[keep_copy];
                "Keep a copy in this mailbox"
            }
            div.actions {
                button type="submit" name="action" value="save" { "Save forwarding" }
                @if view.address.forwarding.is_some() {
                    button.secondary.outline type="submit" name="action" value="off" formnovalidate { "Turn forwarding off" }
                }
            }
        }
    }
}

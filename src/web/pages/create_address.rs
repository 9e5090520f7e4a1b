//! "Create an email address": a wizard whose steps are htmx fragments
//! swapped in place, and plain form posts without JavaScript.
//! Step 1: the address, checked as you type. Step 2: who it is for, and its
//! password. Then the address page (for me: how to read the mail).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use std::collections::HashMap;

use super::address::users::{resolve_who, signup_fields, signup_from, who_fields};
use super::address::{permission_boxes, permissions_from};
use super::dashboard::service_domain;
use super::setup::policy;
use crate::app::{AppError, NewAddress, ServiceView};
use crate::model::{Password, PasswordError};
use crate::store::AddressKind;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

/// Who the new address is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Me,
    Other,
    Multiple,
    NoReply,
    CatchAll,
}

impl Purpose {
    const ALL: [(Purpose, &'static str, &'static str); 5] = [
        (
            Purpose::Me,
            "For me",
            "You get access to it with every permission, and can read its mail right away.",
        ),
        (
            Purpose::Other,
            "For another user",
            "A member of the organisation gets access at once; someone else is invited by email.",
        ),
        (
            Purpose::Multiple,
            "For multiple users",
            "A shared address with a password; add its users afterwards from the address page.",
        ),
        (
            Purpose::NoReply,
            "Generic: no-reply",
            "Sends but never receives: the mail server refuses mail sent to it. Usually named no-reply.",
        ),
        (
            Purpose::CatchAll,
            "Generic: catch-all",
            "Receives mail for every name of this domain that matches no other address. It cannot send. One per domain.",
        ),
    ];

    fn value(self) -> &'static str {
        match self {
            Purpose::Me => "me",
            Purpose::Other => "other",
            Purpose::Multiple => "multiple",
            Purpose::NoReply => "no_reply",
            Purpose::CatchAll => "catch_all",
        }
    }

    fn kind(self) -> AddressKind {
        match self {
            Purpose::Me | Purpose::Other | Purpose::Multiple => AddressKind::Standard,
            Purpose::NoReply => AddressKind::NoReply,
            Purpose::CatchAll => AddressKind::CatchAll,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct WizardForm {
    #[serde(default)]
    local: String,
    #[serde(default)]
    step: String,
    purpose: Option<Purpose>,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    who: String,
    /// The permission checkboxes and the signup choice ("for another user").
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

#[derive(Deserialize)]
pub struct CheckQuery {
    #[serde(default)]
    local: String,
}

async fn manager_view(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
) -> Result<ServiceView, WebError> {
    let domain = service_domain(domain)?;
    let user = viewer.session.user.id;
    let view = state
        .run(move |app| app.service_view(user, &domain))
        .await?;
    if !view.role.manages() {
        return Err(AppError::Forbidden.into());
    }
    Ok(view)
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let view = manager_view(&state, &viewer, &domain).await?;
    let form = WizardForm::default();
    let step = step_address(&viewer, &view, &form, &FormErrors::default());
    Ok(page(&viewer, &view, step).into_response())
}

/// The as-you-type check of step 1: a small fragment next to the field.
pub async fn check(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    Query(query): Query<CheckQuery>,
) -> Result<Response, WebError> {
    let view = manager_view(&state, &viewer, &domain).await?;
    let raw = query.local.clone();
    let checked_view = view.clone();
    let outcome = state
        .run(move |app| app.check_new_local(&checked_view, &raw))
        .await;
    let body = match outcome {
        Ok(local) => html! {
            small #local-help .ok { "✓ " (local) "@" (view.service.domain) " is available." }
        },
        Err(WebError::App(e @ (AppError::Address(_) | AppError::Taken(_))))
            if !query.local.trim().is_empty() =>
        {
            html! {
                small #local-help .error { (crate::web::error::capitalise(&e.to_string())) }
            }
        }
        Err(WebError::App(AppError::Address(_) | AppError::Taken(_))) => {
            html! { small #local-help { (local_help()) } }
        }
        Err(other) => return Err(other),
    };
    Ok(body.into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    headers: HeaderMap,
    Form(form): Form<WizardForm>,
) -> Result<Response, WebError> {
    let view = manager_view(&state, &viewer, &domain).await?;
    let htmx = headers.contains_key("hx-request");
    let respond = |status: StatusCode, step: Markup| -> Response {
        if htmx {
            (status, step).into_response()
        } else {
            (status, page(&viewer, &view, step)).into_response()
        }
    };

    let raw = form.local.clone();
    let checked_view = view.clone();
    let local = match state
        .run(move |app| app.check_new_local(&checked_view, &raw))
        .await
    {
        Ok(local) => local,
        Err(WebError::App(e @ (AppError::Address(_) | AppError::Taken(_)))) => {
            let mut errors = FormErrors::default();
            errors.add("local", e);
            return Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                step_address(&viewer, &view, &form, &errors),
            ));
        }
        Err(other) => return Err(other),
    };
    let mut errors = FormErrors::default();
    match (form.step.as_str(), form.purpose) {
        ("create", _) => {}
        ("purpose", Some(_)) => {
            return Ok(respond(
                StatusCode::OK,
                step_details(&viewer, &view, &form, &errors),
            ));
        }
        _ => {
            return Ok(respond(
                StatusCode::OK,
                step_purpose(&viewer, &view, &form, &errors),
            ));
        }
    }
    let Some(purpose) = form.purpose else {
        errors.add("purpose", "choose who the address is for");
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            step_purpose(&viewer, &view, &form, &errors),
        ));
    };
    let refuse = |errors: FormErrors| {
        respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            step_details(&viewer, &view, &form, &errors),
        )
    };
    let (password, share) = if purpose == Purpose::Other {
        let signup = signup_from(&form.rest);
        match resolve_who(&state, view.organisation.id, &form.who, signup).await {
            Ok(with) => (None, Some((with, permissions_from(&form.rest)))),
            Err(message) => {
                errors.add("who", message);
                return Ok(refuse(errors));
            }
        }
    } else {
        let email = crate::model::EmailAddress::new(local.clone(), view.service.domain.clone());
        match Password::confirmed(&form.password, &form.confirm, Some(&email)) {
            Ok(password) => (Some(password), None),
            Err(e) => {
                let field = if e == PasswordError::Mismatch {
                    "confirm"
                } else {
                    "password"
                };
                errors.add(field, e);
                return Ok(refuse(errors));
            }
        }
    };
    let actor = viewer.actor();
    let created_view = view.clone();
    let new = NewAddress {
        local_part: local,
        kind: purpose.kind(),
        password,
        creator_access: purpose == Purpose::Me,
        share,
        forwarding: None,
        display_name: None,
    };
    let created = state
        .run(move |app| app.create_address(&actor, &created_view, new))
        .await;
    match created {
        Ok(address) => {
            let mut target = format!(
                "/services/{}/addresses/{}",
                view.service.domain.as_ascii(),
                address.local_part
            );
            match purpose {
                Purpose::Me => target.push_str("?created=me"),
                Purpose::Other => target.push_str("?created=other"),
                Purpose::Multiple | Purpose::NoReply | Purpose::CatchAll => {}
            }
            if htmx {
                Ok(([("hx-redirect", target)], StatusCode::OK).into_response())
            } else {
                Ok(Redirect::to(&target).into_response())
            }
        }
        // A second catch-all, or a race lost to another creation.
        Err(WebError::App(e @ AppError::Taken(_)))
            if purpose == Purpose::CatchAll && e.to_string().contains("catch-all") =>
        {
            errors.add("purpose", e);
            Ok(respond(
                StatusCode::CONFLICT,
                step_purpose(&viewer, &view, &form, &errors),
            ))
        }
        Err(WebError::App(e @ AppError::Taken(_))) => {
            errors.add("local", e);
            Ok(respond(
                StatusCode::CONFLICT,
                step_address(&viewer, &view, &form, &errors),
            ))
        }
        Err(WebError::App(e @ AppError::Invalid(_))) => {
            errors.add("who", e);
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                step_details(&viewer, &view, &form, &errors),
            ))
        }
        Err(other) => Err(other),
    }
}

fn local_help() -> &'static str {
    "Letters a–z, digits, dots, hyphens and underscores; at most 64 characters."
}

fn page(viewer: &Viewer, view: &ServiceView, step: Markup) -> Markup {
    let domain = view.service.domain.to_string();
    layout::page(
        viewer,
        "Create an email address",
        html! {
            nav aria-label="breadcrumb" {
                ul {
                    li { a href="/services" { "Services" } }
                    li { a href=(format!("/services/{}", view.service.domain.as_ascii())) { (domain) } }
                    li { "Create an email address" }
                }
            }
            h1 { "Create an email address" }
            (step)
        },
    )
}

fn action(view: &ServiceView) -> String {
    format!("/services/{}/new-address", view.service.domain.as_ascii())
}

fn step_address(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let check = format!(
        "/services/{}/new-address/check",
        view.service.domain.as_ascii()
    );
    let error = errors.get("local");
    html! {
        article #wizard {
            header { strong { "Step 1 of 3" } " · The address" }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                input type="hidden" name="step" value="address";
                label for="local" { "Address" }
                fieldset role="group" {
                    input #local name="local" type="text" value=(form.local) required autofocus
                        autocomplete="off" spellcheck="false" maxlength="64"
                        aria-invalid=[error.map(|_| "true")] aria-describedby="local-help"
                        hx-get=(check) hx-trigger="input changed delay:300ms" hx-target="#local-help" hx-swap="outerHTML";
                    span.suffix { "@" (view.service.domain) }
                }
                @if let Some(error) = error {
                    small #local-help .error { (error) }
                } @else {
                    small #local-help { (local_help()) }
                }
                button type="submit" { "Next" }
            }
        }
    }
}

fn step_purpose(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let chosen = form.purpose.unwrap_or(Purpose::Me);
    let purpose_error = errors.get("purpose");
    html! {
        article #wizard {
            header { strong { "Step 2 of 3" } " · " (address_of(view, form)) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                input type="hidden" name="step" value="purpose";
                input type="hidden" name="local" value=(form.local);
                fieldset aria-describedby=[purpose_error.map(|_| "purpose-help")] {
                    legend { "Who is it for?" }
                    @for (purpose, label, explanation) in Purpose::ALL {
                        label {
                            input type="radio" name="purpose" value=(purpose.value()) checked[purpose == chosen]
                                autofocus[purpose == chosen];
                            strong { (label) }
                            br;
                            small.muted { (explanation) }
                        }
                    }
                    @if let Some(error) = purpose_error {
                        small #purpose-help .error { (error) }
                    }
                }
                button type="submit" { "Next" }
            }
        }
    }
}

fn address_of(view: &ServiceView, form: &WizardForm) -> String {
    format!(
        "{}@{}",
        form.local.trim().to_ascii_lowercase(),
        view.service.domain
    )
}

fn step_details(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let purpose = form.purpose.unwrap_or(Purpose::Me);
    let label = Purpose::ALL
        .iter()
        .find(|(p, _, _)| *p == purpose)
        .map(|(_, label, _)| *label)
        .unwrap_or("");
    let defaults = if form.rest.keys().any(|k| k.starts_with("perm_")) {
        permissions_from(&form.rest)
    } else {
        view.organisation.default_permissions
    };
    html! {
        article #wizard {
            header { strong { "Step 3 of 3" } " · " (address_of(view, form)) " · " (label) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                input type="hidden" name="step" value="create";
                input type="hidden" name="local" value=(form.local);
                input type="hidden" name="purpose" value=(purpose.value());
                @if purpose == Purpose::Other {
                    (who_fields(view.service.domain.as_ascii(), &form.who, errors))
                    fieldset {
                        legend { "Permissions" }
                        (permission_boxes(defaults, "create"))
                    }
                    (signup_fields(signup_from(&form.rest)))
                    p { "The address has no password until a user with the password permission sets one; until then it receives mail, but no one can log in to it." }
                } @else {
                    (Field::new("Password of the address", "password", errors).kind("password").autocomplete("new-password").strength()
                        .help(html! { "Mail programs log in with it. " (policy()) }).focus())
                    (Field::new("Password again", "confirm", errors).kind("password").autocomplete("new-password"))
                }
                div.actions {
                    button type="submit" { "Create the address" }
                }
            }
        }
    }
}

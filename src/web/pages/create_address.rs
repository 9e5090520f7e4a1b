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
    Multiple,
    NoReply,
    CatchAll,
}

impl Purpose {
    const ALL: [(Purpose, &'static str, &'static str); 4] = [
        (
            Purpose::Me,
            "For me",
            "You get access to it with every permission, and can read its mail right away.",
        ),
        (
            Purpose::Multiple,
            "For multiple users",
            "A shared address with a password; add its users afterwards from the address page.",
        ),
        (
            Purpose::NoReply,
            "Generic: no-reply",
            "Sends but never receives: the mail server refuses mail sent to it.",
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
            Purpose::Multiple => "multiple",
            Purpose::NoReply => "no_reply",
            Purpose::CatchAll => "catch_all",
        }
    }

    fn kind(self) -> AddressKind {
        match self {
            Purpose::Me | Purpose::Multiple => AddressKind::Standard,
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
    if form.step != "create" {
        return Ok(respond(
            StatusCode::OK,
            step_purpose(&viewer, &view, &form, &FormErrors::default()),
        ));
    }

    let mut errors = FormErrors::default();
    let Some(purpose) = form.purpose else {
        errors.add("purpose", "choose who the address is for");
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            step_purpose(&viewer, &view, &form, &errors),
        ));
    };
    let email = crate::model::EmailAddress::new(local.clone(), view.service.domain.clone());
    let password = match Password::confirmed(&form.password, &form.confirm, Some(&email)) {
        Ok(password) => password,
        Err(e) => {
            let field = if e == PasswordError::Mismatch {
                "confirm"
            } else {
                "password"
            };
            errors.add(field, e);
            return Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                step_purpose(&viewer, &view, &form, &errors),
            ));
        }
    };
    let actor = viewer.actor();
    let created_view = view.clone();
    let new = NewAddress {
        local_part: local,
        kind: purpose.kind(),
        password: Some(password),
        creator_access: purpose == Purpose::Me,
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
            if purpose == Purpose::Me {
                target.push_str("?created=me");
            }
            if htmx {
                Ok(([("hx-redirect", target)], StatusCode::OK).into_response())
            } else {
                Ok(Redirect::to(&target).into_response())
            }
        }
        // Lost a race with another creation, or a second catch-all.
        Err(WebError::App(e @ AppError::Taken(_))) => {
            let field = if purpose == Purpose::CatchAll {
                "purpose"
            } else {
                "local"
            };
            errors.add(field, e);
            let step = if field == "local" {
                step_address(&viewer, &view, &form, &errors)
            } else {
                step_purpose(&viewer, &view, &form, &errors)
            };
            Ok(respond(StatusCode::CONFLICT, step))
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
    format!("/services/{}/addresses/new", view.service.domain.as_ascii())
}

fn step_address(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let check = format!(
        "/services/{}/addresses/check",
        view.service.domain.as_ascii()
    );
    let error = errors.get("local");
    html! {
        article #wizard {
            header { strong { "Step 1 of 2" } " · The address" }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                input type="hidden" name="step" value="purpose";
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
            header { strong { "Step 2 of 2" } " · " (form.local.trim().to_ascii_lowercase()) "@" (view.service.domain) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                input type="hidden" name="step" value="create";
                input type="hidden" name="local" value=(form.local);
                fieldset aria-describedby=[purpose_error.map(|_| "purpose-help")] {
                    legend { "Who is it for?" }
                    @for (purpose, label, explanation) in Purpose::ALL {
                        label {
                            input type="radio" name="purpose" value=(purpose.value()) checked[purpose == chosen]
                                autofocus[errors.first() == Some("purpose") && purpose == chosen];
                            strong { (label) }
                            br;
                            small.muted { (explanation) }
                        }
                    }
                    @if let Some(error) = purpose_error {
                        small #purpose-help .error { (error) }
                    }
                }
                (Field::new("Password of the address", "password", errors).kind("password").autocomplete("new-password")
                    .help(html! { "Mail programs log in with it. " (policy()) }).focus())
                (Field::new("Password again", "confirm", errors).kind("password").autocomplete("new-password"))
                div.grid {
                    button type="submit" { "Create the address" }
                }
            }
        }
    }
}

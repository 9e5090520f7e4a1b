//! "Create an email address": a wizard whose steps are htmx fragments
//! swapped in place, and plain form posts without JavaScript.
//! Step 1: the address, checked as you type. Step 2: who it is for, and its
//! password. Then the address page (for me: how to read the mail).

mod steps;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::common::service_domain;
use crate::app::{AppError, Conflict, ForWhom, NewAddress, ServiceView};
use crate::http::AppState;
use crate::i18n::Localize;
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::NewPasswordForm;
use crate::web::forms::WhoFields;
use crate::web::forms::{FormErrors, PermissionFields};
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;
use steps::{local_help, page, step_address, step_details, step_purpose};

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
    pub(super) const ALL: [Purpose; 5] = [
        Purpose::Me,
        Purpose::Other,
        Purpose::Multiple,
        Purpose::NoReply,
        Purpose::CatchAll,
    ];

    pub(super) fn label(self) -> String {
        match self {
            Purpose::Me => t!("purpose-me"),
            Purpose::Other => t!("purpose-other"),
            Purpose::Multiple => t!("purpose-multiple"),
            Purpose::NoReply => t!("purpose-no-reply"),
            Purpose::CatchAll => t!("purpose-catch-all"),
        }
    }

    pub(super) fn explanation(self) -> String {
        match self {
            Purpose::Me => t!("purpose-me-help"),
            Purpose::Other => t!("purpose-other-help"),
            Purpose::Multiple => t!("purpose-multiple-help"),
            Purpose::NoReply => t!("purpose-no-reply-help"),
            Purpose::CatchAll => t!("purpose-catch-all-help"),
        }
    }

    pub(super) fn value(self) -> &'static str {
        match self {
            Purpose::Me => "me",
            Purpose::Other => "other",
            Purpose::Multiple => "multiple",
            Purpose::NoReply => "no_reply",
            Purpose::CatchAll => "catch_all",
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
    /// The address's password (not "for another user").
    #[serde(flatten)]
    password: NewPasswordForm,
    /// Whom it is for, and how they sign up ("for another user").
    #[serde(flatten)]
    who: WhoFields,
    #[serde(flatten)]
    permissions: PermissionFields,
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
        .run(move |app| app.services().service_view_to_manage(user, &domain))
        .await?;
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
    let (raw, user, domain) = (
        query.local.clone(),
        viewer.session.user.id,
        view.service.domain.clone(),
    );
    let outcome = state
        .run(move |app| app.addresses().check_new_local(user, &domain, &raw))
        .await;
    let body = match outcome {
        Ok(local) => html! {
            small #local-help .ok { "✓ " (t!("is-available", address = &format!("{local}@{}", view.service.domain))) }
        },
        Err(WebError::App(e @ (AppError::Address(_) | AppError::Conflict(_))))
            if !query.local.trim().is_empty() =>
        {
            html! {
                small #local-help .error { (crate::web::error::capitalise(&e.localize())) }
            }
        }
        Err(WebError::App(AppError::Address(_) | AppError::Conflict(_))) => {
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
    Fragment(htmx): Fragment,
    Form(form): Form<WizardForm>,
) -> Result<Response, WebError> {
    let view = manager_view(&state, &viewer, &domain).await?;
    let respond = |status: StatusCode, step: Markup| -> Response {
        if htmx {
            (status, step).into_response()
        } else {
            (status, page(&viewer, &view, step)).into_response()
        }
    };

    let (raw, user, domain) = (
        form.local.clone(),
        viewer.session.user.id,
        view.service.domain.clone(),
    );
    let local = match state
        .run(move |app| app.addresses().check_new_local(user, &domain, &raw))
        .await
    {
        Ok(local) => local,
        Err(WebError::App(e @ (AppError::Address(_) | AppError::Conflict(_)))) => {
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
        errors.add("purpose", t!("error-choose-purpose"));
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
    let for_whom = match purpose {
        Purpose::Me => ForWhom::Me,
        Purpose::Multiple => ForWhom::Multiple,
        Purpose::NoReply => ForWhom::NoReply,
        Purpose::CatchAll => ForWhom::CatchAll,
        Purpose::Other => match form.who.share_with() {
            Ok(with) => ForWhom::Other {
                with,
                permissions: form.permissions.permissions().into(),
            },
            Err(message) => {
                errors.add("who", message);
                return Ok(refuse(errors));
            }
        },
    };
    // An address for someone else has no password: its user signs in as
    // themselves and makes device passwords.
    let password = match for_whom {
        ForWhom::Other { .. } => None,
        _ => match form.password.parse(&view.email(&local)) {
            Ok(password) => Some(password),
            Err(errors) => return Ok(refuse(errors)),
        },
    };
    let actor = viewer.actor();
    let domain = view.service.domain.clone();
    let new = NewAddress {
        local_part: local,
        for_whom,
        password,
        forwarding: None,
        display_name: None,
        quota: None,
    };
    let created = state
        .run(move |app| app.addresses().create_address(&actor, &domain, new))
        .await;
    match created {
        Ok(address) => {
            let mut target = urls::address(&view.service.domain, &address.local_part);
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
        Err(WebError::App(e @ AppError::Conflict(Conflict::CatchAllExists))) => {
            errors.add("purpose", e);
            Ok(respond(
                StatusCode::CONFLICT,
                step_purpose(&viewer, &view, &form, &errors),
            ))
        }
        Err(WebError::App(e @ AppError::Conflict(_))) => {
            errors.add("local", e);
            Ok(respond(
                StatusCode::CONFLICT,
                step_address(&viewer, &view, &form, &errors),
            ))
        }
        Err(WebError::App(e)) if e.is_input() => {
            // About the person when one is named; else about the whole
            // form (a limit of the organisation), shown above it.
            let field = if purpose == Purpose::Other {
                "who"
            } else {
                "form"
            };
            errors.add(field, e);
            Ok(respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                step_details(&viewer, &view, &form, &errors),
            ))
        }
        Err(other) => Err(other),
    }
}

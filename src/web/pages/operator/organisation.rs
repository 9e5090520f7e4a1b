//! One organisation in the operator's console: its owners, limits with
//! what it uses, and suspending or resuming it.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::shared::{needs_second_factor, state_of};
use crate::app::{AppError, OperatorActor, Rejection};
use crate::http::AppState;
use crate::model::{LimitKind, Limits, OrgId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::viewer::Viewer;

/// Each limit as typed: empty for none.
#[derive(Debug, Default, Deserialize)]
pub struct LimitsForm {
    #[serde(default)]
    services: String,
    #[serde(default)]
    addresses: String,
    #[serde(default)]
    members: String,
    #[serde(default)]
    import_rows: String,
}

impl LimitsForm {
    fn parse(&self) -> Result<Limits, FormErrors> {
        let mut limits = Limits::default();
        let mut errors = FormErrors::default();
        for (kind, text) in self.fields() {
            match text.trim() {
                "" => {}
                number => match number.parse::<u64>() {
                    Ok(max) => limits.set(kind, Some(max)),
                    Err(_) => errors.add(kind.name(), t!("error-limit-number")),
                },
            }
        }
        if errors.is_empty() {
            Ok(limits)
        } else {
            Err(errors)
        }
    }

    fn fields(&self) -> [(LimitKind, &str); 4] {
        [
            (LimitKind::Services, &self.services),
            (LimitKind::Addresses, &self.addresses),
            (LimitKind::Members, &self.members),
            (LimitKind::ImportRows, &self.import_rows),
        ]
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct SuspendForm {
    #[serde(default)]
    reason: String,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    organisation_page(&state, &viewer, org, None, &FormErrors::default()).await
}

pub async fn limits(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<LimitsForm>,
) -> Result<Response, WebError> {
    let limits = match form.parse() {
        Ok(limits) => limits,
        Err(errors) => {
            let page = organisation_page(&state, &viewer, org, Some(&form), &errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.operators()
                .set_limits(OperatorActor::Person(&actor), org, limits)
        })
        .await?;
    Ok(Redirect::to(&urls::operator_organisation(org)).into_response())
}

pub async fn suspend(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<SuspendForm>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let done = state
        .run(move |app| {
            app.operators()
                .suspend(OperatorActor::Person(&actor), org, &form.reason)
        })
        .await;
    match done {
        Ok(()) => Ok(Redirect::to(&urls::operator_organisation(org)).into_response()),
        Err(WebError::App(e @ AppError::Rejected(Rejection::SuspensionReason))) => {
            let mut errors = FormErrors::default();
            errors.add("reason", e);
            let page = organisation_page(&state, &viewer, org, None, &errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other),
    }
}

pub async fn resume(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| app.operators().resume(OperatorActor::Person(&actor), org))
        .await?;
    Ok(Redirect::to(&urls::operator_organisation(org)).into_response())
}

async fn organisation_page(
    state: &AppState,
    viewer: &Viewer,
    org: OrgId,
    typed: Option<&LimitsForm>,
    errors: &FormErrors,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let found = state
        .run(move |app| {
            let by = OperatorActor::Person(&actor);
            Ok((
                app.operators().organisation(by, org)?,
                app.operators().usage(by, org)?,
            ))
        })
        .await;
    let (item, usage) = match found {
        Ok(found) => found,
        Err(WebError::App(e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor))) => {
            return Ok(needs_second_factor(viewer, &e));
        }
        Err(other) => return Err(other),
    };
    let typed_value = |kind: LimitKind, max: Option<u64>| -> String {
        match typed {
            Some(form) => form
                .fields()
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default(),
            None => max.map(|m| m.to_string()).unwrap_or_default(),
        }
    };
    let name = item.organisation.name.clone();
    Ok(layout::page(
        viewer,
        &name,
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) { ul { li { a href=(urls::OPERATOR) { (t!("organisations")) } } li { (name) } } }
            h1 { (name) " " span.badge { (state_of(&item)) } }
            @if let Some(suspension) = &item.organisation.suspended {
                p.warning role="note" { (t!("organisation-suspended-since", date = layout::date(suspension.since), reason = &suspension.reason)) }
            }
            p { (t!("owners")) ": " (item.owners.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")) }
            h2 { (t!("limits")) }
            form method="post" action=(urls::operator_limits(org)) novalidate {
                (viewer.csrf_field())
                p { (t!("limits-help")) }
                @for (kind, used, max) in &usage {
                    @let field = kind.name();
                    @let error = errors.get(field);
                    label for=(field) {
                        (limit_label(*kind))
                        input id=(field) name=(field) type="number" min="0" value=(typed_value(*kind, *max))
                            aria-invalid=[error.map(|_| "true")] aria-describedby=(format!("{field}-help"));
                        small id=(format!("{field}-help")) .error[error.is_some()] {
                            (error.map(str::to_owned).unwrap_or_else(|| t!("limit-used", used = *used)))
                        }
                    }
                }
                button type="submit" { (t!("save-the-limits")) }
            }
            @if item.organisation.suspended.is_some() {
                h2 { (t!("resume-the-organisation")) }
                form method="post" action=(urls::operator_resume(org)) {
                    (viewer.csrf_field())
                    button type="submit" { (t!("resume-the-organisation")) }
                }
            } @else {
                h2 { (t!("suspend-the-organisation")) }
                form method="post" action=(urls::operator_suspend(org)) novalidate {
                    (viewer.csrf_field())
                    (Field::new(t!("suspension-reason"), "reason", errors).help(html! { (t!("suspension-reason-help")) }))
                    button.contrast type="submit" { (t!("suspend-the-organisation")) }
                }
            }
        },
    )
    .into_response())
}

fn limit_label(kind: LimitKind) -> String {
    match kind {
        LimitKind::Services => t!("limit-services"),
        LimitKind::Addresses => t!("limit-addresses"),
        LimitKind::Members => t!("limit-members"),
        LimitKind::ImportRows => t!("limit-import-rows"),
    }
}

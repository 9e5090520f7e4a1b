//! Owners an operator gives an organisation from its console page: a
//! person with an account at once, anyone else by an invitation by email,
//! which the operator may withdraw.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::organisation::organisation_page;
use super::shared::needs_second_factor;
use crate::app::{AppError, OperatorActor, Rejection};
use crate::http::AppState;
use crate::model::{EmailAddress, OrgId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::viewer::Viewer;

#[derive(Debug, Default, Deserialize)]
pub struct OwnerForm {
    #[serde(default)]
    email: String,
}

/// Gives the organisation an owner: a person with an account at once,
/// anyone else by an invitation sent to their email.
pub async fn owners(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<OwnerForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    match EmailAddress::parse(form.email.trim()) {
        Err(e) => errors.add("email", e),
        Ok(email) => {
            let actor = viewer.actor();
            let done = state
                .run(move |app| {
                    app.operators()
                        .add_owner(OperatorActor::Person(&actor), org, &email)
                })
                .await;
            match done {
                Ok(_) => return Ok(Redirect::to(&urls::operator_organisation(org)).into_response()),
                Err(WebError::App(
                    e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor),
                )) => return Ok(needs_second_factor(&viewer, &e)),
                Err(WebError::App(e)) if e.is_input() => errors.add("email", e),
                Err(other) => return Err(other),
            }
        }
    }
    let page = organisation_page(&state, &viewer, org, None, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Withdraws the owner invitation that waits: its link stops leading in.
pub async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.operators()
                .withdraw_owner_invitation(OperatorActor::Person(&actor), org)
        })
        .await?;
    Ok(Redirect::to(&urls::operator_organisation(org)).into_response())
}

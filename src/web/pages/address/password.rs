//! The Password tab: a new address password, typed twice.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};

use super::{Tab, field, load_for, respond};
use crate::app::AddressView;
use crate::model::{EmailAddress, Password, PasswordError};
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::pages::setup::policy;
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Password).await?;
    let panel = panel(&viewer, &view, &FormErrors::default(), false);
    Ok(respond(
        &viewer,
        &view,
        Tab::Password,
        StatusCode::OK,
        &headers,
        panel,
    ))
}

pub async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Password).await?;
    let login = EmailAddress::new(
        view.address.local_part.clone(),
        view.service.service.domain.clone(),
    );
    let mut errors = FormErrors::default();
    match Password::confirmed(
        field(&fields, "password"),
        field(&fields, "confirm"),
        Some(&login),
    ) {
        Ok(password) => {
            let (actor, changed) = (viewer.actor(), view.clone());
            state
                .run(move |app| app.change_address_password(&actor, &changed, &password))
                .await?;
            let panel = panel(&viewer, &view, &errors, true);
            return Ok(respond(
                &viewer,
                &view,
                Tab::Password,
                StatusCode::OK,
                &headers,
                panel,
            ));
        }
        Err(e @ PasswordError::Mismatch) => errors.add("confirm", e),
        Err(e) => errors.add("password", e),
    }
    let panel = panel(&viewer, &view, &errors, false);
    Ok(respond(
        &viewer,
        &view,
        Tab::Password,
        StatusCode::UNPROCESSABLE_ENTITY,
        &headers,
        panel,
    ))
}

fn panel(viewer: &Viewer, view: &AddressView, errors: &FormErrors, changed: bool) -> Markup {
    let action = format!("{}/password", super::base(view));
    html! {
        @if changed {
            p.notice-ok role="status" { "The password is changed. Mail programs that are connected keep working until they log in again, then need the new password." }
        }
        form method="post" action=(action) novalidate {
            input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
            (Field::new("New password", "password", errors).kind("password").autocomplete("new-password").strength().help(policy()).focus())
            (Field::new("New password again", "confirm", errors).kind("password").autocomplete("new-password"))
            button type="submit" { "Change the password" }
        }
    }
}

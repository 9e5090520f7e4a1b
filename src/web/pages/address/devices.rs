//! Making and revoking device passwords from the General tab.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::device_section::{DeviceForm, DeviceState};
use super::general::{extras, panel};
use super::share_form::share_form;
use super::{Tab, change_then_back, load, respond};
use crate::app::AddressRef;
use crate::http::AppState;
use crate::model::CredentialId;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<DeviceForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let mut devices = DeviceState::default();
    let status = match form.parse() {
        Ok((name, days)) => {
            let actor = viewer.actor();
            let made = state
                .run(move |app| {
                    app.devices()
                        .create_device_password(&actor, &target, actor.user, name, days)
                })
                .await;
            match made {
                Ok(new) => {
                    devices.new = Some(new);
                    StatusCode::OK
                }
                Err(WebError::App(e)) if e.is_input() => {
                    devices.errors.add("device-name", e);
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                Err(other) => return Err(other),
            }
        }
        Err(errors) => {
            devices.errors = errors;
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    if status != StatusCode::OK {
        devices.typed = form;
    }
    let view = load(&state, &viewer, &domain, &local).await?;
    let mut extras = extras(&state, &viewer, &view, None).await?;
    extras.devices.new = devices.new;
    extras.devices.errors = devices.errors;
    extras.devices.typed = devices.typed;
    let defaults = view.service.organisation.default_permissions;
    let form = share_form(&viewer, &view, defaults, "", &FormErrors::default());
    let content = panel(
        &viewer,
        &view,
        &state.app.settings().mail_client,
        None,
        form,
        &extras,
    );
    Ok(respond(
        &viewer,
        &view,
        Tab::General,
        status,
        fragment,
        content,
    ))
}

pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, CredentialId)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "#devices",
        move |app, actor, target| app.devices().revoke_device_password(actor, target, id),
    )
    .await
}

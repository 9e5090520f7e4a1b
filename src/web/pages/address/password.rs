//! The Password tab: a new address password, typed twice.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};

use super::{Tab, load_for, respond};
use crate::app::{AddressRef, AddressView};
use crate::http::AppState;
use crate::web::error::WebError;
use crate::web::forms::NewPasswordForm;
use crate::web::forms::{Field, FormErrors};
use crate::web::htmx::Fragment;
use crate::web::pages::common::policy;
use crate::web::viewer::Viewer;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::Password).await?;
    let panel = panel(&viewer, &view, &FormErrors::default(), false);
    Ok(respond(
        &viewer,
        &view,
        Tab::Password,
        StatusCode::OK,
        fragment,
        panel,
    ))
}

pub async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let (status, errors, changed) = match form.parse(&target.email()) {
        Ok(password) => {
            let actor = viewer.actor();
            state
                .run(move |app| {
                    app.addresses()
                        .change_address_password(&actor, &target, &password)
                })
                .await?;
            (StatusCode::OK, FormErrors::default(), true)
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, false),
    };
    let view = load_for(&state, &viewer, &domain, &local, Tab::Password).await?;
    let panel = panel(&viewer, &view, &errors, changed);
    Ok(respond(
        &viewer,
        &view,
        Tab::Password,
        status,
        fragment,
        panel,
    ))
}

fn panel(viewer: &Viewer, view: &AddressView, errors: &FormErrors, changed: bool) -> Markup {
    let action = format!("{}/password", super::base(view));
    html! {
        @if changed {
            p.notice-ok role="status" { (t!("the-password-is-changed-mail-programs")) }
        }
        form method="post" action=(action) novalidate {
            (viewer.csrf_field())
            (Field::new(t!("new-password"), "password", errors).kind("password").autocomplete("new-password").strength().help(policy()).focus())
            (Field::new(t!("new-password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
            button type="submit" { (t!("change-the-password")) }
        }
    }
}

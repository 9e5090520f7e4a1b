//! Deleting an address (login password and a ticked box), and restoring it
//! within the retention period.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::base;
use crate::app::{AddressRef, AddressView, AppError, Rejection};
use crate::http::AppState;
use crate::model::{AddressId, Domain};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors, ticked};
use crate::web::htmx::Fragment;
use crate::web::layout;
use crate::web::viewer::Viewer;

/// The delete form as posted.
#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    understood: Option<String>,
}

async fn load_managed(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
    local: &str,
) -> Result<AddressView, WebError> {
    let target = crate::app::AddressRef::parse(domain, local)?;
    let user = viewer.session.user.id;
    state
        .run(move |app| app.addresses().address_view_to_manage(user, &target))
        .await
}

/// The confirmation: a modal dialog for htmx, a page without JavaScript.
pub async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let view = load_managed(&state, &viewer, &domain, &local).await?;
    let form = form(
        &viewer,
        &view,
        &FormErrors::default(),
        &Consequences::of(&state),
    );
    Ok(present(&viewer, &view, fragment, StatusCode::OK, form))
}

pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let dashboard = urls::service(&target.domain);
    let (actor, confirmed) = (viewer.actor(), ticked(&form.understood));
    let password = form.password;
    let mut errors = FormErrors::default();
    match state
        .run(move |app| {
            app.addresses()
                .delete_address(&actor, &target, &password, confirmed)
        })
        .await
    {
        Ok(()) if fragment.0 => {
            return Ok(([("hx-redirect", dashboard)], StatusCode::OK).into_response());
        }
        Ok(()) => return Ok(Redirect::to(&dashboard).into_response()),
        Err(WebError::App(e @ (AppError::WrongPassword | AppError::Throttled { .. }))) => {
            errors.add("password", e)
        }
        Err(WebError::App(e @ AppError::Rejected(Rejection::DeletionNotConfirmed))) => {
            errors.add("understood", e)
        }
        Err(other) => return Err(other),
    }
    let view = load_managed(&state, &viewer, &domain, &local).await?;
    let form = self::form(&viewer, &view, &errors, &Consequences::of(&state));
    Ok(present(
        &viewer,
        &view,
        fragment,
        StatusCode::UNPROCESSABLE_ENTITY,
        form,
    ))
}

pub async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, AddressId)>,
) -> Result<Response, WebError> {
    let domain = Domain::parse(&domain).map_err(|_| AppError::NotFound)?;
    let actor = viewer.actor();
    let restored = state
        .run(move |app| {
            let address = app.addresses().restore_address(&actor, &domain, id)?;
            Ok(urls::address(&domain, &address.local_part))
        })
        .await?;
    Ok(Redirect::to(&restored).into_response())
}

fn present(
    viewer: &Viewer,
    view: &AddressView,
    Fragment(fragment): Fragment,
    status: StatusCode,
    form: Markup,
) -> Response {
    if fragment {
        let dialog = html! {
            dialog #delete-dialog data-modal open aria-labelledby="delete-title" {
                article { (form) }
            }
        };
        return (status, dialog).into_response();
    }
    let page = layout::page(
        viewer,
        &t!("delete-address-title", address = &view.full_address()),
        html! {
            article.narrow-card { (form) }
        },
    );
    (status, page).into_response()
}

/// What deleting does, and when, as the dialog says it.
struct Consequences {
    retention_days: u64,
    /// When the retention ends (Unix seconds).
    until: i64,
    /// Whether doveadm ends open sessions and empties the mailbox.
    mail_server_acts: bool,
}

impl Consequences {
    fn of(state: &AppState) -> Self {
        let app = &state.app;
        Self {
            retention_days: app.settings().deleted_retention.as_secs() / 86_400,
            until: app.addresses().restorable_until(crate::app::now()),
            mail_server_acts: app.devices().ends_open_sessions(),
        }
    }
}

fn form(viewer: &Viewer, view: &AddressView, errors: &FormErrors, then: &Consequences) -> Markup {
    let action = format!("{}/delete", base(view));
    let understood_error = errors.get("understood");
    html! {
        header { h2 #delete-title { (t!("delete-address-question", address = &view.full_address())) } }
        form method="post" action=(action) hx-post=(action) hx-target="#delete-dialog" hx-swap="outerHTML" novalidate {
            (viewer.csrf_field())
            dl.consequences {
                dt { (t!("at-once")) }
                dd {
                    (t!("it-stops-receiving-mail-and-nobody")) " "
                    @if then.mail_server_acts { (t!("mail-programs-connected-now-are-disconnected")) }
                    @else { (t!("mail-programs-connected-now-stay-connected")) }
                }
                dt { (t!("delete-until", until = &layout::date_time(then.until), days = then.retention_days)) }
                dd { (t!("an-admin-can-restore-it-with")) }
                dt { (t!("then")) }
                dd {
                    @if then.mail_server_acts { (t!("every-message-in-its-mailbox-is")) }
                    @else { (t!("its-name-is-free-again-its")) }
                }
            }
            (Field::new(t!("your-login-password"), "password", errors).kind("password").autocomplete("current-password").focus())
            label for="understood" {
                input #understood type="checkbox" name="understood"
                    aria-invalid=[understood_error.map(|_| "true")]
                    aria-describedby=[understood_error.map(|_| "understood-help")]
                    autofocus[errors.first() == Some("understood")];
                (t!("i-understand-that-this-address-and"))
            }
            @if let Some(error) = understood_error { small #understood-help .error { (error) } }
            footer.actions {
                a role="button" .secondary href=(base(view)) data-close-dialog { (t!("cancel")) }
                button.danger type="submit" { (t!("delete-the-address")) }
            }
        }
    }
}

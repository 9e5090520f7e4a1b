//! Sharing an address with another user, editing permissions, removing
//! users, invitations and sharing links: the General tab's actions.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::general::{extras, panel};
use super::share_form::{ShareForm, share_form};
use super::{Tab, change_then_back, load, respond};
use crate::app::{AddressRef, ShareMode};
use crate::http::AppState;
use crate::model::{Domain, InvitationId, LinkId, UserId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{FormErrors, PermissionFields};
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;

pub async fn share(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<ShareForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let permissions = form.permissions.permissions();
    let mut errors = FormErrors::default();
    match form.who.share_with() {
        Ok(with) => {
            let actor = viewer.actor();
            let back = urls::address(&target.domain, &target.local);
            let outcome = state
                .run(move |app| {
                    app.sharing().share_address(
                        &actor,
                        &target,
                        with,
                        permissions,
                        ShareMode::Invite,
                    )
                })
                .await;
            match outcome {
                Ok(_) => return Ok(Redirect::to(&back).into_response()),
                Err(WebError::App(e)) if e.is_input() => errors.add("who", e),
                Err(other) => return Err(other),
            }
        }
        Err(message) => errors.add("who", message),
    }
    let view = load(&state, &viewer, &domain, &local).await?;
    let form = share_form(&viewer, &view, permissions, &form.who.who, &errors);
    let extras = extras(&state, &viewer, &view, None).await?;
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
        StatusCode::UNPROCESSABLE_ENTITY,
        fragment,
        content,
    ))
}

pub async fn set_permissions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, user)): Path<(String, String, UserId)>,
    Form(fields): Form<PermissionFields>,
) -> Result<Response, WebError> {
    let permissions = fields.permissions();
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, target| {
            app.sharing()
                .set_permissions(actor, target, user, permissions)
        },
    )
    .await
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, user)): Path<(String, String, UserId)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, target| app.sharing().remove_user(actor, target, user),
    )
    .await
}

#[derive(Deserialize)]
pub struct MembersQuery {
    #[serde(default)]
    who: String,
}

/// Autocomplete over the organisation's members: `<option>`s for the
/// share field's datalist. Only for those who manage the service.
pub async fn members(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    Query(query): Query<MembersQuery>,
) -> Result<Response, WebError> {
    let domain = Domain::parse(&domain).map_err(|_| crate::app::AppError::NotFound)?;
    let actor = viewer.actor();
    let found = state
        .run(move |app| {
            let view = app.services().service_view(actor.user, &domain)?;
            app.organisations()
                .members_matching(&actor, view.organisation.id, &query.who, 20)
        })
        .await?;
    Ok(html! {
        datalist #members {
            @for member in &found { option value=(member.login) { (member.display_name) } }
        }
    }
    .into_response())
}

pub async fn resend_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, InvitationId)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, target| app.sharing().resend_invitation(actor, target, id),
    )
    .await
}

pub async fn revoke_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, InvitationId)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, target| app.sharing().revoke_invitation(actor, target, id),
    )
    .await
}

/// The link form as posted.
#[derive(Debug, Deserialize)]
pub struct LinkForm {
    #[serde(flatten)]
    permissions: PermissionFields,
    #[serde(default)]
    days: String,
}

/// Makes a sharing link and shows it this once, on the General tab.
pub async fn create_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<LinkForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let permissions = form.permissions.permissions();
    // Not a number is outside 1..=365 too: the use case says so.
    let days: i64 = form.days.trim().parse().unwrap_or(0);
    let actor = viewer.actor();
    let (_, token) = state
        .run(move |app| {
            app.sharing()
                .create_link(&actor, &target, permissions, days)
        })
        .await?;
    let url = format!(
        "{}{}",
        state.app.settings().public_url,
        urls::sharing_link(&token)
    );
    let view = load(&state, &viewer, &domain, &local).await?;
    let defaults = view.service.organisation.default_permissions;
    let extras = extras(&state, &viewer, &view, Some(url)).await?;
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
        StatusCode::OK,
        fragment,
        content,
    ))
}

pub async fn revoke_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, LinkId)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "#links",
        move |app, actor, target| app.sharing().revoke_link(actor, target, id),
    )
    .await
}

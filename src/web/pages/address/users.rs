//! Sharing an address with another user, editing permissions, removing users.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::general::panel;
use super::{
    Tab, base, change_then_back, field, load, permission_boxes, permissions_from, respond,
};
use crate::app::{AddressView, AppError, ShareMode, ShareWith};
use crate::model::{EmailAddress, Permissions};
use crate::store::SignupRule;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::pages::dashboard::service_domain;
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

/// What a "who" field names: a member (by login) or someone outside.
pub async fn resolve_who(
    state: &AppState,
    org: u64,
    who: &str,
    signup: SignupRule,
) -> Result<ShareWith, String> {
    let email = EmailAddress::parse(who).map_err(|_| {
        "enter a member's email address, or the email address of the person to invite".to_owned()
    })?;
    let lookup = email.clone();
    let member = state
        .run(move |app| {
            let found = app.store().read()?.user_by_login(&lookup)?;
            Ok(match found {
                Some(user) if app.role_in(user.id, org)?.is_some() => Some(user.id),
                _ => None,
            })
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(match member {
        Some(user) => ShareWith::Member(user),
        None => ShareWith::External { email, signup },
    })
}

pub fn signup_from(fields: &HashMap<String, String>) -> SignupRule {
    if field(fields, "signup") == "this_address" {
        SignupRule::ThisAddress
    } else {
        SignupRule::OwnChoice
    }
}

pub async fn share(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = load(&state, &viewer, &domain, &local).await?;
    let who = field(&fields, "who").to_owned();
    let permissions = permissions_from(&fields);
    let mut errors = FormErrors::default();
    let org = view.service.organisation.id;
    match resolve_who(&state, org, &who, signup_from(&fields)).await {
        Ok(with) => {
            let actor = viewer.actor();
            let target = base(&view);
            let shared = view.clone();
            let outcome = state
                .run(move |app| {
                    app.share_address(&actor, &shared, with, permissions, ShareMode::Invite)
                })
                .await;
            match outcome {
                Ok(_) => return Ok(Redirect::to(&target).into_response()),
                Err(WebError::App(e @ (AppError::Taken(_) | AppError::Invalid(_)))) => {
                    errors.add("who", e)
                }
                Err(other) => return Err(other),
            }
        }
        Err(message) => errors.add("who", message),
    }
    let form = share_form(&viewer, &view, permissions, &who, &errors);
    let extras = super::general::extras(&state, &view, None).await?;
    let content = panel(&viewer, &view, &state.mail_client, None, form, &extras);
    Ok(respond(
        &viewer,
        &view,
        Tab::General,
        StatusCode::UNPROCESSABLE_ENTITY,
        &headers,
        content,
    ))
}

pub async fn set_permissions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, user)): Path<(String, String, u64)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let permissions = permissions_from(&fields);
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, view| app.set_permissions(actor, view, user, permissions),
    )
    .await
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, user)): Path<(String, String, u64)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, view| app.remove_user(actor, view, user),
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
    let domain = service_domain(&domain)?;
    let user = viewer.session.user.id;
    let found = state
        .run(move |app| {
            let view = app.service_view(user, &domain)?;
            if !view.role.manages() {
                return Err(AppError::Forbidden);
            }
            app.members_matching(view.organisation.id, &query.who, 20)
        })
        .await?;
    Ok(html! {
        datalist #members {
            @for member in &found { option value=(member.login) { (member.display_name) } }
        }
    }
    .into_response())
}

/// The share form: a member or an outside email, permissions, and for an
/// outside person how they must sign up.
pub fn share_form(
    viewer: &Viewer,
    view: &AddressView,
    permissions: Permissions,
    who: &str,
    errors: &FormErrors,
) -> Markup {
    let action = format!("{}/users", base(view));
    html! {
        details #share open[!errors.is_empty()] {
            summary role="button" .secondary.outline { "Invite a user" }
            form method="post" action=(action) novalidate {
                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                (who_fields(view.service.service.domain.as_ascii(), who, errors))
                fieldset {
                    legend { "Permissions" }
                    (permission_boxes(permissions, "share"))
                }
                (signup_fields(SignupRule::OwnChoice))
                button type="submit" { "Invite" }
            }
        }
    }
}

/// The "who" field with autocomplete over members.
pub fn who_fields(domain_ascii: &str, who: &str, errors: &FormErrors) -> Markup {
    let error = errors.get("who");
    html! {
        label for="who" { "Member or email address" }
        input #who type="text" name="who" value=(who) list="members" autocomplete="off" required
            autofocus[error.is_some()]
            aria-invalid=[error.map(|_| "true")] aria-describedby="who-help"
            hx-get=(format!("/services/{domain_ascii}/members")) hx-trigger="input changed delay:250ms, focus once"
            hx-target="#members" hx-swap="outerHTML";
        datalist #members {}
        @if let Some(error) = error {
            small #who-help .error { (error) }
        } @else {
            small #who-help { "Type a name or email: members are suggested. Anyone else is invited by email." }
        }
    }
}

/// For a person outside the organisation: which login they must use.
pub fn signup_fields(chosen: SignupRule) -> Markup {
    html! {
        fieldset {
            legend { "If this person is not a member yet, they sign up with" }
            label {
                input type="radio" name="signup" value="own_choice" checked[chosen == SignupRule::OwnChoice];
                "an email address of their own choice"
            }
            label {
                input type="radio" name="signup" value="this_address" checked[chosen == SignupRule::ThisAddress];
                "this new address itself"
            }
        }
        p.warning role="note" {
            strong { "Note: " }
            "a user who does not link their account to this address cannot change its password. "
            "Only users with the password permission, and the organisation's owners and admins, can."
        }
    }
}

pub async fn resend_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, u64)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, view| app.resend_invitation(actor, view, id),
    )
    .await
}

pub async fn revoke_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, u64)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "",
        move |app, actor, view| app.revoke_invitation(actor, view, id),
    )
    .await
}

/// Makes a sharing link and shows it this once, on the General tab.
pub async fn create_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let view = load(&state, &viewer, &domain, &local).await?;
    let permissions = permissions_from(&fields);
    let days: i64 = field(&fields, "days").trim().parse().unwrap_or(0);
    let (actor, made) = (viewer.actor(), view.clone());
    let (_, token) = state
        .run(move |app| app.create_link(&actor, &made, permissions, days))
        .await?;
    let url = format!("{}/links/{token}", state.app.settings().public_url);
    let view = load(&state, &viewer, &domain, &local).await?;
    let defaults = view.service.organisation.default_permissions;
    let extras = super::general::extras(&state, &view, Some(url)).await?;
    let form = share_form(&viewer, &view, defaults, "", &FormErrors::default());
    let content = panel(&viewer, &view, &state.mail_client, None, form, &extras);
    Ok(respond(
        &viewer,
        &view,
        Tab::General,
        StatusCode::OK,
        &headers,
        content,
    ))
}

pub async fn revoke_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local, id)): Path<(String, String, u64)>,
) -> Result<Response, WebError> {
    change_then_back(
        &state,
        &viewer,
        (&domain, &local),
        "#links",
        move |app, actor, view| app.revoke_link(actor, view, id),
    )
    .await
}

//! An organisation's members, for its owners and admins: roles and removal.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use crate::model::{OrgId, Role, UserId};
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::state::AppState;
use crate::web::viewer::Viewer;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let me = viewer.session.user.id;
    let (organisation, members) = state
        .run(move |app| {
            let members = app.members(&actor, org)?;
            let organisation = app
                .services_for(actor.user)?
                .into_iter()
                .find(|o| o.organisation.id == org)
                .map(|o| o.organisation)
                .ok_or(crate::app::AppError::NotFound)?;
            Ok((organisation, members))
        })
        .await?;
    let base = members_page(org);
    Ok(layout::page(
        &viewer,
        "Members",
        html! {
            div.page-head { div { h1 { "Members" } p.subtitle { (organisation.name) } } }
            div.table-wrap {
                table #members-table {
                    thead { tr { th scope="col" { "Member" } th scope="col" { "Role" } th scope="col" { "Since" } th scope="col" { span.visually-hidden { "Actions" } } } }
                    tbody {
                        @for (user, membership) in &members {
                            tr {
                                td { (user.login) @if user.id == me { " (you)" } }
                                td {
                                    form.inline method="post" action=(format!("{base}/{}/role", user.id)) {
                                        (viewer.csrf_field())
                                        label.visually-hidden for=(format!("role-{}", user.id)) { "Role of " (user.login) }
                                        select id=(format!("role-{}", user.id)) name="role" {
                                            @for role in [Role::Owner, Role::Admin, Role::Member] {
                                                option value=(role.name()) selected[role == membership.role] { (role.name()) }
                                            }
                                        }
                                        button.secondary.outline.small type="submit" { "Change" span.visually-hidden { " the role of " (user.login) } }
                                    }
                                }
                                td { (layout::date(membership.since)) }
                                td {
                                    form.inline method="post" action=(format!("{base}/{}/remove", user.id)) {
                                        (viewer.csrf_field())
                                        button.secondary.outline.small type="submit" { "Remove" span.visually-hidden { " " (user.login) } }
                                    }
                                    " "
                                    form.inline method="post" action=(crate::urls::reset_two_factor(org, user.id)) {
                                        (viewer.csrf_field())
                                        button.secondary.outline.small type="submit" { "Reset two-factor" span.visually-hidden { " of " (user.login) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.muted { "Removing a member removes their access to every address of the organisation. The last owner cannot be removed or demoted." }
            h2 { "Two-factor sign-in" }
            form method="post" action=(crate::urls::require_two_factor(org)) {
                (viewer.csrf_field())
                label for="required" {
                    input #required type="checkbox" name="required" checked[organisation.require_second_factor];
                    "Owners and admins must sign in with a second factor (they set it up at their next login)"
                }
                button.secondary type="submit" { "Save" }
            }
        },
    )
    .into_response())
}

/// The role form as posted.
#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

impl TryFrom<&RoleForm> for Role {
    type Error = WebError;

    fn try_from(form: &RoleForm) -> Result<Self, Self::Error> {
        Role::parse(&form.role).ok_or(WebError::Input("choose owner, admin or member"))
    }
}

fn members_page(org: OrgId) -> String {
    crate::urls::members(org)
}

pub async fn set_role(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((org, user)): Path<(OrgId, UserId)>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let role = Role::try_from(&form)?;
    let actor = viewer.actor();
    state
        .run(move |app| app.set_role(&actor, org, user, role))
        .await?;
    Ok(Redirect::to(&members_page(org)).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((org, user)): Path<(OrgId, UserId)>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| app.remove_member(&actor, org, user))
        .await?;
    Ok(Redirect::to(&members_page(org)).into_response())
}

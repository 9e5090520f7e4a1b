//! An organisation's members, for its owners and admins: roles and removal.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use crate::http::AppState;
use crate::model::{OrgId, Role, SecondFactorRule, UserId};
use crate::web::error::WebError;
use crate::web::layout;
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
            let members = app.organisations().members(&actor, org)?;
            let organisation = app
                .services()
                .services_for(actor.user)?
                .into_iter()
                .find(|o| o.organisation.id == org)
                .map(|o| o.organisation)
                .ok_or(crate::app::AppError::NotFound)?;
            Ok((organisation, members))
        })
        .await?;
    let base = members_page(org);
    Ok(layout::page_in(
        &viewer,
        Some(org),
        &t!("members"),
        html! {
            div.page-head { div { h1 { (t!("members")) } p.subtitle { (organisation.name) } } }
            div.table-wrap {
                table #members-table {
                    thead { tr { th scope="col" { (t!("member")) } th scope="col" { (t!("role")) } th scope="col" { (t!("since")) } th scope="col" { span.visually-hidden { (t!("actions")) } } } }
                    tbody {
                        @for (user, membership) in &members {
                            tr {
                                td { (user.login) @if user.id == me { " " (t!("you")) } }
                                td {
                                    form.inline method="post" action=(format!("{base}/{}/role", user.id)) {
                                        (viewer.csrf_field())
                                        label.visually-hidden for=(format!("role-{}", user.id)) { (t!("role-of", login = &user.login)) }
                                        select id=(format!("role-{}", user.id)) name="role" {
                                            @for role in [Role::Owner, Role::Admin, Role::Member] {
                                                option value=(role.name()) selected[role == membership.role] { (crate::i18n::names::role(role)) }
                                            }
                                        }
                                        button.secondary.outline.small type="submit" { (t!("change")) span.visually-hidden { " " (t!("the-role-of", login = &user.login)) } }
                                    }
                                }
                                td { (layout::date(membership.since)) }
                                td {
                                    form.inline method="post" action=(format!("{base}/{}/remove", user.id)) {
                                        (viewer.csrf_field())
                                        button.secondary.outline.small type="submit" { (t!("remove")) span.visually-hidden { " " (user.login) } }
                                    }
                                    " "
                                    form.inline method="post" action=(crate::urls::reset_two_factor(org, user.id)) {
                                        (viewer.csrf_field())
                                        button.secondary.outline.small type="submit" { (t!("reset-two-factor")) span.visually-hidden { " " (t!("two-factor-of", login = &user.login)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.muted { (t!("removing-a-member-removes-their-access")) }
            h2 { (t!("two-factor-sign-in")) }
            form method="post" action=(crate::urls::require_two_factor(org)) {
                (viewer.csrf_field())
                fieldset {
                    legend { (t!("who-must-sign-in-with-a-second-factor")) }
                    @for (rule, text) in [
                        (SecondFactorRule::Nobody, t!("second-factor-nobody")),
                        (SecondFactorRule::Managers, t!("owners-and-admins-must-sign-in")),
                        (SecondFactorRule::Everyone, t!("second-factor-everyone")),
                    ] {
                        label {
                            input type="radio" name="required" value=(rule.name()) checked[organisation.second_factor_rule() == rule];
                            (text)
                        }
                    }
                }
                button.secondary type="submit" { (t!("save")) }
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
        Role::parse(&form.role).ok_or(WebError::Input(t!("error-choose-role")))
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
        .run(move |app| app.organisations().set_role(&actor, org, user, role))
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
        .run(move |app| app.organisations().remove_member(&actor, org, user))
        .await?;
    Ok(Redirect::to(&members_page(org)).into_response())
}

//! The organisation's email services: list and add.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::{AppError, Offer, OrganisationServices, Rejection};
use crate::http::AppState;
use crate::model::{Domain, Invitation, OrgId, Organisation};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors, PermissionFields, permission_boxes};
use crate::web::layout;
use crate::web::viewer::Viewer;

#[derive(Deserialize)]
pub struct AddForm {
    organisation: OrgId,
    #[serde(default)]
    domain: String,
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let user = viewer.session.user.id;
    let (orgs, invitations) = state
        .run(move |app| {
            Ok((
                app.services().services_for(user)?,
                app.sharing().invitations_for(user)?,
            ))
        })
        .await?;
    Ok(render(&viewer, &orgs, None, &invitations, None).into_response())
}

/// One organisation's services (where the header's switcher leads); an
/// organisation the person is not in does not exist for them.
pub async fn organisation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let user = viewer.session.user.id;
    let orgs = state
        .run(move |app| {
            let mine: Vec<OrganisationServices> = app
                .services()
                .services_for(user)?
                .into_iter()
                .filter(|o| o.organisation.id == org)
                .collect();
            if mine.is_empty() {
                return Err(AppError::NotFound);
            }
            Ok(mine)
        })
        .await?;
    Ok(render(&viewer, &orgs, None, &[], Some(org)).into_response())
}

/// The signed-in person leaves an organisation (one button); whatever
/// their membership held ends with it.
pub async fn leave(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let token = viewer.context.session_token.clone();
    state
        .run(move |app| app.organisations().leave(&actor, org, token.as_deref()))
        .await?;
    Ok(Redirect::to(urls::SERVICES).into_response())
}

pub async fn add(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<AddForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let outcome = match Domain::parse(&form.domain) {
        Ok(domain) => {
            let actor = viewer.actor();
            let org = form.organisation;
            state
                .run(move |app| app.services().add_service(&actor, org, &domain))
                .await
        }
        Err(error) => Err(WebError::App(error.into())),
    };
    match outcome {
        Ok(service) => Ok(Redirect::to(&urls::service(&service.domain)).into_response()),
        Err(WebError::App(
            error @ (AppError::Address(_)
            | AppError::Conflict(_)
            | AppError::Rejected(Rejection::LimitReached { .. })),
        )) => {
            errors.add("domain", error);
            let user = viewer.session.user.id;
            let orgs = state
                .run(move |app| app.services().services_for(user))
                .await?;
            let failed = Failed {
                organisation: form.organisation,
                domain: form.domain,
                errors,
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&viewer, &orgs, Some(&failed), &[], None),
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}

/// A submitted add form that was refused, shown again with its errors.
struct Failed {
    organisation: OrgId,
    domain: String,
    errors: FormErrors,
}

fn render(
    viewer: &Viewer,
    orgs: &[OrganisationServices],
    failed: Option<&Failed>,
    invitations: &[(Invitation, Offer)],
    current: Option<OrgId>,
) -> Markup {
    layout::page_in(
        viewer,
        current,
        &t!("email-services"),
        html! {
            // Invitations come first: they are what the person came for.
            @if !invitations.is_empty() {
                section #my-invitations aria-labelledby="invited-title" {
                    h2 #invited-title { (t!("invitations-for-you")) }
                    @for (invitation, offer) in invitations {
                        form.inline method="post" action=(urls::accept_mine(invitation.id)) {
                            (viewer.csrf_field())
                            span { (t!("invites-you-to-use", organisation = &offer.organisation.name, address = &offer.full_address())) }
                            button.small type="submit" { (t!("accept")) span.visually-hidden { " " (offer.full_address()) } }
                        }
                    }
                }
            }
            div.page-head {
                div {
                    h1 { (t!("email-services")) }
                    p.subtitle { (t!("each-service-holds-the-addresses-of")) }
                }
            }
            @for org in orgs {
                section aria-labelledby=(format!("org-{}", org.organisation.id)) {
                    h2 id=(format!("org-{}", org.organisation.id)) {
                        (org.organisation.name) " " span.badge { (crate::i18n::names::role(org.role)) }
                    }
                    @if let Some(suspension) = &org.organisation.suspended {
                        p.warning role="note" {
                            (t!("organisation-suspended-since", date = layout::date(suspension.since), reason = &suspension.reason))
                        }
                    } @else {
                    @if org.role.manages() {
                        p {
                            a href=(urls::members(org.organisation.id)) { (t!("members-of", organisation = &org.organisation.name)) }
                            " · "
                            a href=(urls::tokens(org.organisation.id)) { (t!("api-tokens")) }
                            " · "
                            a href=(urls::organisation_history(org.organisation.id)) { (t!("tab-history")) }
                        }
                    }
                    @if org.services.is_empty() {
                        p.empty { (t!("no-email-service-yet")) }
                    } @else {
                        div.table-wrap {
                            table {
                                thead { tr { th scope="col" { (t!("domain")) } th scope="col" { (t!("addresses")) } th scope="col" { (t!("added")) } } }
                                tbody {
                                    @for service in &org.services {
                                        tr {
                                            td {
                                                a href=(urls::service(&service.domain)) { (service.domain) }
                                                @if !service.receives_mail() && org.role.manages() {
                                                    " " a.badge.warning href=(urls::dns(&service.domain)) { (t!("domain-not-verified-badge")) }
                                                }
                                                @if let Some(problems) = org.dns_problems.get(&service.id) {
                                                    " " a.badge.warning href=(urls::dns(&service.domain)) { (t!("dns-problems", count = *problems)) }
                                                }
                                            }
                                            td { (crate::i18n::names::count(service.address_count)) }
                                            td { (layout::date(service.created)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if org.role.manages() {
                        (add_form(viewer, org.organisation.id, failed.filter(|f| f.organisation == org.organisation.id)))
                        (defaults_form(viewer, &org.organisation))
                        (super::common::language::organisation_form(viewer, &org.organisation))
                        (super::common::language::time_zone_form(viewer, &org.organisation))
                    }
                    }
                    form.inline method="post" action=(urls::leave_organisation(org.organisation.id)) {
                        (viewer.csrf_field())
                        button.secondary.outline.small type="submit" { (t!("leave-organisation", organisation = &org.organisation.name)) }
                    }
                }
            }
        },
    )
}

fn add_form(viewer: &Viewer, org: OrgId, failed: Option<&Failed>) -> Markup {
    let empty = FormErrors::default();
    let errors = failed.map(|f| &f.errors).unwrap_or(&empty);
    let value = failed.map(|f| f.domain.as_str()).unwrap_or("");
    html! {
        details open[failed.is_some()] {
            summary role="button" class="secondary outline" { (t!("add-an-email-service")) }
            form method="post" action=(urls::SERVICES) novalidate {
                (viewer.csrf_field())
                input type="hidden" name="organisation" value=(org);
                (Field::new(t!("domain-name"), "domain", errors).value(value)
                    .help(html! { (t!("a-domain-your-organisation-owns-such")) }))
                button type="submit" { (t!("add-the-service")) }
            }
        }
    }
}

fn defaults_form(viewer: &Viewer, org: &Organisation) -> Markup {
    html! {
        details {
            summary role="button" class="secondary outline" { (t!("default-permissions")) }
            form method="post" action=(urls::default_permissions(org.id)) {
                (viewer.csrf_field())
                fieldset {
                    legend { (t!("ticked-in-advance-when-an-address")) }
                    (permission_boxes(org.default_permissions, &format!("defaults-{}", org.id)))
                }
                button type="submit" { (t!("save-the-defaults")) }
            }
        }
    }
}

pub async fn save_defaults(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Path(org): axum::extract::Path<OrgId>,
    Form(fields): Form<PermissionFields>,
) -> Result<Response, WebError> {
    let permissions = fields.permissions();
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.organisations()
                .set_default_permissions(&actor, org, permissions)
        })
        .await?;
    Ok(Redirect::to(urls::SERVICES).into_response())
}

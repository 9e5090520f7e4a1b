//! The operator's console: the installation's organisations, paged and
//! searched by name or domain; creating one with its first owner; each
//! one's limits, suspension and resumption, deletion and restoring. Who may is app's rule
//! (`Operators`: operators signed in with two factors); the header links
//! here for operators only.

mod organisation;
mod owners;
mod shared;
pub mod tokens;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::{AppError, OperatorActor, OrganisationPage, OrganisationSummary, Rejection};
use crate::http::AppState;
use crate::model::{EmailAddress, LimitKind, OrgId, size_text};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::viewer::Viewer;
use organisation::{LimitsForm, limit_input, shown_value};
pub use organisation::{delete, limits, restore, resume, show, suspend};
pub use owners::{owners, withdraw};
use shared::{needs_second_factor, state_of};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    after: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewOrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    owner: String,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    list_page(
        &state,
        &viewer,
        &query,
        &NewOrganisationForm::default(),
        None,
        &FormErrors::default(),
    )
    .await
}

/// The limits new organisations start with.
pub async fn default_limits(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<LimitsForm>,
) -> Result<Response, WebError> {
    let errors = match form.parse() {
        Ok(limits) => {
            let actor = viewer.actor();
            state
                .run(move |app| {
                    app.operators()
                        .set_default_limits(OperatorActor::Person(&actor), limits)
                })
                .await?;
            return Ok(Redirect::to(urls::OPERATOR).into_response());
        }
        Err(errors) => errors,
    };
    let (query, new) = (ListQuery::default(), NewOrganisationForm::default());
    let page = list_page(&state, &viewer, &query, &new, Some(&form), &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<NewOrganisationForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    let owner = match EmailAddress::parse(form.owner.trim()) {
        Ok(owner) => Some(owner),
        Err(e) => {
            errors.add("owner", e);
            None
        }
    };
    if let Some(owner) = owner {
        let (actor, name) = (viewer.actor(), form.name.clone());
        let made = state
            .run(move |app| {
                app.operators()
                    .create_organisation(OperatorActor::Person(&actor), &name, &owner)
            })
            .await;
        match made {
            Ok(org) => {
                return Ok(Redirect::to(&urls::operator_organisation(org.id)).into_response());
            }
            Err(WebError::App(e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor))) => {
                return Ok(needs_second_factor(&viewer, &e));
            }
            Err(WebError::App(e @ (AppError::Conflict(_) | AppError::Rejected(_)))) => {
                errors.add("name", e)
            }
            Err(other) => return Err(other),
        }
    }
    let query = ListQuery::default();
    let page = list_page(&state, &viewer, &query, &form, None, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    query: &ListQuery,
    form: &NewOrganisationForm,
    typed_defaults: Option<&LimitsForm>,
    errors: &FormErrors,
) -> Result<Response, WebError> {
    let (actor, search, after) = (viewer.actor(), query.q.clone(), query.after.map(OrgId));
    let found = state
        .run(move |app| {
            app.operators()
                .console(OperatorActor::Person(&actor), &search, after)
        })
        .await;
    let (page, defaults) = match found {
        Ok(page) => page,
        Err(WebError::App(e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor))) => {
            return Ok(needs_second_factor(viewer, &e));
        }
        Err(other) => return Err(other),
    };
    Ok(layout::page(
        viewer,
        &t!("operator-console"),
        html! {
            div.page-head { div { h1 { (t!("organisations")) } p.subtitle { (t!("operator-console")) } } }
            p { a href=(urls::OPERATOR_TOKENS) { (t!("operator-api-tokens")) } }
            form role="search" method="get" action=(urls::OPERATOR) {
                label for="q" { (t!("search-organisations")) }
                input #q name="q" type="search" value=(query.q);
                button.secondary type="submit" { (t!("search")) }
            }
            (table(&page))
            @if let Some(next) = page.next {
                p { a href=(format!("{}?q={}&after={next}", urls::OPERATOR, crate::web::viewer::urlencode(&query.q))) { (t!("next-page")) } }
            }
            h2 { (t!("new-organisation")) }
            form method="post" action=(urls::OPERATOR_ORGANISATIONS) novalidate {
                (viewer.csrf_field())
                (Field::new(t!("organisation-name"), "name", errors).value(&form.name))
                (Field::new(t!("first-owner"), "owner", errors).kind("email").value(&form.owner)
                    .help(html! { (t!("first-owner-help")) }))
                button type="submit" { (t!("create-the-organisation")) }
            }
            h2 { (t!("limits-of-new-organisations")) }
            form method="post" action=(urls::OPERATOR_DEFAULT_LIMITS) novalidate {
                (viewer.csrf_field())
                p { (t!("limits-of-new-organisations-help")) }
                @for kind in LimitKind::ALL {
                    (limit_input(kind, shown_value(typed_defaults, kind, defaults.get(kind)), None, errors))
                }
                button type="submit" { (t!("save-the-limits")) }
            }
        },
    )
    .into_response())
}

fn table(page: &OrganisationPage) -> Markup {
    html! {
        @if page.items.is_empty() {
            p.empty { (t!("no-organisation-found")) }
        } @else {
            div.table-wrap {
                table #organisations {
                    thead { tr {
                        th scope="col" { (t!("name")) } th scope="col" { (t!("owners")) }
                        th scope="col" { (t!("domains")) } th scope="col" { (t!("addresses")) }
                        th scope="col" { (t!("members")) } th scope="col" { (t!("storage")) }
                        th scope="col" { (t!("state")) }
                        th scope="col" { (t!("created")) }
                    } }
                    tbody { @for item in &page.items { (row(item)) } }
                }
            }
        }
    }
}

/// What is used, and of how much when a limit is set.
fn of_limit(used: String, max: Option<String>) -> String {
    match max {
        Some(max) => t!("used-of-limit", used = used, max = max),
        None => used,
    }
}

fn row(item: &OrganisationSummary) -> Markup {
    let limits = &item.organisation.limits;
    let owners: Vec<String> = item.owners.iter().map(ToString::to_string).collect();
    html! {
        tr {
            td { a href=(urls::operator_organisation(item.organisation.id)) { (item.organisation.name) } }
            td {
                (owners.join(", "))
                @if let Some(invitation) = &item.organisation.owner_invitation {
                    @if !owners.is_empty() { ", " }
                    @if crate::app::now() < invitation.expires {
                        (t!("owner-invited", email = &invitation.email))
                    } @else {
                        (t!("owner-invitation-lapsed", email = &invitation.email))
                    }
                }
            }
            td { (item.domains.join(", ")) }
            td { (of_limit(crate::i18n::names::count(item.addresses), limits.addresses.map(crate::i18n::names::count))) }
            td { (of_limit(item.members.to_string(), limits.members.map(|m| m.to_string()))) }
            td { (of_limit(size_text(item.storage_mb), limits.storage_mb.map(size_text))) }
            td { (state_of(item)) }
            td { (layout::date(item.organisation.created)) }
        }
    }
}

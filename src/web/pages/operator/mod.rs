//! The operator's console: the installation's organisations, paged and
//! searched by name or domain; creating one with its first owner; each
//! one's limits, suspension and resumption. Who may is app's rule
//! (`Operators`: operators signed in with two factors); the header links
//! here for operators only.

mod organisation;
mod shared;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::{AppError, OperatorActor, OrganisationPage, OrganisationSummary, Rejection};
use crate::http::AppState;
use crate::model::{EmailAddress, OrgId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::viewer::Viewer;
pub use organisation::{limits, resume, show, suspend};
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
        &FormErrors::default(),
    )
    .await
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
            Err(WebError::App(e @ AppError::Rejected(Rejection::NoSuchPerson(_)))) => {
                errors.add("owner", e)
            }
            Err(WebError::App(e @ (AppError::Conflict(_) | AppError::Rejected(_)))) => {
                errors.add("name", e)
            }
            Err(other) => return Err(other),
        }
    }
    let query = ListQuery::default();
    let page = list_page(&state, &viewer, &query, &form, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    query: &ListQuery,
    form: &NewOrganisationForm,
    errors: &FormErrors,
) -> Result<Response, WebError> {
    let (actor, search, after) = (viewer.actor(), query.q.clone(), query.after.map(OrgId));
    let found = state
        .run(move |app| {
            app.operators().organisations(
                OperatorActor::Person(&actor),
                &search,
                after,
                crate::app::ORGANISATION_PAGE,
            )
        })
        .await;
    let page = match found {
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
                        th scope="col" { (t!("members")) } th scope="col" { (t!("state")) }
                        th scope="col" { (t!("created")) }
                    } }
                    tbody { @for item in &page.items { (row(item)) } }
                }
            }
        }
    }
}

fn row(item: &OrganisationSummary) -> Markup {
    let owners: Vec<String> = item.owners.iter().map(ToString::to_string).collect();
    html! {
        tr {
            td { a href=(urls::operator_organisation(item.organisation.id)) { (item.organisation.name) } }
            td { (owners.join(", ")) }
            td { (item.domains.join(", ")) }
            td { (crate::i18n::names::count(item.addresses)) }
            td { (item.members) }
            td { (state_of(item)) }
            td { (layout::date(item.organisation.created)) }
        }
    }
}

//! An organisation's API tokens, for its owners and admins: make one (shown
//! once), see when each was last used, revoke (the row and the form are
//! `common::tokens`, which the operators' tokens page shows too).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::common::tokens::{TokenForm, new_form, row};
use crate::app::AppError;
use crate::http::AppState;
use crate::model::{OrgId, TokenId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::layout;
use crate::web::viewer::Viewer;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    page(
        &state,
        &viewer,
        org,
        &TokenForm::default(),
        &FormErrors::default(),
        None,
    )
    .await
    .map(IntoResponse::into_response)
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    let new = match form.parse(None) {
        Ok(new) => new,
        Err(errors) => {
            let body = page(&state, &viewer, org, &form, &errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
        }
    };
    let actor = viewer.actor();
    match state
        .run(move |app| app.tokens().create_token(&actor, org, new))
        .await
    {
        Ok((_, secret)) => {
            let fresh = TokenForm::default();
            let body = page(
                &state,
                &viewer,
                org,
                &fresh,
                &FormErrors::default(),
                Some(secret),
            )
            .await?;
            Ok(body.into_response())
        }
        Err(WebError::App(e @ AppError::Rejected(_))) => {
            let mut errors = FormErrors::default();
            errors.add("name", e);
            let body = page(&state, &viewer, org, &form, &errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((org, id)): Path<(OrgId, TokenId)>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| app.tokens().revoke_token(&actor, org, id))
        .await?;
    Ok(Redirect::to(&urls::tokens(org)).into_response())
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    org: OrgId,
    form: &TokenForm,
    errors: &FormErrors,
    made: Option<String>,
) -> Result<Markup, WebError> {
    let actor = viewer.actor();
    let (name, tokens) = state
        .run(move |app| {
            let tokens = app.tokens().tokens_of(&actor, org)?;
            let name = app
                .services()
                .services_for(actor.user)?
                .into_iter()
                .find(|o| o.organisation.id == org)
                .map(|o| o.organisation.name)
                .ok_or(AppError::NotFound)?;
            Ok((name, tokens))
        })
        .await?;
    let now = crate::app::now();
    Ok(layout::page_in(
        viewer,
        Some(org),
        &t!("api-tokens"),
        html! {
            div.page-head { div { h1 { (t!("api-tokens")) } p.subtitle { (name) } } }
            @if let Some(secret) = made {
                article.notice #new-token role="status" {
                    p { strong { (t!("copy-the-token-now-it-is")) } }
                    input #token-value type="text" readonly value=(secret) aria-label=(t!("the-new-token"));
                }
            }
            p {
                (t!("tokens-intro", header = "Authorization: Bearer TOKEN")) " "
                a href="/api/v1/docs" { (t!("tokens-reference")) }
            }
            @if tokens.is_empty() {
                p.empty { (t!("no-token-yet")) }
            } @else {
                div.table-wrap {
                    table #tokens-table {
                        thead { tr { th scope="col" { (t!("name")) } th scope="col" { (t!("scope")) } th scope="col" { (t!("state")) } th scope="col" { (t!("last-used")) } th scope="col" { span.visually-hidden { (t!("actions")) } } } }
                        tbody { @for token in &tokens { (row(viewer, &urls::revoke_token(org, token.id), token, now, None)) } }
                    }
                }
            }
            h2 { (t!("make-a-token")) }
            (new_form(viewer, &urls::tokens(org), form, errors, true))
        },
    ))
}

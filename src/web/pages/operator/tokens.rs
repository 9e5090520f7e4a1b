//! The operators' API tokens, for a provider's own systems: made by an
//! operator for themselves (shown once), listed with their last use, and
//! revoked by any operator. The table and form are the organisation's
//! tokens page's.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::shared::needs_second_factor;
use crate::app::{AppError, OperatorActor, Rejection};
use crate::http::AppState;
use crate::model::{Scope, TokenId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::layout;
use crate::web::pages::common::tokens::{TokenForm, new_form, row};
use crate::web::viewer::Viewer;

pub async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    page(
        &state,
        &viewer,
        &TokenForm::default(),
        &FormErrors::default(),
        None,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    let new = match form.parse(Some(Scope::Operator)) {
        Ok(new) => new,
        Err(errors) => return refused(&state, &viewer, &form, errors).await,
    };
    let actor = viewer.actor();
    match state
        .run(move |app| app.operators().create_operator_token(&actor, new))
        .await
    {
        Ok((_, secret)) => {
            let fresh = TokenForm::default();
            page(
                &state,
                &viewer,
                &fresh,
                &FormErrors::default(),
                Some(secret),
            )
            .await
        }
        Err(WebError::App(e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor))) => {
            Ok(needs_second_factor(&viewer, &e))
        }
        Err(WebError::App(e @ AppError::Rejected(_))) => {
            let mut errors = FormErrors::default();
            errors.add("name", e);
            refused(&state, &viewer, &form, errors).await
        }
        Err(other) => Err(other),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<TokenId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.operators()
                .revoke_operator_token(OperatorActor::Person(&actor), id)
        })
        .await?;
    Ok(Redirect::to(urls::OPERATOR_TOKENS).into_response())
}

async fn refused(
    state: &AppState,
    viewer: &Viewer,
    form: &TokenForm,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let body = page(state, viewer, form, &errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    form: &TokenForm,
    errors: &FormErrors,
    made: Option<String>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let found = state
        .run(move |app| {
            app.operators()
                .operator_tokens(OperatorActor::Person(&actor))
        })
        .await;
    let tokens = match found {
        Ok(tokens) => tokens,
        Err(WebError::App(e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor))) => {
            return Ok(needs_second_factor(viewer, &e));
        }
        Err(other) => return Err(other),
    };
    let now = crate::app::now();
    Ok(layout::page(
        viewer,
        &t!("operator-api-tokens"),
        html! {
            div.page-head { div { h1 { (t!("operator-api-tokens")) } p.subtitle { (t!("operator-console")) } } }
            @if let Some(secret) = made {
                article.notice #new-token role="status" {
                    p { strong { (t!("copy-the-token-now-it-is")) } }
                    input #token-value type="text" readonly value=(secret) aria-label=(t!("the-new-token"));
                }
            }
            p {
                (t!("operator-tokens-intro", header = "Authorization: Bearer TOKEN")) " "
                a href="/api/v1/docs" { (t!("tokens-reference")) }
            }
            @if tokens.is_empty() {
                p.empty { (t!("no-token-yet")) }
            } @else {
                div.table-wrap {
                    table #tokens-table {
                        thead { tr { th scope="col" { (t!("name")) } th scope="col" { (t!("scope")) } th scope="col" { (t!("state")) } th scope="col" { (t!("last-used")) } th scope="col" { span.visually-hidden { (t!("actions")) } } } }
                        tbody { @for (token, holder) in &tokens { (row(viewer, &urls::operator_token_revoke(token.id), token, now, holder.as_ref().map(ToString::to_string).as_deref())) } }
                    }
                }
            }
            h2 { (t!("make-a-token")) }
            (new_form(viewer, urls::OPERATOR_TOKENS, form, errors, false))
        },
    )
    .into_response())
}

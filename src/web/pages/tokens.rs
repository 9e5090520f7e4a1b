//! An organisation's API tokens, for its owners and admins: make one (shown
//! once), see when each was last used, revoke.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::{AppError, NewToken};
use crate::http::AppState;
use crate::model::{ApiToken, OrgId, Scope, TokenId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::layout;
use crate::web::viewer::Viewer;

#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    /// Days; empty: until revoked.
    #[serde(default)]
    days: String,
    /// Networks, comma-separated; empty: any.
    #[serde(default)]
    allow_from: String,
}

impl TokenForm {
    fn parse(&self) -> Result<NewToken, FormErrors> {
        let mut errors = FormErrors::default();
        let scope = Scope::parse(&self.scope);
        if scope.is_none() {
            errors.add("scope", t!("error-choose-scope"));
        }
        let days = match self.days.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(days) => Some(days),
                Err(_) => {
                    errors.add("days", t!("error-token-days"));
                    None
                }
            },
        };
        let mut allow_from = Vec::new();
        for part in self.allow_from.split(',').filter(|p| !p.trim().is_empty()) {
            match crate::http::client_ip::parse_trusted(part) {
                Ok(net) => allow_from.push(net),
                Err(message) => errors.add("allow_from", message),
            }
        }
        match scope {
            Some(scope) if errors.is_empty() => Ok(NewToken {
                name: self.name.clone(),
                scope,
                days,
                allow_from,
            }),
            _ => Err(errors),
        }
    }
}

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
    let new = match form.parse() {
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
                        tbody { @for token in &tokens { (row(viewer, org, token, now)) } }
                    }
                }
            }
            h2 { (t!("make-a-token")) }
            (new_form(viewer, org, form, errors))
        },
    ))
}

fn row(viewer: &Viewer, org: OrgId, token: &ApiToken, now: i64) -> Markup {
    let state = if token.revoked.is_some() {
        t!("token-revoked")
    } else if token.usable(now) {
        t!("token-active")
    } else {
        t!("token-expired")
    };
    html! {
        tr {
            td { (token.name) }
            td { (crate::i18n::names::scope(token.scope)) }
            td { (state) @if let Some(at) = token.expires { @if token.usable(now) { " " (t!("until-date", date = &layout::date(at))) } } }
            td { @match token.last_use { Some(at) => { (layout::date(at)) @if let Some(ip) = &token.last_ip { " " (t!("from-ip", ip = ip)) } }, None => { (t!("never")) } } }
            td {
                @if token.revoked.is_none() {
                    form.inline method="post" action=(urls::revoke_token(org, token.id)) {
                        (viewer.csrf_field())
                        button.secondary.outline.small type="submit" { (t!("revoke")) span.visually-hidden { " " (token.name) } }
                    }
                }
            }
        }
    }
}

fn new_form(viewer: &Viewer, org: OrgId, form: &TokenForm, errors: &FormErrors) -> Markup {
    let field_error = |name: &str| errors.get(name).map(str::to_owned);
    html! {
        form method="post" action=(urls::tokens(org)) novalidate {
            (viewer.csrf_field())
            label for="name" { (t!("name")) }
            input #name name="name" type="text" value=(form.name) maxlength="100" required
                aria-invalid=[field_error("name").map(|_| "true")] aria-describedby="name-help";
            small #name-help .error[field_error("name").is_some()] { (field_error("name").unwrap_or_else(|| t!("token-name-help"))) }
            fieldset {
                legend { (t!("scope")) }
                @for (scope, explanation) in [
                    (Scope::Read, t!("scope-read-help")),
                    (Scope::Addresses, t!("scope-addresses-help")),
                    (Scope::Admin, t!("scope-admin-help")),
                ] {
                    label {
                        input type="radio" name="scope" value=(scope.name()) checked[form.scope == scope.name() || (form.scope.is_empty() && scope == Scope::Read)];
                        strong { (crate::i18n::names::scope(scope)) } " — " (explanation)
                    }
                }
                @if let Some(message) = field_error("scope") { small.error { (message) } }
            }
            label for="days" { (t!("expires-after-days")) }
            input #days name="days" type="number" min="1" max="3650" value=(form.days)
                aria-invalid=[field_error("days").map(|_| "true")] aria-describedby="days-help";
            small #days-help .error[field_error("days").is_some()] { (field_error("days").unwrap_or_else(|| t!("token-days-help"))) }
            label for="allow_from" { (t!("only-from-these-networks")) }
            input #allow_from name="allow_from" type="text" value=(form.allow_from) placeholder=(t!("n-192-0-2-0-24-2001"))
                aria-invalid=[field_error("allow_from").map(|_| "true")] aria-describedby="allow-help";
            small #allow-help .error[field_error("allow_from").is_some()] { (field_error("allow_from").unwrap_or_else(|| t!("token-networks-help"))) }
            button type="submit" { (t!("make-the-token")) }
        }
    }
}

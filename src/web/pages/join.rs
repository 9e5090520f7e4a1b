//! Where an owner invitation's link lands: the invited email's person
//! accepts signed in, signs in first when they have an account, or chooses
//! a password and becomes the organisation's owner in one step.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::common::{policy, problem_page};
use crate::app::{AppError, OwnerOffer, Rejection};
use crate::http::AppState;
use crate::model::OrgId;
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors, NewPasswordForm};
use crate::web::layout;
use crate::web::session::{append_cookie, session_cookie};
use crate::web::viewer::{RequestContext, csrf_field, urlencode};

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path((org, token)): Path<(OrgId, String)>,
) -> Result<Response, WebError> {
    let read = token.clone();
    match state
        .run(move |app| app.accounts().owner_offer(org, &read))
        .await
    {
        Ok(offer) => Ok(render(
            &context,
            org,
            &token,
            &offer,
            &FormErrors::default(),
        )),
        Err(WebError::App(AppError::Rejected(Rejection::Link(problem)))) => {
            Ok(problem_page(problem))
        }
        Err(other) => Err(other),
    }
}

pub async fn accept(
    State(state): State<AppState>,
    context: RequestContext,
    Path((org, token)): Path<(OrgId, String)>,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, WebError> {
    let read = token.clone();
    let offer = match state
        .run(move |app| app.accounts().owner_offer(org, &read))
        .await
    {
        Ok(offer) => offer,
        Err(WebError::App(AppError::Rejected(Rejection::Link(problem)))) => {
            return Ok(problem_page(problem));
        }
        Err(other) => return Err(other),
    };
    let user = context.signed_in().map(|s| s.user.id);
    let password = match user {
        Some(_) => None,
        None => match form.parse(&offer.email) {
            Ok(password) => Some(password),
            Err(errors) => return Ok(refused(&context, org, &token, &offer, &errors)),
        },
    };
    let (ip, accepted) = (context.ip.clone(), token.clone());
    let outcome = state
        .run(move |app| {
            app.accounts()
                .accept_owner_invitation(org, &accepted, user, password, ip)
        })
        .await;
    match outcome {
        Ok(done) => {
            let mut response = Redirect::to(&done.page).into_response();
            if let Some(session) = done.session {
                append_cookie(
                    response.headers_mut(),
                    session_cookie(session.token, state.secure_cookies),
                );
            }
            Ok(response)
        }
        Err(WebError::App(AppError::Rejected(Rejection::Link(problem)))) => {
            Ok(problem_page(problem))
        }
        Err(WebError::App(e)) if e.is_input() => {
            let mut errors = FormErrors::default();
            errors.add("password", e);
            Ok(refused(&context, org, &token, &offer, &errors))
        }
        Err(other) => Err(other),
    }
}

fn refused(
    context: &RequestContext,
    org: OrgId,
    token: &str,
    offer: &OwnerOffer,
    errors: &FormErrors,
) -> Response {
    let page = render(context, org, token, offer, errors);
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

fn render(
    context: &RequestContext,
    org: OrgId,
    token: &str,
    offer: &OwnerOffer,
    errors: &FormErrors,
) -> Response {
    let action = urls::owner_invitation(org, token);
    let title = t!("become-owner-of", organisation = &offer.organisation);
    let body = html! {
        h1 { (title) }
        p { (t!("owner-invitation-text", email = &offer.email, organisation = &offer.organisation)) }
        p.muted { (t!("mail-invitation-valid", expires = crate::i18n::date(crate::i18n::current(), offer.expires))) }
        @match context.signed_in() {
            Some(session) if session.user.login == offer.email => {
                form method="post" action=(action) {
                    (csrf_field(&context.csrf))
                    @if let Some(error) = errors.get("password") { p.error role="alert" { (error) } }
                    p { (t!("accept-logged-in-as", login = &session.user.login)) }
                    button type="submit" { (t!("become-the-owner")) }
                }
            }
            Some(session) => {
                p.warning role="alert" { (t!("owner-invitation-other-login", login = &session.user.login, email = &offer.email)) }
                form method="post" action=(urls::LOGOUT) {
                    (csrf_field(&context.csrf))
                    button.secondary type="submit" { (t!("sign-out")) }
                }
            }
            None if offer.has_account => {
                p { (t!("owner-invitation-sign-in", email = &offer.email)) }
                p { a role="button" href=(format!("{}?next={}", urls::LOGIN, urlencode(&action))) { (t!("sign-in-to-accept")) } }
            }
            None => {
                h2 { (t!("create-your-account")) }
                form method="post" action=(action) novalidate {
                    (csrf_field(&context.csrf))
                    label for="login" { (t!("your-login")) }
                    input #login type="email" name="login" value=(offer.email) readonly autocomplete="username";
                    (Field::new(t!("password"), "password", errors).kind("password").autocomplete("new-password").strength().help(policy()))
                    (Field::new(t!("password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
                    button type="submit" { (t!("create-account-and-become-owner")) }
                }
            }
        }
    };
    layout::bare(&title, body).into_response()
}

//! "Forgot your password?": ask for a link (the same answer whether or not
//! the account exists), then choose a new password through it.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::common::policy;
use super::common::problem_page;
use crate::app::{AppError, Rejection};
use crate::http::AppState;
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::NewPasswordForm;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::viewer::{RequestContext, csrf_field};

#[derive(Debug, Default, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

pub async fn ask(context: RequestContext) -> Response {
    forgot_page(&context.csrf, "", None).into_response()
}

pub async fn send(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<ForgotForm>,
) -> Result<Response, WebError> {
    let (typed, ip) = (form.email.clone(), context.ip.clone());
    match state
        .run(move |app| app.accounts().request_password_reset(&typed, ip))
        .await
    {
        Ok(()) => Ok(layout::bare(
            &t!("check-your-email"),
            html! {
                article.notice #reset-sent {
                    h1 { (t!("check-your-email")) }
                    p { (t!("reset-sent", email = form.email.trim())) }
                    p { a href=(urls::LOGIN) { (t!("back-to-the-login")) } }
                }
            },
        )
        .into_response()),
        Err(WebError::App(AppError::Throttled { retry_after })) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", retry_after.to_string())],
            forgot_page(
                &context.csrf,
                &form.email,
                Some(t!("reset-throttled", seconds = retry_after)),
            ),
        )
            .into_response()),
        Err(other) => Err(other),
    }
}

fn forgot_page(csrf: &str, typed: &str, error: Option<String>) -> Markup {
    let errors = FormErrors::default();
    layout::bare(
        &t!("forgot-your-password"),
        html! {
            h1 { (t!("forgot-your-password")) }
            @if let Some(error) = &error { p.error role="alert" { (error) } }
            p { (t!("enter-the-email-address-you-log")) }
            form method="post" action=(urls::FORGOT) {
                (csrf_field(csrf))
                (Field::new(t!("email-address"), "email", &errors).kind("email").value(typed).autocomplete("username").focus())
                button type="submit" { (t!("send-the-link")) }
            }
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let read = token.clone();
    match state
        .run(move |app| app.accounts().password_reset_for(&read))
        .await?
    {
        Ok(login) => Ok(reset_page(
            &context.csrf,
            &token,
            &login.to_string(),
            &FormErrors::default(),
        )
        .into_response()),
        Err(problem) => Ok(problem_page(problem)),
    }
}

pub async fn reset(
    State(state): State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, WebError> {
    let read = token.clone();
    let login = match state
        .run(move |app| app.accounts().password_reset_for(&read))
        .await?
    {
        Ok(login) => login,
        Err(problem) => return Ok(problem_page(problem)),
    };
    let password = match form.parse(&login) {
        Ok(password) => password,
        Err(errors) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                reset_page(&context.csrf, &token, &login.to_string(), &errors),
            )
                .into_response());
        }
    };
    let ip = context.ip.clone();
    match state
        .run(move |app| app.accounts().reset_password(&token, &password, ip))
        .await
    {
        Ok(()) => Ok(layout::bare(
            &t!("password-changed"),
            html! {
                article.notice #reset-done {
                    h1 { (t!("your-password-is-changed")) }
                    p { (t!("every-session-of-your-account-was")) }
                    p { a role="button" href=(urls::LOGIN) { (t!("log-in")) } }
                }
            },
        )
        .into_response()),
        Err(WebError::App(AppError::Rejected(Rejection::Link(problem)))) => {
            Ok(problem_page(problem))
        }
        Err(other) => Err(other),
    }
}

fn reset_page(csrf: &str, token: &str, login: &str, errors: &FormErrors) -> Markup {
    layout::bare(
        &t!("choose-a-new-password"),
        html! {
            h1 { (t!("choose-a-new-password")) }
            p { (t!("for")) " " strong { (login) } "." }
            form method="post" action=(urls::password_reset(token)) novalidate {
                (csrf_field(csrf))
                (Field::new(t!("new-password"), "password", errors).kind("password").autocomplete("new-password").strength().help(policy()).focus())
                (Field::new(t!("new-password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
                button type="submit" { (t!("change-the-password")) }
            }
        },
    )
}

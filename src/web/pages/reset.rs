//! "Forgot your password?": ask for a link (the same answer whether or not
//! the account exists), then choose a new password through it.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::accept::problem_page;
use super::address::password::NewPasswordForm;
use super::setup::policy;
use crate::app::{AppError, Rejection};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::state::AppState;
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
        .run(move |app| app.request_password_reset(&typed, ip))
        .await
    {
        Ok(()) => Ok(layout::bare(
            "Check your email",
            html! {
                article.notice #reset-sent {
                    h1 { "Check your email" }
                    p { "If an account logs in as " strong { (form.email.trim()) } ", a link to choose a new password is on its way. It works once, within an hour." }
                    p { a href=(urls::LOGIN) { "Back to the login" } }
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
                Some(format!("Too many requests. Wait {retry_after} seconds before asking again.")),
            ),
        )
            .into_response()),
        Err(other) => Err(other),
    }
}

fn forgot_page(csrf: &str, typed: &str, error: Option<String>) -> Markup {
    let errors = FormErrors::default();
    layout::bare(
        "Forgot your password?",
        html! {
            h1 { "Forgot your password?" }
            @if let Some(error) = &error { p.error role="alert" { (error) } }
            p { "Enter the email address you log in with: we send a link to choose a new password." }
            form method="post" action=(urls::FORGOT) {
                (csrf_field(csrf))
                (Field::new("Email address", "email", &errors).kind("email").value(typed).autocomplete("username").focus())
                button type="submit" { "Send the link" }
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
    match state.run(move |app| app.password_reset_for(&read)).await? {
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
    let login = match state.run(move |app| app.password_reset_for(&read)).await? {
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
        .run(move |app| app.reset_password(&token, &password, ip))
        .await
    {
        Ok(()) => Ok(layout::bare(
            "Password changed",
            html! {
                article.notice #reset-done {
                    h1 { "Your password is changed" }
                    p { "Every session of your account was logged out. Log in with the new password." }
                    p { a role="button" href=(urls::LOGIN) { "Log in" } }
                }
            },
        )
        .into_response()),
        Err(WebError::App(AppError::Rejected(Rejection::Link(problem)))) => Ok(problem_page(problem)),
        Err(other) => Err(other),
    }
}

fn reset_page(csrf: &str, token: &str, login: &str, errors: &FormErrors) -> Markup {
    layout::bare(
        "Choose a new password",
        html! {
            h1 { "Choose a new password" }
            p { "For " strong { (login) } "." }
            form method="post" action=(urls::password_reset(token)) novalidate {
                (csrf_field(csrf))
                (Field::new("New password", "password", errors).kind("password").autocomplete("new-password").strength().help(policy()).focus())
                (Field::new("New password again", "confirm", errors).kind("password").autocomplete("new-password"))
                button type="submit" { "Change the password" }
            }
        },
    )
}

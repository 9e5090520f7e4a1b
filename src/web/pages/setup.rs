//! First run: the organisation and its owner. Gone once anyone exists.

use super::common::policy;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::AppError;
use crate::http::AppState;
use crate::model::{EmailAddress, Password};
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::session::{append_cookie, session_cookie};
use crate::web::viewer::{RequestContext, csrf_field};

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
) -> Result<Response, WebError> {
    if !state.run(|app| app.accounts().needs_setup()).await? {
        return Ok(Redirect::to(crate::urls::LOGIN).into_response());
    }
    Ok(render(&context.csrf, &SetupForm::default(), &FormErrors::default()).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<SetupForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    if form.organisation.trim().is_empty() {
        errors.add("organisation", t!("error-setup-organisation"));
    }
    let email = EmailAddress::parse(&form.email)
        .map_err(|e| errors.add("email", e))
        .ok();
    let password = Password::confirmed(&form.password, &form.confirm, email.as_ref())
        .map_err(|e| errors.add("password", e))
        .ok();
    let (Some(email), Some(password), true) = (email, password, errors.is_empty()) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&context.csrf, &form, &errors),
        )
            .into_response());
    };
    let organisation = form.organisation.clone();
    let ip = context.ip.clone();
    // The owner is logged in right away: they just chose the password.
    let session = state
        .run(move |app| {
            app.accounts()
                .setup_and_log_in(&organisation, &email, &password, ip)
        })
        .await;
    match session {
        Ok(session) => {
            let mut response = Redirect::to(crate::urls::SERVICES).into_response();
            append_cookie(
                response.headers_mut(),
                session_cookie(session.token, state.secure_cookies),
            );
            Ok(response)
        }
        Err(WebError::App(AppError::AlreadySetUp)) => {
            Ok(Redirect::to(crate::urls::LOGIN).into_response())
        }
        Err(other) => Err(other),
    }
}

fn render(csrf: &str, form: &SetupForm, errors: &FormErrors) -> Markup {
    layout::bare(
        &t!("set-up-mailroom"),
        html! {
            h1 { (t!("set-up-mailroom")) }
            p { (t!("create-your-organisation-and-its-owner")) }
            form method="post" action="/setup" novalidate {
                (csrf_field(csrf))
                (Field::new(t!("organisation-name"), "organisation", errors).value(&form.organisation).autocomplete("organization").focus())
                (Field::new(t!("your-email-address"), "email", errors).kind("email").value(&form.email).autocomplete("email")
                    .help(html! { (t!("you-will-log-in-with-it")) }))
                (Field::new(t!("password"), "password", errors).kind("password").autocomplete("new-password").strength()
                    .help(policy()))
                (Field::new(t!("password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
                button type="submit" { (t!("create-the-owner-account")) }
            }
        },
    )
}

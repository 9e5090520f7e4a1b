//! Log in and out.

use super::common::safe_next;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::AppError;
use crate::http::AppState;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::session::{append_cookie, removal, session_cookie, session_cookie_name};
use crate::web::viewer::{RequestContext, Viewer, csrf_field};

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    // A login still waiting for its code may start over.
    if context.signed_in().is_some() {
        return Ok(Redirect::to(safe_next(&query.next)).into_response());
    }
    if state.run(|app| app.accounts().needs_setup()).await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    let form = LoginForm {
        next: query.next,
        ..LoginForm::default()
    };
    Ok(render(&context.csrf, &form, None).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    context: RequestContext,
    jar: axum_extra::extract::CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let (email, password, ip) = (
        form.email.clone(),
        form.password.clone(),
        context.ip.clone(),
    );
    let device = jar
        .get(device_cookie_name(state.secure_cookies))
        .map(|c| c.value().to_owned());
    let login = state
        .run(move |app| {
            let session = app
                .accounts()
                .login(&email, &password, ip, device.as_deref())?;
            Ok((session, app.accounts().device_cookie(&email)?))
        })
        .await;
    match login {
        Ok((session, device)) => {
            let next = safe_next(&form.next);
            let target = if session.awaiting_code {
                format!(
                    "{}?next={}",
                    crate::urls::LOGIN_CODE,
                    crate::web::viewer::urlencode(next)
                )
            } else {
                next.to_owned()
            };
            let mut response = Redirect::to(&target).into_response();
            append_cookie(
                response.headers_mut(),
                session_cookie(session.token, state.secure_cookies),
            );
            if let Some(device) = device {
                append_cookie(
                    response.headers_mut(),
                    device_cookie(device, state.secure_cookies),
                );
            }
            Ok(response)
        }
        Err(WebError::App(AppError::InvalidCredentials)) => Ok((
            StatusCode::UNAUTHORIZED,
            render(
                &context.csrf,
                &form,
                Some(t!("error-app-error-invalid-credentials")),
            ),
        )
            .into_response()),
        Err(WebError::App(AppError::Throttled { retry_after })) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", retry_after.to_string())],
            render(
                &context.csrf,
                &form,
                Some(t!("login-throttled", seconds = retry_after)),
            ),
        )
            .into_response()),
        Err(WebError::App(refused @ AppError::Suspended { .. })) => Ok((
            StatusCode::FORBIDDEN,
            render(
                &context.csrf,
                &form,
                Some(crate::i18n::Localize::localize(&refused)),
            ),
        )
            .into_response()),
        Err(other) => Err(other),
    }
}

/// This browser gave the right password before: the account's failed
/// logins (anyone's) do not hold it back. Kept a year; never cleared at
/// logout, as it proves nothing without the password.
fn device_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-mailroom_device"
    } else {
        "mailroom_device"
    }
}

fn device_cookie(value: String, secure: bool) -> axum_extra::extract::cookie::Cookie<'static> {
    axum_extra::extract::cookie::Cookie::build((device_cookie_name(secure), value))
        .http_only(true)
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(time::Duration::days(365))
        .build()
}

pub async fn logout(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    if let Some(token) = viewer.context.session_token.clone() {
        let actor = viewer.actor();
        state
            .run(move |app| app.accounts().logout(&token, &actor))
            .await?;
    }
    let mut response = Redirect::to(crate::urls::LOGIN).into_response();
    append_cookie(
        response.headers_mut(),
        removal(
            session_cookie_name(state.secure_cookies),
            state.secure_cookies,
        ),
    );
    Ok(response)
}

fn render(csrf: &str, form: &LoginForm, error: Option<String>) -> Markup {
    let errors = FormErrors::default();
    layout::bare(
        &t!("log-in"),
        html! {
            h1 { (t!("log-in")) }
            @if let Some(error) = &error {
                p.error role="alert" { strong { (error) } }
            }
            form method="post" action=(crate::urls::LOGIN) {
                (csrf_field(csrf))
                input type="hidden" name="next" value=(form.next);
                (Field::new(t!("email-address"), "email", &errors).kind("email").value(&form.email).autocomplete("username").focus())
                (Field::new(t!("password"), "password", &errors).kind("password").autocomplete("current-password"))
                button type="submit" { (t!("log-in")) }
            }
            p { a href=(crate::urls::FORGOT) { (t!("forgot-your-password")) } }
        },
    )
}

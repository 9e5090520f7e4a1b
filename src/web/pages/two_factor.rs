//! Two-factor sign-in: the code after the password, enrolling (a QR code, a
//! first code, recovery codes shown once), turning it off, and for owners
//! and admins, resetting a member's and requiring it.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::login::safe_next;
use crate::app::AppError;
use crate::model::{OrgId, UserId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::state::AppState;
use crate::web::viewer::{RequestContext, Viewer, csrf_field};

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    password: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

fn code_page(csrf: &str, next: &str, error: Option<&str>) -> Markup {
    let errors = FormErrors::default();
    layout::bare(
        "Your code",
        html! {
            h1 { "Your code" }
            @if let Some(error) = error { p.error role="alert" { (error) } }
            p { "Enter the 6-digit code your authenticator app shows, or one of your recovery codes." }
            form method="post" action=(urls::LOGIN_CODE) {
                (csrf_field(csrf))
                input type="hidden" name="next" value=(next);
                (Field::new("Code", "code", &errors).autocomplete("one-time-code").focus())
                button type="submit" { "Continue" }
            }
            p { "Lost your phone? Use a recovery code, or ask an owner or admin of your organisation to reset your two-factor sign-in." }
            form method="post" action=(urls::LOGOUT) {
                (csrf_field(csrf))
                button.secondary.outline type="submit" { "Cancel and log out" }
            }
        },
    )
}

/// The second step of a login.
pub async fn ask_code(context: RequestContext, Query(query): Query<NextQuery>) -> Response {
    if !context.session.as_ref().is_some_and(|s| s.awaiting_code) {
        return Redirect::to(urls::LOGIN).into_response();
    }
    code_page(&context.csrf, &query.next, None).into_response()
}

pub async fn check_code(
    State(state): State<AppState>,
    context: RequestContext,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let Some(token) = context.session_token.clone() else {
        return Ok(Redirect::to(urls::LOGIN).into_response());
    };
    let (code, ip) = (form.code.clone(), context.ip.clone());
    match state
        .run(move |app| app.complete_login(&token, &code, ip))
        .await
    {
        Ok(()) => Ok(Redirect::to(safe_next(&form.next)).into_response()),
        Err(WebError::App(e @ (AppError::WrongCode | AppError::Throttled { .. }))) => Ok((
            StatusCode::UNAUTHORIZED,
            code_page(
                &context.csrf,
                &form.next,
                Some(&crate::web::error::capitalise(&e.to_string())),
            ),
        )
            .into_response()),
        Err(WebError::App(AppError::Forbidden)) => Ok(Redirect::to(urls::LOGIN).into_response()),
        Err(other) => Err(other),
    }
}

/// The account's two-factor page: on (with "turn off") or off (with "turn on").
pub async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let user = viewer.session.user.id;
    let on = state.run(move |app| app.has_second_factor(user)).await?;
    Ok(page(&viewer, on, &FormErrors::default()).into_response())
}

fn page(viewer: &Viewer, on: bool, errors: &FormErrors) -> Markup {
    layout::page(
        viewer,
        "Two-factor sign-in",
        html! {
            h1 { "Two-factor sign-in" }
            @if viewer.session.must_enrol {
                p.warning role="note" { "Your organisation requires two-factor sign-in of its owners and admins: turn it on to continue." }
            }
            @if on {
                p #two-factor-state { "On: every login asks for a code from your authenticator app." }
                h2 { "Turn it off" }
                form method="post" action=(urls::TWO_FACTOR_DISABLE) novalidate {
                    (viewer.csrf_field())
                    (Field::new("Your login password", "password", errors).kind("password").autocomplete("current-password"))
                    (Field::new("A code", "code", errors).autocomplete("one-time-code"))
                    button.secondary type="submit" { "Turn two-factor sign-in off" }
                }
            } @else {
                p #two-factor-state { "Off. With it, a stolen password alone does not open your account." }
                form method="post" action=(urls::TWO_FACTOR_START) {
                    (viewer.csrf_field())
                    button type="submit" { "Turn on two-factor sign-in" }
                }
            }
        },
    )
}

/// Shows the secret as a QR code and text, and asks for a first code.
pub async fn start(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let enrolment = state
        .run(move |app| app.begin_second_factor(&actor))
        .await?;
    Ok(enrol_page(&viewer, &enrolment.uri, &enrolment.secret_base32, None).into_response())
}

fn enrol_page(viewer: &Viewer, uri: &str, secret: &str, error: Option<&str>) -> Markup {
    let errors = FormErrors::default();
    let svg = qrcode::QrCode::new(uri.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(220, 220)
                .build()
        })
        .unwrap_or_default();
    layout::page(
        viewer,
        "Turn on two-factor sign-in",
        html! {
            h1 { "Turn on two-factor sign-in" }
            ol {
                li { "Scan this code with an authenticator app (FreeOTP, Aegis, Google Authenticator, 1Password…)." }
                li { "Enter the 6-digit code it shows." }
            }
            figure.qr #two-factor-qr { (PreEscaped(svg)) }
            p { "Or type this key: " code #two-factor-secret { (secret) } }
            @if let Some(error) = error { p.error role="alert" { (error) } }
            form method="post" action=(urls::TWO_FACTOR_CONFIRM) novalidate {
                (viewer.csrf_field())
                (Field::new("Code", "code", &errors).autocomplete("one-time-code").focus())
                button type="submit" { "Turn it on" }
            }
        },
    )
}

pub async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let (actor, code) = (viewer.actor(), form.code.clone());
    match state
        .run(move |app| app.confirm_second_factor(&actor, &code))
        .await
    {
        Ok(codes) => Ok(layout::page(
            &viewer,
            "Recovery codes",
            html! {
                h1 { "Two-factor sign-in is on" }
                p { strong { "Keep these recovery codes now: " } "they are shown only once. Each opens your account once if your phone is lost." }
                ul #recovery-codes { @for code in &codes { li { code { (code) } } } }
                p { a role="button" href=(urls::SERVICES) { "Done" } }
            },
        )
        .into_response()),
        Err(WebError::App(e @ (AppError::WrongCode | AppError::Throttled { .. }))) => {
            // A fresh secret: the one shown before is not kept on the page.
            let actor = viewer.actor();
            let enrolment = state.run(move |app| app.begin_second_factor(&actor)).await?;
            let message = crate::web::error::capitalise(&e.to_string());
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                enrol_page(&viewer, &enrolment.uri, &enrolment.secret_base32, Some(&message)),
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}

pub async fn disable(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let (actor, password, code) = (viewer.actor(), form.password.clone(), form.code.clone());
    match state
        .run(move |app| app.disable_second_factor(&actor, &password, &code))
        .await
    {
        Ok(()) => Ok(Redirect::to(urls::TWO_FACTOR).into_response()),
        Err(WebError::App(
            e @ (AppError::WrongCode | AppError::WrongPassword | AppError::Throttled { .. }),
        )) => {
            let mut errors = FormErrors::default();
            let field = if matches!(e, AppError::WrongPassword) {
                "password"
            } else {
                "code"
            };
            errors.add(field, e);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&viewer, true, &errors),
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}

/// An owner or admin resets a member's second factor (a lost phone).
pub async fn reset(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((org, user)): Path<(OrgId, UserId)>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| app.reset_second_factor(&actor, org, user))
        .await?;
    Ok(Redirect::to(&urls::members(org)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct RequireForm {
    required: Option<String>,
}

/// Owners require (or not) a second factor of owners and admins.
pub async fn require(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<RequireForm>,
) -> Result<Response, WebError> {
    let (actor, on) = (viewer.actor(), form.required.is_some());
    state
        .run(move |app| app.set_require_second_factor(&actor, org, on))
        .await?;
    Ok(Redirect::to(&urls::members(org)).into_response())
}

//! Two-factor sign-in: the code after the password, enrolling (a QR code, a
//! first code, recovery codes shown once), turning it off, and for owners
//! and admins, resetting a member's and requiring it.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::common::safe_next;
use crate::app::AppError;
use crate::http::AppState;
use crate::i18n::Localize;
use crate::model::{OrgId, SecondFactorRule, UserId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
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
        &t!("your-code"),
        html! {
            h1 { (t!("your-code")) }
            @if let Some(error) = error { p.error role="alert" { (error) } }
            p { (t!("enter-the-6-digit-code-your")) }
            form method="post" action=(urls::LOGIN_CODE) {
                (csrf_field(csrf))
                input type="hidden" name="next" value=(next);
                (Field::new(t!("code"), "code", &errors).autocomplete("one-time-code").focus())
                button type="submit" { (t!("continue")) }
            }
            p { (t!("lost-your-phone-use-a-recovery")) }
            form method="post" action=(urls::LOGOUT) {
                (csrf_field(csrf))
                button.secondary.outline type="submit" { (t!("cancel-and-log-out")) }
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
        .run(move |app| app.accounts().complete_login(&token, &code, ip))
        .await
    {
        Ok(()) => Ok(Redirect::to(safe_next(&form.next)).into_response()),
        Err(WebError::App(e @ (AppError::WrongCode | AppError::Throttled { .. }))) => Ok((
            StatusCode::UNAUTHORIZED,
            code_page(
                &context.csrf,
                &form.next,
                Some(&crate::web::error::capitalise(&e.localize())),
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
    let on = state
        .run(move |app| app.accounts().has_second_factor(user))
        .await?;
    Ok(page(&viewer, on, &FormErrors::default()).into_response())
}

fn page(viewer: &Viewer, on: bool, errors: &FormErrors) -> Markup {
    layout::page(
        viewer,
        &t!("two-factor-sign-in"),
        html! {
            h1 { (t!("two-factor-sign-in")) }
            @if viewer.session.must_enrol {
                p.warning role="note" { (t!("your-organisation-requires-two-factor-sign")) }
            }
            @if on {
                p #two-factor-state { (t!("on-every-login-asks-for-a")) }
                h2 { (t!("turn-it-off")) }
                form method="post" action=(urls::TWO_FACTOR_DISABLE) novalidate {
                    (viewer.csrf_field())
                    (Field::new(t!("your-login-password"), "password", errors).kind("password").autocomplete("current-password"))
                    (Field::new(t!("a-code"), "code", errors).autocomplete("one-time-code"))
                    button.secondary type="submit" { (t!("turn-two-factor-sign-in-off")) }
                }
            } @else {
                p #two-factor-state { (t!("off-with-it-a-stolen-password")) }
                form method="post" action=(urls::TWO_FACTOR_START) {
                    (viewer.csrf_field())
                    button type="submit" { (t!("turn-on-two-factor-sign-in")) }
                }
            }
        },
    )
}

/// Shows the secret as a QR code and text, and asks for a first code.
pub async fn start(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let enrolment = state
        .run(move |app| app.accounts().begin_second_factor(&actor))
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
        &t!("turn-on-two-factor-sign-in"),
        html! {
            h1 { (t!("turn-on-two-factor-sign-in")) }
            ol {
                li { (t!("scan-this-code-with-an-authenticator")) }
                li { (t!("enter-the-6-digit-code-it")) }
            }
            figure.qr #two-factor-qr { (PreEscaped(svg)) }
            p { (t!("or-type-this-key")) " " code #two-factor-secret { (secret) } }
            @if let Some(error) = error { p.error role="alert" { (error) } }
            form method="post" action=(urls::TWO_FACTOR_CONFIRM) novalidate {
                (viewer.csrf_field())
                (Field::new(t!("code"), "code", &errors).autocomplete("one-time-code").focus())
                button type="submit" { (t!("turn-it-on")) }
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
    let token = viewer.context.session_token.clone();
    match state
        .run(move |app| {
            app.accounts()
                .confirm_second_factor(&actor, token.as_deref(), &code)
        })
        .await
    {
        Ok(codes) => Ok(layout::page(
        &viewer,
        &t!("recovery-codes"),
            html! {
                h1 { (t!("two-factor-sign-in-is-on")) }
                p { strong { (t!("keep-these-recovery-codes-now")) " " } (t!("they-are-shown-only-once-each")) }
                ul #recovery-codes { @for code in &codes { li { code { (code) } } } }
                p { a role="button" href=(urls::SERVICES) { (t!("done-2")) } }
            },
        )
        .into_response()),
        Err(WebError::App(e @ (AppError::WrongCode | AppError::Throttled { .. }))) => {
            // A fresh secret: the one shown before is not kept on the page.
            let actor = viewer.actor();
            let enrolment = state.run(move |app| app.accounts().begin_second_factor(&actor)).await?;
            let message = crate::web::error::capitalise(&e.localize());
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
        .run(move |app| {
            app.accounts()
                .disable_second_factor(&actor, &password, &code)
        })
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
        .run(move |app| app.organisations().reset_second_factor(&actor, org, user))
        .await?;
    Ok(Redirect::to(&urls::members(org)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct RequireForm {
    #[serde(default)]
    required: String,
}

/// Owners say who must sign in with a second factor.
pub async fn require(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<RequireForm>,
) -> Result<Response, WebError> {
    let rule = SecondFactorRule::parse(&form.required).ok_or(WebError::BadForm)?;
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.organisations()
                .set_second_factor_rule(&actor, org, rule)
        })
        .await?;
    Ok(Redirect::to(&urls::members(org)).into_response())
}

//! Where an invitation's or a sharing link's recipient lands: accept while
//! logged in, or sign up on the way. Used, expired and revoked links get a
//! clear page.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::common::{policy, problem_page};
use crate::app::{Accepted, LinkProblem, Offer, SignUp, Token};
use crate::http::AppState;
use crate::model::{EmailAddress, InvitationId, SignupRule};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::NewPasswordForm;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::session::{append_cookie, session_cookie};
use crate::web::viewer::{RequestContext, Viewer, csrf_field, urlencode};

/// The accept form as posted: nothing when logged in, else the sign-up.
#[derive(Debug, Default, Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    login: String,
    #[serde(flatten)]
    password: NewPasswordForm,
}

impl AcceptForm {
    /// The account to create: the forced login or the typed one, and a
    /// password that passes the policy for it.
    fn sign_up(&self, forced: Option<&str>) -> Result<SignUp, FormErrors> {
        let typed = forced.unwrap_or(&self.login);
        let login = EmailAddress::parse(typed).map_err(|e| {
            let mut errors = FormErrors::default();
            errors.add("login", e);
            errors
        })?;
        let password = self.password.parse(&login)?;
        Ok(SignUp { login, password })
    }
}

fn path(kind: Token, token: &str) -> String {
    match kind {
        Token::Invitation => urls::invitation(token),
        Token::Link => urls::sharing_link(token),
    }
}

pub async fn show_invitation(
    state: State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    show(state, context, Token::Invitation, token).await
}

pub async fn show_link(
    state: State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    show(state, context, Token::Link, token).await
}

pub async fn accept_invitation(
    state: State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, WebError> {
    accept(state, context, Token::Invitation, token, form).await
}

pub async fn accept_link(
    state: State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, WebError> {
    accept(state, context, Token::Link, token, form).await
}

async fn offer(
    state: &AppState,
    kind: Token,
    token: &str,
) -> Result<Result<Offer, LinkProblem>, WebError> {
    let token = token.to_owned();
    state
        .run(move |app| app.sharing().offer(kind, &token))
        .await
}

async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    kind: Token,
    token: String,
) -> Result<Response, WebError> {
    match offer(&state, kind, &token).await? {
        Ok(offer) => {
            Ok(render(&context, kind, &token, &offer, &FormErrors::default(), "").into_response())
        }
        Err(problem) => Ok(problem_page(problem)),
    }
}

async fn accept(
    State(state): State<AppState>,
    context: RequestContext,
    kind: Token,
    token: String,
    form: AcceptForm,
) -> Result<Response, WebError> {
    let offer = match offer(&state, kind, &token).await? {
        Ok(offer) => offer,
        Err(problem) => return Ok(problem_page(problem)),
    };
    let mut errors = FormErrors::default();
    let ip = context.ip.clone();
    // Logged in: accept as that user.
    if let Some(session) = context.signed_in() {
        let (user, accepted_token) = (session.user.id, token.clone());
        return match state
            .run(move |app| {
                app.sharing()
                    .accept(kind, &accepted_token, Some(user), None, ip)
            })
            .await
        {
            Ok(Accepted::Done(page) | Accepted::SignedUp { page, .. }) => {
                Ok(Redirect::to(&page).into_response())
            }
            Ok(Accepted::ConfirmationSent(_)) => Ok(Redirect::to(urls::SERVICES).into_response()),
            Err(WebError::App(e)) if e.is_input() => {
                errors.add("login", e);
                Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render(&context, kind, &token, &offer, &errors, ""),
                )
                    .into_response())
            }
            Err(other) => Err(other),
        };
    }
    // Signing up on the way.
    let forced = forced_login(&offer);
    let typed = forced.clone().unwrap_or_else(|| form.login.clone());
    let sign_up = match form.sign_up(forced.as_deref()) {
        Ok(sign_up) => sign_up,
        Err(errors) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&context, kind, &token, &offer, &errors, &typed),
            )
                .into_response());
        }
    };
    let accepted_token = token.clone();
    let outcome = state
        .run(move |app| {
            app.sharing()
                .accept(kind, &accepted_token, None, Some(sign_up), ip)
        })
        .await;
    match outcome {
        Ok(Accepted::ConfirmationSent(login)) => {
            Ok(check_your_email(&offer, &login).into_response())
        }
        Ok(Accepted::SignedUp { page, session }) => {
            let mut response = Redirect::to(&page).into_response();
            append_cookie(
                response.headers_mut(),
                session_cookie(session.token, state.secure_cookies),
            );
            Ok(response)
        }
        // Not signed in: only a logged-in acceptance gives this.
        Ok(Accepted::Done(page)) => Ok(Redirect::to(&page).into_response()),
        Err(WebError::App(e)) if e.is_input() => {
            errors.add("login", e);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&context, kind, &token, &offer, &errors, &typed),
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}

/// After a sign-up with an email of one's own: nothing exists until the
/// link sent there is opened.
fn check_your_email(offer: &Offer, login: &EmailAddress) -> Markup {
    layout::bare(
        &t!("check-your-email"),
        html! {
            article.notice #check-email {
                h1 { (t!("check-your-email")) }
                p { (t!("sign-up-link-sent", login = &login, address = &offer.full_address())) }
                p.muted { (t!("until-then-no-account-exists-for")) }
            }
        },
    )
}

/// The confirmation link's page: what it creates, and the button that does.
pub async fn show_confirmation(
    State(state): State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let read = token.clone();
    let found = state
        .run(move |app| app.accounts().pending_sign_up(&read))
        .await?;
    let (login, offer) = match found {
        Ok(found) => found,
        Err(problem) => return Ok(problem_page(problem)),
    };
    let body = html! {
        h1 { (t!("confirm-your-account")) }
        p { (t!("confirm-account-text", login = &login, address = &offer.full_address(), organisation = &offer.organisation.name)) }
        form method="post" action=(urls::confirm_sign_up(&token)) {
            (csrf_field(&context.csrf))
            button type="submit" { (t!("create-my-account")) }
        }
    };
    Ok(layout::bare(&t!("confirm-your-account"), body).into_response())
}

/// Confirms: the account is created and logged in.
pub async fn confirm(
    State(state): State<AppState>,
    context: RequestContext,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let ip = context.ip.clone();
    let confirmed = state
        .run(move |app| app.accounts().confirm_sign_up(&token, ip))
        .await;
    match confirmed {
        Ok((page, session)) => {
            let mut response = Redirect::to(&page).into_response();
            append_cookie(
                response.headers_mut(),
                session_cookie(session.token, state.secure_cookies),
            );
            Ok(response)
        }
        Err(WebError::App(crate::app::AppError::Rejected(crate::app::Rejection::Link(
            problem,
        )))) => Ok(problem_page(problem)),
        Err(other) => Err(other),
    }
}

/// The login an invitation requires, when it requires one.
fn forced_login(offer: &Offer) -> Option<String> {
    match &offer.invitee {
        Some((_, SignupRule::ThisAddress)) => Some(offer.login_address().to_ascii()),
        _ => None,
    }
}

fn render(
    context: &RequestContext,
    kind: Token,
    token: &str,
    offer: &Offer,
    errors: &FormErrors,
    typed: &str,
) -> Markup {
    let action = path(kind, token);
    let names = crate::i18n::names::permissions(offer.permissions);
    let forced = forced_login(offer);
    let suggested = forced
        .clone()
        .or_else(|| offer.invitee.as_ref().map(|(email, _)| email.to_string()));
    let value = if typed.is_empty() {
        suggested.unwrap_or_default()
    } else {
        typed.to_owned()
    };
    let body = html! {
        h1 { (t!("use-address", address = &offer.full_address())) }
        p {
            (t!("invites-you-to-use-the-email", organisation = &offer.organisation.name, address = &offer.full_address()))
            @if offer.permissions.iter().next().is_some() { " " (t!("you-will-be-able-to-manage", permissions = &names)) }
        }
        @if let Some(error) = errors.get("login").filter(|_| context.signed_in().is_some()) {
            p.error role="alert" { (error) }
        }
        @match context.signed_in() {
            Some(session) => {
                form method="post" action=(action) {
                    (csrf_field(&context.csrf))
                    p { (t!("accept-logged-in-as", login = &session.user.login)) }
                    button type="submit" { (t!("accept")) }
                }
            }
            None => {
                h2 { (t!("create-your-account")) }
                form method="post" action=(action) novalidate {
                    (csrf_field(&context.csrf))
                    @if let Some(login) = &forced {
                        label for="login" { (t!("your-login")) }
                        input #login type="email" name="login" value=(login) readonly aria-describedby="login-help";
                        @if let Some(error) = errors.get("login") {
                            small #login-help .error { (error) }
                        } @else {
                            small #login-help { (t!("this-invitation-is-for-the-address")) }
                        }
                    } @else {
                        (Field::new(t!("your-email-address-your-login"), "login", errors).kind("email").value(&value).autocomplete("username").focus())
                    }
                    (Field::new(t!("password"), "password", errors).kind("password").autocomplete("new-password").strength().help(policy()))
                    (Field::new(t!("password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
                    button type="submit" { (t!("sign-up-and-accept")) }
                }
                p { (t!("already-have-an-account")) " " a href=(format!("{}?next={}", urls::LOGIN, urlencode(&action))) { (t!("accept-log-in-first")) } }
            }
        }
    };
    layout::bare(&t!("use-address", address = &offer.full_address()), body)
}

/// Accepts an invitation listed in the app for its invitee.
pub async fn accept_mine(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<InvitationId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let page = state
        .run(move |app| app.sharing().accept_invitation_by_id(&actor, id))
        .await?;
    Ok(Redirect::to(&page).into_response())
}

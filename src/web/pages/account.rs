//! The account page: one's own login password (the current one required;
//! every other session ends) and sessions (where, since when, last seen),
//! with "log out the others".

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::common::policy;
use crate::app::{AppError, SessionRow};
use crate::http::AppState;
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::NewPasswordForm;
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::viewer::Viewer;

/// The password form as posted: the current password, the new one twice.
#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(flatten)]
    new: NewPasswordForm,
}

pub async fn show(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let sessions = sessions(&state, &viewer).await?;
    Ok(page(&viewer, &sessions, &FormErrors::default(), None).into_response())
}

async fn sessions(state: &AppState, viewer: &Viewer) -> Result<Vec<SessionRow>, WebError> {
    let (actor, token) = (viewer.actor(), viewer.context.session_token.clone());
    state
        .run(move |app| {
            app.accounts()
                .my_sessions(&actor, token.as_deref().unwrap_or_default())
        })
        .await
}

pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let login = viewer.session.user.login.clone();
    let (status, errors, note) = match form.new.parse(&login) {
        Ok(password) => {
            let (actor, token) = (viewer.actor(), viewer.context.session_token.clone());
            let current = form.current.clone();
            let changed = state
                .run(move |app| {
                    let token = token.unwrap_or_default();
                    app.accounts()
                        .change_login_password(&actor, &token, &current, &password)
                })
                .await;
            match changed {
                Ok(()) => (
                    StatusCode::OK,
                    FormErrors::default(),
                    Some(t!("password-changed-others-logged-out")),
                ),
                Err(WebError::App(e @ (AppError::WrongPassword | AppError::Throttled { .. }))) => {
                    let mut errors = FormErrors::default();
                    errors.add("current", e);
                    (StatusCode::UNPROCESSABLE_ENTITY, errors, None)
                }
                Err(other) => return Err(other),
            }
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
    };
    let sessions = sessions(&state, &viewer).await?;
    Ok((status, page(&viewer, &sessions, &errors, note.as_deref())).into_response())
}

pub async fn log_out_others(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let (actor, token) = (viewer.actor(), viewer.context.session_token.clone());
    state
        .run(move |app| {
            app.accounts()
                .log_out_others(&actor, token.as_deref().unwrap_or_default())
        })
        .await?;
    Ok(Redirect::to(&format!("{}#sessions", urls::ACCOUNT)).into_response())
}

fn page(
    viewer: &Viewer,
    sessions: &[SessionRow],
    errors: &FormErrors,
    note: Option<&str>,
) -> Markup {
    layout::page(
        viewer,
        &t!("your-account"),
        html! {
            h1 { (t!("your-account")) }
            (super::common::language::account_form(viewer))
            p { (t!("account-login-as", login = &viewer.session.user.login)) " " a href=(urls::TWO_FACTOR) { (t!("two-factor-sign-in")) } }
            h2 #password { (t!("login-password")) }
            @if let Some(note) = note { p.notice-ok role="status" { (note) } }
            form method="post" action=(urls::ACCOUNT_PASSWORD) novalidate {
                (viewer.csrf_field())
                (Field::new(t!("current-password"), "current", errors).kind("password").autocomplete("current-password"))
                (Field::new(t!("new-password"), "password", errors).kind("password").autocomplete("new-password").strength().help(policy()))
                (Field::new(t!("new-password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
                button type="submit" { (t!("change-the-password")) }
            }
            h2 #sessions { (t!("where-you-are-logged-in")) }
            div.table-wrap {
                table #session-list {
                    thead { tr { th scope="col" { (t!("since")) } th scope="col" { (t!("last-seen")) } th scope="col" { (t!("from")) } } }
                    tbody {
                        @for row in sessions {
                            tr {
                                td { (layout::date_time(row.created)) @if row.current { " " (t!("this-one")) } }
                                td { (layout::date_time(row.last_seen)) }
                                td { (row.client.as_deref().unwrap_or("unknown")) }
                            }
                        }
                    }
                }
            }
            @if sessions.len() > 1 {
                form method="post" action=(urls::ACCOUNT_END_OTHERS) {
                    (viewer.csrf_field())
                    button.secondary type="submit" { (t!("log-out-the-other-sessions")) }
                }
            }
        },
    )
}

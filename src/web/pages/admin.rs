//! For owners and admins: the outbox (every outgoing message with its
//! state, links clickable) and the background jobs (retry a failed one).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::common::message_state;
use crate::http::AppState;
use crate::model::JobState;
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::viewer::Viewer;

const SHOWN: usize = 200;

pub async fn outbox(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let user = viewer.session.user.id;
    let messages = state
        .run(move |app| app.operations().outbox_for(user, SHOWN))
        .await?;
    Ok(layout::page(
        &viewer,
        &t!("outbox"),
        html! {
            div.page-head { div {
                h1 { (t!("outbox")) }
                p.subtitle { (t!("every-message-mailroom-sent-or-will")) }
            } }
            @if messages.is_empty() { p.empty { (t!("no-message-yet")) } }
            @for message in &messages {
                article.message id=(format!("message-{}", message.id)) {
                    header {
                        strong { (message.subject) }
                        br;
                        small.muted { (t!("message-to", to = &message.to)) " · " (layout::date_time(message.created)) " · " (message_state(&message.state)) }
                    }
                    @if message.is_private() {
                        p.muted { (t!("message-private-body")) }
                    } @else {
                        pre.message-text { (message.text) }
                    }
                    @if let Some(link) = message.link.as_ref().filter(|_| !message.is_private()) {
                        p { a href=(link) { (link) } }
                    }
                }
            }
        },
    )
    .into_response())
}

pub async fn jobs(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let user = viewer.session.user.id;
    let jobs = state
        .run(move |app| app.operations().jobs_for(user, SHOWN))
        .await?;
    let groups = [
        JobState::Queued,
        JobState::Running,
        JobState::Dead,
        JobState::Done,
    ];
    Ok(layout::page(
        &viewer,
        &t!("background-jobs"),
        html! {
            div.page-head { div {
                h1 { (t!("background-jobs")) }
                p.subtitle { (t!("deliveries-and-imports-run-in-the")) }
            } }
            @for state in groups {
                @let in_state: Vec<_> = jobs.iter().filter(|j| j.state == state).collect();
                section aria-labelledby=(format!("jobs-{}", state.label())) {
                    h2 id=(format!("jobs-{}", state.label())) { (capital(&crate::i18n::names::job_state(state))) " (" (crate::i18n::names::count(in_state.len() as u64)) ")" }
                    @if in_state.is_empty() { p.muted { (t!("none")) } } @else {
                        div.table-wrap {
                            table {
                                thead { tr { th scope="col" { (t!("job")) } th scope="col" { (t!("attempts")) } th scope="col" { (t!("created")) } th scope="col" { (t!("last-error")) } th scope="col" { span.visually-hidden { (t!("actions")) } } } }
                                tbody {
                                    @for job in in_state {
                                        tr {
                                            td { (crate::i18n::names::job(&job.job)) }
                                            td { (t!("attempts-of", attempts = job.attempts, max = job.max_attempts)) }
                                            td { (layout::date_time(job.created)) }
                                            td { (job.last_error.as_deref().unwrap_or("")) }
                                            td {
                                                @if job.state == JobState::Dead {
                                                    form.inline method="post" action=(crate::urls::job_retry(job.id)) {
                                                        (viewer.csrf_field())
                                                        button.secondary.outline.small type="submit" { (t!("retry")) }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub async fn retry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<crate::model::JobId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| app.operations().retry_job(&actor, id))
        .await?;
    Ok(Redirect::to("/jobs").into_response())
}

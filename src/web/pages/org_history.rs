//! An organisation's history, for its owners and admins: what its people,
//! its tokens and the installation's operator did, newest first, a hundred
//! events a page.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::HistoryEntry;
use crate::http::AppState;
use crate::model::OrgId;
use crate::urls;
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::viewer::Viewer;

const SHOWN: usize = 100;

#[derive(Debug, Default, Deserialize)]
pub struct HistoryQuery {
    /// Older than this event.
    #[serde(default)]
    before: Option<u64>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Query(query): Query<HistoryQuery>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let page = state
        .run(move |app| {
            app.organisations()
                .organisation_history(&actor, org, query.before, SHOWN)
        })
        .await?;
    let title = t!("history-of", organisation = &page.organisation);
    Ok(layout::page_in(
        &viewer,
        Some(org),
        &title,
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) {
                ul { li { a href=(urls::organisation(org)) { (page.organisation) } } li { (t!("tab-history")) } }
            }
            h1 { (title) }
            @if page.entries.is_empty() {
                p.empty { (t!("no-history-yet")) }
            } @else {
                div.table-wrap {
                    table #history {
                        thead { tr { th scope="col" { (t!("when-utc")) } th scope="col" { (t!("who")) } th scope="col" { (t!("what")) } th scope="col" { (t!("from")) } } }
                        tbody { @for entry in &page.entries { (row(entry)) } }
                    }
                }
            }
            @if let Some(older) = page.older {
                p { a href=(format!("{}?before={older}", urls::organisation_history(org))) { (t!("older-events")) } }
            }
        },
    )
    .into_response())
}

fn row(entry: &HistoryEntry) -> Markup {
    let event = &entry.event;
    // The operator is named as the operator: neither login nor address.
    let (who, what, from) = match operator_sentence(event) {
        Some(sentence) => (t!("the-operator"), html! { (sentence) }, "—".to_owned()),
        None => (
            entry.actor.clone().unwrap_or_else(|| "—".to_owned()),
            html! { code { (event.action) } " " (event.object) },
            event
                .ip
                .clone()
                .unwrap_or_else(|| t!("history-command-line")),
        ),
    };
    html! {
        tr {
            td { (layout::date_time(event.at)) }
            td { (who) }
            td { (what) }
            td { (from) }
        }
    }
}

/// What the operator did, as the organisation's owners read it.
fn operator_sentence(event: &crate::model::AuditEvent) -> Option<String> {
    if !event.by_operator() {
        return None;
    }
    let object = event.object.as_str();
    Some(match event.action.as_str() {
        "organisation.create" => t!("history-operator-create"),
        "organisation.suspend" => t!("history-operator-suspend", reason = object),
        "organisation.resume" => t!("history-operator-resume"),
        "organisation.limits" => t!("history-operator-limits", limits = object),
        "organisation.delete" => t!("history-operator-delete"),
        "organisation.restore" => t!("history-operator-restore"),
        "organisation.add_owner" => t!("history-operator-add-owner", login = object),
        "organisation.invite_owner" => t!("history-operator-invite-owner", email = object),
        "organisation.withdraw_owner" => t!("history-operator-withdraw-owner", email = object),
        _ => return None,
    })
}

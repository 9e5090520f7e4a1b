//! The History tab: the address's audit trail.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{Tab, load_for, respond};
use crate::http::AppState;
use crate::web::error::WebError;
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;

const SHOWN: usize = 200;

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let view = load_for(&state, &viewer, &domain, &local, Tab::History).await?;
    let (actor, target) = (viewer.actor(), view.address_ref());
    let entries = state
        .run(move |app| app.addresses().address_history(&actor, &target, SHOWN))
        .await?;
    let panel = html! {
        div.table-wrap {
            table #history {
                thead { tr { th scope="col" { (t!("when-utc")) } th scope="col" { (t!("who")) } th scope="col" { (t!("what")) } th scope="col" { (t!("from")) } } }
                tbody {
                    @for entry in &entries {
                        tr {
                            td { (crate::web::layout::date_time(entry.event.at)) }
                            td { (entry.actor.as_deref().unwrap_or("—")) }
                            td { code { (entry.event.action) } " " (entry.event.object) }
                            td { (entry.event.ip.clone().unwrap_or_else(|| t!("history-command-line"))) }
                        }
                    }
                }
            }
        }
    };
    Ok(respond(
        &viewer,
        &view,
        Tab::History,
        StatusCode::OK,
        fragment,
        panel,
    ))
}

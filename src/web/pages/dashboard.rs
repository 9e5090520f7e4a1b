//! A service's dashboard: its addresses, searched as you type and paged by
//! local part. htmx requests get only the list fragment.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::app::{AppError, ServiceView};
use crate::model::Domain;
use crate::store::{AddressPage, Cursor};
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::session::{Viewer, urlencode};
use crate::web::state::AppState;

pub const PAGE_SIZE: usize = 50;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    after: Option<String>,
    before: Option<String>,
}

impl ListQuery {
    fn cursor(&self) -> Cursor {
        match (&self.after, &self.before) {
            (Some(after), _) => Cursor::After(after.clone()),
            (None, Some(before)) => Cursor::Before(before.clone()),
            (None, None) => Cursor::First,
        }
    }
}

pub fn service_domain(raw: &str) -> Result<Domain, WebError> {
    Domain::parse(raw).map_err(|_| WebError::App(AppError::NotFound))
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let user = viewer.session.user.id;
    let prefix = query.q.clone();
    let cursor = query.cursor();
    let (view, page) = state
        .run(move |app| {
            let view = app.service_view(user, &domain)?;
            let page = app.list_addresses(user, &view, &prefix, &cursor, PAGE_SIZE)?;
            Ok((view, page))
        })
        .await?;
    let list = address_list(&view, &page, &query);
    // A history restore needs the whole page, not the fragment.
    let fragment =
        headers.contains_key("hx-request") && !headers.contains_key("hx-history-restore-request");
    let body = if fragment {
        list
    } else {
        render(&viewer, &view, &query, list)
    };
    Ok(([("vary", "HX-Request")], body).into_response())
}

fn base_url(view: &ServiceView) -> String {
    format!("/services/{}", view.service.domain.as_ascii())
}

fn render(viewer: &Viewer, view: &ServiceView, query: &ListQuery, list: Markup) -> Markup {
    let base = base_url(view);
    let domain = view.service.domain.to_string();
    layout::page(
        viewer,
        &domain,
        html! {
            div.page-head {
                div {
                    h1 { (domain) }
                    p.subtitle {
                        (view.organisation.name)
                        @if view.role.manages() {
                            " · " (view.service.address_count) " address" @if view.service.address_count != 1 { "es" }
                        }
                    }
                }
                @if view.role.manages() {
                    div.actions {
                        a role="button" href=(format!("{base}/addresses/new")) { "Create an email address" }
                    }
                }
            }
            form.search role="search" method="get" action=(base) {
                label for="q" { "Search addresses" }
                input #q type="search" name="q" value=(query.q) placeholder="Start of the address, e.g. sales"
                    autocomplete="off" aria-controls="address-list"
                    hx-get=(base) hx-trigger="input changed delay:250ms, search"
                    hx-target="#address-list" hx-swap="outerHTML" hx-push-url="true"
                    hx-indicator="#search-busy";
                span #search-busy .htmx-indicator aria-busy="true" { "Searching…" }
            }
            (list)
        },
    )
}

/// The swappable part: the table and its pager.
fn address_list(view: &ServiceView, page: &AddressPage, query: &ListQuery) -> Markup {
    let base = base_url(view);
    let domain = view.service.domain.to_string();
    let q = urlencode(&query.q);
    let link = |cursor: &str, at: &str| format!("{base}?q={q}&{cursor}={}", urlencode(at));
    let previous = page
        .items
        .first()
        .filter(|_| page.has_previous)
        .map(|a| link("before", a.local_part.as_str()));
    let next = page
        .items
        .last()
        .filter(|_| page.has_next)
        .map(|a| link("after", a.local_part.as_str()));
    html! {
        section #address-list aria-live="polite" {
            @if page.items.is_empty() {
                p.empty {
                    @if query.q.trim().is_empty() {
                        @if view.role.manages() { "No address yet. Create the first one with the button above." }
                        @else { "You have no address in this service yet." }
                    } @else {
                        "No address starts with \u{201c}" (query.q.trim()) "\u{201d}."
                    }
                }
            } @else {
                div.table-wrap {
                    table.striped {
                        thead { tr {
                            th scope="col" { "Address" }
                            th scope="col" { "Kind" }
                            th scope="col" { "Password" }
                            th scope="col" { "Created" }
                        } }
                        tbody {
                            @for address in &page.items {
                                tr {
                                    td { a href=(format!("{base}/addresses/{}", address.local_part)) { (address.local_part) "@" (domain) } }
                                    td { (address.kind.label()) }
                                    td { @if address.password_hash.is_some() { "Set" } @else { span.muted { "Not set" } } }
                                    td { (layout::date(address.created)) }
                                }
                            }
                        }
                    }
                }
            }
            @if previous.is_some() || next.is_some() {
                nav.pager aria-label="Pages" {
                    @if let Some(href) = &previous {
                        a href=(href) hx-get=(href) hx-target="#address-list" hx-swap="outerHTML" hx-push-url="true" { "← Previous" }
                    } @else { span {} }
                    @if let Some(href) = &next {
                        a href=(href) hx-get=(href) hx-target="#address-list" hx-swap="outerHTML" hx-push-url="true" { "Next →" }
                    }
                }
            }
        }
    }
}

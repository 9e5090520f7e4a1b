//! A service's dashboard: its addresses, searched as you type and paged by
//! local part. htmx requests get only the list fragment.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::common::service_domain;
use crate::app::ServiceView;
use crate::http::AppState;
use crate::model::{Address, AddressKind, AddressPage, Cursor};
use crate::urls;
use crate::web::error::WebError;
use crate::web::htmx::Fragment;
use crate::web::layout;
use crate::web::viewer::{Viewer, urlencode};

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

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    Query(query): Query<ListQuery>,
    Fragment(fragment): Fragment,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let user = viewer.session.user.id;
    let prefix = query.q.clone();
    let cursor = query.cursor();
    let board = state
        .run(move |app| {
            let board = app
                .services()
                .dashboard(user, &domain, &prefix, &cursor, PAGE_SIZE, !fragment)?;
            // Sizes come from the mail server, when Mailroom may ask it;
            // without that, the list has no Storage column.
            let usage = if app.settings().doveadm.is_some() {
                let logins: Vec<crate::model::EmailAddress> = board
                    .page
                    .items
                    .iter()
                    .map(|a| board.service.email(&a.local_part))
                    .collect();
                Some(app.addresses().quota_usage(&logins))
            } else {
                None
            };
            Ok((board, usage))
        })
        .await?;
    let (board, usage) = board;
    let (view, page, deleted, dns_problems) =
        (board.service, board.page, board.deleted, board.dns_problems);
    let list = address_list(&view, &page, &query, usage.as_ref());
    let body = if fragment {
        list
    } else {
        render(&viewer, &view, &query, list, &deleted, dns_problems)
    };
    Ok(([("vary", "HX-Request")], body).into_response())
}

fn base_url(view: &ServiceView) -> String {
    urls::service(&view.service.domain)
}

fn render(
    viewer: &Viewer,
    view: &ServiceView,
    query: &ListQuery,
    list: Markup,
    deleted: &[(Address, i64)],
    dns_problems: usize,
) -> Markup {
    let base = base_url(view);
    let domain = view.service.domain.to_string();
    layout::page_in(
        viewer,
        Some(view.organisation.id),
        &domain,
        html! {
            div.page-head {
                div {
                    h1 { (domain) }
                    p.subtitle {
                        (view.organisation.name)
                        @if view.role.manages() {
                            " · " (t!("address-count", count = view.service.address_count))
                        }
                    }
                }
                @if view.role.manages() {
                    div.actions {
                        a role="button" .secondary.outline href=(urls::dns(&view.service.domain)) {
                            (t!("dns"))
                            @if dns_problems > 0 { " " span.badge.warning { (t!("dns-to-fix", count = dns_problems)) } }
                        }
                        a role="button" .secondary.outline href=(format!("{base}/imports")) { (t!("create-several-addresses")) }
                        a role="button" href=(format!("{base}/new-address")) { (t!("create-an-email-address")) }
                    }
                }
            }
            search {
                form.search method="get" action=(base) {
                    label.visually-hidden for="q" { (t!("search-addresses")) }
                    input #q type="search" name="q" value=(query.q) placeholder=(t!("start-of-the-address-e-g"))
                        autocomplete="off" aria-controls="address-list"
                        hx-get=(base) hx-trigger="input changed delay:250ms, search"
                        hx-target="#address-list" hx-swap="outerHTML" hx-push-url="true"
                        hx-indicator="#search-busy";
                    span #search-busy .htmx-indicator aria-busy="true" { (t!("searching")) }
                }
            }
            div #dialog-slot {}
            (list)
            @if view.manages() { (super::common::quota::default_form(viewer, view)) }
            @if !deleted.is_empty() {
                section #deleted aria-labelledby="deleted-title" {
                    h2 #deleted-title { (t!("recently-deleted")) }
                    div.table-wrap {
                        table {
                            thead { tr { th scope="col" { (t!("address")) } th scope="col" { (t!("restorable-until")) } th scope="col" { span.visually-hidden { (t!("actions")) } } } }
                            tbody {
                                @for (address, until) in deleted {
                                    tr {
                                        td { (address.local_part) "@" (domain) }
                                        td { (layout::date_time(*until)) }
                                        td {
                                            form.inline method="post" action=(format!("{base}/deleted/{}/restore", address.id)) {
                                                (viewer.csrf_field())
                                                button.secondary.outline.small type="submit" { (t!("restore")) span.visually-hidden { " " (address.local_part) } }
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
}

/// The swappable part: the table and its pager.
fn address_list(
    view: &ServiceView,
    page: &AddressPage,
    query: &ListQuery,
    usage: Option<&std::collections::HashMap<String, crate::model::Usage>>,
) -> Markup {
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
    let texts = RowTexts::new();
    html! {
        section #address-list aria-live="polite" {
            (trash_symbol())
            @if page.items.is_empty() {
                p.empty {
                    @if query.q.trim().is_empty() {
                        @if view.role.manages() { (t!("no-address-yet-create-the-first")) }
                        @else { (t!("you-have-no-address-in-this")) }
                    } @else {
                        (t!("no-address-starts-with", prefix = query.q.trim()))
                    }
                }
            } @else {
                div.table-wrap {
                    table.striped {
                        thead { tr {
                            th scope="col" { (t!("address")) }
                            th scope="col" { (t!("kind")) }
                            th scope="col" { (t!("password")) }
                            th scope="col" { (t!("created")) }
                            @if usage.is_some() { th scope="col" { (t!("storage")) } }
                            @if view.role.manages() { th scope="col" { span.visually-hidden { (t!("actions")) } } }
                        } }
                        tbody {
                            @for address in &page.items {
                                tr {
                                    td { a href=(format!("{base}/addresses/{}", address.local_part)) { (address.local_part) "@" (domain) } }
                                    td { (texts.kind(address.kind)) }
                                    td { @if address.password_hash.is_some() { (texts.set) } @else { span.muted { (texts.not_set) } } }
                                    td { (layout::date(address.created)) }
                                    @if let Some(usage) = usage {
                                        td { (super::common::quota::cell(usage, &format!("{}@{}", address.local_part, view.service.domain.as_ascii()))) }
                                    }
                                    @if view.role.manages() {
                                        @let delete = format!("{base}/addresses/{}/delete", address.local_part);
                                        td.row-actions {
                                            a.icon href=(delete) hx-get=(delete) hx-target="#dialog-slot" hx-swap="innerHTML"
                                                aria-label=(texts.delete_label(&format!("{}@{}", address.local_part, domain))) title=(texts.delete) {
                                                (trash_icon())
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if previous.is_some() || next.is_some() {
                nav.pager aria-label=(t!("pages")) {
                    @if let Some(href) = &previous {
                        a href=(href) hx-get=(href) hx-target="#address-list" hx-swap="outerHTML" hx-push-url="true" { (t!("previous")) }
                    } @else { span {} }
                    @if let Some(href) = &next {
                        a href=(href) hx-get=(href) hx-target="#address-list" hx-swap="outerHTML" hx-push-url="true" { (t!("next-2")) }
                    }
                }
            }
        }
    }
}

/// The trash icon, drawn once per list and referenced by each row.
/// The texts every row repeats, looked up once per page rather than on
/// each of its rows (the lookups were a quarter of the page's cost).
struct RowTexts {
    set: String,
    not_set: String,
    delete: String,
    /// "Delete {address}" with a marker where the address goes.
    delete_label: String,
    kinds: [String; 3],
}

/// Stands for the address in `delete_label`: cannot be in an address.
const MARK: char = '\u{1}';

impl RowTexts {
    fn new() -> Self {
        use crate::i18n::names::kind;
        Self {
            set: t!("set"),
            not_set: t!("not-set"),
            delete: t!("delete"),
            delete_label: t!("delete-address-title", address = &MARK.to_string()),
            kinds: [
                kind(AddressKind::Standard),
                kind(AddressKind::NoReply),
                kind(AddressKind::CatchAll),
            ],
        }
    }

    fn kind(&self, kind: AddressKind) -> &str {
        match kind {
            AddressKind::Standard => &self.kinds[0],
            AddressKind::NoReply => &self.kinds[1],
            AddressKind::CatchAll => &self.kinds[2],
        }
    }

    fn delete_label(&self, address: &str) -> String {
        self.delete_label.replace(MARK, address)
    }
}

fn trash_symbol() -> Markup {
    maud::PreEscaped(
        r#"<svg hidden aria-hidden="true"><symbol id="icon-trash" viewBox="0 0 24 24"><path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></symbol></svg>"#
            .to_owned(),
    )
}

fn trash_icon() -> Markup {
    maud::PreEscaped(
        r##"<svg aria-hidden="true" width="20" height="20"><use href="#icon-trash"/></svg>"##
            .to_owned(),
    )
}

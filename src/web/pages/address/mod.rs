//! An address's page, one tab per concern: General (kind, users, sharing,
//! mail-program settings), Aliases, Forwarding, Password, History. Tabs are
//! links; htmx swaps only the tab area. Each tab shows only to those who may
//! use it.

pub mod aliases;
pub mod delete;
pub mod forwarding;
pub mod general;
pub mod history;
pub mod password;
pub mod users;

use std::collections::HashMap;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::dashboard::service_domain;
use crate::app::AddressView;
use crate::model::{Permission, Permissions};
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::session::Viewer;
use crate::web::state::AppState;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    General,
    Aliases,
    Forwarding,
    Password,
    History,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::General,
        Tab::Aliases,
        Tab::Forwarding,
        Tab::Password,
        Tab::History,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::General => "General",
            Tab::Aliases => "Aliases",
            Tab::Forwarding => "Forwarding",
            Tab::Password => "Password",
            Tab::History => "History",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Tab::General => "",
            Tab::Aliases => "/aliases",
            Tab::Forwarding => "/forwarding",
            Tab::Password => "/password",
            Tab::History => "/history",
        }
    }

    /// The permission that opens the tab (General is open to all who see
    /// the address).
    fn permission(self) -> Option<Permission> {
        match self {
            Tab::General => None,
            Tab::Aliases => Some(Permission::Aliases),
            Tab::Forwarding => Some(Permission::Forwarding),
            Tab::Password => Some(Permission::Password),
            Tab::History => Some(Permission::History),
        }
    }

    pub fn open_to(self, view: &AddressView) -> bool {
        self.permission().is_none_or(|p| view.may(p))
    }
}

/// Loads the address for the viewer; 404 for anyone who may not see it.
pub async fn load(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
    local: &str,
) -> Result<AddressView, WebError> {
    let domain = service_domain(domain)?;
    let user = viewer.session.user.id;
    let local = local.to_owned();
    state
        .run(move |app| app.address_view(user, &domain, &local))
        .await
}

/// Loads the address and refuses (403) a viewer the tab is not open to.
pub async fn load_for(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
    local: &str,
    tab: Tab,
) -> Result<AddressView, WebError> {
    let view = load(state, viewer, domain, local).await?;
    if !tab.open_to(&view) {
        return Err(crate::app::AppError::Forbidden.into());
    }
    Ok(view)
}

/// Runs one change on the address as the viewer, then goes back to the
/// address page at `then` (a tab path or an anchor). The shape of every
/// small button on these pages.
pub async fn change_then_back<F>(
    state: &AppState,
    viewer: &Viewer,
    (domain, local): (&str, &str),
    then: &str,
    change: F,
) -> Result<Response, WebError>
where
    F: FnOnce(&crate::App, &crate::app::Actor, &AddressView) -> Result<(), crate::app::AppError>
        + Send
        + 'static,
{
    let view = load(state, viewer, domain, local).await?;
    let target = format!("{}{then}", base(&view));
    let actor = viewer.actor();
    state.run(move |app| change(app, &actor, &view)).await?;
    Ok(axum::response::Redirect::to(&target).into_response())
}

pub fn base(view: &AddressView) -> String {
    format!(
        "/services/{}/addresses/{}",
        view.service.service.domain.as_ascii(),
        view.address.local_part
    )
}

/// The whole page, or only the tab area for htmx.
pub fn respond(
    viewer: &Viewer,
    view: &AddressView,
    tab: Tab,
    status: StatusCode,
    headers: &HeaderMap,
    panel: Markup,
) -> Response {
    let area = tab_area(view, tab, panel);
    if headers.contains_key("hx-request") && !headers.contains_key("hx-history-restore-request") {
        return (status, [("vary", "HX-Request")], area).into_response();
    }
    let domain = &view.service.service.domain;
    let email = view.full_address();
    let page = layout::page(
        viewer,
        &email,
        html! {
            nav aria-label="breadcrumb" {
                ul {
                    li { a href="/services" { "Services" } }
                    li { a href=(format!("/services/{}", domain.as_ascii())) { (domain) } }
                    li { (view.address.local_part) }
                }
            }
            div.page-head {
                div {
                    h1 { (email) }
                    p.subtitle { span.badge { (view.address.kind.label()) } " · created " (layout::date(view.address.created)) }
                }
                @if view.service.role.manages() {
                    div.actions {
                        a role="button" .secondary.outline href=(format!("{}/delete", base(view)))
                            hx-get=(format!("{}/delete", base(view))) hx-target="#dialog-slot" hx-swap="innerHTML" {
                            "Delete…"
                        }
                    }
                }
            }
            div #dialog-slot {}
            (area)
        },
    );
    (status, [("vary", "HX-Request")], page).into_response()
}

fn tab_area(view: &AddressView, active: Tab, panel: Markup) -> Markup {
    let base = base(view);
    html! {
        div #address-tabs {
            nav.tabs aria-label="Address sections" {
                ul {
                    @for tab in Tab::ALL {
                        @if tab.open_to(view) {
                            @let href = format!("{base}{}", tab.path());
                            li {
                                a href=(href) hx-get=(href) hx-target="#address-tabs" hx-swap="outerHTML" hx-push-url="true"
                                    aria-current=[(tab == active).then_some("page")] { (tab.label()) }
                            }
                        }
                    }
                }
            }
            section #tab-panel aria-label=(active.label()) { (panel) }
        }
    }
}

/// Checkboxes for a permission set, each with its one-line explanation.
/// Fields are named `perm_<name>`.
pub fn permission_boxes(selected: Permissions, id_prefix: &str) -> Markup {
    html! {
        @for permission in Permission::ALL {
            @let id = format!("{id_prefix}-{}", permission.name());
            label for=(id) {
                input #(id) type="checkbox" name=(format!("perm_{}", permission.name())) checked[selected.contains(permission)];
                strong { (permission.name()) } " "
                small.muted { (permission.explanation()) }
            }
        }
    }
}

/// Reads `perm_<name>` checkboxes back.
pub fn permissions_from(fields: &HashMap<String, String>) -> Permissions {
    Permission::ALL
        .into_iter()
        .filter(|p| fields.contains_key(&format!("perm_{}", p.name())))
        .collect()
}

/// A form field by name, empty when absent.
pub fn field<'a>(fields: &'a HashMap<String, String>, name: &str) -> &'a str {
    fields.get(name).map(String::as_str).unwrap_or("")
}

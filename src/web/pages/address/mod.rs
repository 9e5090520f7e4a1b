//! An address's page, one tab per concern: General (kind, users, sharing,
//! mail-program settings), Aliases, Forwarding, Out of office, Password,
//! History. Tabs are
//! links; htmx swaps only the tab area. Each tab shows only to those who may
//! use it.

pub mod aliases;
pub mod auto_reply;
pub mod delete;
pub mod device_section;
pub mod devices;
pub mod forwarding;
pub mod general;
pub mod history;
pub mod password;
pub mod setup;
pub mod share_form;
pub mod users;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use crate::App;
use crate::app::{Actor, AddressRef, AddressView, AppError};
use crate::http::AppState;
use crate::model::Permission;
use crate::urls;
use crate::web::error::WebError;
use crate::web::htmx::Fragment;
use crate::web::layout;
use crate::web::viewer::Viewer;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    General,
    Aliases,
    Forwarding,
    AutoReply,
    Password,
    History,
}

impl Tab {
    const ALL: [Tab; 6] = [
        Tab::General,
        Tab::Aliases,
        Tab::Forwarding,
        Tab::AutoReply,
        Tab::Password,
        Tab::History,
    ];

    fn label(self) -> String {
        match self {
            Tab::General => t!("tab-general"),
            Tab::Aliases => t!("tab-aliases"),
            Tab::Forwarding => t!("tab-forwarding"),
            Tab::AutoReply => t!("tab-auto-reply"),
            Tab::Password => t!("tab-password"),
            Tab::History => t!("tab-history"),
        }
    }

    fn path(self) -> &'static str {
        match self {
            Tab::General => "",
            Tab::Aliases => "/aliases",
            Tab::Forwarding => "/forwarding",
            Tab::AutoReply => "/auto-reply",
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
            Tab::AutoReply => Some(Permission::AutoReply),
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
    let target = AddressRef::parse(domain, local)?;
    let user = viewer.session.user.id;
    state
        .run(move |app| app.addresses().address_view(user, &target))
        .await
}

/// Loads the address for a tab; app refuses (403) a viewer it is not open to.
pub async fn load_for(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
    local: &str,
    tab: Tab,
) -> Result<AddressView, WebError> {
    let target = AddressRef::parse(domain, local)?;
    let (user, need) = (viewer.session.user.id, tab.permission());
    state
        .run(move |app| app.addresses().address_view_needing(user, &target, need))
        .await
}

/// Runs one change on the address as the viewer (the use case checks the
/// viewer's rights in its own transaction), then goes back to the address
/// page at `then` (a tab path or an anchor). The shape of every small
/// button on these pages.
pub async fn change_then_back<F>(
    state: &AppState,
    viewer: &Viewer,
    (domain, local): (&str, &str),
    then: &str,
    change: F,
) -> Result<Response, WebError>
where
    F: FnOnce(&App, &Actor, &AddressRef) -> Result<(), AppError> + Send + 'static,
{
    let target = AddressRef::parse(domain, local)?;
    let back = format!("{}{then}", urls::address(&target.domain, &target.local));
    let actor = viewer.actor();
    state.run(move |app| change(app, &actor, &target)).await?;
    Ok(Redirect::to(&back).into_response())
}

pub fn base(view: &AddressView) -> String {
    urls::address(&view.service.service.domain, &view.address.local_part)
}

/// The whole page, or only the tab area for htmx.
pub fn respond(
    viewer: &Viewer,
    view: &AddressView,
    tab: Tab,
    status: StatusCode,
    Fragment(fragment): Fragment,
    panel: Markup,
) -> Response {
    let area = tab_area(view, tab, panel);
    if fragment {
        return (status, [("vary", "HX-Request")], area).into_response();
    }
    let domain = &view.service.service.domain;
    let email = view.full_address();
    let page = layout::page_in(
        viewer,
        Some(view.service.organisation.id),
        &email,
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) {
                ul {
                    li { a href=(urls::SERVICES) { (t!("services")) } }
                    li { a href=(urls::service(domain)) { (domain) } }
                    li { (view.address.local_part) }
                }
            }
            div.page-head {
                div {
                    h1 { (email) }
                    p.subtitle { span.badge { (crate::i18n::names::kind(view.address.kind)) } " " (t!("created-on", date = &layout::date(view.address.created))) }
                }
                @if view.service.role.manages() {
                    div.actions {
                        a role="button" .secondary.outline href=(format!("{}/delete", base(view)))
                            hx-get=(format!("{}/delete", base(view))) hx-target="#dialog-slot" hx-swap="innerHTML" {
                            (t!("delete-2"))
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
            nav.tabs aria-label=(t!("address-sections")) {
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

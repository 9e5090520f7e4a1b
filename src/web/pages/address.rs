//! An address's page: what it is, who uses it, and how to read its mail.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::dashboard::service_domain;
use crate::app::AddressView;
use crate::config::MailClientSettings;
use crate::model::Permission;
use crate::store::{AccessState, AddressKind};
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::session::Viewer;
use crate::web::state::AppState;

#[derive(Deserialize, Default)]
pub struct AddressQuery {
    created: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    Query(query): Query<AddressQuery>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let user = viewer.session.user.id;
    let view = state
        .run(move |app| app.address_view(user, &domain, &local))
        .await?;
    let just_created_for_me = query.created.as_deref() == Some("me");
    Ok(render(&viewer, &view, &state.mail_client, just_created_for_me).into_response())
}

fn render(
    viewer: &Viewer,
    view: &AddressView,
    mail: &MailClientSettings,
    created_for_me: bool,
) -> Markup {
    let domain = &view.service.service.domain;
    let email = format!("{}@{}", view.address.local_part, domain);
    let login = format!("{}@{}", view.address.local_part, domain.as_ascii());
    let host = mail.host_for(domain.as_ascii());
    layout::page(
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
            }
            @if created_for_me {
                article.success #ready {
                    h2 { "Your address is ready" }
                    p { "How do you want to read its mail?" }
                    div.actions {
                        @if let Some(url) = &mail.webmail_url {
                            a role="button" href=(url) rel="noopener" { "Open the webmail" }
                        }
                        a role="button" .secondary href="#mail-program" { "Set up a mail program" }
                    }
                }
            }
            section aria-labelledby="general" {
                h2 #general { "General" }
                dl.facts {
                    dt { "Kind" } dd { (kind_explanation(view.address.kind)) }
                    dt { "Password" } dd {
                        @if view.address.password_hash.is_some() { "Set" }
                        @else { "Not set: the address receives mail, but no one can log in to it until someone with the password permission sets one." }
                    }
                }
                h3 { "Users" }
                @if view.users.is_empty() {
                    p.muted { "No one has access to this address yet." }
                } @else {
                    div.table-wrap {
                        table {
                            thead { tr { th scope="col" { "User" } th scope="col" { "Permissions" } th scope="col" { "State" } } }
                            tbody {
                                @for (user, access) in &view.users {
                                    tr {
                                        td { (user.login) }
                                        td {
                                            @let names: Vec<&str> = access.permissions.iter().map(Permission::name).collect();
                                            @if names.is_empty() { span.muted { "sees the address only" } } @else { (names.join(", ")) }
                                        }
                                        td { @match access.state { AccessState::Active => "Active", AccessState::Pending => "Invited" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if view.address.kind != AddressKind::CatchAll || view.address.password_hash.is_some() {
                section aria-labelledby="mail-program" {
                    h2 #mail-program { "Mail program settings" }
                    p { "Enter these in Thunderbird, Apple Mail, Outlook or any mail program." }
                    div.table-wrap {
                        table {
                            thead { tr { th scope="col" { "" } th scope="col" { "Server" } th scope="col" { "Port" } th scope="col" { "Security" } } }
                            tbody {
                                tr { th scope="row" { "Incoming (IMAP)" } td { (host) } td { (mail.imap_port) } td { "SSL/TLS" } }
                                @if view.address.kind != AddressKind::CatchAll {
                                    tr { th scope="row" { "Outgoing (SMTP)" } td { (host) } td { (mail.submission_port) } td { "SSL/TLS" } }
                                }
                            }
                        }
                    }
                    p { "Username: " code { (login) } ", with the address's password." }
                }
            }
        },
    )
}

fn kind_explanation(kind: AddressKind) -> &'static str {
    match kind {
        AddressKind::Standard => "Mailbox: sends and receives.",
        AddressKind::NoReply => "No-reply: sends, and the mail server refuses mail sent to it.",
        AddressKind::CatchAll => {
            "Catch-all: receives mail for every name of the domain that matches no other address; cannot send."
        }
    }
}

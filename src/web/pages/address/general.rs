//! The General tab: what the address is, who uses it, sharing it, and how
//! mail programs connect.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::users::share_form;
use super::{Tab, base, load, permission_boxes, respond};
use crate::app::AddressView;
use crate::config::MailClientSettings;
use crate::model::Permission;
use crate::store::{AccessState, AddressKind, InvitationState};
use crate::web::error::WebError;
use crate::web::forms::FormErrors;
use crate::web::layout;
use crate::web::session::{CSRF_FIELD, Viewer};
use crate::web::state::AppState;

#[derive(Deserialize, Default)]
pub struct GeneralQuery {
    created: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    Query(query): Query<GeneralQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let view = load(&state, &viewer, &domain, &local).await?;
    let defaults = view.service.organisation.default_permissions;
    let panel = panel(
        &viewer,
        &view,
        &state.mail_client,
        query.created.as_deref(),
        share_form(&viewer, &view, defaults, "", &FormErrors::default()),
    );
    Ok(respond(
        &viewer,
        &view,
        Tab::General,
        StatusCode::OK,
        &headers,
        panel,
    ))
}

/// The General tab's content, with the share form as given (fresh, or
/// refused with its errors).
pub fn panel(
    viewer: &Viewer,
    view: &AddressView,
    mail: &MailClientSettings,
    created: Option<&str>,
    share: Markup,
) -> Markup {
    let base = base(view);
    let domain = &view.service.service.domain;
    let login = format!("{}@{}", view.address.local_part, domain.as_ascii());
    let host = mail.host_for(domain.as_ascii());
    let may_edit_users = view.may(Permission::Users);
    let pending: Vec<_> = view
        .invitations
        .iter()
        .filter(|i| i.state == InvitationState::Pending)
        .collect();
    html! {
        @if created == Some("me") {
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
        @if created == Some("other") {
            article.success #ready {
                h2 { "The address is created" }
                p { "The person you chose has access to it, or has been invited. It has no password until someone with the password permission sets one: until then it receives mail, but no one can log in to it." }
            }
        }
        dl.facts {
            dt { "Kind" } dd { (kind_explanation(view.address.kind)) }
            dt { "Password" } dd {
                @if view.address.password_hash.is_some() { "Set" }
                @else { "Not set: the address receives mail, but no one can log in to it until someone with the password permission sets one." }
            }
            @if !view.address.aliases.is_empty() {
                dt { "Aliases" } dd {
                    @for (i, alias) in view.address.aliases.iter().enumerate() {
                        @if i > 0 { ", " }
                        (alias) "@" (domain)
                    }
                }
            }
            @if let Some(forwarding) = &view.address.forwarding {
                dt { "Forwarding" } dd {
                    "to " (forwarding.to)
                    @if forwarding.keep_copy { ", keeping a copy" } @else { ", without keeping a copy" }
                }
            }
        }
        h2 { "Users" }
        @if view.users.is_empty() {
            p.muted { "No one has access to this address yet." }
        } @else {
            div.table-wrap {
                table #users {
                    thead { tr {
                        th scope="col" { "User" }
                        th scope="col" { "Permissions" }
                        th scope="col" { "State" }
                        @if may_edit_users { th scope="col" { span.visually-hidden { "Actions" } } }
                    } }
                    tbody {
                        @for (user, access) in &view.users {
                            tr {
                                td { (user.login) }
                                td {
                                    @let names: Vec<&str> = access.permissions.iter().map(Permission::name).collect();
                                    @if names.is_empty() { span.muted { "sees the address only" } } @else { (names.join(", ")) }
                                }
                                td { @match access.state { AccessState::Active => "Active", AccessState::Pending => "Invited" } }
                                @if may_edit_users {
                                    td {
                                        details.edit {
                                            summary { "Edit" span.visually-hidden { " " (user.login) } }
                                            form method="post" action=(format!("{base}/users/{}/permissions", user.id)) {
                                                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                                                fieldset {
                                                    legend { "Permissions of " (user.login) }
                                                    (permission_boxes(access.permissions, &format!("user-{}", user.id)))
                                                }
                                                button type="submit" { "Save permissions" }
                                            }
                                            form method="post" action=(format!("{base}/users/{}/remove", user.id)) {
                                                input type="hidden" name=(CSRF_FIELD) value=(viewer.csrf());
                                                button.secondary.outline type="submit" { "Remove " (user.login) " from this address" }
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
        @if !pending.is_empty() {
            h3 { "Pending invitations" }
            ul #invitations {
                @for invitation in &pending {
                    li {
                        (invitation.email) " · invited " (layout::date(invitation.created))
                        ", valid until " (layout::date(invitation.expires))
                    }
                }
            }
        }
        @if may_edit_users { (share) }
        @if view.address.kind != AddressKind::CatchAll || view.address.password_hash.is_some() {
            h2 #mail-program { "Mail program settings" }
            p { "Enter these in Thunderbird, Apple Mail, Outlook or any mail program." }
            div.table-wrap {
                table {
                    thead { tr { td {} th scope="col" { "Server" } th scope="col" { "Port" } th scope="col" { "Security" } } }
                    tbody {
                        tr { th scope="row" { "Incoming (IMAP)" } td { (host) } td { (mail.imap_port) } td { "SSL/TLS" } }
                        @if view.address.kind != AddressKind::CatchAll {
                            tr { th scope="row" { "Outgoing (SMTP)" } td { (host) } td { (mail.submission_port) } td { "SSL/TLS" } }
                        }
                    }
                }
            }
            p { "Username: " code { (login) } ", with the address's password." }
            p.actions {
                a role="button" .secondary.outline href=(format!("/mail/config-v1.1.xml?emailaddress={login}")) { "Thunderbird settings file" }
                a role="button" .secondary.outline href=(format!("{base}/profile.mobileconfig")) download { "Apple profile (iPhone, iPad, Mac)" }
            }
            p.muted { "Outlook finds these settings by itself through Autodiscover." }
        }
    }
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

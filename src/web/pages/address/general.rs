//! The General tab: what the address is, who uses it, sharing it, and how
//! mail programs connect.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::device_section::{DeviceState, section as device_section};
use super::share_form::share_form;
use super::{Tab, base, load, respond};
use crate::app::AddressView;
use crate::config::MailClientSettings;
use crate::model::{
    AccessState, AddressKind, InvitationState, Message, MessageId, MessageState, Permission,
    SharingLink,
};
use crate::web::error::WebError;
use crate::web::forms::{FormErrors, permission_boxes};
use crate::web::htmx::Fragment;
use crate::web::layout;
use crate::web::state::AppState;
use crate::web::viewer::Viewer;

#[derive(Deserialize, Default)]
pub struct GeneralQuery {
    created: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    Query(query): Query<GeneralQuery>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let view = load(&state, &viewer, &domain, &local).await?;
    let defaults = view.service.organisation.default_permissions;
    let extras = extras(&state, &viewer, &view, None).await?;
    let panel = panel(
        &viewer,
        &view,
        &state.mail_client,
        query.created.as_deref(),
        share_form(&viewer, &view, defaults, "", &FormErrors::default()),
        &extras,
    );
    Ok(respond(
        &viewer,
        &view,
        Tab::General,
        StatusCode::OK,
        fragment,
        panel,
    ))
}

/// What the General tab shows besides the address: the delivery state of
/// pending invitations, the sharing links, a link just made, and the
/// viewer's device passwords.
#[derive(Default)]
pub struct Extras {
    pub devices: DeviceState,
    /// Whether open mail sessions end when access ends (doveadm is set).
    pub ends_sessions: bool,
    pub messages: HashMap<MessageId, Message>,
    pub links: Vec<SharingLink>,
    /// A new link's URL, shown this once.
    pub new_link: Option<String>,
    /// What the mail server reports of the mailbox.
    pub usage: Option<crate::model::Usage>,
}

/// Loads the extras for those who may manage the address's users.
pub async fn extras(
    state: &AppState,
    viewer: &Viewer,
    view: &AddressView,
    new_link: Option<String>,
) -> Result<Extras, WebError> {
    let (actor, target) = (viewer.actor(), view.address_ref());
    let (rows, ends_sessions, usage) = state
        .run(move |app| {
            let usage = app
                .quota_usage(&[target.email()])
                .remove(&target.email().to_ascii());
            Ok((
                app.device_passwords(&actor, &target)?,
                app.ends_open_sessions(),
                usage,
            ))
        })
        .await?;
    let devices = DeviceState {
        rows,
        ..DeviceState::default()
    };
    if !view.may(Permission::Users) {
        return Ok(Extras {
            devices,
            ends_sessions,
            usage,
            ..Extras::default()
        });
    }
    let ids: Vec<MessageId> = view.invitations.iter().filter_map(|i| i.message).collect();
    let (actor, target) = (viewer.actor(), view.address_ref());
    let (messages, links) = state
        .run(move |app| Ok((app.messages(&ids)?, app.links_of(&actor, &target)?)))
        .await?;
    Ok(Extras {
        devices,
        ends_sessions,
        messages: messages.into_iter().map(|m| (m.id, m)).collect(),
        links,
        new_link,
        usage,
    })
}

/// The General tab's content, with the share form as given (fresh, or
/// refused with its errors).
pub fn panel(
    viewer: &Viewer,
    view: &AddressView,
    mail: &MailClientSettings,
    created: Option<&str>,
    share: Markup,
    extras: &Extras,
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
                    a role="button" .secondary href=(format!("{base}/setup")) { "Set up a mail program" }
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
                                                (viewer.csrf_field())
                                                fieldset {
                                                    legend { "Permissions of " (user.login) }
                                                    (permission_boxes(access.permissions, &format!("user-{}", user.id)))
                                                }
                                                button type="submit" { "Save permissions" }
                                            }
                                            form method="post" action=(format!("{base}/users/{}/remove", user.id)) {
                                                (viewer.csrf_field())
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
                        @if let Some(message) = invitation.message.and_then(|m| extras.messages.get(&m)) {
                            " · email: " (message_state(&message.state))
                        }
                        @if may_edit_users {
                            " "
                            form.inline method="post" action=(format!("{base}/invitations/{}/resend", invitation.id)) {
                                (viewer.csrf_field())
                                button.secondary.outline.small type="submit" { "Resend" span.visually-hidden { " to " (invitation.email) } }
                            }
                            " "
                            form.inline method="post" action=(format!("{base}/invitations/{}/revoke", invitation.id)) {
                                (viewer.csrf_field())
                                button.secondary.outline.small type="submit" { "Revoke" span.visually-hidden { " the invitation of " (invitation.email) } }
                            }
                        }
                    }
                }
            }
        }
        @if may_edit_users {
            (share)
            (links_section(viewer, view, extras))
        }
        (device_section(viewer, view, &extras.devices, extras.ends_sessions))
        @if view.address.kind != AddressKind::NoReply {
            (super::super::quota::section(viewer, view, extras.usage))
        }
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
            p { "Username: " code { (login) } ", with a device password (below) or the address's password." }
            p.actions {
                a role="button" .secondary.outline href=(crate::urls::thunderbird_settings(&login)) { "Thunderbird settings file" }
                a role="button" .secondary.outline href=(format!("{base}/profile.mobileconfig")) download { "Apple profile (iPhone, iPad, Mac)" }
            }
            p.muted { "Outlook finds these settings by itself through Autodiscover." }
        }
    }
}

/// A message's delivery state, as people read it.
pub fn message_state(state: &MessageState) -> String {
    match state {
        MessageState::Queued => "queued".into(),
        MessageState::Sent { at } => format!("sent {}", layout::date_time(*at)),
        MessageState::InOutbox { .. } => "in the outbox (no mail server set)".into(),
        MessageState::Retrying { error, next_at } => {
            format!("retrying at {} ({error})", layout::date_time(*next_at))
        }
        MessageState::Failed { error } => format!("failed: {error}"),
    }
}

fn links_section(viewer: &Viewer, view: &AddressView, extras: &Extras) -> Markup {
    let base = base(view);
    let defaults = view.service.organisation.default_permissions;
    html! {
        h3 #links { "Sharing links" }
        @if let Some(url) = &extras.new_link {
            article.success #new-link {
                p { strong { "Copy this link now: " } "it is shown only once. Whoever opens it, and logs in or signs up, can use this address." }
                input #new-link-url type="text" readonly value=(url) aria-label="The new sharing link";
            }
        }
        @if !extras.links.is_empty() {
            div.table-wrap {
                table #link-list {
                    thead { tr { th scope="col" { "Created" } th scope="col" { "Permissions" } th scope="col" { "Expires" } th scope="col" { "Used" } th scope="col" { span.visually-hidden { "Actions" } } } }
                    tbody {
                        @for link in &extras.links {
                            tr {
                                td { (layout::date(link.created)) }
                                td {
                                    @let names: Vec<&str> = link.permissions.iter().map(Permission::name).collect();
                                    @if names.is_empty() { "none" } @else { (names.join(", ")) }
                                }
                                td { (layout::date(link.expires)) }
                                td { (link.uses) " time" @if link.uses != 1 { "s" } }
                                td {
                                    @if link.revoked { "Revoked" } @else {
                                        form.inline method="post" action=(format!("{base}/links/{}/revoke", link.id)) {
                                            (viewer.csrf_field())
                                            button.secondary.outline.small type="submit" { "Revoke" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        details #generate-link {
            summary role="button" .secondary.outline { "Generate a sharing link" }
            form method="post" action=(format!("{base}/links")) {
                (viewer.csrf_field())
                fieldset {
                    legend { "Permissions of those who use the link" }
                    (permission_boxes(defaults, "link"))
                }
                label for="days" { "Valid for (days)" }
                input #days type="number" name="days" min="1" max="365" value=(crate::app::LINK_DAYS) required;
                button type="submit" { "Generate" }
            }
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

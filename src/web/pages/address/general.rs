//! The General tab: what the address is, who uses it, sharing it, and how
//! mail programs connect.

use crate::web::pages::common::message_state;
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
use crate::http::AppState;
use crate::model::MailClientSettings;
use crate::model::{
    AccessState, AddressKind, InvitationState, Message, MessageId, Permission, SharingLink,
};
use crate::web::error::WebError;
use crate::web::forms::{FormErrors, permission_boxes};
use crate::web::htmx::Fragment;
use crate::web::layout;
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
        &state.app.settings().mail_client,
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
                .addresses()
                .quota_usage(&[target.email()])
                .remove(&target.email().to_ascii());
            Ok((
                app.devices().device_passwords(&actor, &target)?,
                app.devices().ends_open_sessions(),
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
        .run(move |app| {
            Ok((
                app.operations().messages(&ids)?,
                app.sharing().links_of(&actor, &target)?,
            ))
        })
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
                h2 { (t!("your-address-is-ready")) }
                p { (t!("how-do-you-want-to-read")) }
                div.actions {
                    @if let Some(url) = &mail.webmail_url {
                        a role="button" href=(url) rel="noopener" { (t!("open-the-webmail")) }
                    }
                    a role="button" .secondary href=(format!("{base}/setup")) { (t!("set-up-a-mail-program")) }
                }
            }
        }
        @if created == Some("other") {
            article.success #ready {
                h2 { (t!("the-address-is-created")) }
                p { (t!("the-person-you-chose-has-access")) }
            }
        }
        dl.facts {
            dt { (t!("kind")) } dd { (kind_explanation(view.address.kind)) }
            dt { (t!("password")) } dd {
                @if view.address.password_hash.is_some() { (t!("set")) }
                @else { (t!("not-set-the-address-receives-mail")) }
            }
            @if !view.address.aliases.is_empty() {
                dt { (t!("aliases")) } dd {
                    @for (i, alias) in view.address.aliases.iter().enumerate() {
                        @if i > 0 { ", " }
                        (alias) "@" (domain)
                    }
                }
            }
            @if let Some(forwarding) = &view.address.forwarding {
                dt { (t!("forwarding")) } dd {
                    (t!("forwarding-to", to = &forwarding.to))
                    @if forwarding.keep_copy { (t!("keeping-a-copy")) } @else { (t!("without-keeping-a-copy")) }
                }
            }
        }
        h2 { (t!("users")) }
        @if view.users.is_empty() {
            p.muted { (t!("no-one-has-access-to-this")) }
        } @else {
            div.table-wrap {
                table #users {
                    thead { tr {
                        th scope="col" { (t!("user")) }
                        th scope="col" { (t!("permissions")) }
                        th scope="col" { (t!("state")) }
                        @if may_edit_users { th scope="col" { span.visually-hidden { (t!("actions")) } } }
                    } }
                    tbody {
                        @for (user, access) in &view.users {
                            tr {
                                td { (user.login) }
                                td {
                                    @if access.permissions.iter().next().is_none() { span.muted { (t!("sees-the-address-only")) } } @else { (crate::i18n::names::permissions(access.permissions)) }
                                }
                                td { @match access.state { AccessState::Active => (t!("active")), AccessState::Pending => (t!("invited")) } }
                                @if may_edit_users {
                                    td {
                                        details.edit {
                                            summary { (t!("edit")) span.visually-hidden { " " (user.login) } }
                                            form method="post" action=(format!("{base}/users/{}/permissions", user.id)) {
                                                (viewer.csrf_field())
                                                fieldset {
                                                    legend { (t!("permissions-of", login = &user.login)) }
                                                    (permission_boxes(access.permissions, &format!("user-{}", user.id)))
                                                }
                                                button type="submit" { (t!("save-permissions")) }
                                            }
                                            form method="post" action=(format!("{base}/users/{}/remove", user.id)) {
                                                (viewer.csrf_field())
                                                button.secondary.outline type="submit" { (t!("remove-from-address", login = &user.login)) }
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
            h3 { (t!("pending-invitations")) }
            ul #invitations {
                @for invitation in &pending {
                    li {
                        (t!("invitation-pending", email = &invitation.email, invited = &layout::date(invitation.created), until = &layout::date(invitation.expires)))
                        @if let Some(message) = invitation.message.and_then(|m| extras.messages.get(&m)) {
                            " · " (t!("invitation-email-state", state = &message_state(&message.state)))
                        }
                        @if may_edit_users {
                            " "
                            form.inline method="post" action=(format!("{base}/invitations/{}/resend", invitation.id)) {
                                (viewer.csrf_field())
                                button.secondary.outline.small type="submit" { (t!("resend")) span.visually-hidden { " " (t!("resend-to", email = &invitation.email)) } }
                            }
                            " "
                            form.inline method="post" action=(format!("{base}/invitations/{}/revoke", invitation.id)) {
                                (viewer.csrf_field())
                                button.secondary.outline.small type="submit" { (t!("revoke")) span.visually-hidden { " " (t!("the-invitation-of", email = &invitation.email)) } }
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
            (super::super::common::quota::section(viewer, view, extras.usage))
        }
        @if view.address.kind != AddressKind::CatchAll || view.address.password_hash.is_some() {
            h2 #mail-program { (t!("mail-program-settings")) }
            p { (t!("enter-these-in-thunderbird-apple-mail")) }
            div.table-wrap {
                table {
                    thead { tr { td {} th scope="col" { (t!("server")) } th scope="col" { (t!("port")) } th scope="col" { (t!("security")) } } }
                    tbody {
                        tr { th scope="row" { (t!("incoming-imap")) } td { (host) } td { (mail.imap_port) } td { (t!("ssl-tls")) } }
                        @if view.address.kind != AddressKind::CatchAll {
                            tr { th scope="row" { (t!("outgoing-smtp")) } td { (host) } td { (mail.submission_port) } td { (t!("ssl-tls")) } }
                        }
                    }
                }
            }
            p { (t!("settings-username", login = &login)) }
            p.actions {
                a role="button" .secondary.outline href=(crate::urls::thunderbird_settings(&login)) { (t!("thunderbird-settings-file")) }
                a role="button" .secondary.outline href=(format!("{base}/profile.mobileconfig")) download { (t!("apple-profile-iphone-ipad-mac")) }
            }
            p.muted { (t!("outlook-finds-these-settings-by-itself")) }
        }
    }
}

fn links_section(viewer: &Viewer, view: &AddressView, extras: &Extras) -> Markup {
    let base = base(view);
    let defaults = view.service.organisation.default_permissions;
    html! {
        h3 #links { (t!("sharing-links")) }
        @if let Some(url) = &extras.new_link {
            article.success #new-link {
                p { strong { (t!("copy-this-link-now")) " " } (t!("it-is-shown-only-once-whoever")) }
                input #new-link-url type="text" readonly value=(url) aria-label=(t!("the-new-sharing-link"));
            }
        }
        @if !extras.links.is_empty() {
            div.table-wrap {
                table #link-list {
                    thead { tr { th scope="col" { (t!("created")) } th scope="col" { (t!("permissions")) } th scope="col" { (t!("expires")) } th scope="col" { (t!("used")) } th scope="col" { span.visually-hidden { (t!("actions")) } } } }
                    tbody {
                        @for link in &extras.links {
                            tr {
                                td { (layout::date(link.created)) }
                                td {
                                    (crate::i18n::names::permissions(link.permissions))
                                }
                                td { (layout::date(link.expires)) }
                                td { (t!("link-uses", count = link.uses)) }
                                td {
                                    @if link.revoked { (t!("revoked")) } @else {
                                        form.inline method="post" action=(format!("{base}/links/{}/revoke", link.id)) {
                                            (viewer.csrf_field())
                                            button.secondary.outline.small type="submit" { (t!("revoke")) }
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
            summary role="button" .secondary.outline { (t!("generate-a-sharing-link")) }
            form method="post" action=(format!("{base}/links")) {
                (viewer.csrf_field())
                fieldset {
                    legend { (t!("permissions-of-those-who-use-the")) }
                    (permission_boxes(defaults, "link"))
                }
                label for="days" { (t!("valid-for-days")) }
                input #days type="number" name="days" min="1" max="365" value=(crate::app::LINK_DAYS) required;
                button type="submit" { (t!("generate")) }
            }
        }
    }
}

fn kind_explanation(kind: AddressKind) -> String {
    match kind {
        AddressKind::Standard => t!("kind-standard-help"),
        AddressKind::NoReply => t!("kind-no-reply-help"),
        AddressKind::CatchAll => t!("kind-catch-all-help"),
    }
}

//! "Set up a mail program": pick the device or program, get its steps with
//! the right settings and a device password made for it on the way. Apple
//! devices get a configuration profile that carries the password (download,
//! or a QR code to open on the phone); Thunderbird and Outlook find the
//! servers themselves.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::{base, load};
use crate::app::{AddressRef, AddressView, NewDevicePassword};
use crate::config::MailClientSettings;
use crate::mailserver::autoconfig;
use crate::model::DeviceName;
use crate::urls;
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::state::AppState;
use crate::web::viewer::Viewer;

/// The devices and programs with steps of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Device {
    Iphone,
    Mac,
    Android,
    Thunderbird,
    Outlook,
    Other,
}

impl Device {
    const ALL: [Device; 6] = [
        Device::Iphone,
        Device::Mac,
        Device::Android,
        Device::Thunderbird,
        Device::Outlook,
        Device::Other,
    ];

    fn value(self) -> &'static str {
        match self {
            Device::Iphone => "iphone",
            Device::Mac => "mac",
            Device::Android => "android",
            Device::Thunderbird => "thunderbird",
            Device::Outlook => "outlook",
            Device::Other => "other",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Device::Iphone => "iPhone or iPad",
            Device::Mac => "Mac Mail",
            Device::Android => "Android",
            Device::Thunderbird => "Thunderbird",
            Device::Outlook => "Outlook",
            Device::Other => "Another program",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct SetupForm {
    device: Device,
}

pub async fn choose(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let view = load(&state, &viewer, &domain, &local).await?;
    let action = format!("{}/setup", base(&view));
    let body = html! {
        (breadcrumb(&view))
        h1 { "Set up a mail program" }
        p { "Which device or program will read " strong { (view.full_address()) } "? A device password is made for it on the way." }
        form method="post" action=(action) {
            (viewer.csrf_field())
            fieldset.devices {
                legend { "Device or program" }
                @for device in Device::ALL {
                    label {
                        input type="radio" name="device" value=(device.value()) checked[device == Device::Iphone];
                        (device.label())
                    }
                }
            }
            button type="submit" { "Continue" }
        }
    };
    Ok(layout::page(&viewer, "Set up a mail program", body).into_response())
}

pub async fn make(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    Form(form): Form<SetupForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let name =
        DeviceName::parse(form.device.label()).map_err(|_| WebError::Input("choose a device"))?;
    let actor = viewer.actor();
    let made = state
        .run(move |app| app.create_device_password(&actor, &target, actor.user, name, None))
        .await?;
    let view = load(&state, &viewer, &domain, &local).await?;
    let profile = match form.device {
        Device::Iphone | Device::Mac => {
            let bytes = autoconfig::mobileconfig(
                &state.mail_client,
                &made_email(&made)?,
                Some(&made.secret.display()),
            )
            .map_err(|e| WebError::Internal(format!("the profile could not be written: {e}")))?;
            let token = state.profiles.put(bytes, &made.login);
            Some(format!(
                "{}{}",
                state.app.settings().public_url,
                urls::profile(&token)
            ))
        }
        _ => None,
    };
    let body = html! {
        (breadcrumb(&view))
        h1 { (form.device.label()) }
        (steps(form.device, &state.mail_client, &made, profile.as_deref()))
        p { a href=(format!("{}#devices", base(&view))) { "Back to the address" } }
    };
    Ok((
        StatusCode::OK,
        layout::page(&viewer, form.device.label(), body),
    )
        .into_response())
}

fn made_email(made: &NewDevicePassword) -> Result<crate::model::EmailAddress, WebError> {
    crate::model::EmailAddress::parse(&made.login)
        .map_err(|_| WebError::Internal("an address that does not parse".into()))
}

fn breadcrumb(view: &AddressView) -> Markup {
    let domain = &view.service.service.domain;
    html! {
        nav aria-label="breadcrumb" {
            ul {
                li { a href=(urls::SERVICES) { "Services" } }
                li { a href=(urls::service(domain)) { (domain) } }
                li { a href=(base(view)) { (view.address.local_part) } }
                li { "Set up a mail program" }
            }
        }
    }
}

fn secret(made: &NewDevicePassword) -> Markup {
    html! {
        article.success #new-device {
            p { strong { "Your device password for " (made.credential.name) ": " } "it is shown only once." }
            p { "Login " code { (made.login) } }
            p { "Password " code #new-device-secret { (made.secret.display()) } }
        }
    }
}

fn settings_table(mail: &MailClientSettings, login: &str) -> Markup {
    let domain = login.rsplit_once('@').map(|(_, d)| d).unwrap_or(login);
    let host = mail.host_for(domain);
    html! {
        div.table-wrap {
            table #settings {
                thead { tr { td {} th scope="col" { "Server" } th scope="col" { "Port" } th scope="col" { "Security" } th scope="col" { "Login" } } }
                tbody {
                    tr { th scope="row" { "Incoming (IMAP)" } td { (host) } td { (mail.imap_port) } td { "SSL/TLS" } td { (login) } }
                    tr { th scope="row" { "Outgoing (SMTP)" } td { (host) } td { (mail.submission_port) } td { "SSL/TLS" } td { (login) } }
                }
            }
        }
    }
}

fn steps(
    device: Device,
    mail: &MailClientSettings,
    made: &NewDevicePassword,
    profile: Option<&str>,
) -> Markup {
    html! {
        (secret(made))
        @match device {
            Device::Iphone | Device::Mac => {
                @if let Some(url) = profile {
                    h2 { "One tap" }
                    p {
                        "The profile carries the servers and this password. "
                        @if device == Device::Iphone { "Scan the code with the camera of the iPhone or iPad, open the link, then " } @else { "Download it, then " }
                        "open Settings → Profile Downloaded → Install."
                    }
                    p.actions { a role="button" href=(url) download { "Download the profile" } }
                    @if device == Device::Iphone {
                        figure.qr #profile-qr { (qr(url)) figcaption { "Valid for 15 minutes." } }
                    }
                }
            }
            Device::Thunderbird => {
                ol {
                    li { "In Thunderbird: ≡ → New → Existing Mail Account." }
                    li { "Enter your name, " code { (made.login) } " and the password above, then Continue: Thunderbird finds the servers itself." }
                    li { "Done." }
                }
            }
            Device::Outlook => {
                ol {
                    li { "In Outlook: File → Add Account." }
                    li { "Enter " code { (made.login) } ", then the password above: Outlook finds the servers itself (Autodiscover)." }
                }
            }
            Device::Android => {
                ol {
                    li { "In your mail app: Add account → Other (IMAP)." }
                    li { "Enter " code { (made.login) } " and the password above, choose manual setup, and the servers below." }
                }
            }
            Device::Other => {
                p { "Enter these in the program's account settings, with the password above." }
            }
        }
        h2 { "Settings" }
        (settings_table(mail, &made.login))
    }
}

/// A QR code as inline SVG; empty if the URL is too long for one.
fn qr(url: &str) -> Markup {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => PreEscaped(
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(220, 220)
                .quiet_zone(true)
                .build(),
        ),
        Err(_) => html! {},
    }
}

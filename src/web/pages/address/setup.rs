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
use crate::http::AppState;
use crate::model::DeviceName;
use crate::model::MailClientSettings;
use crate::setup_files::autoconfig;
use crate::urls;
use crate::web::error::WebError;
use crate::web::layout;
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

    fn label(self) -> String {
        match self {
            Device::Iphone => t!("device-iphone"),
            Device::Mac => t!("device-mac"),
            Device::Android => "Android".to_owned(),
            Device::Thunderbird => "Thunderbird".to_owned(),
            Device::Outlook => "Outlook".to_owned(),
            Device::Other => t!("device-other"),
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
        h1 { (t!("set-up-a-mail-program")) }
        p { (t!("setup-which-device", address = &view.full_address())) }
        form method="post" action=(action) {
            (viewer.csrf_field())
            fieldset.devices {
                legend { (t!("device-or-program")) }
                @for device in Device::ALL {
                    label {
                        input type="radio" name="device" value=(device.value()) checked[device == Device::Iphone];
                        (device.label())
                    }
                }
            }
            button type="submit" { (t!("continue")) }
        }
    };
    Ok(layout::page(&viewer, &t!("set-up-a-mail-program"), body).into_response())
}

pub async fn make(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    Form(form): Form<SetupForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let name = DeviceName::parse(&form.device.label())
        .map_err(|_| WebError::Input(t!("error-choose-device")))?;
    let actor = viewer.actor();
    let made = state
        .run(move |app| {
            app.devices()
                .create_device_password(&actor, &target, actor.user, name, None)
        })
        .await?;
    let view = load(&state, &viewer, &domain, &local).await?;
    let profile = match form.device {
        Device::Iphone | Device::Mac => {
            let bytes = autoconfig::mobileconfig(
                &state.app.settings().mail_client,
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
        (steps(form.device, &state.app.settings().mail_client, &made, profile.as_deref()))
        p { a href=(format!("{}#devices", base(&view))) { (t!("back-to-the-address")) } }
    };
    Ok((
        StatusCode::OK,
        layout::page(&viewer, &form.device.label(), body),
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
        nav.breadcrumb aria-label=(t!("breadcrumb")) {
            ul {
                li { a href=(urls::SERVICES) { (t!("services")) } }
                li { a href=(urls::service(domain)) { (domain) } }
                li { a href=(base(view)) { (view.address.local_part) } }
                li { (t!("set-up-a-mail-program")) }
            }
        }
    }
}

fn secret(made: &NewDevicePassword) -> Markup {
    html! {
        article.success #new-device {
            p { strong { (t!("your-device-password-for", name = &made.credential.name)) } " " (t!("it-is-shown-only-once")) }
            p { (t!("login")) " " code { (made.login) } }
            p { (t!("password")) " " code #new-device-secret { (made.secret.display()) } }
        }
    }
}

fn settings_table(mail: &MailClientSettings, login: &str) -> Markup {
    let domain = login.rsplit_once('@').map(|(_, d)| d).unwrap_or(login);
    let host = mail.host_for(domain);
    html! {
        div.table-wrap {
            table #settings {
                thead { tr { td {} th scope="col" { (t!("server")) } th scope="col" { (t!("port")) } th scope="col" { (t!("security")) } th scope="col" { (t!("login")) } } }
                tbody {
                    tr { th scope="row" { (t!("incoming-imap")) } td { (host) } td { (mail.imap_port) } td { (t!("ssl-tls")) } td { (login) } }
                    tr { th scope="row" { (t!("outgoing-smtp")) } td { (host) } td { (mail.submission_port) } td { (t!("ssl-tls")) } td { (login) } }
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
                    h2 { (t!("one-tap")) }
                    p {
                        (t!("the-profile-carries-the-servers-and")) " "
                        @if device == Device::Iphone { (t!("scan-the-code-with-the-camera")) " " } @else { (t!("download-it-then")) " " }
                        (t!("open-settings-profile-downloaded-install"))
                    }
                    p.actions { a role="button" href=(url) download { (t!("download-the-profile")) } }
                    @if device == Device::Iphone {
                        figure.qr #profile-qr { (qr(url)) figcaption { (t!("valid-for-15-minutes")) } }
                    }
                }
            }
            Device::Thunderbird => {
                ol {
                    li { (t!("in-thunderbird-new-existing-mail-account")) }
                    li { (t!("setup-thunderbird-enter", login = &made.login)) }
                    li { (t!("done")) }
                }
            }
            Device::Outlook => {
                ol {
                    li { (t!("in-outlook-file-add-account")) }
                    li { (t!("setup-outlook-enter", login = &made.login)) }
                }
            }
            Device::Android => {
                ol {
                    li { (t!("in-your-mail-app-add-account")) }
                    li { (t!("setup-other-enter", login = &made.login)) }
                }
            }
            Device::Other => {
                p { (t!("enter-these-in-the-program-s")) }
            }
        }
        h2 { (t!("settings")) }
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

//! The "Mail on your devices" section of the General tab: the viewer's
//! device passwords (everyone's for owners and admins), a new one's secret
//! shown once, and the form that makes one. Markup and typed form only; the
//! handlers are in `devices.rs`.

use maud::{Markup, html};
use serde::Deserialize;

use super::base;
use crate::app::{AddressView, DeviceRow, NewDevicePassword};
use crate::model::{AccessState, DeviceName};
use crate::web::forms::{Field, FormErrors};
use crate::web::layout;
use crate::web::viewer::Viewer;

/// The new-device form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct DeviceForm {
    #[serde(default, rename = "device-name")]
    pub name: String,
    /// Days until it stops working; empty for never.
    #[serde(default, rename = "device-days")]
    pub days: String,
}

impl DeviceForm {
    /// The name and the optional lifetime, each refusal at its field.
    pub fn parse(&self) -> Result<(DeviceName, Option<u32>), FormErrors> {
        let mut errors = FormErrors::default();
        let name = DeviceName::parse(&self.name)
            .map_err(|e| errors.add("device-name", e))
            .ok();
        let days = match self.days.trim() {
            "" => Some(None),
            text => match text.parse::<u32>() {
                Ok(days) if (1..=3650).contains(&days) => Some(Some(days)),
                _ => {
                    errors.add("device-days", t!("error-device-days"));
                    None
                }
            },
        };
        match (name, days) {
            (Some(name), Some(days)) => Ok((name, days)),
            _ => Err(errors),
        }
    }
}

/// What the section shows besides the list.
#[derive(Default)]
pub struct DeviceState {
    pub rows: Vec<DeviceRow>,
    /// One just made: its secret is shown this once.
    pub new: Option<NewDevicePassword>,
    pub errors: FormErrors,
    pub typed: DeviceForm,
}

/// Whether the viewer uses the address (only users have device passwords).
pub fn uses_address(view: &AddressView) -> bool {
    view.mine
        .as_ref()
        .is_some_and(|a| a.state == AccessState::Active)
}

/// The section itself.
pub fn section(
    viewer: &Viewer,
    view: &AddressView,
    devices: &DeviceState,
    ends_sessions: bool,
) -> Markup {
    let base = base(view);
    let manages = view.service.manages();
    html! {
        h2 #devices { (t!("mail-on-your-devices")) }
        p {
            (t!("devices-intro", login = &view.email().to_ascii()))
        }
        @if !ends_sessions {
            p.muted #sessions-note {
                (t!("programs-already-connected-stay-connected-until"))
            }
        }
        @if let Some(new) = &devices.new {
            article.success #new-device {
                p { strong { (t!("device-password-for", name = &new.credential.name)) } " " (t!("copy-it-now-it-is-shown")) }
                p { (t!("login")) " " code { (new.login) } }
                p { (t!("password")) " " code #new-device-secret { (new.secret.display()) } }
            }
        }
        @if devices.rows.is_empty() {
            p.muted { (t!("no-device-password-yet")) }
        } @else {
            div.table-wrap {
                table #device-list {
                    thead { tr {
                        th scope="col" { (t!("device")) }
                        @if manages { th scope="col" { (t!("user")) } }
                        th scope="col" { (t!("created")) }
                        th scope="col" { (t!("last-used")) }
                        th scope="col" { (t!("expires")) }
                        th scope="col" { span.visually-hidden { (t!("actions")) } }
                    } }
                    tbody {
                        @for row in &devices.rows {
                            @let device = &row.credential;
                            tr {
                                td { (device.name) }
                                @if manages { td { (row.user.login) } }
                                td { (layout::date(device.created)) }
                                td {
                                    @match &device.last_use {
                                        Some(used) => {
                                            (layout::date_time(used.at)) " · " (used.protocol)
                                            @if let Some(ip) = &used.ip { " · " (ip) }
                                        }
                                        None => span.muted { (t!("never")) },
                                    }
                                }
                                td { @match device.expires { Some(at) => (layout::date(at)), None => (t!("never")) } }
                                td {
                                    form.inline method="post" action=(format!("{base}/devices/{}/revoke", device.id)) {
                                        (viewer.csrf_field())
                                        button.secondary.outline.small type="submit" { (t!("revoke")) span.visually-hidden { " " (device.name) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if uses_address(view) {
            p.actions { a role="button" href=(format!("{base}/setup")) { (t!("set-up-a-mail-program")) } }
            details #new-device-form open[!devices.errors.is_empty()] {
                summary role="button" .secondary.outline { (t!("make-a-device-password")) }
                form method="post" action=(format!("{base}/devices")) novalidate {
                    (viewer.csrf_field())
                    (Field::new(t!("device-name"), "device-name", &devices.errors).value(&devices.typed.name)
                        .help(html! { (t!("how-you-will-recognise-it-phone")) }))
                    (Field::new(t!("stops-working-after-days"), "device-days", &devices.errors).kind("number").value(&devices.typed.days)
                        .help(html! { (t!("leave-empty-for-a-password-that")) }))
                    button type="submit" { (t!("make-the-password")) }
                }
            }
        }
    }
}

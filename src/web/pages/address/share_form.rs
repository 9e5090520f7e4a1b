//! The form that shares an address (on its General tab, and inside the
//! "for another user" step of creating one): whom, with which permissions,
//! and how an outside person signs up. Markup and its typed fields only.

use maud::{Markup, html};
use serde::Deserialize;

use super::base;
use crate::app::{AddressView, ShareWith};
use crate::model::{Domain, EmailAddress, Permissions, SignupRule};
use crate::urls;
use crate::web::forms::{FormErrors, PermissionFields, permission_boxes};
use crate::web::viewer::Viewer;

/// The fields naming whom to share with.
#[derive(Debug, Default, Deserialize)]
pub struct WhoFields {
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub signup: Option<String>,
}

impl WhoFields {
    pub fn signup(&self) -> SignupRule {
        match self.signup.as_deref() {
            Some("this_address") => SignupRule::ThisAddress,
            _ => SignupRule::OwnChoice,
        }
    }

    /// A member (by login) or anyone else by email: the use case tells which.
    pub fn share_with(&self) -> Result<ShareWith, &'static str> {
        let email = EmailAddress::parse(&self.who).map_err(
            |_| "enter a member's email address, or the email address of the person to invite",
        )?;
        Ok(ShareWith::Email {
            email,
            signup: self.signup(),
        })
    }
}

/// The share form as posted.
#[derive(Debug, Deserialize)]
pub struct ShareForm {
    #[serde(flatten)]
    pub who: WhoFields,
    #[serde(flatten)]
    pub permissions: PermissionFields,
}

/// The share form: a member or an outside email, permissions, and for an
/// outside person how they must sign up.
pub fn share_form(
    viewer: &Viewer,
    view: &AddressView,
    permissions: Permissions,
    who: &str,
    errors: &FormErrors,
) -> Markup {
    let action = format!("{}/users", base(view));
    html! {
        details #share open[!errors.is_empty()] {
            summary role="button" .secondary.outline { "Invite a user" }
            form method="post" action=(action) novalidate {
                (viewer.csrf_field())
                (who_fields(&view.service.service.domain, who, errors))
                fieldset {
                    legend { "Permissions" }
                    (permission_boxes(permissions, "share"))
                }
                (signup_fields(SignupRule::OwnChoice))
                button type="submit" { "Invite" }
            }
        }
    }
}

/// The "who" field with autocomplete over members.
pub fn who_fields(domain: &Domain, who: &str, errors: &FormErrors) -> Markup {
    let error = errors.get("who");
    html! {
        label for="who" { "Member or email address" }
        input #who type="text" name="who" value=(who) list="members" autocomplete="off" required
            autofocus[error.is_some()]
            aria-invalid=[error.map(|_| "true")] aria-describedby="who-help"
            hx-get=(urls::service_members(domain)) hx-trigger="input changed delay:250ms, focus once"
            hx-target="#members" hx-swap="outerHTML";
        datalist #members {}
        @if let Some(error) = error {
            small #who-help .error { (error) }
        } @else {
            small #who-help { "Type a name or email: members are suggested. Anyone else is invited by email." }
        }
    }
}

/// For a person outside the organisation: which login they must use.
pub fn signup_fields(chosen: SignupRule) -> Markup {
    html! {
        fieldset {
            legend { "If this person is not a member yet, they sign up with" }
            label {
                input type="radio" name="signup" value="own_choice" checked[chosen == SignupRule::OwnChoice];
                "an email address of their own choice"
            }
            label {
                input type="radio" name="signup" value="this_address" checked[chosen == SignupRule::ThisAddress];
                "this new address itself"
            }
        }
        p.warning role="note" {
            strong { "Note: " }
            "a user who does not link their account to this address cannot change its password. "
            "Only users with the password permission, and the organisation's owners and admins, can."
        }
    }
}

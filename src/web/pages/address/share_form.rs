//! The form that shares an address (on its General tab, and inside the
//! "for another user" step of creating one): whom, with which permissions,
//! and how an outside person signs up. Markup and its typed fields only.

use maud::{Markup, html};
use serde::Deserialize;

use super::base;
use crate::app::{AddressView, ShareWith};
use crate::model::{Domain, EmailAddress, Lang, Permissions, SignupRule};
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
    /// The invitation's language (a code); empty: the organisation's.
    #[serde(default)]
    pub lang: String,
}

impl WhoFields {
    pub fn signup(&self) -> SignupRule {
        match self.signup.as_deref() {
            Some("this_address") => SignupRule::ThisAddress,
            _ => SignupRule::OwnChoice,
        }
    }

    /// A member (by login) or anyone else by email: the use case tells which.
    pub fn share_with(&self) -> Result<ShareWith, String> {
        let email = EmailAddress::parse(&self.who).map_err(|_| t!("error-who-not-an-email"))?;
        Ok(ShareWith::Email {
            email,
            signup: self.signup(),
            lang: Lang::parse(&self.lang),
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
            summary role="button" .secondary.outline { (t!("invite-a-user")) }
            form method="post" action=(action) novalidate {
                (viewer.csrf_field())
                (who_fields(&view.service.service.domain, who, errors))
                fieldset {
                    legend { (t!("permissions")) }
                    (permission_boxes(permissions, "share"))
                }
                (signup_fields(SignupRule::OwnChoice, view.service.organisation.lang))
                button type="submit" { (t!("invite")) }
            }
        }
    }
}

/// The "who" field with autocomplete over members.
pub fn who_fields(domain: &Domain, who: &str, errors: &FormErrors) -> Markup {
    let error = errors.get("who");
    html! {
        label for="who" { (t!("member-or-email-address")) }
        input #who type="text" name="who" value=(who) list="members" autocomplete="off" required
            autofocus[error.is_some()]
            aria-invalid=[error.map(|_| "true")] aria-describedby="who-help"
            hx-get=(urls::service_members(domain)) hx-trigger="input changed delay:250ms, focus once"
            hx-target="#members" hx-swap="outerHTML";
        datalist #members {}
        @if let Some(error) = error {
            small #who-help .error { (error) }
        } @else {
            small #who-help { (t!("type-a-name-or-email-members")) }
        }
    }
}

/// For a person outside the organisation: which login they must use.
pub fn signup_fields(chosen: SignupRule, lang: Lang) -> Markup {
    html! {
        label for="invitation-lang" { (t!("invitation-language")) }
        select #invitation-lang name="lang" {
            @for option in Lang::ALL {
                option value=(option.code()) selected[option == lang] lang=(option.code()) { (option.native_name()) }
            }
        }
        fieldset {
            legend { (t!("if-this-person-is-not-a")) }
            label {
                input type="radio" name="signup" value="own_choice" checked[chosen == SignupRule::OwnChoice];
                (t!("an-email-address-of-their-own"))
            }
            label {
                input type="radio" name="signup" value="this_address" checked[chosen == SignupRule::ThisAddress];
                (t!("this-new-address-itself"))
            }
        }
        p.warning role="note" {
            strong { (t!("note")) " " }
            (t!("a-user-who-does-not-link")) " "
            (t!("only-users-with-the-password-permission"))
        }
    }
}

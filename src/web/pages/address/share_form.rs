//! The form that shares an address (on its General tab, and inside the
//! "for another user" step of creating one): whom, with which permissions,
//! and how an outside person signs up. Markup and its typed fields only.

use crate::web::forms::WhoFields;
use maud::{Markup, html};
use serde::Deserialize;

use super::base;
use crate::app::AddressView;
use crate::model::{Permissions, SignupRule};
use crate::web::forms::{FormErrors, PermissionFields, permission_boxes};
use crate::web::pages::common::who::{signup_fields, who_fields};
use crate::web::viewer::Viewer;

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

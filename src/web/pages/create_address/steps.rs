//! The wizard's steps as markup: the address, who it is for, and the
//! details (password, or whom to share with).

use maud::{Markup, html};

use super::{Purpose, WizardForm};
use crate::app::ServiceView;
use crate::urls;
use crate::web::forms::{Field, FormErrors, permission_boxes};
use crate::web::layout;
use crate::web::pages::address::share_form::{signup_fields, who_fields};
use crate::web::pages::setup::policy;
use crate::web::viewer::Viewer;

pub(super) fn local_help() -> &'static str {
    "Letters a–z, digits, dots, hyphens and underscores; at most 64 characters."
}

pub(super) fn page(viewer: &Viewer, view: &ServiceView, step: Markup) -> Markup {
    let domain = view.service.domain.to_string();
    layout::page(
        viewer,
        "Create an email address",
        html! {
            nav aria-label="breadcrumb" {
                ul {
                    li { a href=(urls::SERVICES) { "Services" } }
                    li { a href=(urls::service(&view.service.domain)) { (domain) } }
                    li { "Create an email address" }
                }
            }
            h1 { "Create an email address" }
            (step)
        },
    )
}

fn action(view: &ServiceView) -> String {
    urls::new_address(&view.service.domain)
}

pub(super) fn step_address(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let check = urls::new_address_check(&view.service.domain);
    let error = errors.get("local");
    html! {
        article #wizard {
            header { strong { "Step 1 of 3" } " · The address" }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                (viewer.csrf_field())
                input type="hidden" name="step" value="address";
                label for="local" { "Address" }
                fieldset role="group" {
                    input #local name="local" type="text" value=(form.local) required autofocus
                        autocomplete="off" spellcheck="false" maxlength="64"
                        aria-invalid=[error.map(|_| "true")] aria-describedby="local-help"
                        hx-get=(check) hx-trigger="input changed delay:300ms" hx-target="#local-help" hx-swap="outerHTML";
                    span.suffix { "@" (view.service.domain) }
                }
                @if let Some(error) = error {
                    small #local-help .error { (error) }
                } @else {
                    small #local-help { (local_help()) }
                }
                button type="submit" { "Next" }
            }
        }
    }
}

pub(super) fn step_purpose(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let chosen = form.purpose.unwrap_or(Purpose::Me);
    let purpose_error = errors.get("purpose");
    html! {
        article #wizard {
            header { strong { "Step 2 of 3" } " · " (address_of(view, form)) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                (viewer.csrf_field())
                input type="hidden" name="step" value="purpose";
                input type="hidden" name="local" value=(form.local);
                fieldset aria-describedby=[purpose_error.map(|_| "purpose-help")] {
                    legend { "Who is it for?" }
                    @for (purpose, label, explanation) in Purpose::ALL {
                        label {
                            input type="radio" name="purpose" value=(purpose.value()) checked[purpose == chosen]
                                autofocus[purpose == chosen];
                            strong { (label) }
                            br;
                            small.muted { (explanation) }
                        }
                    }
                    @if let Some(error) = purpose_error {
                        small #purpose-help .error { (error) }
                    }
                }
                button type="submit" { "Next" }
            }
        }
    }
}

fn address_of(view: &ServiceView, form: &WizardForm) -> String {
    format!(
        "{}@{}",
        form.local.trim().to_ascii_lowercase(),
        view.service.domain
    )
}

pub(super) fn step_details(
    viewer: &Viewer,
    view: &ServiceView,
    form: &WizardForm,
    errors: &FormErrors,
) -> Markup {
    let action = action(view);
    let purpose = form.purpose.unwrap_or(Purpose::Me);
    let label = Purpose::ALL
        .iter()
        .find(|(p, _, _)| *p == purpose)
        .map(|(_, label, _)| *label)
        .unwrap_or("");
    let defaults = if form.permissions.any() {
        form.permissions.permissions()
    } else {
        view.organisation.default_permissions
    };
    html! {
        article #wizard {
            header { strong { "Step 3 of 3" } " · " (address_of(view, form)) " · " (label) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                (viewer.csrf_field())
                input type="hidden" name="step" value="create";
                input type="hidden" name="local" value=(form.local);
                input type="hidden" name="purpose" value=(purpose.value());
                @if purpose == Purpose::Other {
                    (who_fields(&view.service.domain, &form.who.who, errors))
                    fieldset {
                        legend { "Permissions" }
                        (permission_boxes(defaults, "create"))
                    }
                    (signup_fields(form.who.signup()))
                    p { "The address has no password until a user with the password permission sets one; until then it receives mail, but no one can log in to it." }
                } @else {
                    (Field::new("Password of the address", "password", errors).kind("password").autocomplete("new-password").strength()
                        .help(html! { "Mail programs log in with it. " (policy()) }).focus())
                    (Field::new("Password again", "confirm", errors).kind("password").autocomplete("new-password"))
                }
                div.actions {
                    button type="submit" { "Create the address" }
                }
            }
        }
    }
}

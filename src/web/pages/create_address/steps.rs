//! The wizard's steps as markup: the address, who it is for, and the
//! details (password, or whom to share with).

use maud::{Markup, html};

use super::{Purpose, WizardForm};
use crate::app::ServiceView;
use crate::urls;
use crate::web::forms::{Field, FormErrors, permission_boxes};
use crate::web::layout;
use crate::web::pages::common::policy;
use crate::web::pages::common::who::{signup_fields, who_fields};
use crate::web::viewer::Viewer;

pub(super) fn local_help() -> String {
    t!("local-part-help")
}

pub(super) fn page(viewer: &Viewer, view: &ServiceView, step: Markup) -> Markup {
    let domain = view.service.domain.to_string();
    layout::page_in(
        viewer,
        Some(view.organisation.id),
        &t!("create-an-email-address"),
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) {
                ul {
                    li { a href=(urls::SERVICES) { (t!("services")) } }
                    li { a href=(urls::service(&view.service.domain)) { (domain) } }
                    li { (t!("create-an-email-address")) }
                }
            }
            h1 { (t!("create-an-email-address")) }
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
            header { strong { (t!("step-1-of-3")) } " " (t!("the-address")) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                (viewer.csrf_field())
                input type="hidden" name="step" value="address";
                label for="local" { (t!("address")) }
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
                button type="submit" { (t!("next")) }
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
            header { strong { (t!("step-2-of-3")) } " · " (address_of(view, form)) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                (viewer.csrf_field())
                input type="hidden" name="step" value="purpose";
                input type="hidden" name="local" value=(form.local);
                fieldset aria-describedby=[purpose_error.map(|_| "purpose-help")] {
                    legend { (t!("who-is-it-for")) }
                    @for purpose in Purpose::ALL {
                        @let (label, explanation) = (purpose.label(), purpose.explanation());
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
                button type="submit" { (t!("next")) }
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
    let label = purpose.label();
    let defaults = if form.permissions.any() {
        form.permissions.permissions()
    } else {
        view.organisation.default_permissions
    };
    html! {
        article #wizard {
            header { strong { (t!("step-3-of-3")) } " · " (address_of(view, form)) " · " (label) }
            form method="post" action=(action) hx-post=(action) hx-target="#wizard" hx-swap="outerHTML" novalidate {
                (viewer.csrf_field())
                input type="hidden" name="step" value="create";
                input type="hidden" name="local" value=(form.local);
                input type="hidden" name="purpose" value=(purpose.value());
                @if let Some(message) = errors.get("form") {
                    p.error role="alert" { (message) }
                }
                @if purpose == Purpose::Other {
                    (who_fields(&view.service.domain, &form.who.who, errors))
                    fieldset {
                        legend { (t!("permissions")) }
                        (permission_boxes(defaults, "create"))
                    }
                    (signup_fields(form.who.signup(), crate::model::Lang::parse(&form.who.lang).unwrap_or(view.organisation.lang)))
                    p { (t!("the-address-has-no-password-until")) }
                } @else {
                    (Field::new(t!("password-of-the-address"), "password", errors).kind("password").autocomplete("new-password").strength()
                        .help(html! { (t!("mail-programs-log-in-with-it")) " " (policy()) }).focus())
                    (Field::new(t!("password-again"), "confirm", errors).kind("password").autocomplete("new-password"))
                }
                div.actions {
                    button type="submit" { (t!("create-the-address")) }
                }
            }
        }
    }
}

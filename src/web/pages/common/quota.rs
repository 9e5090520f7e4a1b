//! Quotas shown inside other pages: an address's storage section (General
//! tab), the dashboard's default-quota form and the list's small bars. The
//! forms post to `pages/quota.rs`.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::app::{AddressView, ServiceView};
use crate::model::{Permission, Usage};
use crate::urls;
use crate::web::viewer::Viewer;

/// A bar and words: `340 KB of 1.0 MB`, marked when nearly or quite full.
pub fn usage_bar(usage: Usage) -> Markup {
    html! {
        span.usage {
            @if let Some(limit) = usage.limit_kib {
                meter value=(usage.used_kib.min(limit)) max=(limit) low=(limit * 9 / 10) high=(limit * 9 / 10) optimum="0" {}
                " "
            }
            (crate::i18n::names::usage(usage))
            @if usage.full() { " " span.badge.warning { (t!("full")) } }
            @else if usage.near_full() { " " span.badge.warning { (t!("nearly-full")) } }
        }
    }
}

/// The General tab's storage section.
pub fn section(viewer: &Viewer, view: &AddressView, usage: Option<Usage>) -> Markup {
    let own = view.address.quota;
    let default = view.service.service.default_quota;
    let action = format!(
        "{}/quota",
        urls::address(&view.service.service.domain, &view.address.local_part)
    );
    html! {
        section #storage aria-labelledby="storage-title" {
            h2 #storage-title { (t!("storage")) }
            p {
                @match (own, default) {
                    (Some(q), _) => { (t!("quota")) " " strong { (q) } "." },
                    (None, Some(q)) => { (t!("quota")) " " strong { (q) } " " (t!("the-service-s-default")) },
                    (None, None) => { (t!("no-quota-the-mailbox-may-grow")) },
                }
                @if let Some(usage) = usage { " " (t!("in-use")) " " (usage_bar(usage)) }
            }
            @if view.may(Permission::Quota) {
                form.inline method="post" action=(action) {
                    (viewer.csrf_field())
                    label for="quota" { (t!("quota-of-this-address")) }
                    input #quota name="quota" type="text" value=(own.map(|q| q.to_string()).unwrap_or_default())
                        placeholder=(t!("e-g-2-gb")) aria-describedby="quota-help";
                    button.secondary type="submit" { (t!("save-the-quota")) }
                    small #quota-help { (t!("empty-the-service-s-default-mail")) }
                }
            }
        }
    }
}

/// The dashboard's form for the service's default quota (managers).
pub fn default_form(viewer: &Viewer, view: &ServiceView) -> Markup {
    let current = view.service.default_quota;
    html! {
        details #default-quota {
            summary { (t!("default-quota")) " " @match current { Some(q) => { (q) }, None => { (t!("quota-none")) } } }
            form.inline method="post" action=(format!("{}/quota", urls::service(&view.service.domain))) {
                (viewer.csrf_field())
                label for="default-quota-size" { (t!("quota-of-addresses-without-their-own")) }
                input #default-quota-size name="quota" type="text" value=(current.map(|q| q.to_string()).unwrap_or_default()) placeholder=(t!("e-g-2-gb"));
                button.secondary type="submit" { (t!("save")) }
            }
        }
    }
}

/// Usage of the listed addresses, for their bars.
pub fn cell(usage: &HashMap<String, Usage>, login: &str) -> Markup {
    html! {
        @match usage.get(login) {
            Some(u) => { (usage_bar(*u)) },
            None => { span.muted { "\u{2013}" } },
        }
    }
}

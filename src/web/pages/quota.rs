//! Quotas on the pages: an address's storage against its limit (General
//! tab), the list's small bars, and the forms that change an address's
//! quota and its service's default.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::common::service_domain;
use crate::app::{AddressRef, AddressView, ServiceView};
use crate::model::{Permission, Quota, Usage};
use crate::urls;
use crate::web::error::WebError;

use crate::http::AppState;
use crate::web::viewer::Viewer;

#[derive(Debug, Default, Deserialize)]
pub struct QuotaForm {
    /// A size; empty: the service's default (or, for a service, no limit).
    #[serde(default)]
    quota: String,
}

impl QuotaForm {
    fn parse(&self) -> Result<Option<Quota>, WebError> {
        match self.quota.trim() {
            "" => Ok(None),
            text => Quota::parse(text)
                .map(Some)
                .map_err(|_| WebError::Input(t!("error-quota-size"))),
        }
    }
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    Form(form): Form<QuotaForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let quota = form.parse()?;
    let actor = viewer.actor();
    let to = urls::address(&target.domain, &target.local);
    state
        .run(move |app| app.set_quota(&actor, &target, quota))
        .await?;
    Ok(Redirect::to(&format!("{to}#storage")).into_response())
}

pub async fn save_default(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    Form(form): Form<QuotaForm>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let quota = form.parse()?;
    let actor = viewer.actor();
    let to = urls::service(&domain);
    state
        .run(move |app| app.set_default_quota(&actor, &domain, quota))
        .await?;
    Ok((StatusCode::SEE_OTHER, [("location", to)]).into_response())
}

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

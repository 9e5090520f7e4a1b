//! Quotas on the pages: an address's storage against its limit (General
//! tab), the list's small bars, and the forms that change an address's
//! quota and its service's default.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::common::service_domain;
use crate::app::AddressRef;
use crate::model::Quota;
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
        .run(move |app| app.addresses().set_quota(&actor, &target, quota))
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
        .run(move |app| app.services().set_default_quota(&actor, &domain, quota))
        .await?;
    Ok((StatusCode::SEE_OTHER, [("location", to)]).into_response())
}

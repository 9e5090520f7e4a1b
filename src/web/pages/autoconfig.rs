//! Mail-client discovery: Thunderbird autoconfig and Outlook Autodiscover
//! (asked without a login, answered only for domains served here), and the
//! Apple profile download of an address (for its users).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::http::AppState;
use crate::model::{Domain, EmailAddress};
use crate::setup_files::autoconfig;
use crate::web::error::WebError;
use crate::web::viewer::Viewer;

#[derive(Deserialize, Default)]
pub struct AutoconfigQuery {
    emailaddress: Option<String>,
}

/// The domain a Thunderbird request is about: from the address it sends,
/// else from the host it asked (`autoconfig.example.org`).
fn requested_domain(
    query: &AutoconfigQuery,
    headers: &HeaderMap,
) -> Option<(Domain, Option<EmailAddress>)> {
    if let Some(email) = query
        .emailaddress
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
    {
        return Some((email.domain().clone(), Some(email)));
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let host = host.split(':').next()?;
    let name = host.strip_prefix("autoconfig.").unwrap_or(host);
    Domain::parse(name).ok().map(|d| (d, None))
}

async fn served(state: &AppState, domain: &Domain) -> Result<bool, WebError> {
    let domain = domain.clone();
    state
        .run(move |app| app.services().serves_domain(&domain))
        .await
}

fn xml(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

pub async fn thunderbird(
    State(state): State<AppState>,
    Query(query): Query<AutoconfigQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let Some((domain, email)) = requested_domain(&query, &headers) else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if !served(&state, &domain).await? {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    Ok(xml(autoconfig::thunderbird(
        &state.app.settings().mail_client,
        &domain,
        email.as_ref(),
    )))
}

pub async fn autodiscover(
    State(state): State<AppState>,
    body: String,
) -> Result<Response, WebError> {
    let Some(email) = autoconfig::autodiscover_request(&body) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            "expected an Autodiscover request with an EMailAddress\n",
        )
            .into_response());
    };
    if !served(&state, email.domain()).await? {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    Ok(xml(autoconfig::autodiscover(
        &state.app.settings().mail_client,
        &email,
    )))
}

/// A profile with a device password, by its link (opened on a phone).
pub async fn handed_profile(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match state.profiles.get(&token) {
        Some((bytes, login)) => {
            let file = format!("attachment; filename=\"{login}.mobileconfig\"");
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/x-apple-aspen-config".to_owned(),
                    ),
                    (header::CONTENT_DISPOSITION, file),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                bytes,
            )
                .into_response()
        }
        None => (
            StatusCode::NOT_FOUND,
            format!("{}\n", t!("profile-link-expired")),
        )
            .into_response(),
    }
}

pub async fn profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let target = crate::app::AddressRef::parse(&domain, &local)?;
    let user = viewer.session.user.id;
    let view = state
        .run(move |app| app.addresses().address_view(user, &target))
        .await?;
    let email = EmailAddress::new(
        view.address.local_part.clone(),
        view.service.service.domain.clone(),
    );
    let bytes = autoconfig::mobileconfig(&state.app.settings().mail_client, &email, None)
        .map_err(|e| WebError::Internal(format!("the profile could not be written: {e}")))?;
    let file = format!("attachment; filename=\"{}.mobileconfig\"", email.to_ascii());
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/x-apple-aspen-config".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    )
        .into_response())
}

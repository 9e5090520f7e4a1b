//! Choosing the language: the footer of signed-in pages saves it to the
//! account, the links of the other pages keep it in this browser; either
//! way the person goes back to the page they were on.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::http::AppState;
use crate::model::{Lang, OrgId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::session::{LANG_COOKIE, append_cookie, lang_cookie};
use crate::web::viewer::{RequestContext, Viewer};

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
}

/// Saves the choice of a signed-in person (anyone else: this browser).
pub async fn choose(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Result<Response, WebError> {
    // "auto": no choice of one's own; the browser decides again.
    let chosen = match form.lang.as_str() {
        "auto" => None,
        code => Some(Lang::parse(code).ok_or_else(|| WebError::Input(t!("error-language")))?),
    };
    let Some(session) = context.signed_in() else {
        let lang = chosen.unwrap_or_default();
        return Ok(back(&state, &headers, lang));
    };
    {
        let actor = crate::app::Actor {
            token: None,
            user: session.user.id,
            ip: context.ip.clone(),
        };
        state
            .run(move |app| app.accounts().set_language(&actor, chosen))
            .await?;
    }
    let mut response = Redirect::to(&return_path(&headers)).into_response();
    if chosen.is_none() {
        append_cookie(
            response.headers_mut(),
            crate::web::session::removal(LANG_COOKIE, state.secure_cookies),
        );
    }
    Ok(response)
}

/// Keeps a language in this browser (a link: changes nothing stored).
pub async fn link(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let lang = Lang::parse(&code).ok_or_else(|| WebError::Input(t!("error-language")))?;
    Ok(back(&state, &headers, lang))
}

pub async fn save_organisation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<LanguageForm>,
) -> Result<Response, WebError> {
    let lang = Lang::parse(&form.lang).ok_or_else(|| WebError::Input(t!("error-language")))?;
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.organisations()
                .set_organisation_language(&actor, org, lang)
        })
        .await?;
    Ok(Redirect::to(urls::SERVICES).into_response())
}

#[derive(Debug, Deserialize)]
pub struct TimeZoneForm {
    #[serde(default)]
    time_zone: String,
}

pub async fn save_time_zone(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<TimeZoneForm>,
) -> Result<Response, WebError> {
    let zone = crate::model::TimeZoneName::parse(&form.time_zone)
        .map_err(|e| WebError::Input(crate::i18n::Localize::localize(&e)))?;
    let actor = viewer.actor();
    state
        .run(move |app| app.organisations().set_time_zone(&actor, org, zone))
        .await?;
    Ok(Redirect::to(urls::SERVICES).into_response())
}

fn back(state: &AppState, headers: &HeaderMap, lang: Lang) -> Response {
    let mut response = Redirect::to(&return_path(headers)).into_response();
    append_cookie(
        response.headers_mut(),
        lang_cookie(lang, state.secure_cookies),
    );
    response
}

/// The page the request came from, if it is one of ours (only its path and
/// query are kept); else the home page.
fn return_path(headers: &HeaderMap) -> String {
    let referer = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let path = referer
        .split_once("://")
        .and_then(|(_, rest)| rest.strip_prefix(host))
        .filter(|_| !host.is_empty())
        .unwrap_or("");
    super::common::safe_next(path).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(referer: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "mail.example:8080".parse().unwrap());
        if let Ok(value) = referer.parse() {
            headers.insert(header::REFERER, value);
        }
        headers
    }

    #[test]
    fn only_our_own_pages_are_gone_back_to() {
        assert_eq!(
            return_path(&headers("http://mail.example:8080/services/x.example?q=a")),
            "/services/x.example?q=a"
        );
        for hostile in [
            "https://evil.example/services",
            "http://mail.example:8080.evil.example/x",
            "http://mail.example:8080//evil.example",
            "http://mail.example:8080/\\evil.example",
            "http://mail.example:8080/%0d%0aSet-Cookie",
            "",
        ] {
            let path = return_path(&headers(hostile));
            assert!(
                path == crate::urls::SERVICES || path == "/%0d%0aSet-Cookie",
                "{hostile} → {path}"
            );
        }
    }
}

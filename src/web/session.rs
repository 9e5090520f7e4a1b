//! The session layer: resolves the session cookie, enforces the CSRF check
//! every state-changing request must pass, notes the client's address, and
//! hands handlers a `RequestContext` (`viewer.rs`).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use maud::html;
use subtle::ConstantTimeEq;

use super::layout;
use super::viewer::{CSRF_FIELD, CSRF_HEADER, RequestContext};
use crate::app::{SessionInfo, random_token};
use crate::http::AppState;
use crate::model::Lang;

/// With `--secure-cookies` the cookies carry the `__Host-` prefix: the
/// browser then takes them only over HTTPS, for this host, path `/`.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-mailroom_session"
    } else {
        "mailroom_session"
    }
}

/// The double-submit token of forms shown before login (setup, login).
fn csrf_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-mailroom_csrf"
    } else {
        "mailroom_csrf"
    }
}

/// Forms are small; the CSRF field is read from at most this much body.
const FORM_LIMIT: usize = 1024 * 1024;

/// Resolves the session, enforces CSRF on every unsafe method, and puts a
/// `RequestContext` in the request for the handlers.
pub async fn context_layer(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| {
            state
                .proxies
                .client(c.0.ip(), request.headers())
                .to_string()
        });
    let token = jar
        .get(session_cookie_name(state.secure_cookies))
        .map(|c| c.value().to_owned());
    let session = match token.clone() {
        Some(token) => match state.run(move |app| app.accounts().session(&token)).await {
            Ok(session) => session.map(Arc::new),
            Err(error) => return error.into_response(),
        },
        None => None,
    };
    let path = request.uri().path().to_owned();
    let accept = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (lang, remember) = match language(&state, session.as_deref(), &jar, &path, accept).await {
        Ok(chosen) => chosen,
        Err(error) => return error.into_response(),
    };
    let mut response = crate::i18n::scope(
        lang,
        checked(state.clone(), request, next, (jar, token, session, ip)),
    )
    .await;
    if remember {
        append_cookie(
            response.headers_mut(),
            lang_cookie(lang, state.secure_cookies),
        );
    }
    response
}

/// The cookie that keeps the language of someone not signed in.
pub const LANG_COOKIE: &str = "mailroom_lang";

pub fn lang_cookie(lang: Lang, secure: bool) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.code()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(time::Duration::days(365))
        .build()
}

/// The language of this request: the person's saved choice, else this
/// browser's (the footer links), else an invitation's own language on its
/// pages, else what the browser asks for, else the organisation's default.
/// The second value says whether to remember an invitation's language, so
/// that the pages after it (sign-up, login) speak it too.
async fn language(
    state: &AppState,
    session: Option<&SessionInfo>,
    jar: &CookieJar,
    path: &str,
    accept: Option<String>,
) -> Result<(Lang, bool), crate::web::error::WebError> {
    if let Some(lang) = session.and_then(|s| s.user.lang) {
        return Ok((lang, false));
    }
    if let Some(lang) = jar.get(LANG_COOKIE).and_then(|c| Lang::parse(c.value())) {
        return Ok((lang, false));
    }
    let invitation = path
        .strip_prefix("/invitations/")
        .filter(|token| !token.is_empty() && !token.contains('/'))
        .map(str::to_owned);
    if let Some(token) = invitation
        && let Some(lang) = state
            .run(move |app| app.sharing().invitation_lang(&token))
            .await?
    {
        return Ok((lang, session.is_none()));
    }
    let asked = accept.as_deref().and_then(Lang::from_accept_language);
    if let Some(lang) = asked {
        return Ok((lang, false));
    }
    match session {
        Some(session) => Ok((session.org_lang.unwrap_or_default(), false)),
        None => Ok((
            state.run(|app| app.organisations().default_lang()).await?,
            false,
        )),
    }
}

/// CSRF, then the handler, in the request's language.
async fn checked(
    state: AppState,
    request: Request,
    next: Next,
    (jar, token, session, ip): (
        CookieJar,
        Option<String>,
        Option<Arc<SessionInfo>>,
        Option<String>,
    ),
) -> Response {
    let mut new_anonymous = None;
    let csrf = match &session {
        Some(session) => session.csrf.clone(),
        None => match jar.get(csrf_cookie_name(state.secure_cookies)) {
            Some(cookie) if cookie.value().len() >= 32 => cookie.value().to_owned(),
            _ => {
                let fresh = random_token();
                new_anonymous = Some(fresh.clone());
                fresh
            }
        },
    };

    let mut request = request;
    if !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        let upload_limit = state.app.settings().imports.max_bytes + 64 * 1024;
        let (checked, submitted) = submitted_token(request, upload_limit).await;
        request = checked;
        let valid = new_anonymous.is_none()
            && submitted.is_some_and(|s| bool::from(s.as_bytes().ct_eq(csrf.as_bytes())));
        if !valid {
            return csrf_refusal();
        }
    }

    let stale_cookie = token.is_some() && session.is_none();
    request.extensions_mut().insert(RequestContext {
        session,
        session_token: token,
        csrf,
        ip,
    });
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let handler_set_cookie = headers.contains_key(header::SET_COOKIE);
    if let Some(fresh) = new_anonymous {
        let cookie = Cookie::build((csrf_cookie_name(state.secure_cookies), fresh))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(state.secure_cookies)
            .path("/");
        append_cookie(headers, cookie.build());
    }
    if stale_cookie && !handler_set_cookie {
        append_cookie(
            headers,
            removal(
                session_cookie_name(state.secure_cookies),
                state.secure_cookies,
            ),
        );
    }
    response
}

/// The token sent with the request: the `X-CSRF-Token` header (htmx), or
/// the `_csrf` field of the form's body, urlencoded or multipart (never the
/// URL: it would stay in histories and proxy logs). The body is read and
/// put back; `upload_limit` bounds a multipart one.
async fn submitted_token(request: Request, upload_limit: usize) -> (Request, Option<String>) {
    if let Some(value) = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        let value = value.to_owned();
        return (request, Some(value));
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, upload_limit).await else {
            return (Request::from_parts(parts, Body::empty()), None);
        };
        let token = multipart_token(&parts.headers, bytes.clone()).await;
        return (Request::from_parts(parts, Body::from(bytes)), token);
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        return (Request::from_parts(parts, Body::empty()), None);
    };
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|fields| {
            fields
                .into_iter()
                .find(|(name, _)| name == CSRF_FIELD)
                .map(|(_, value)| value)
        });
    (Request::from_parts(parts, Body::from(bytes)), token)
}

/// The `_csrf` field of a multipart body (the upload form sends it first).
async fn multipart_token(headers: &HeaderMap, bytes: axum::body::Bytes) -> Option<String> {
    let mut request = Request::new(Body::from(bytes));
    *request.headers_mut() = headers.clone();
    let mut multipart = Multipart::from_request(request, &()).await.ok()?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

fn csrf_refusal() -> Response {
    let body = layout::bare(
        &t!("form-expired"),
        html! {
            article.notice {
                h1 { (t!("this-form-has-expired")) }
                p { (t!("the-form-was-sent-without-a")) }
                p { a href=(crate::urls::HOME) { (t!("back-to-mailroom")) } }
            }
        },
    );
    (StatusCode::FORBIDDEN, body).into_response()
}

pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((session_cookie_name(secure), token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .build()
}

pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build((name, ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .build();
    cookie.make_removal();
    cookie
}

pub fn append_cookie(headers: &mut HeaderMap, cookie: Cookie<'_>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        headers.append(header::SET_COOKIE, value);
    }
}

//! What every API request passes before its handler: the bearer token
//! (never a cookie, so no CSRF token either), the token's rate limit, and,
//! for a `POST` with an `Idempotency-Key`, the answer kept from the first
//! time it was sent.

use std::net::{IpAddr, SocketAddr};

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::problem::ApiError;
use crate::App;
use crate::app::{Actor, AppError, Authenticated, Claim, TokenCaller, fingerprint};
use crate::http::{AppState, bearer};

/// Answers larger than this are not kept for a retry (the key is let go).
const MAX_KEPT_ANSWER: usize = 1024 * 1024;

/// Runs a use case off the async executor.
pub async fn run<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
{
    state
        .blocking(f)
        .await
        .map_err(ApiError::Internal)?
        .map_err(ApiError::from)
}

/// An organisation's token, as the gate recognised it; an operator's is
/// refused here, with a clear word, on every organisation's path.
#[derive(Debug, Clone)]
pub struct Caller(pub TokenCaller);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Authenticated>() {
            Some(Authenticated::Organisation(caller)) => Ok(Self(caller.clone())),
            Some(Authenticated::Operator(_)) => {
                Err(ApiError::App(AppError::TokenKind { operator: true }))
            }
            None => Err(ApiError::App(AppError::InvalidToken)),
        }
    }
}

/// An operator's token, as the gate recognised it; an organisation's is
/// refused on the operator's paths.
#[derive(Debug, Clone)]
pub struct OperatorCaller(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for OperatorCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Authenticated>() {
            Some(Authenticated::Operator(actor)) => Ok(Self(actor.clone())),
            Some(Authenticated::Organisation(_)) => {
                Err(ApiError::App(AppError::TokenKind { operator: false }))
            }
            None => Err(ApiError::App(AppError::InvalidToken)),
        }
    }
}

/// A JSON body; one that does not parse is a problem document, not axum's
/// plain-text rejection.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::Body(rejection.body_text())),
        }
    }
}

/// A query string; one that does not parse is a problem document.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::Body(rejection.body_text())),
        }
    }
}

/// An id from the path: one that is not a number names nothing.
pub fn id(raw: &str) -> Result<u64, ApiError> {
    raw.parse().map_err(|_| ApiError::App(AppError::NotFound))
}

fn client(state: &AppState, request: &Request) -> Option<IpAddr> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())?;
    Some(state.proxies.client(peer, request.headers()))
}

pub async fn gate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(presented) = bearer(request.headers()).map(str::to_owned) else {
        return ApiError::App(AppError::InvalidToken).into_response();
    };
    let ip = client(&state, &request);
    let caller = match run(&state, move |app| {
        app.tokens().authenticate_token(&presented, ip)
    })
    .await
    {
        Ok(caller) => caller,
        Err(e) => return e.into_response(),
    };
    let key = request
        .headers()
        .get("idempotency-key")
        .map(|v| v.to_str().map(str::to_owned));
    let token = match &caller {
        Authenticated::Organisation(caller) => caller.actor.token,
        Authenticated::Operator(actor) => actor.token,
    };
    request.extensions_mut().insert(caller);
    match (request.method() == Method::POST, key, token) {
        (true, Some(Ok(key)), Some(token)) => once(&state, token, key, request, next)
            .await
            .unwrap_or_else(IntoResponse::into_response),
        (true, Some(Err(_)), _) => {
            ApiError::App(crate::app::Rejection::IdempotencyKey.into()).into_response()
        }
        _ => next.run(request).await,
    }
}

/// Runs a keyed request at most once, and answers its retries as it was
/// answered.
async fn once(
    state: &AppState,
    token: crate::model::TokenId,
    key: String,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let limit = state.app.settings().imports.max_bytes + 64 * 1024;
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|e| ApiError::Body(format!("the body could not be read: {e}")))?;
    let target = parts.uri.path_and_query().map_or("", |p| p.as_str());
    let request_hash = fingerprint(parts.method.as_str(), target, &bytes);
    let claim_key = key.clone();
    let claim = run(state, move |app| {
        app.tokens()
            .claim_idempotency_key(token, &claim_key, request_hash)
    })
    .await?;
    match claim {
        Claim::Replay(answer) => return Ok(replay(answer)),
        Claim::Running => return Err(ApiError::KeyRunning),
        Claim::OtherRequest => return Err(ApiError::KeyReused),
        Claim::Run => {}
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, MAX_KEPT_ANSWER).await.ok();
    // Answers a retry could change (busy, rate limits, our failures) are not
    // kept: the retry runs.
    let keep = !(status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS);
    match body.as_ref().and_then(|b| std::str::from_utf8(b).ok()) {
        Some(text) if keep => {
            let text = text.to_owned();
            run(state, move |app| {
                app.tokens().remember_answer(
                    token,
                    &key,
                    request_hash,
                    status.as_u16(),
                    text,
                    location,
                )
            })
            .await?;
        }
        _ => {
            run(state, move |app| {
                app.tokens().release_idempotency_key(token, &key)
            })
            .await?;
        }
    }
    let body = body.map(Body::from).unwrap_or_else(Body::empty);
    Ok(Response::from_parts(parts, body))
}

fn replay(answer: crate::model::IdempotentAnswer) -> Response {
    let status = answer
        .status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let kind = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut response = (status, answer.body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    if let Some(location) = answer.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(header::LOCATION, location);
    }
    response
}

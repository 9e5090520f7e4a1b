//! Who is asking, as handlers see it: the request's context (session,
//! CSRF token, client address) and the logged-in viewer. Filled in by the
//! session layer (`session.rs`); this file depends on nothing else of web.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_htmx::HxRequest;
use maud::{Markup, html};

use crate::app::{Actor, SessionInfo};
use crate::urls;

pub const CSRF_FIELD: &str = "_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What every handler may know about the request.
#[derive(Clone)]
pub struct RequestContext {
    pub session: Option<Arc<SessionInfo>>,
    pub session_token: Option<String>,
    /// The token forms must send back.
    pub csrf: String,
    pub ip: Option<String>,
}

impl RequestContext {
    /// The session, once fully signed in: a login still waiting for its
    /// second-factor code counts as signed out.
    pub fn signed_in(&self) -> Option<&Arc<SessionInfo>> {
        self.session.as_ref().filter(|s| !s.awaiting_code)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// A logged-in user; anyone else is sent to the login page.
pub struct Viewer {
    pub session: Arc<SessionInfo>,
    pub context: RequestContext,
}

impl Viewer {
    pub fn actor(&self) -> Actor {
        Actor {
            token: None,
            user: self.session.user.id,
            ip: self.context.ip.clone(),
        }
    }

    pub fn csrf(&self) -> &str {
        &self.context.csrf
    }

    /// The hidden field every form of a logged-in page carries.
    pub fn csrf_field(&self) -> Markup {
        csrf_field(self.csrf())
    }
}

/// The hidden CSRF field, for any form (logged in or not).
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(token); }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let context = RequestContext::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let next = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let path = parts.uri.path();
        // A login waiting for its code, or a manager who must enrol first:
        // nothing else opens until then (logging out always does).
        let detour = match &context.session {
            Some(s) if s.awaiting_code && path != urls::LOGOUT => {
                Some(format!("{}?next={}", urls::LOGIN_CODE, urlencode(next)))
            }
            Some(s)
                if s.must_enrol && !path.starts_with(urls::TWO_FACTOR) && path != urls::LOGOUT =>
            {
                Some(urls::TWO_FACTOR.to_owned())
            }
            _ => None,
        };
        match (context.session.clone(), detour) {
            (Some(session), None) => Ok(Viewer { session, context }),
            (_, detour) => {
                let target =
                    detour.unwrap_or_else(|| format!("{}?next={}", urls::LOGIN, urlencode(next)));
                let HxRequest(htmx) = HxRequest::from_request_parts(parts, state)
                    .await
                    .unwrap_or(HxRequest(false));
                if htmx {
                    Err(([("hx-redirect", target)], StatusCode::UNAUTHORIZED).into_response())
                } else {
                    Err(Redirect::to(&target).into_response())
                }
            }
        }
    }
}

pub fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

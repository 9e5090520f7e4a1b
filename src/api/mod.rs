//! `/api/v1`: the use cases of the web interface as JSON, for scripts and
//! other systems. Every request carries a bearer token (`gate.rs`): an
//! organisation's, or on `/api/v1/operator` an operator's; handlers
//! parse JSON into the model's types and call `app`, which checks rights in
//! its own transaction, the token's scope and organisation included. Errors
//! become problem documents in one place (`problem.rs`); the OpenAPI
//! document is generated from the handlers (`openapi.rs`).

mod address_settings;
mod address_users;
mod addresses;
mod auto_reply;
mod dns;
mod gate;
mod imports;
mod openapi;
mod operator;
mod operator_schemas;
mod organisation;
pub mod problem;
mod schemas;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{delete, get, post, put};

pub use openapi::ApiDoc;

use crate::http::AppState;

pub fn router(state: AppState) -> Router {
    let upload_limit = state.app.settings().imports.max_bytes + 64 * 1024;
    let address = "/services/{domain}/addresses/{local}";
    let organisations = "/operator/organisations";
    let api = Router::new()
        .route(organisations, get(operator::list).post(operator::create))
        .route(
            &format!("{organisations}/{{id}}"),
            get(operator::show).delete(operator::delete),
        )
        .route(
            &format!("{organisations}/{{id}}/usage"),
            get(operator::usage),
        )
        .route(
            &format!("{organisations}/{{id}}/limits"),
            put(operator::limits),
        )
        .route(
            &format!("{organisations}/{{id}}/suspend"),
            post(operator::suspend),
        )
        .route(
            &format!("{organisations}/{{id}}/resume"),
            post(operator::resume),
        )
        .route(
            &format!("{organisations}/{{id}}/restore"),
            post(operator::restore),
        )
        .route("/services", get(organisation::services))
        .route("/members", get(organisation::members))
        .route("/jobs", get(organisation::jobs))
        .route("/jobs/{id}/retry", post(organisation::retry))
        .route("/outbox", get(organisation::outbox))
        .route("/services/{domain}/dns", get(dns::show))
        .route("/services/{domain}/dns/check", post(dns::check))
        .route(
            "/services/{domain}/addresses",
            get(addresses::list).post(addresses::create),
        )
        .route(address, get(addresses::show).delete(addresses::delete))
        .route(
            &format!("{address}/forwarding"),
            put(address_settings::forwarding),
        )
        .route(
            &format!("{address}/aliases"),
            post(address_settings::add_alias),
        )
        .route(
            &format!("{address}/aliases/{{alias}}"),
            delete(address_settings::remove_alias),
        )
        .route(
            &format!("{address}/password"),
            put(address_settings::password),
        )
        .route(&format!("{address}/quota"), put(address_settings::quota))
        .route(
            &format!("{address}/auto-reply"),
            get(auto_reply::show)
                .put(auto_reply::set)
                .delete(auto_reply::turn_off),
        )
        .route(&format!("{address}/users"), post(address_users::add))
        .route(
            &format!("{address}/users/{{user}}/permissions"),
            put(address_users::set_permissions),
        )
        .route(
            &format!("{address}/users/{{user}}"),
            delete(address_users::remove),
        )
        .route(
            &format!("{address}/links"),
            get(address_users::links).post(address_users::create_link),
        )
        .route(
            &format!("{address}/links/{{id}}"),
            delete(address_users::revoke_link),
        )
        .route(
            &format!("{address}/invitations/{{id}}/resend"),
            post(address_users::resend_invitation),
        )
        .route(
            &format!("{address}/invitations/{{id}}"),
            delete(address_users::revoke_invitation),
        )
        .route("/services/{domain}/deleted", get(addresses::deleted))
        .route(
            "/services/{domain}/deleted/{id}/restore",
            post(addresses::restore),
        )
        .route(
            "/services/{domain}/imports",
            get(imports::list).post(imports::upload),
        )
        .route("/services/{domain}/imports/{id}", get(imports::show))
        .route(
            "/services/{domain}/imports/{id}/start",
            post(imports::start),
        )
        .route(
            "/services/{domain}/imports/{id}/report.csv",
            get(imports::report),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), gate::gate))
        .layer(DefaultBodyLimit::max(upload_limit));
    Router::new()
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/docs", get(openapi::reference))
        .nest("/api/v1", api)
        .layer(middleware::from_fn(crate::metrics::track_http))
        .with_state(state)
}

async fn method_not_allowed() -> problem::ApiError {
    problem::ApiError::MethodNotAllowed
}

async fn not_found() -> problem::ApiError {
    problem::ApiError::App(crate::app::AppError::NotFound)
}

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use super::pages::{
    accept, account, address, admin, autoconfig, create_address, dashboard, dns, home, imports,
    join, language, login, members, operator, org_history, quota, reset, services, setup, tokens,
    two_factor,
};
use super::{assets, session};
use crate::http::AppState;

/// Bodies larger than this are refused before any handler reads them.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The pages of one address, under `/services/{domain}/addresses/{local}`.
fn address_routes() -> Router<AppState> {
    use address::{
        aliases, auto_reply, delete, devices, forwarding, general, history, password, setup, users,
    };
    Router::new()
        .route("/", get(general::show))
        .route("/users", post(users::share))
        .route("/users/{user}/permissions", post(users::set_permissions))
        .route("/users/{user}/remove", post(users::remove))
        .route("/invitations/{id}/resend", post(users::resend_invitation))
        .route("/invitations/{id}/revoke", post(users::revoke_invitation))
        .route("/links", post(users::create_link))
        .route("/links/{id}/revoke", post(users::revoke_link))
        .route("/aliases", get(aliases::show).post(aliases::add))
        .route("/aliases/{alias}/remove", post(aliases::remove))
        .route("/forwarding", get(forwarding::show).post(forwarding::save))
        .route("/password", get(password::show).post(password::change))
        .route("/auto-reply", get(auto_reply::show).post(auto_reply::save))
        .route("/history", get(history::show))
        .route("/delete", get(delete::confirm).post(delete::delete))
        .route("/profile.mobileconfig", get(autoconfig::profile))
        .route("/devices", post(devices::create))
        .route("/quota", post(super::pages::quota::save))
        .route("/devices/{id}/revoke", post(devices::revoke))
        .route("/setup", get(setup::choose).post(setup::make))
}

pub fn router(state: AppState) -> Router {
    // CSV uploads may be larger than forms; the store re-checks the limit.
    let upload_limit = state.app.settings().imports.max_bytes + 64 * 1024;
    let pages = Router::new()
        .route("/", get(home::show))
        .route("/setup", get(setup::show).post(setup::submit))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/login/forgot", get(reset::ask).post(reset::send))
        .route("/reset/{token}", get(reset::show).post(reset::reset))
        .route("/account", get(account::show))
        .route("/language", post(language::choose))
        .route("/language/{code}", get(language::link))
        .route(
            "/login/code",
            get(two_factor::ask_code).post(two_factor::check_code),
        )
        .route("/account/two-factor", get(two_factor::show))
        .route("/account/two-factor/start", post(two_factor::start))
        .route("/account/two-factor/confirm", post(two_factor::confirm))
        .route("/account/two-factor/disable", post(two_factor::disable))
        .route(
            "/organisations/{org}/members/{user}/two-factor/reset",
            post(two_factor::reset),
        )
        .route("/organisations/{org}/two-factor", post(two_factor::require))
        .route("/account/password", post(account::change_password))
        .route(
            "/account/sessions/end-others",
            post(account::log_out_others),
        )
        .route(
            "/invitations/{token}",
            get(accept::show_invitation).post(accept::accept_invitation),
        )
        .route("/join/{org}/{token}", get(join::show).post(join::accept))
        .route(
            "/links/{token}",
            get(accept::show_link).post(accept::accept_link),
        )
        .route("/my-invitations/{id}/accept", post(accept::accept_mine))
        .route(
            "/sign-up/{token}",
            get(accept::show_confirmation).post(accept::confirm),
        )
        .route("/organisations/{org}/members", get(members::show))
        .route(
            "/organisations/{org}/members/{user}/role",
            post(members::set_role),
        )
        .route(
            "/organisations/{org}/members/{user}/remove",
            post(members::remove),
        )
        .route(
            "/organisations/{org}/tokens",
            get(tokens::show).post(tokens::create),
        )
        .route(
            "/organisations/{org}/tokens/{id}/revoke",
            post(tokens::revoke),
        )
        .route("/organisations/{org}/leave", post(services::leave))
        .route("/organisations/{org}", get(services::organisation))
        .route("/organisations/{org}/history", get(org_history::show))
        .route("/operator", get(operator::list))
        .route("/operator/organisations", post(operator::create))
        .route("/operator/default-limits", post(operator::default_limits))
        .route(
            "/operator/tokens",
            get(operator::tokens::show).post(operator::tokens::create),
        )
        .route(
            "/operator/tokens/{id}/revoke",
            post(operator::tokens::revoke),
        )
        .route(
            "/operator/organisations/{org}/owners",
            post(operator::owners),
        )
        .route(
            "/operator/organisations/{org}/owner-invitation/withdraw",
            post(operator::withdraw),
        )
        .route("/operator/organisations/{org}", get(operator::show))
        .route(
            "/operator/organisations/{org}/limits",
            post(operator::limits),
        )
        .route(
            "/operator/organisations/{org}/suspend",
            post(operator::suspend),
        )
        .route(
            "/operator/organisations/{org}/resume",
            post(operator::resume),
        )
        .route(
            "/operator/organisations/{org}/delete",
            post(operator::delete),
        )
        .route(
            "/operator/organisations/{org}/restore",
            post(operator::restore),
        )
        .route("/outbox", get(admin::outbox))
        .route("/jobs", get(admin::jobs))
        .route("/jobs/{id}/retry", post(admin::retry))
        .route("/services", get(services::list).post(services::add))
        .route(
            "/organisations/{org}/default-permissions",
            post(services::save_defaults),
        )
        .route(
            "/organisations/{org}/language",
            post(language::save_organisation),
        )
        .route(
            "/organisations/{org}/time-zone",
            post(language::save_time_zone),
        )
        .route("/services/{domain}", get(dashboard::show))
        .route("/services/{domain}/quota", post(quota::save_default))
        .route("/services/{domain}/dns", get(dns::show))
        .route("/services/{domain}/dns/check", post(dns::check))
        .route("/services/{domain}/dns/keys", post(dns::make_keys))
        .route("/services/{domain}/dns/zone.txt", get(dns::zone))
        .route(
            "/services/{domain}/new-address",
            get(create_address::show).post(create_address::submit),
        )
        .route(
            "/services/{domain}/new-address/check",
            get(create_address::check),
        )
        .route("/services/{domain}/members", get(address::users::members))
        .route(
            "/services/{domain}/imports",
            get(imports::list)
                .post(imports::upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
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
        .route("/imports/template.csv", get(imports::template))
        .route(
            "/services/{domain}/deleted/{id}/restore",
            post(address::delete::restore),
        )
        .nest("/services/{domain}/addresses/{local}", address_routes())
        .fallback(home::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::context_layer,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    Router::new()
        .route("/healthz", get(home::health))
        .route("/assets/{hash}/{name}", get(assets::handler))
        // Mail programs ask these without a session or a CSRF token.
        .route(
            "/.well-known/autoconfig/mail/config-v1.1.xml",
            get(autoconfig::thunderbird),
        )
        .route("/mail/config-v1.1.xml", get(autoconfig::thunderbird))
        // A phone opens this without a session: the random token is the key.
        .route("/profiles/{token}", get(autoconfig::handed_profile))
        .route("/autodiscover/autodiscover.xml", post(autoconfig::autodiscover))
        .route("/Autodiscover/Autodiscover.xml", post(autoconfig::autodiscover))
        .merge(pages)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT.max(upload_limit)))
        .layer(TraceLayer::new_for_http().make_span_with(
            |request: &axum::http::Request<axum::body::Body>| {
                // The path less any link's secret, never the query.
                tracing::debug_span!(
                    "request",
                    method = %request.method(),
                    path = %crate::urls::loggable(request.uri().path()),
                )
            },
        ))
        .layer(middleware::from_fn(crate::metrics::track_http))
        .with_state(state)
}

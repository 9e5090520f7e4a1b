//! The OpenAPI 3.1 document, generated from the handlers' annotations and
//! the schemas' types, and a reference page rendered from it.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    address_settings, address_users, addresses, auto_reply, dns, imports, operator, organisation,
    problem,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Mailroom API", version = "1",
        description = "The use cases of Mailroom's web interface, for scripts. Authenticate with \
            `Authorization: Bearer TOKEN` (a token from the Tokens page or `mailroom token create`). \
            Errors are RFC 9457 problem documents."),
    paths(
        organisation::services, organisation::members, organisation::jobs, organisation::retry,
        organisation::outbox, dns::show, dns::check,
        addresses::list, addresses::create, addresses::show, addresses::delete,
        addresses::deleted, addresses::restore,
        address_settings::forwarding, address_settings::add_alias, address_settings::remove_alias,
        address_settings::password, address_settings::quota,
        auto_reply::show, auto_reply::set, auto_reply::turn_off,
        address_users::add, address_users::set_permissions, address_users::remove,
        address_users::links, address_users::create_link, address_users::revoke_link,
        address_users::resend_invitation, address_users::revoke_invitation,
        imports::upload, imports::list, imports::show, imports::start, imports::report,
        operator::list, operator::create, operator::show, operator::usage, operator::limits,
        operator::suspend, operator::resume, operator::delete, operator::restore,
    ),
    components(schemas(problem::Problem)),
    modifiers(&BearerToken),
    tags(
        (name = "organisation", description = "The token's organisation"),
        (name = "dns", description = "A service's DNS records, checked live (admin scope) or as last found"),
        (name = "addresses", description = "Addresses of a service"),
        (name = "users", description = "Who uses an address: members, invitations, sharing links"),
        (name = "imports", description = "Creating many addresses from a CSV file"),
        (name = "operator", description = "The installation's organisations, with an operator's token (Operator console › API tokens, or `mailroom operator token create`)"),
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = doc.components.as_mut() {
            components.add_security_scheme(
                "token",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(
                            "An API token. An organisation's scopes: read (everything \
                             readable), addresses (also change addresses, their users and \
                             imports), admin. An operator's token acts on /api/v1/operator \
                             only, and an organisation's never does.",
                        ))
                        .build(),
                ),
            );
        }
    }
}

pub async fn document() -> Response {
    let text = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

fn operations(doc: &utoipa::openapi::OpenApi) -> Vec<(String, &'static str, &Operation)> {
    let mut found = Vec::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            (HttpMethod::Get, "GET", &item.get),
            (HttpMethod::Post, "POST", &item.post),
            (HttpMethod::Put, "PUT", &item.put),
            (HttpMethod::Delete, "DELETE", &item.delete),
        ];
        for (_, name, operation) in methods {
            if let Some(operation) = operation {
                found.push((path.clone(), name, operation));
            }
        }
    }
    found
}

fn place(at: &utoipa::openapi::path::ParameterIn) -> &'static str {
    use utoipa::openapi::path::ParameterIn;
    match at {
        ParameterIn::Path => "path",
        ParameterIn::Query => "query",
        ParameterIn::Header => "header",
        ParameterIn::Cookie => "cookie",
    }
}

/// The reference page: every endpoint with its parameters and answers,
/// and every problem type.
pub async fn reference() -> Markup {
    let doc = ApiDoc::openapi();
    crate::web::layout::bare(
        "Mailroom API",
        html! {
            h1 { "Mailroom API" }
            p { "Send " code { "Authorization: Bearer TOKEN" } " with every request. The machine-readable document is "
                a href="/api/v1/openapi.json" { "openapi.json" } " (OpenAPI 3.1)." }
            p { "A " code { "POST" } " that creates accepts an " code { "Idempotency-Key" }
                " header: a retry with the same key gets the first answer (for 24 hours, across restarts) and creates nothing twice." }
            @for (path, method, operation) in operations(&doc) {
                section id=(operation.operation_id.clone().unwrap_or_default()) {
                    h2 { code { (method) " " (path) } }
                    @if let Some(summary) = &operation.summary { p { (summary) } }
                    @if let Some(description) = &operation.description { p { (description) } }
                    @if let Some(parameters) = &operation.parameters {
                        ul {
                            @for p in parameters {
                                li { code { (p.name) } " (" (place(&p.parameter_in)) ")"
                                    @if let Some(d) = &p.description { " — " (d) } }
                            }
                        }
                    }
                    dl {
                        @for (status, _) in &operation.responses.responses {
                            dt { (status) }
                        }
                    }
                }
            }
            h2 { "Problem types" }
            table {
                thead { tr { th { "type" } th { "status" } th { "meaning" } } }
                tbody {
                    @for (kind, status, meaning) in problem::TYPES {
                        tr id=(format!("problem-{kind}")) { td { code { (kind) } } td { (status) } td { (meaning) } }
                    }
                }
            }
        },
    )
}

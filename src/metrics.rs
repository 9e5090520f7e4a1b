//! Prometheus metrics, through the `metrics` facade: counters and
//! histograms are recorded where things happen (`metrics::counter!` in the
//! web, the socketmap, Dovecot's endpoint, the jobs and the use cases);
//! gauges of the store (jobs by kind and state, the oldest queued job's
//! age, addresses, the file's size) are read when Prometheus scrapes
//! `/metrics` on the internal listener.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::App;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder (once; a second call finds the first).
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let buckets = [
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ];
            let builder = PrometheusBuilder::new().set_buckets(&buckets).ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(error) => {
                    tracing::warn!(%error, "metrics are off");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts each request and times it, by route (the pattern, never the
/// path itself: ids and domains would make a series each).
pub async fn track_http(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let route = matched.map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("mailroom_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("mailroom_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The text Prometheus reads, with the store's gauges read now.
pub fn render(app: &App) -> String {
    let Some(handle) = install() else {
        return String::new();
    };
    match app.operations().operational_figures() {
        Ok(figures) => {
            for ((kind, state), count) in figures.jobs {
                metrics::gauge!("mailroom_jobs", "kind" => kind, "state" => state)
                    .set(count as f64);
            }
            metrics::gauge!("mailroom_jobs_oldest_queued_seconds")
                .set(figures.oldest_queued_secs as f64);
            metrics::gauge!("mailroom_addresses").set(figures.addresses as f64);
            metrics::gauge!("mailroom_database_bytes").set(figures.database_bytes as f64);
        }
        Err(error) => tracing::warn!(%error, "could not read the store's figures"),
    }
    handle.render()
}

/// `GET /metrics`, for the internal listener.
/// `GET /metrics`, for a scraper that sends `Authorization: Bearer SECRET`
/// (`metrics.secret`): what the mail server can reach tells it nothing.
pub fn router(app: std::sync::Arc<App>, secret: &str) -> axum::Router {
    let secret: std::sync::Arc<str> = std::sync::Arc::from(secret);
    axum::Router::new().route(
        "/metrics",
        axum::routing::get(move |headers: axum::http::HeaderMap| {
            let app = std::sync::Arc::clone(&app);
            let secret = std::sync::Arc::clone(&secret);
            async move {
                if !bearer_matches(&headers, &secret) {
                    use axum::response::IntoResponse;
                    return (
                        axum::http::StatusCode::UNAUTHORIZED,
                        [(axum::http::header::WWW_AUTHENTICATE, "Bearer")],
                    )
                        .into_response();
                }
                let text = tokio::task::spawn_blocking(move || render(&app))
                    .await
                    .unwrap_or_default();
                axum::response::IntoResponse::into_response((
                    [(
                        axum::http::header::CONTENT_TYPE,
                        "text/plain; version=0.0.4; charset=utf-8",
                    )],
                    text,
                ))
            }
        }),
    )
}

fn bearer_matches(headers: &axum::http::HeaderMap, secret: &str) -> bool {
    use subtle::ConstantTimeEq;
    let given = crate::http::bearer(headers).unwrap_or_default();
    !secret.is_empty() && bool::from(given.as_bytes().ct_eq(secret.as_bytes()))
}

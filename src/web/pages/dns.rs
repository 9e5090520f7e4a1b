//! A service's DNS tab, for owners and admins: every record the domain
//! needs with its state from the last check, copy buttons, a zone-file
//! snippet, a check on demand, and the DKIM keys (made, rotated).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::dashboard::service_domain;
use crate::app::DnsView;
use crate::dns::{Dns, Expectations};
use crate::model::{DkimKey, DkimState, DnsReport, Domain, RecordCheck, RecordState};
use crate::urls;
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::state::AppState;
use crate::web::viewer::Viewer;

async fn load(state: &AppState, viewer: &Viewer, domain: &Domain) -> Result<DnsView, WebError> {
    let (user, domain) = (viewer.session.user.id, domain.clone());
    state.run(move |app| app.dns_view(user, &domain)).await
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let view = load(&state, &viewer, &domain).await?;
    Ok(page(&viewer, &view).into_response())
}

/// Checks the domain now, keeps the result, and shows the tab.
pub async fn check(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let view = load(&state, &viewer, &domain).await?;
    let report = run_check(&state, &domain, &view.keys).await;
    let actor = viewer.actor();
    let target = domain.clone();
    state
        .run(move |app| app.record_dns_check(&actor, &target, report))
        .await?;
    Ok(Redirect::to(&urls::dns(&domain)).into_response())
}

/// What the domain should publish, by this server's settings.
fn expectations(state: &AppState, domain: &Domain, keys: &[DkimKey]) -> Expectations {
    Expectations::for_domain(
        domain,
        &state.mail_client,
        &state.app.settings().public_url,
        keys,
    )
}

async fn run_check(state: &AppState, domain: &Domain, keys: &[DkimKey]) -> DnsReport {
    let want = expectations(state, domain, keys);
    let now = crate::app::now();
    match Dns::new(state.dns_resolver) {
        Ok(dns) => crate::dns::check(&dns, &want, now).await,
        Err(e) => DnsReport {
            checked_at: now,
            records: Vec::new(),
            error: Some(e.to_string()),
        },
    }
}

/// Makes the domain's first DKIM keys, or the next ones.
pub async fn make_keys(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let actor = viewer.actor();
    let target = domain.clone();
    state
        .run(move |app| app.make_dkim_keys(&actor, &target))
        .await?;
    Ok(Redirect::to(&urls::dns(&domain)).into_response())
}

/// Every record as zone-file lines, to paste into the domain's zone.
pub async fn zone(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let view = load(&state, &viewer, &domain).await?;
    let want = expectations(&state, &domain, &view.keys);
    let mut text = format!("; DNS records for {} (Mailroom)\n", domain.as_ascii());
    for line in crate::dns::zone_lines(&want) {
        text.push_str(&line);
        text.push('\n');
    }
    let name = format!("attachment; filename=\"{}.zone.txt\"", domain.as_ascii());
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        text,
    )
        .into_response())
}

fn page(viewer: &Viewer, view: &DnsView) -> Markup {
    let domain = &view.service.service.domain;
    let name = domain.to_string();
    layout::page(
        viewer,
        &format!("DNS of {name}"),
        html! {
            nav aria-label="breadcrumb" {
                ul {
                    li { a href=(urls::SERVICES) { "Services" } }
                    li { a href=(urls::service(domain)) { (name) } }
                    li { "DNS" }
                }
            }
            div.page-head {
                div { h1 { "DNS records" } p.subtitle { (name) } }
                div.actions {
                    a role="button" .secondary.outline href=(urls::dns_zone(domain)) { "Download as zone file" }
                    form.inline method="post" action=(urls::dns_check(domain)) {
                        (viewer.csrf_field())
                        button type="submit" { "Check now" }
                    }
                }
            }
            @match &view.report {
                None => { p.empty #dns-state { "Not checked yet: press " em { "Check now" } "." } }
                Some(report) => { (report_table(report)) }
            }
            (keys_section(viewer, view))
        },
    )
}

fn report_table(report: &DnsReport) -> Markup {
    let problems = report.problems();
    html! {
        p #dns-state {
            "Checked " (layout::date_time(report.checked_at)) " UTC. "
            @if let Some(error) = &report.error {
                strong.error { "The check failed: " (error) }
            } @else if problems == 0 {
                strong { "Every required record is right." }
            } @else {
                strong.error { (problems) " required record" @if problems != 1 { "s" } " to fix." }
            }
        }
        @if !report.records.is_empty() {
            div.table-wrap {
                table #dns-records {
                    thead { tr { th scope="col" { "State" } th scope="col" { "Record" } th scope="col" { "Name" } th scope="col" { "Value to publish" } } }
                    tbody { @for r in &report.records { (row(r)) } }
                }
            }
        }
    }
}

fn row(r: &RecordCheck) -> Markup {
    let label = match r.state {
        RecordState::Ok => "present and right",
        RecordState::Missing => "missing",
        RecordState::Wrong => "present but different",
        RecordState::Optional => "optional, not published",
    };
    html! {
        tr data-state=(r.state.word()) {
            td { span.state title=(label) aria-hidden="true" { (r.state.sign()) } " " span { (label) } }
            td { (r.purpose) " " small.muted { (r.rtype) } @if !r.required { " " small.muted { "(optional)" } } }
            td { code { (r.name) } }
            td {
                code.value { (r.expected) }
                " "
                button.secondary.outline.small type="button" data-copy=(r.expected) { "Copy" span.visually-hidden { " the value of " (r.name) } }
                @if !r.found.is_empty() {
                    br; small { "Found: " @for f in &r.found { code { (f) } " " } }
                }
                @if let Some(note) = &r.note { br; small.error { (note) } }
            }
        }
    }
}

fn keys_section(viewer: &Viewer, view: &DnsView) -> Markup {
    let domain = &view.service.service.domain;
    html! {
        section aria-labelledby="dkim-title" {
            h2 #dkim-title { "DKIM signing keys" }
            @if view.keys.is_empty() {
                p { "No key yet. Make the domain's keys, publish their records above, then check: signing starts once they are seen." }
            } @else {
                ul #dkim-keys {
                    @for key in &view.keys {
                        li {
                            code { (key.selector) } " (" (key.algorithm.tag()) "): "
                            @match key.state {
                                DkimState::Waiting => { "waiting to be seen in the DNS" },
                                DkimState::Signing { since } => { "signs since " (layout::date(since)) },
                                DkimState::Retiring { until } => { "replaced; keep it published until " (layout::date(until)) },
                            }
                        }
                    }
                }
            }
            form method="post" action=(urls::dns_keys(domain)) {
                (viewer.csrf_field())
                button.secondary type="submit" {
                    @if view.keys.iter().any(DkimKey::signing) { "Rotate the keys" } @else { "Make the keys" }
                }
            }
        }
    }
}

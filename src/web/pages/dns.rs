//! A service's DNS tab, for owners and admins: every record the domain
//! needs with its state from the last check, copy buttons, a zone-file
//! snippet, a check on demand, and the DKIM keys (made, rotated).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::common::service_domain;
use crate::app::DnsView;
use crate::http::AppState;
use crate::model::{DkimKey, DkimState, DnsReport, Domain, RecordCheck, RecordState};
use crate::urls;
use crate::web::error::WebError;
use crate::web::layout;
use crate::web::viewer::Viewer;

async fn load(state: &AppState, viewer: &Viewer, domain: &Domain) -> Result<DnsView, WebError> {
    let (user, domain) = (viewer.session.user.id, domain.clone());
    state
        .run(move |app| app.services().dns_view(user, &domain))
        .await
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
    let actor = viewer.actor();
    let target = domain.clone();
    state
        .run(move |app| app.services().check_dns(&actor, &target))
        .await?;
    Ok(Redirect::to(&urls::dns(&domain)).into_response())
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
        .run(move |app| app.services().make_dkim_keys(&actor, &target))
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
    let actor = viewer.actor();
    let target = domain.clone();
    let lines = state
        .run(move |app| {
            app.services()
                .dns_view(&actor, &target)
                .map(|view| view.zone)
        })
        .await?;
    let mut text = format!(
        "; {}\n",
        t!("dns-zone-comment", domain = &domain.as_ascii())
    );
    for line in lines {
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
    layout::page_in(
        viewer,
        Some(view.service.organisation.id),
        &t!("dns-of", domain = &name),
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) {
                ul {
                    li { a href=(urls::SERVICES) { (t!("services")) } }
                    li { a href=(urls::service(domain)) { (name) } }
                    li { (t!("dns")) }
                }
            }
            div.page-head {
                div { h1 { (t!("dns-records")) } p.subtitle { (name) } }
                div.actions {
                    a role="button" .secondary.outline href=(urls::dns_zone(domain)) { (t!("download-as-zone-file")) }
                    form.inline method="post" action=(urls::dns_check(domain)) {
                        (viewer.csrf_field())
                        button type="submit" { (t!("check-now")) }
                    }
                }
            }
            @if let Some(value) = view.service.service.ownership_value() {
                article.notice #ownership {
                    p { strong { (t!("domain-not-verified")) } }
                    p { (t!("domain-verify-how", domain = &domain.as_ascii(), button = &t!("check-now"))) }
                    p { code.value { (value) } " " button.secondary.outline.small type="button" data-copy=(value) { (t!("copy")) } }
                }
            }
            @match &view.report {
                None => { p.empty #dns-state { (t!("dns-not-checked", button = &t!("check-now"))) } }
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
            (t!("dns-checked-at", at = &layout::date_time(report.checked_at))) " "
            @if let Some(error) = &report.error {
                strong.error { (t!("dns-check-failed", error = error)) }
            } @else if problems == 0 {
                strong { (t!("every-required-record-is-right")) }
            } @else {
                strong.error { (t!("dns-required-to-fix", count = problems)) }
            }
        }
        @if !report.records.is_empty() {
            div.table-wrap {
                table #dns-records {
                    thead { tr { th scope="col" { (t!("state")) } th scope="col" { (t!("record")) } th scope="col" { (t!("name")) } th scope="col" { (t!("value-to-publish")) } } }
                    tbody { @for r in &report.records { (row(r)) } }
                }
            }
        }
    }
}

fn row(r: &RecordCheck) -> Markup {
    let label = match r.state {
        RecordState::Ok => t!("dns-state-ok"),
        RecordState::Missing => t!("dns-state-missing"),
        RecordState::Wrong => t!("dns-state-wrong"),
        RecordState::Optional => t!("dns-state-optional"),
    };
    html! {
        tr data-state=(r.state.word()) {
            td { span.state title=(label) aria-hidden="true" { (r.state.sign()) } " " span { (label) } }
            td { (r.purpose) " " small.muted { (r.rtype) } @if !r.required { " " small.muted { (t!("optional")) } } }
            td { code { (r.name) } }
            td {
                code.value { (r.expected) }
                " "
                button.secondary.outline.small type="button" data-copy=(r.expected) { (t!("copy")) span.visually-hidden { " " (t!("the-value-of", name = &r.name)) } }
                @if !r.found.is_empty() {
                    br; small { (t!("found")) " " @for f in &r.found { code { (f) } " " } }
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
            h2 #dkim-title { (t!("dkim-signing-keys")) }
            @if view.keys.is_empty() {
                p { (t!("no-key-yet-make-the-domain")) }
            } @else {
                ul #dkim-keys {
                    @for key in &view.keys {
                        li {
                            code { (key.selector) } " (" (key.algorithm.tag()) "): "
                            @match key.state {
                                DkimState::Waiting => { (t!("waiting-to-be-seen-in-the")) },
                                DkimState::Signing { since } => { (t!("signs-since", date = &layout::date(since))) },
                                DkimState::Retiring { until } => { (t!("replaced-keep-it-published-until", date = &layout::date(until))) },
                            }
                        }
                    }
                }
            }
            form method="post" action=(urls::dns_keys(domain)) {
                (viewer.csrf_field())
                button.secondary type="submit" {
                    @if view.keys.iter().any(DkimKey::signing) { (t!("rotate-the-keys")) } @else { (t!("make-the-keys")) }
                }
            }
        }
    }
}

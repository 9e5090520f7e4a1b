//! "Create several addresses": upload a CSV file, see every row's outcome
//! before anything is created, start, follow the progress live, download
//! the report. Handlers here, markup in `views.rs`.

mod report;
mod views;

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::common::service_domain;
use crate::app::{AppError, ServiceView};
use crate::http::AppState;
use crate::model::{ImportId, ImportState};
use crate::urls;
use crate::web::error::WebError;
use crate::web::htmx::Fragment;
use crate::web::layout;
use crate::web::viewer::Viewer;
pub use report::report;
use views::{preview_section, progress, upload_page};

pub const TEMPLATE: &str = "address,password,forward_to,keep_copy,display_name,user,permissions,quota\r\n\
jane.doe,a long secret password,,,Jane Doe,,,2 GB\r\n\
sales,another long password,boss@example.org,1,Sales,,,\r\n\
shared,,,,,colleague@example.org,password history,\r\n";

async fn managed(state: &AppState, viewer: &Viewer, domain: &str) -> Result<ServiceView, WebError> {
    let domain = service_domain(domain)?;
    let user = viewer.session.user.id;
    let view = state
        .run(move |app| app.services().service_view_to_manage(user, &domain))
        .await?;
    Ok(view)
}

fn base(view: &ServiceView) -> String {
    urls::imports(&view.service.domain)
}

pub async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mailroom-addresses.csv\"",
            ),
        ],
        TEMPLATE,
    )
        .into_response()
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let imports = imports_of(&state, &viewer, &view).await?;
    Ok(upload_page(&viewer, &view, &imports, None).into_response())
}

pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(domain): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(_) => {
                        return refuse(&state, &viewer, &view, &t!("error-upload-too-large")).await;
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                return refuse(&state, &viewer, &view, &t!("error-upload-unreadable")).await;
            }
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refuse(&state, &viewer, &view, &t!("error-upload-missing")).await;
    };
    let (actor, domain) = (viewer.actor(), view.service.domain.clone());
    match state
        .run(move |app| app.imports().upload_import(&actor, &domain, &name, &bytes))
        .await
    {
        Ok(record) => {
            let to = urls::import(&view.service.domain, record.id);
            Ok(Redirect::to(&to).into_response())
        }
        Err(WebError::App(AppError::File(reason))) => {
            refuse(&state, &viewer, &view, &reason.to_string()).await
        }
        Err(other) => Err(other),
    }
}

async fn refuse(
    state: &AppState,
    viewer: &Viewer,
    view: &ServiceView,
    reason: &str,
) -> Result<Response, WebError> {
    let imports = imports_of(state, viewer, view).await?;
    let body = upload_page(
        viewer,
        view,
        &imports,
        Some(&crate::web::error::capitalise(reason)),
    );
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    page: Option<usize>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, ImportId)>,
    Query(query): Query<PageQuery>,
    Fragment(fragment): Fragment,
) -> Result<Response, WebError> {
    let view = managed(&state, &viewer, &domain).await?;
    let (user, domain) = (viewer.session.user.id, view.service.domain.clone());
    // Pages are counted from 1 in links, from 0 in the use case.
    let page = query.page.unwrap_or(1).saturating_sub(1);
    let (record, preview, results) = state
        .run(move |app| {
            let (record, preview) = app.imports().import_of(user, &domain, id, page)?;
            let results = if record.state == ImportState::Done {
                app.imports().import_results(user, &domain, id)?
            } else {
                Vec::new()
            };
            Ok((record, preview, results))
        })
        .await?;
    let progress = progress(&view, &record, &results);
    if fragment {
        return Ok(progress.into_response());
    }
    let base = base(&view);
    let body = html! {
        nav.breadcrumb aria-label=(t!("breadcrumb")) { ul {
            li { a href=(urls::service(&view.service.domain)) { (view.service.domain) } }
            li { a href=(base) { (t!("create-several-addresses")) } }
            li { (record.file_name) }
        } }
        h1 { (record.file_name) }
        @match &preview {
            Some(preview) => (preview_section(&viewer, &view, &record, preview)),
            None => (progress),
        }
    };
    Ok(layout::page(&viewer, &record.file_name, body).into_response())
}

pub async fn start(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, id)): Path<(String, ImportId)>,
) -> Result<Response, WebError> {
    let domain = service_domain(&domain)?;
    let (actor, started) = (viewer.actor(), domain.clone());
    state
        .run(move |app| app.imports().start_import(&actor, &started, id))
        .await?;
    Ok(Redirect::to(&urls::import(&domain, id)).into_response())
}

async fn imports_of(
    state: &AppState,
    viewer: &Viewer,
    view: &ServiceView,
) -> Result<Vec<crate::model::ImportRecord>, WebError> {
    let (user, domain) = (viewer.session.user.id, view.service.domain.clone());
    state
        .run(move |app| app.imports().imports_of(user, &domain))
        .await
}

//! One organisation in the operator's console: its owners, limits with
//! what it uses, suspending or resuming it, deleting or restoring it.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::shared::{needs_second_factor, state_of};
use crate::app::{AppError, OperatorActor, Rejection};
use crate::http::AppState;
use crate::model::{LimitKind, Limits, OrgId};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors, ticked};
use crate::web::layout;
use crate::web::viewer::Viewer;

/// Each limit as typed: empty for none.
#[derive(Debug, Default, Deserialize)]
pub struct LimitsForm {
    #[serde(default)]
    services: String,
    #[serde(default)]
    addresses: String,
    #[serde(default)]
    members: String,
    #[serde(default)]
    storage: String,
    #[serde(default)]
    import_rows: String,
}

impl LimitsForm {
    pub(super) fn parse(&self) -> Result<Limits, FormErrors> {
        let mut limits = Limits::default();
        let mut errors = FormErrors::default();
        for (kind, text) in self.fields() {
            match text.trim() {
                "" => {}
                size if kind == LimitKind::Storage => match crate::model::parse_megabytes(size) {
                    Ok(max) => limits.set(kind, Some(max)),
                    Err(_) => errors.add(kind.name(), t!("error-limit-size")),
                },
                number => match number.parse::<u64>() {
                    Ok(max) => limits.set(kind, Some(max)),
                    Err(_) => errors.add(kind.name(), t!("error-limit-number")),
                },
            }
        }
        if errors.is_empty() {
            Ok(limits)
        } else {
            Err(errors)
        }
    }

    pub(super) fn fields(&self) -> [(LimitKind, &str); 5] {
        [
            (LimitKind::Services, &self.services),
            (LimitKind::Addresses, &self.addresses),
            (LimitKind::Members, &self.members),
            (LimitKind::Storage, &self.storage),
            (LimitKind::ImportRows, &self.import_rows),
        ]
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    understood: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SuspendForm {
    #[serde(default)]
    reason: String,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    organisation_page(&state, &viewer, org, None, &FormErrors::default()).await
}

pub async fn limits(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<LimitsForm>,
) -> Result<Response, WebError> {
    let limits = match form.parse() {
        Ok(limits) => limits,
        Err(errors) => {
            let page = organisation_page(&state, &viewer, org, Some(&form), &errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.operators()
                .set_limits(OperatorActor::Person(&actor), org, limits)
        })
        .await?;
    Ok(Redirect::to(&urls::operator_organisation(org)).into_response())
}

pub async fn suspend(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<SuspendForm>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let done = state
        .run(move |app| {
            app.operators()
                .suspend(OperatorActor::Person(&actor), org, &form.reason)
        })
        .await;
    match done {
        Ok(()) => Ok(Redirect::to(&urls::operator_organisation(org)).into_response()),
        Err(WebError::App(e @ AppError::Rejected(Rejection::SuspensionReason))) => {
            let mut errors = FormErrors::default();
            errors.add("reason", e);
            let page = organisation_page(&state, &viewer, org, None, &errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    let (actor, confirmed) = (viewer.actor(), ticked(&form.understood));
    let done = state
        .run(move |app| {
            app.operators().delete_organisation(
                OperatorActor::Person(&actor),
                org,
                &form.password,
                confirmed,
            )
        })
        .await;
    let mut errors = FormErrors::default();
    match done {
        Ok(()) => return Ok(Redirect::to(&urls::operator_organisation(org)).into_response()),
        Err(WebError::App(e @ (AppError::WrongPassword | AppError::Throttled { .. }))) => {
            errors.add("password", e)
        }
        Err(WebError::App(e @ AppError::Rejected(Rejection::OrganisationDeletionNotConfirmed))) => {
            errors.add("understood", e)
        }
        Err(other) => return Err(other),
    }
    let page = organisation_page(&state, &viewer, org, None, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| {
            app.operators()
                .restore_organisation(OperatorActor::Person(&actor), org)
        })
        .await?;
    Ok(Redirect::to(&urls::operator_organisation(org)).into_response())
}

pub async fn resume(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(org): Path<OrgId>,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    state
        .run(move |app| app.operators().resume(OperatorActor::Person(&actor), org))
        .await?;
    Ok(Redirect::to(&urls::operator_organisation(org)).into_response())
}

pub(super) async fn organisation_page(
    state: &AppState,
    viewer: &Viewer,
    org: OrgId,
    typed: Option<&LimitsForm>,
    errors: &FormErrors,
) -> Result<Response, WebError> {
    let actor = viewer.actor();
    let found = state
        .run(move |app| {
            let by = OperatorActor::Person(&actor);
            let item = app.operators().organisation(by, org)?;
            let until = app
                .operators()
                .restorable_until(&item.organisation)
                .unwrap_or_else(|| app.addresses().restorable_until(crate::app::now()));
            Ok((item, app.operators().usage(by, org)?, until))
        })
        .await;
    let (item, usage, until) = match found {
        Ok(found) => found,
        Err(WebError::App(e @ AppError::Rejected(Rejection::OperatorWithoutSecondFactor))) => {
            return Ok(needs_second_factor(viewer, &e));
        }
        Err(other) => return Err(other),
    };
    let name = item.organisation.name.clone();
    Ok(layout::page(
        viewer,
        &name,
        html! {
            nav.breadcrumb aria-label=(t!("breadcrumb")) { ul { li { a href=(urls::OPERATOR) { (t!("organisations")) } } li { (name) } } }
            h1 { (name) " " span.badge { (state_of(&item)) } }
            @if let Some(suspension) = &item.organisation.suspended {
                p.warning role="note" { (t!("organisation-suspended-since", date = layout::date(suspension.since), reason = &suspension.reason)) }
            }
            p { (t!("owners")) ": " (item.owners.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")) }
            @if let Some(invitation) = &item.organisation.owner_invitation {
                div #owner-invitation role="status" {
                    @if crate::app::now() < invitation.expires {
                        p { (t!("owner-invitation-waits", email = &invitation.email, date = layout::date(invitation.expires))) }
                    } @else {
                        p.warning { (t!("owner-invitation-expired", email = &invitation.email, date = layout::date(invitation.expires))) }
                    }
                    form method="post" action=(urls::operator_withdraw_owner(org)) {
                        (viewer.csrf_field())
                        button.secondary.outline.small type="submit" { (t!("withdraw-the-invitation")) }
                    }
                }
            }
            @if let Some(deletion) = &item.organisation.deleted {
                p.warning role="note" { (t!("organisation-deleted-on", date = layout::date(deletion.at), until = layout::date_time(until))) }
                @if crate::app::now() < until {
                    form method="post" action=(urls::operator_restore(org)) {
                        (viewer.csrf_field())
                        button type="submit" { (t!("restore-the-organisation")) }
                    }
                }
            } @else {
                (live_sections(viewer, &item, &usage, org, typed, errors, until))
            }
        },
    )
    .into_response())
}

/// What an operator does with an organisation that is not deleted.
fn live_sections(
    viewer: &Viewer,
    item: &crate::app::OrganisationSummary,
    usage: &[(LimitKind, u64, Option<u64>)],
    org: OrgId,
    typed: Option<&LimitsForm>,
    errors: &FormErrors,
    until: i64,
) -> maud::Markup {
    let typed_value = |kind, max| shown_value(typed, kind, max);
    let understood_error = errors.get("understood");
    html! {
            h2 { (t!("add-an-owner")) }
            form method="post" action=(urls::operator_owners(org)) novalidate {
                (viewer.csrf_field())
                (Field::new(t!("email-address"), "email", errors).kind("email")
                    .help(html! { (t!("add-an-owner-help")) }))
                button.secondary type="submit" { (t!("add-the-owner")) }
            }
            h2 { (t!("limits")) }
            form method="post" action=(urls::operator_limits(org)) novalidate {
                (viewer.csrf_field())
                p { (t!("limits-help")) }
                @for (kind, used, max) in usage {
                    (limit_input(*kind, typed_value(*kind, *max), Some(*used), errors))
                }
                button type="submit" { (t!("save-the-limits")) }
            }
            @if item.organisation.suspended.is_some() {
                h2 { (t!("resume-the-organisation")) }
                form method="post" action=(urls::operator_resume(org)) {
                    (viewer.csrf_field())
                    button type="submit" { (t!("resume-the-organisation")) }
                }
            } @else {
                h2 { (t!("suspend-the-organisation")) }
                form method="post" action=(urls::operator_suspend(org)) novalidate {
                    (viewer.csrf_field())
                    (Field::new(t!("suspension-reason"), "reason", errors).help(html! { (t!("suspension-reason-help")) }))
                    button.contrast type="submit" { (t!("suspend-the-organisation")) }
                }
            }
            h2 { (t!("delete-the-organisation")) }
            form method="post" action=(urls::operator_delete(org)) novalidate {
                (viewer.csrf_field())
                p { (t!("delete-organisation-consequences", until = layout::date_time(until))) }
                (Field::new(t!("your-login-password"), "password", errors).kind("password").autocomplete("current-password"))
                label for="understood" {
                    input #understood type="checkbox" name="understood"
                        aria-invalid=[understood_error.map(|_| "true")]
                        aria-describedby=[understood_error.map(|_| "understood-help")];
                    (t!("i-understand-that-this-organisation-and"))
                }
                @if let Some(error) = understood_error { small #understood-help .error { (error) } }
                button.danger type="submit" { (t!("delete-the-organisation")) }
            }
    }
}

/// A limit's field as typed (after a refusal), else as it is.
pub(super) fn shown_value(typed: Option<&LimitsForm>, kind: LimitKind, max: Option<u64>) -> String {
    match typed {
        Some(form) => form
            .fields()
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default(),
        None => max.map(|m| Limits::show(kind, m)).unwrap_or_default(),
    }
}

/// One limit's field, with what is used of it when that is known.
pub(super) fn limit_input(
    kind: LimitKind,
    value: String,
    used: Option<u64>,
    errors: &FormErrors,
) -> maud::Markup {
    let field = kind.name();
    let error = errors.get(field);
    let storage = kind == LimitKind::Storage;
    let note = used.map(|used| t!("limit-used", used = Limits::show(kind, used)));
    html! {
        label for=(field) {
            (limit_label(kind))
            input id=(field) name=(field) type=(input_type(kind)) min=[(!storage).then_some(0)]
                value=(value)
                aria-invalid=[error.map(|_| "true")] aria-describedby=(format!("{field}-help"));
            small id=(format!("{field}-help")) .error[error.is_some()] {
                @if let Some(error) = error { (error) }
                @else {
                    @if let Some(note) = &note { (note) }
                    @if storage { @if note.is_some() { " · " } (t!("limit-storage-help")) }
                }
            }
        }
    }
}

/// A count is a number; a size is written with its unit (`2 TB`).
fn input_type(kind: LimitKind) -> &'static str {
    match kind {
        LimitKind::Storage => "text",
        _ => "number",
    }
}

fn limit_label(kind: LimitKind) -> String {
    match kind {
        LimitKind::Services => t!("limit-services"),
        LimitKind::Addresses => t!("limit-addresses"),
        LimitKind::Members => t!("limit-members"),
        LimitKind::ImportRows => t!("limit-import-rows"),
        LimitKind::Storage => t!("limit-storage"),
    }
}

//! The Out-of-office tab: an automatic reply the mail server sends (Sieve
//! `vacation`), with its dates in the organisation's time zone and a
//! preview of what senders receive.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{Tab, base, load_for, respond};
use crate::app::{AddressRef, AddressView, AutoReplyChange, AutoReplyView};
use crate::http::AppState;
use crate::model::{AutoReply, DEFAULT_REPLY_DAYS, ReplyTime};
use crate::urls;
use crate::web::error::WebError;
use crate::web::forms::{Field, FormErrors, ticked};
use crate::web::htmx::Fragment;
use crate::web::viewer::Viewer;

/// The form as posted: save, preview, or turn the reply off.
#[derive(Debug, Default, Deserialize)]
pub struct AutoReplyForm {
    #[serde(default)]
    action: String,
    enabled: Option<String>,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    days: String,
    only_own_domains: Option<String>,
}

impl AutoReplyForm {
    /// The form as a saved reply fills it in.
    fn of(reply: Option<&AutoReply>, view: &AutoReplyView) -> Self {
        let Some(reply) = reply else {
            return Self {
                days: DEFAULT_REPLY_DAYS.to_string(),
                ..Self::default()
            };
        };
        let local = |t: Option<i64>| t.map(|t| view.time_zone.local_text(t)).unwrap_or_default();
        Self {
            action: String::new(),
            enabled: reply.enabled.then(|| "on".to_owned()),
            subject: reply.subject.clone(),
            message: reply.message.clone(),
            start: local(reply.start),
            end: local(reply.end),
            days: reply.days.to_string(),
            only_own_domains: reply.only_own_domains.then(|| "on".to_owned()),
        }
    }

    /// What was typed, parsed; each error on its field.
    fn change(&self) -> Result<AutoReplyChange, FormErrors> {
        let mut errors = FormErrors::default();
        let mut time = |name: &'static str, text: &str| -> Option<ReplyTime> {
            if text.trim().is_empty() {
                return None;
            }
            ReplyTime::parse_local(text)
                .map_err(|e| errors.add(name, e))
                .ok()
        };
        let (start, end) = (time("start", &self.start), time("end", &self.end));
        let days = match self.days.trim().parse::<u16>() {
            Ok(days) => days,
            Err(_) if self.days.trim().is_empty() => DEFAULT_REPLY_DAYS,
            Err(_) => {
                errors.add("days", crate::model::AutoReplyError::DaysOutOfRange);
                DEFAULT_REPLY_DAYS
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AutoReplyChange {
            enabled: ticked(&self.enabled),
            subject: self.subject.clone(),
            message: self.message.clone(),
            start,
            end,
            days,
            only_own_domains: ticked(&self.only_own_domains),
        })
    }
}

async fn load(
    state: &AppState,
    viewer: &Viewer,
    domain: &str,
    local: &str,
) -> Result<(AddressView, AutoReplyView), WebError> {
    let view = load_for(state, viewer, domain, local, Tab::AutoReply).await?;
    let (actor, target) = (viewer.actor(), AddressRef::parse(domain, local)?);
    let reply = state
        .run(move |app| app.addresses().auto_reply(&actor, &target))
        .await?;
    Ok((view, reply))
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
) -> Result<Response, WebError> {
    let (view, reply) = load(&state, &viewer, &domain, &local).await?;
    let form = AutoReplyForm::of(reply.reply.as_ref(), &reply);
    let panel = panel(&viewer, &view, &reply, &form, None, &FormErrors::default());
    Ok(respond(
        &viewer,
        &view,
        Tab::AutoReply,
        StatusCode::OK,
        fragment,
        panel,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((domain, local)): Path<(String, String)>,
    fragment: Fragment,
    Form(form): Form<AutoReplyForm>,
) -> Result<Response, WebError> {
    let target = AddressRef::parse(&domain, &local)?;
    let back = format!(
        "{}/auto-reply",
        urls::address(&target.domain, &target.local)
    );
    let (errors, preview) = match form.change() {
        Ok(mut change) => {
            // Off keeps what was typed, as saving does, for next time.
            change.enabled &= form.action != "off";
            let (actor, preview) = (viewer.actor(), form.action == "preview");
            let saved = state
                .run(move |app| match preview {
                    true => app.addresses().preview_auto_reply(&actor, &target, &change),
                    false => app.addresses().set_auto_reply(&actor, &target, &change),
                })
                .await;
            match saved {
                Ok(reply) if preview => (FormErrors::default(), Some(reply)),
                Ok(_) => return Ok(Redirect::to(&back).into_response()),
                Err(WebError::App(e)) if e.is_input() => {
                    let mut errors = FormErrors::default();
                    errors.add(field_of(&e), e);
                    (errors, None)
                }
                Err(other) => return Err(other),
            }
        }
        Err(errors) => (errors, None),
    };
    let (view, reply) = load(&state, &viewer, &domain, &local).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let panel = panel(&viewer, &view, &reply, &form, preview.as_ref(), &errors);
    Ok(respond(
        &viewer,
        &view,
        Tab::AutoReply,
        status,
        fragment,
        panel,
    ))
}

/// The field an app refusal belongs beside.
fn field_of(error: &crate::app::AppError) -> &'static str {
    use crate::app::AppError;
    match error {
        AppError::AutoReply(e) => e.field(),
        AppError::Time { end: true, .. } => "end",
        AppError::Time { end: false, .. } => "start",
        _ => "enabled",
    }
}

fn state_line(view: &AutoReplyView) -> Markup {
    let zone = &view.time_zone;
    let when = |t: i64| zone.local_text(t).replace('T', " ");
    let now = crate::app::now();
    html! {
        p #auto-reply-state {
            @match &view.reply {
                Some(reply) if reply.enabled && reply.end.is_some_and(|end| end <= now) => {
                    (t!("auto-reply-ended", end = &when(reply.end.unwrap_or_default())))
                }
                Some(reply) if reply.enabled => {
                    @match (reply.start, reply.end) {
                        (Some(start), Some(end)) if start > now => (t!("auto-reply-from-until", start = &when(start), end = &when(end), zone = zone.as_str())),
                        (Some(start), None) if start > now => (t!("auto-reply-from", start = &when(start), zone = zone.as_str())),
                        (_, Some(end)) => (t!("auto-reply-until", end = &when(end), zone = zone.as_str())),
                        _ => (t!("auto-reply-on")),
                    }
                }
                _ => (t!("auto-reply-off")),
            }
        }
    }
}

fn panel(
    viewer: &Viewer,
    view: &AddressView,
    reply: &AutoReplyView,
    form: &AutoReplyForm,
    preview: Option<&AutoReply>,
    errors: &FormErrors,
) -> Markup {
    let action = format!("{}/auto-reply", base(view));
    let is_on = reply.reply.as_ref().is_some_and(|r| r.enabled);
    let zone = reply.time_zone.as_str();
    html! {
        (state_line(reply))
        @if !reply.connected {
            p.warning role="note" { (t!("auto-reply-needs-mail-server")) }
        }
        form method="post" action=(action) hx-post=(action) hx-target="#address-tabs" hx-swap="outerHTML" novalidate {
            (viewer.csrf_field())
            label for="enabled" {
                input #enabled type="checkbox" name="enabled" checked[ticked(&form.enabled)]
                    aria-invalid=[errors.get("enabled").map(|_| "true")]
                    aria-describedby=[errors.get("enabled").map(|_| "enabled-help")];
                (t!("auto-reply-send"))
                @if let Some(error) = errors.get("enabled") {
                    br; small #enabled-help .error { (error) }
                }
            }
            (Field::new(t!("auto-reply-subject"), "subject", errors).value(&form.subject)
                .help(html! { (t!("auto-reply-subject-help")) }))
            label for="message" {
                (t!("auto-reply-message"))
                textarea #message name="message" rows="6"
                    aria-invalid=[errors.get("message").map(|_| "true")]
                    aria-describedby="message-help" { (form.message) }
                @match errors.get("message") {
                    Some(error) => small #message-help .error { (error) },
                    None => small #message-help { (t!("auto-reply-message-help")) },
                }
            }
            div.grid {
                (Field::new(t!("auto-reply-start"), "start", errors).kind("datetime-local").value(&form.start)
                    .help(html! { (t!("auto-reply-time-help", zone = zone)) }))
                (Field::new(t!("auto-reply-end"), "end", errors).kind("datetime-local").value(&form.end)
                    .help(html! { (t!("auto-reply-time-help", zone = zone)) }))
            }
            (Field::new(t!("auto-reply-days"), "days", errors).kind("number").value(&form.days)
                .help(html! { (t!("auto-reply-days-help")) }))
            label for="only_own_domains" {
                input #only_own_domains type="checkbox" name="only_own_domains" checked[ticked(&form.only_own_domains)];
                (t!("auto-reply-only-own-domains"))
            }
            div.actions {
                button type="submit" name="action" value="save" { (t!("auto-reply-save")) }
                button.secondary type="submit" name="action" value="preview" { (t!("auto-reply-preview")) }
                @if is_on {
                    button.secondary.outline type="submit" name="action" value="off" formnovalidate { (t!("auto-reply-turn-off")) }
                }
            }
        }
        @if let Some(reply) = preview {
            section #auto-reply-preview aria-labelledby="auto-reply-preview-title" {
                h3 #auto-reply-preview-title { (t!("auto-reply-preview-title")) }
                dl {
                    dt { (t!("auto-reply-preview-from")) } dd { (view.full_address()) }
                    dt { (t!("auto-reply-subject")) }
                    dd {
                        @if reply.subject.is_empty() {
                            (t!("auto-reply-default-subject"))
                        } @else {
                            (reply.subject)
                        }
                    }
                }
                pre.message-text { (reply.message) }
            }
        }
    }
}

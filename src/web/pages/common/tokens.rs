//! A token's table row and the form that makes one, shown alike by an
//! organisation's tokens page and the operators' tokens page.

use maud::{Markup, html};
use serde::Deserialize;

use crate::app::NewToken;
use crate::model::{ApiToken, Scope};
use crate::web::forms::FormErrors;
use crate::web::layout;
use crate::web::viewer::Viewer;

#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    /// Days; empty: until revoked.
    #[serde(default)]
    days: String,
    /// Networks, comma-separated; empty: any.
    #[serde(default)]
    allow_from: String,
}

impl TokenForm {
    /// The token asked for; `forced`: the scope of every token the page
    /// makes (it offers no choice).
    pub fn parse(&self, forced: Option<Scope>) -> Result<NewToken, FormErrors> {
        let mut errors = FormErrors::default();
        let scope = forced.or_else(|| Scope::parse(&self.scope));
        if scope.is_none() {
            errors.add("scope", t!("error-choose-scope"));
        }
        let days = match self.days.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(days) => Some(days),
                Err(_) => {
                    errors.add("days", t!("error-token-days"));
                    None
                }
            },
        };
        let mut allow_from = Vec::new();
        for part in self.allow_from.split(',').filter(|p| !p.trim().is_empty()) {
            match crate::http::client_ip::parse_trusted(part) {
                Ok(net) => allow_from.push(net),
                Err(message) => errors.add("allow_from", message),
            }
        }
        match scope {
            Some(scope) if errors.is_empty() => Ok(NewToken {
                name: self.name.clone(),
                scope,
                days,
                allow_from,
            }),
            _ => Err(errors),
        }
    }
}

/// A token's row; `revoke`: where its revoke button posts.
/// `holder`: the operator an operator's token acts as.
pub fn row(
    viewer: &Viewer,
    revoke: &str,
    token: &ApiToken,
    now: i64,
    holder: Option<&str>,
) -> Markup {
    let state = if token.revoked.is_some() {
        t!("token-revoked")
    } else if token.usable(now) {
        t!("token-active")
    } else {
        t!("token-expired")
    };
    html! {
        tr {
            td { (token.name) @if let Some(login) = holder { br; small.muted { (t!("token-acts-as", login = login)) } } }
            td { (crate::i18n::names::scope(token.scope)) }
            td { (state) @if let Some(at) = token.expires { @if token.usable(now) { " " (t!("until-date", date = &layout::date(at))) } } }
            td { @match token.last_use { Some(at) => { (layout::date(at)) @if let Some(ip) = &token.last_ip { " " (t!("from-ip", ip = ip)) } }, None => { (t!("never")) } } }
            td {
                @if token.revoked.is_none() {
                    form.inline method="post" action=(revoke) {
                        (viewer.csrf_field())
                        button.secondary.outline.small type="submit" { (t!("revoke")) span.visually-hidden { " " (token.name) } }
                    }
                }
            }
        }
    }
}

/// The form that makes a token, posting to `action`; with `scopes`, the
/// organisation's scopes to choose from.
pub fn new_form(
    viewer: &Viewer,
    action: &str,
    form: &TokenForm,
    errors: &FormErrors,
    scopes: bool,
) -> Markup {
    let field_error = |name: &str| errors.get(name).map(str::to_owned);
    html! {
        form method="post" action=(action) novalidate {
            (viewer.csrf_field())
            label for="name" { (t!("name")) }
            input #name name="name" type="text" value=(form.name) maxlength="100" required
                aria-invalid=[field_error("name").map(|_| "true")] aria-describedby="name-help";
            small #name-help .error[field_error("name").is_some()] { (field_error("name").unwrap_or_else(|| t!("token-name-help"))) }
            @if scopes { fieldset {
                legend { (t!("scope")) }
                @for (scope, explanation) in [
                    (Scope::Read, t!("scope-read-help")),
                    (Scope::Addresses, t!("scope-addresses-help")),
                    (Scope::Admin, t!("scope-admin-help")),
                ] {
                    label {
                        input type="radio" name="scope" value=(scope.name()) checked[form.scope == scope.name() || (form.scope.is_empty() && scope == Scope::Read)];
                        strong { (crate::i18n::names::scope(scope)) } " — " (explanation)
                    }
                }
                @if let Some(message) = field_error("scope") { small.error { (message) } }
            } }
            label for="days" { (t!("expires-after-days")) }
            input #days name="days" type="number" min="1" max="3650" value=(form.days)
                aria-invalid=[field_error("days").map(|_| "true")] aria-describedby="days-help";
            small #days-help .error[field_error("days").is_some()] { (field_error("days").unwrap_or_else(|| t!("token-days-help"))) }
            label for="allow_from" { (t!("only-from-these-networks")) }
            input #allow_from name="allow_from" type="text" value=(form.allow_from) placeholder=(t!("n-192-0-2-0-24-2001"))
                aria-invalid=[field_error("allow_from").map(|_| "true")] aria-describedby="allow-help";
            small #allow-help .error[field_error("allow_from").is_some()] { (field_error("allow_from").unwrap_or_else(|| t!("token-networks-help"))) }
            button type="submit" { (t!("make-the-token")) }
        }
    }
}

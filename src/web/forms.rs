//! Form fields with their label, help and error tied to the input.

use crate::i18n::Localize;
use maud::{Markup, Render, html};

use serde::Deserialize;

use crate::app::ShareWith;
use crate::model::{
    EmailAddress, Lang, Password, PasswordError, Permission, Permissions, SignupRule,
};

/// Errors of one submitted form, each next to the field it concerns.
#[derive(Debug, Default)]
pub struct FormErrors(Vec<(&'static str, String)>);

impl FormErrors {
    /// A message for `field`, in the reader's language.
    pub fn add(&mut self, field: &'static str, message: impl Localize) {
        self.0
            .push((field, super::error::capitalise(&message.localize())));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The field that gets the focus: the first with an error.
    pub fn first(&self) -> Option<&'static str> {
        self.0.first().map(|(name, _)| *name)
    }
}

pub struct Field<'a> {
    pub label: String,
    pub name: &'static str,
    pub kind: &'a str,
    pub value: &'a str,
    pub autocomplete: &'a str,
    pub help: Option<Markup>,
    pub errors: &'a FormErrors,
    /// Focus this field when the form has no error to point at.
    pub focus: bool,
    /// Show a strength meter under this (new password) field.
    pub strength: bool,
}

impl<'a> Field<'a> {
    pub fn new(label: impl Into<String>, name: &'static str, errors: &'a FormErrors) -> Self {
        Self {
            label: label.into(),
            name,
            kind: "text",
            value: "",
            autocomplete: "off",
            help: None,
            errors,
            focus: false,
            strength: false,
        }
    }

    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }

    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'a str) -> Self {
        self.autocomplete = autocomplete;
        self
    }

    pub fn help(mut self, help: Markup) -> Self {
        self.help = Some(help);
        self
    }

    pub fn strength(mut self) -> Self {
        self.strength = true;
        self
    }

    pub fn focus(mut self) -> Self {
        self.focus = true;
        self
    }
}

impl Render for Field<'_> {
    fn render(&self) -> Markup {
        let error = self.errors.get(self.name);
        let autofocus = match self.errors.first() {
            Some(first) => first == self.name,
            None => self.focus,
        };
        let described = format!("{}-help", self.name);
        let has_note = error.is_some() || self.help.is_some();
        html! {
            label for=(self.name) {
                (self.label)
                input id=(self.name) name=(self.name) type=(self.kind)
                    value=(self.value) autocomplete=(self.autocomplete) required
                    autofocus[autofocus]
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[has_note.then_some(described.as_str())]
                    data-strength=[self.strength.then(|| format!("{}-strength", self.name))];
                @if self.strength {
                    // Hidden until the script fills it in: without JavaScript it would say nothing.
                    span.strength id=(format!("{}-strength", self.name)) hidden {
                        (t!("strength")) " "
                        meter min="0" max="4" low="2" high="3" optimum="4" value="0" aria-label=(t!("password-strength")) {}
                        " " output aria-live="polite" {}
                    }
                }
                @if let Some(error) = error {
                    small id=(described) .error { (error) }
                } @else if let Some(help) = &self.help {
                    small id=(described) { (help) }
                }
            }
        }
    }
}

/// The `perm_<name>` checkboxes of a form, as sent (a ticked box sends its
/// field, an unticked one nothing). Flattened into each form that has them.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PermissionFields {
    perm_password: Option<String>,
    perm_forwarding: Option<String>,
    perm_aliases: Option<String>,
    perm_users: Option<String>,
    perm_history: Option<String>,
    perm_quota: Option<String>,
    perm_auto_reply: Option<String>,
}

impl PermissionFields {
    /// Whether the form had any box ticked (a first view has none sent).
    pub fn any(&self) -> bool {
        self.permissions() != Permissions::default()
    }

    pub fn permissions(&self) -> Permissions {
        [
            (Permission::Password, &self.perm_password),
            (Permission::Forwarding, &self.perm_forwarding),
            (Permission::Aliases, &self.perm_aliases),
            (Permission::Users, &self.perm_users),
            (Permission::History, &self.perm_history),
            (Permission::Quota, &self.perm_quota),
            (Permission::AutoReply, &self.perm_auto_reply),
        ]
        .into_iter()
        .filter(|(_, field)| field.is_some())
        .map(|(permission, _)| permission)
        .collect()
    }
}

/// Checkboxes for a permission set, each with its one-line explanation.
/// Fields are named `perm_<name>` (read back by `PermissionFields`).
pub fn permission_boxes(selected: Permissions, id_prefix: &str) -> Markup {
    html! {
        @for permission in Permission::ALL {
            @let id = format!("{id_prefix}-{}", permission.name());
            label for=(id) {
                input #(id) type="checkbox" name=(format!("perm_{}", permission.name())) checked[selected.contains(permission)];
                strong { (crate::i18n::names::permission(permission)) } " "
                small.muted { (crate::i18n::names::permission_help(permission)) }
            }
        }
    }
}

/// A ticked checkbox sends its field; HTML sends "on" unless told otherwise.
pub fn ticked(field: &Option<String>) -> bool {
    field.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every box `permission_boxes` draws is read back: a permission left
    /// out here would be dropped without a word when ticked.
    #[test]
    fn every_permissions_box_is_read_back() {
        let all: Vec<String> = Permission::ALL
            .iter()
            .map(|p| format!("perm_{}=on", p.name()))
            .collect();
        let fields: PermissionFields = serde_urlencoded::from_str(&all.join("&")).unwrap();
        assert_eq!(fields.permissions(), Permissions::all());
        let drawn = permission_boxes(Permissions::none(), "p").into_string();
        for permission in Permission::ALL {
            assert!(drawn.contains(&format!("name=\"perm_{}\"", permission.name())));
        }
    }

    #[test]
    fn ticked_boxes_become_permissions() {
        let fields: PermissionFields =
            serde_urlencoded::from_str("perm_users=on&perm_history=on&other=1").unwrap();
        let permissions = fields.permissions();
        assert!(permissions.contains(Permission::Users));
        assert!(permissions.contains(Permission::History));
        assert!(!permissions.contains(Permission::Password));
    }
}

/// A new password, typed twice.
#[derive(Debug, Default, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

impl NewPasswordForm {
    /// The password, checked against the policy for this login; each
    /// refusal at the field it concerns.
    pub fn parse(&self, login: &EmailAddress) -> Result<Password, FormErrors> {
        let mut errors = FormErrors::default();
        match Password::confirmed(&self.password, &self.confirm, Some(login)) {
            Ok(password) => return Ok(password),
            Err(e @ PasswordError::Mismatch) => errors.add("confirm", e),
            Err(e) => errors.add("password", e),
        }
        Err(errors)
    }
}

/// The fields naming whom to share with.
#[derive(Debug, Default, Deserialize)]
pub struct WhoFields {
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub signup: Option<String>,
    /// The invitation's language (a code); empty: the organisation's.
    #[serde(default)]
    pub lang: String,
}

impl WhoFields {
    pub fn signup(&self) -> SignupRule {
        match self.signup.as_deref() {
            Some("this_address") => SignupRule::ThisAddress,
            _ => SignupRule::OwnChoice,
        }
    }

    /// A member (by login) or anyone else by email: the use case tells which.
    pub fn share_with(&self) -> Result<ShareWith, String> {
        let email = EmailAddress::parse(&self.who).map_err(|_| t!("error-who-not-an-email"))?;
        Ok(ShareWith::Email {
            email,
            signup: self.signup(),
            lang: Lang::parse(&self.lang),
        })
    }
}

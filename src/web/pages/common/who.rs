//! Whom to share with, as a form asks it: on an address's General tab and in
//! the "for another user" step of creating one.

use maud::{Markup, html};

use crate::model::{Domain, Lang, SignupRule};
use crate::urls;
use crate::web::forms::FormErrors;

/// The "who" field with autocomplete over members.
pub fn who_fields(domain: &Domain, who: &str, errors: &FormErrors) -> Markup {
    let error = errors.get("who");
    html! {
        label for="who" { (t!("member-or-email-address")) }
        input #who type="text" name="who" value=(who) list="members" autocomplete="off" required
            autofocus[error.is_some()]
            aria-invalid=[error.map(|_| "true")] aria-describedby="who-help"
            hx-get=(urls::service_members(domain)) hx-trigger="input changed delay:250ms, focus once"
            hx-target="#members" hx-swap="outerHTML";
        datalist #members {}
        @if let Some(error) = error {
            small #who-help .error { (error) }
        } @else {
            small #who-help { (t!("type-a-name-or-email-members")) }
        }
    }
}

/// For a person outside the organisation: which login they must use.
pub fn signup_fields(chosen: SignupRule, lang: Lang) -> Markup {
    html! {
        label for="invitation-lang" { (t!("invitation-language")) }
        select #invitation-lang name="lang" {
            @for option in Lang::ALL {
                option value=(option.code()) selected[option == lang] lang=(option.code()) { (option.native_name()) }
            }
        }
        fieldset {
            legend { (t!("if-this-person-is-not-a")) }
            label {
                input type="radio" name="signup" value="own_choice" checked[chosen == SignupRule::OwnChoice];
                (t!("an-email-address-of-their-own"))
            }
            label {
                input type="radio" name="signup" value="this_address" checked[chosen == SignupRule::ThisAddress];
                (t!("this-new-address-itself"))
            }
        }
        p.warning role="note" {
            strong { (t!("note")) " " }
            (t!("a-user-who-does-not-link")) " "
            (t!("only-users-with-the-password-permission"))
        }
    }
}

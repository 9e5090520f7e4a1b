//! The language choosers shown inside other pages (the account page, an
//! organisation's settings); they post to `pages/language.rs`.

use maud::{Markup, html};

use crate::model::{Lang, Organisation};
use crate::urls;
use crate::web::viewer::Viewer;

/// The account page's choice, with "as my browser asks" besides the four.
pub fn account_form(viewer: &Viewer) -> Markup {
    let saved = viewer.session.user.lang;
    html! {
        section aria-labelledby="language-title" {
            h2 #language-title { (t!("language")) }
            form method="post" action=(urls::LANGUAGE) {
                (viewer.csrf_field())
                label for="account-lang" { (t!("account-language")) }
                select #account-lang name="lang" {
                    option value="auto" selected[saved.is_none()] { (t!("language-auto")) }
                    @for lang in Lang::ALL {
                        option value=(lang.code()) lang=(lang.code()) selected[saved == Some(lang)] { (lang.native_name()) }
                    }
                }
                button.secondary type="submit" { (t!("save")) }
            }
        }
    }
}

/// An organisation's time zone, in which reply dates are typed and shown.
pub fn time_zone_form(viewer: &Viewer, org: &Organisation) -> Markup {
    let id = format!("org-zone-{}", org.id);
    let help = format!("{id}-help");
    let current = org.zone();
    html! {
        form.language-default method="post" action=(urls::organisation_time_zone(org.id)) {
            (viewer.csrf_field())
            label for=(id) { (t!("organisation-time-zone")) }
            input id=(id) name="time_zone" type="text" value=(current.as_str()) autocomplete="off"
                spellcheck="false" aria-describedby=(help);
            button.secondary.outline.small type="submit" { (t!("save")) }
            small.muted id=(help) { (t!("organisation-time-zone-help")) }
        }
    }
}

/// An organisation's default language, for its owners and admins.
pub fn organisation_form(viewer: &Viewer, org: &Organisation) -> Markup {
    let id = format!("org-lang-{}", org.id);
    html! {
        form.language-default method="post" action=(urls::organisation_language(org.id)) {
            (viewer.csrf_field())
            label for=(id) { (t!("organisation-language")) }
            select id=(id) name="lang" {
                @for lang in Lang::ALL {
                    option value=(lang.code()) lang=(lang.code()) selected[lang == org.lang] { (lang.native_name()) }
                }
            }
            button.secondary.outline.small type="submit" { (t!("save")) }
            small.muted { (t!("organisation-language-help")) }
        }
    }
}

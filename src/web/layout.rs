//! The page shell: head, top bar, main landmark.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::assets;
use super::viewer::{CSRF_HEADER, Viewer};
use crate::urls;

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="color-scheme" content="light dark";
            title { (title) " · Mailroom" }
            link rel="stylesheet" href=(assets::url("pico.min.css"));
            link rel="stylesheet" href=(assets::url("app.css"));
            // Refused forms (422, 409) come back with their errors: swap them in.
            meta name="htmx-config" content=r#"{"includeIndicatorStyles":false,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"422","swap":true},{"code":"409","swap":true},{"code":"[45]..","swap":false,"error":true}]}"#;
            script src=(assets::url("htmx.min.js")) defer {}
            script src=(assets::url("app.js")) defer {}
        }
    }
}

/// A page for a logged-in user, with the console's top bar.
pub fn page(viewer: &Viewer, title: &str, body: Markup) -> Markup {
    let htmx_headers = serde_json::json!({ CSRF_HEADER: viewer.csrf() }).to_string();
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body hx-headers=(htmx_headers) {
                a.skip href="#main" { "Skip to content" }
                header.topbar {
                    nav.container-fluid aria-label="Main" {
                        ul {
                            li { a.brand href=(urls::SERVICES) { (logo()) span { "Mailroom" } } }
                        }
                        ul {
                            li { a href=(urls::SERVICES) { "Services" } }
                            // Only for those the pages serve (they refuse anyone else too).
                            @if viewer.session.manages {
                                li { a href=(urls::OUTBOX) { "Outbox" } }
                                li { a href=(urls::JOBS) { "Jobs" } }
                            }
                            li.who { a href=(urls::ACCOUNT) { (viewer.session.user.login) } }
                            li {
                                form method="post" action=(urls::LOGOUT) {
                                    (viewer.csrf_field())
                                    button.secondary.outline.small type="submit" { "Log out" }
                                }
                            }
                        }
                    }
                }
                main.container #main { (body) }
            }
        }
    }
}

/// A page without the console (setup, login, errors).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body.bare {
                main.container.narrow #main {
                    p.brand-line { (logo()) span { "Mailroom" } }
                    (body)
                }
            }
        }
    }
}

fn logo() -> Markup {
    PreEscaped(
        r#"<svg class="logo" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24"><rect x="2" y="5" width="20" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 7l9 6 9-6" fill="none" stroke="currentColor" stroke-width="2"/></svg>"#
            .to_owned(),
    )
}

pub use crate::model::dates::{date, date_time};

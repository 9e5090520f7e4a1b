//! The page shell: head, top bar, main landmark.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::assets;
use super::viewer::{CSRF_HEADER, Viewer};
use crate::model::OrgId;
use crate::urls;

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="color-scheme" content="light dark";
            title { (title) " · " (BRAND) }
            link rel="stylesheet" href=(assets::url("pico.min.css"));
            link rel="stylesheet" href=(assets::url("app.css"));
            // Refused forms (422, 409) come back with their errors: swap them in.
            meta name="htmx-config" content=r#"{"includeIndicatorStyles":false,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"422","swap":true},{"code":"409","swap":true},{"code":"[45]..","swap":false,"error":true}]}"#;
            meta name="ui-texts" content=(ui_texts());
            script src=(assets::url("htmx.min.js")) defer {}
            script src=(assets::url("app.js")) defer {}
        }
    }
}

/// A page for a logged-in user, with the console's top bar.
pub fn page(viewer: &Viewer, title: &str, body: Markup) -> Markup {
    page_in(viewer, None, title, body)
}

/// A page of one organisation (its URL names it, or a domain of it): the
/// header's switcher shows its name.
pub fn page_in(viewer: &Viewer, org: Option<OrgId>, title: &str, body: Markup) -> Markup {
    let htmx_headers = serde_json::json!({ CSRF_HEADER: viewer.csrf() }).to_string();
    html! {
        (DOCTYPE)
        html lang=(crate::i18n::current().code()) {
            (head(title))
            body hx-headers=(htmx_headers) {
                a.skip href="#main" { (t!("skip-to-content")) }
                header.topbar {
                    nav.container-fluid aria-label=(t!("main")) {
                        ul {
                            li { a.brand href=(urls::SERVICES) { (logo()) span { (BRAND) } } }
                            (switcher(&viewer.session.organisations, org))
                        }
                        ul {
                            li { a href=(urls::SERVICES) { (t!("services")) } }
                            @if viewer.session.user.operator {
                                li { a href=(urls::OPERATOR) { (t!("operator-console")) } }
                            }
                            // Only for those the pages serve (they refuse anyone else too).
                            @if viewer.session.manages {
                                li { a href=(urls::OUTBOX) { (t!("outbox")) } }
                                li { a href=(urls::JOBS) { (t!("jobs")) } }
                            }
                            li.who { a href=(urls::ACCOUNT) { (viewer.session.user.login) } }
                            li {
                                form method="post" action=(urls::LOGOUT) {
                                    (viewer.csrf_field())
                                    button.secondary.outline.small type="submit" { (t!("log-out")) }
                                }
                            }
                        }
                    }
                }
                main.container #main { (body) }
                (footer(viewer.csrf()))
            }
        }
    }
}

/// The organisation a page is in, by name, and a way to the others: one
/// name alone when the person is in one organisation.
fn switcher(organisations: &[(OrgId, String)], current: Option<OrgId>) -> Markup {
    let named = current.and_then(|id| organisations.iter().find(|(o, _)| *o == id));
    html! {
        @match organisations {
            [] => {}
            [(_, name)] => {
                li.organisation { span.org-name title=(name) { span.visually-hidden { (t!("organisation")) ": " } (name) } }
            }
            _ => {
                li.organisation {
                    details.dropdown {
                        summary {
                            span.visually-hidden { (t!("organisation")) ": " }
                            span.org-name { @match named { Some((_, name)) => (name), None => (t!("all-organisations")) } }
                        }
                        ul {
                            li { a href=(urls::SERVICES) aria-current=[current.is_none().then_some("page")] { (t!("all-organisations")) } }
                            @for (id, name) in organisations {
                                li { a href=(urls::organisation(id)) aria-current=[(current == Some(*id)).then_some("page")] { (name) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A page without the console (setup, login, errors).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(crate::i18n::current().code()) {
            (head(title))
            body.bare {
                main.container.narrow #main {
                    p.brand-line { (logo()) span { (BRAND) } }
                    (body)
                }
                (footer_links())
            }
        }
    }
}

/// The few texts app.js writes itself, in the page's language: the same on
/// every page, so made once per language.
fn ui_texts() -> &'static str {
    static MADE: [std::sync::OnceLock<String>; 4] = [const { std::sync::OnceLock::new() }; 4];
    MADE[crate::i18n::current().index()].get_or_init(texts_for_scripts)
}

fn texts_for_scripts() -> String {
    serde_json::json!({
        "strength": [t!("strength-too-short"), t!("strength-weak"), t!("strength-fair"), t!("strength-good"), t!("strength-strong")],
        "table": t!("ui-table"),
        "scrolls": t!("ui-scrolls-sideways", name = "{name}"),
        "copied": t!("ui-copied"),
    })
    .to_string()
}

/// The product's name, the same in every language.
const BRAND: &str = "Mailroom";

/// The language selector of a signed-in page: saved to the account.
fn footer(csrf: &str) -> Markup {
    let current = crate::i18n::current();
    html! {
        footer.container.site-footer {
            form.language method="post" action=(urls::LANGUAGE) {
                (super::viewer::csrf_field(csrf))
                label for="footer-lang" { (t!("language")) }
                select #footer-lang name="lang" data-autosubmit {
                    @for lang in crate::model::Lang::ALL {
                        option value=(lang.code()) lang=(lang.code()) selected[lang == current] { (lang.native_name()) }
                    }
                }
                button.secondary.outline.small type="submit" { (t!("language-change")) }
            }
        }
    }
}

/// The language links of a page without the console (login, invitations,
/// errors): remembered by this browser, for whoever is not signed in.
fn footer_links() -> Markup {
    let current = crate::i18n::current();
    html! {
        footer.container.narrow.site-footer {
            nav aria-label=(t!("language")) {
                ul {
                    @for lang in crate::model::Lang::ALL {
                        li {
                            @if lang == current {
                                strong aria-current="true" lang=(lang.code()) { (lang.native_name()) }
                            } @else {
                                a href=(urls::language(lang)) hreflang=(lang.code()) lang=(lang.code()) { (lang.native_name()) }
                            }
                        }
                    }
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

/// A stored time as a date, as the page's language writes it (UTC).
pub fn date(unix: i64) -> String {
    crate::i18n::date(crate::i18n::current(), unix)
}

/// A stored time with hours and minutes, as the page's language writes it.
pub fn date_time(unix: i64) -> String {
    crate::i18n::date_time(crate::i18n::current(), unix)
}

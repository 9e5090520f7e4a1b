//! The messages Mailroom sends, as plain text and HTML with one link, in
//! the language of whoever receives them (catalogue `mail.ftl`).

use maud::html;

use crate::model::Lang;

/// A rendered message, ready to be stored and delivered.
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub link: String,
    /// The link is a secret for the recipient alone.
    pub private: bool,
}

fn render(lang: Lang, subject: String, lines: &[String], action: &str, link: &str) -> Rendered {
    let signature = tl!(lang, "mail-signature");
    let text = format!(
        "{}\n\n{action}: {link}\n\n-- \n{signature}\n",
        lines.join("\n\n")
    );
    let html = html! {
        (maud::DOCTYPE)
        html lang=(lang.code()) {
            body style="font-family: sans-serif; line-height: 1.5" {
                @for line in lines { p { (line) } }
                p { a href=(link) style="display:inline-block;padding:.6em 1.2em;background:#2f5bd3;color:#fff;text-decoration:none;border-radius:.3em" { (action) } }
                p style="color:#666;font-size:.9em" { (tl!(lang, "mail-or-open", link = link)) }
            }
        }
    }
    .into_string();
    Rendered {
        subject,
        text,
        html,
        link: link.to_owned(),
        private: true,
    }
}

/// An invitation onto an address, for a member or someone outside.
pub fn invitation(
    lang: Lang,
    inviter: &str,
    address: &str,
    organisation: &str,
    link: &str,
    expires: &str,
) -> Rendered {
    render(
        lang,
        tl!(
            lang,
            "mail-invitation-subject",
            inviter = inviter,
            address = address
        ),
        &[
            tl!(
                lang,
                "mail-invitation-body",
                inviter = inviter,
                organisation = organisation,
                address = address
            ),
            tl!(lang, "mail-invitation-valid", expires = expires),
        ],
        &tl!(lang, "mail-invitation-action"),
        link,
    )
}

/// An operator's invitation to become an organisation's owner.
pub fn owner_invitation(lang: Lang, organisation: &str, link: &str, expires: &str) -> Rendered {
    render(
        lang,
        tl!(
            lang,
            "mail-owner-invitation-subject",
            organisation = organisation
        ),
        &[
            tl!(
                lang,
                "mail-owner-invitation-body",
                organisation = organisation
            ),
            tl!(lang, "mail-invitation-valid", expires = expires),
        ],
        &tl!(lang, "mail-invitation-action"),
        link,
    )
}

/// The link that creates an account signed up with an email of one's own.
pub fn confirm_sign_up(lang: Lang, address: &str, login: &str, link: &str) -> Rendered {
    render(
        lang,
        tl!(lang, "mail-sign-up-subject", address = address),
        &[
            tl!(lang, "mail-sign-up-body", login = login, address = address),
            tl!(lang, "mail-sign-up-when"),
        ],
        &tl!(lang, "mail-sign-up-action"),
        link,
    )
}

/// A forgotten-password link.
pub fn password_reset(lang: Lang, login: &str, link: &str) -> Rendered {
    render(
        lang,
        tl!(lang, "mail-reset-subject"),
        &[
            tl!(lang, "mail-reset-body", login = login),
            tl!(lang, "mail-reset-when"),
        ],
        &tl!(lang, "mail-reset-action"),
        link,
    )
}

/// A member was given access to an address at once: its link is the
/// address's page, behind the member's own login, so no secret.
pub fn access_granted(lang: Lang, granter: &str, address: &str, link: &str) -> Rendered {
    let rendered = render(
        lang,
        tl!(lang, "mail-granted-subject", address = address),
        &[tl!(
            lang,
            "mail-granted-body",
            granter = granter,
            address = address
        )],
        &tl!(lang, "mail-granted-action"),
        link,
    );
    Rendered {
        private: false,
        ..rendered
    }
}

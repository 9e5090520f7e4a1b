//! The messages Mailroom sends, as plain text and HTML with one link.

use maud::html;

/// A rendered message, ready to be stored and delivered.
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub link: String,
}

fn render(subject: String, lines: &[String], action: &str, link: &str) -> Rendered {
    let text = format!(
        "{}\n\n{action}: {link}\n\n-- \nSent by Mailroom\n",
        lines.join("\n\n")
    );
    let html = html! {
        (maud::DOCTYPE)
        html {
            body style="font-family: sans-serif; line-height: 1.5" {
                @for line in lines { p { (line) } }
                p { a href=(link) style="display:inline-block;padding:.6em 1.2em;background:#2f5bd3;color:#fff;text-decoration:none;border-radius:.3em" { (action) } }
                p style="color:#666;font-size:.9em" { "Or open this link: " (link) }
            }
        }
    }
    .into_string();
    Rendered {
        subject,
        text,
        html,
        link: link.to_owned(),
    }
}

/// An invitation onto an address, for a member or someone outside.
pub fn invitation(
    inviter: &str,
    address: &str,
    organisation: &str,
    link: &str,
    expires: &str,
) -> Rendered {
    render(
        format!("{inviter} invites you to use {address}"),
        &[
            format!(
                "{inviter} ({organisation}) invites you to use the email address {address} with Mailroom."
            ),
            format!("The invitation is valid until {expires}."),
        ],
        "Accept the invitation",
        link,
    )
}

/// The link that creates an account signed up with an email of one's own.
pub fn confirm_sign_up(address: &str, login: &str, link: &str) -> Rendered {
    render(
        format!("Confirm your Mailroom account to use {address}"),
        &[
            format!(
                "Someone (we hope you) signed up with {login} to use the email address {address}."
            ),
            "Your account is created when you open this link, within 24 hours. If it was not you, ignore this message: nothing happens.".to_owned(),
        ],
        "Confirm and create the account",
        link,
    )
}

/// A forgotten-password link.
pub fn password_reset(login: &str, link: &str) -> Rendered {
    render(
        "Reset your Mailroom password".to_owned(),
        &[
            format!("Someone (we hope you) asked to reset the password of {login}."),
            "The link works once, within an hour. If it was not you, ignore this message: your password stays as it is.".to_owned(),
        ],
        "Choose a new password",
        link,
    )
}

/// A member was given access to an address at once.
pub fn access_granted(granter: &str, address: &str, link: &str) -> Rendered {
    render(
        format!("You can now use {address}"),
        &[format!(
            "{granter} gave you access to the email address {address}."
        )],
        "Open the address",
        link,
    )
}

//! Outgoing mail: messages rendered from templates, and the transport that
//! delivers them (SMTP through lettre, or the outbox when no server is set).

pub mod templates;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::model::Message;

/// What happened to a message handed to the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// No SMTP server: it stays in the outbox for an admin to read.
    KeptInOutbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP URL is not valid: {0}")]
    Url(String),
    #[error("the sender address is not valid: {0}")]
    From(String),
}

pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    /// `smtp_url`: `smtp://user:pass@host:587?tls=required`, `smtps://…`, or
    /// `smtp://127.0.0.1:2525` for a local relay; `None` keeps mail in the outbox.
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Self, MailError> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| MailError::From(format!("{from}: {e}")))?;
        let transport = match smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(&with_lettre_tls_names(url))
                    .map_err(|e| MailError::Url(e.to_string()))?
                    .timeout(Some(std::time::Duration::from_secs(30)))
                    .build(),
            ),
            None => None,
        };
        Ok(Self { transport, from })
    }

    pub fn has_smtp(&self) -> bool {
        self.transport.is_some()
    }

    /// Delivers one message; the error is the server's reply, for the outbox.
    pub async fn deliver(&self, message: &Message) -> Result<Delivery, String> {
        let Some(transport) = &self.transport else {
            return Ok(Delivery::KeptInOutbox);
        };
        let to: Mailbox = message
            .to
            .to_ascii()
            .parse()
            .map_err(|e| format!("the recipient cannot be addressed: {e}"))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .message_id(Some(format!(
                "<mailroom-{}@{}>",
                message.id,
                self.from.email.domain()
            )))
            .multipart(MultiPart::alternative_plain_html(
                message.text.clone(),
                message.html.clone(),
            ))
            .map_err(|e| format!("the message could not be built: {e}"))?;
        transport
            .send(email)
            .await
            .map(|_| Delivery::Sent)
            .map_err(|e| e.to_string())
    }
}

/// `tls=starttls` is the name people use for what lettre calls
/// `tls=required` (STARTTLS, refusing to go on without it).
fn with_lettre_tls_names(url: &str) -> String {
    url.replace("tls=starttls", "tls=required")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn smtp_urls_in_every_documented_form() {
        for url in [
            "smtp://user:pass@mail.example.org:587?tls=starttls",
            "smtp://user:pass@mail.example.org:587?tls=required",
            "smtps://user:pass@mail.example.org",
            "smtp://127.0.0.1:2525",
        ] {
            let mailer = Mailer::new(Some(url), "Mailroom <mailroom@example.org>");
            assert!(mailer.is_ok_and(|m| m.has_smtp()), "{url}");
        }
        assert!(matches!(
            Mailer::new(Some("http://nope"), "a@example.org"),
            Err(MailError::Url(_))
        ));
        assert!(matches!(
            Mailer::new(None, "not an address"),
            Err(MailError::From(_))
        ));
        assert!(!Mailer::new(None, "a@example.org").unwrap().has_smtp());
    }
}

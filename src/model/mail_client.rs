//! Where mail programs connect: the same for every address of an install.

/// What mail programs are told to connect to, shown on every address page.
#[derive(Debug, Clone)]
pub struct MailClientSettings {
    /// The mail server's host name; `{domain}` stands for the service's domain.
    pub host: String,
    /// IMAP over TLS.
    pub imap_port: u16,
    /// SMTP submission over TLS.
    pub submission_port: u16,
    /// Where the webmail is; no webmail link is shown without one.
    pub webmail_url: Option<String>,
}

impl Default for MailClientSettings {
    fn default() -> Self {
        Self {
            host: "mail.{domain}".into(),
            imap_port: 993,
            submission_port: 465,
            webmail_url: None,
        }
    }
}

impl MailClientSettings {
    pub fn host_for(&self, domain_ascii: &str) -> String {
        self.host.replace("{domain}", domain_ascii)
    }
}

//! Settings shared by the server and the commands. Flags win over
//! `MAILROOM_*` environment variables, which win over the defaults (clap
//! reads both in `main.rs`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::app::AppSettings;

pub const DATABASE_FILE: &str = "mailroom.redb";

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// Mark cookies `Secure`: set when a TLS proxy stands in front.
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub deleted_retention: Duration,
    pub mail_client: MailClientSettings,
}

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

impl Config {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir,
            secure_cookies: false,
            session_idle: AppSettings::default().session_idle,
            deleted_retention: AppSettings::default().deleted_retention,
            mail_client: MailClientSettings::default(),
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    pub fn app_settings(&self) -> AppSettings {
        AppSettings {
            session_idle: self.session_idle,
            deleted_retention: self.deleted_retention,
        }
    }
}

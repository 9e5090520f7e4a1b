//! The command line's groups of subcommands, and what they share: opening
//! the database and reading a password from standard input.

pub mod addresses;
pub mod auto_reply;
pub mod dns;
pub mod mailserver;
pub mod maintenance;
pub mod operator_tokens;
pub mod operators;
pub mod serve;
pub mod sharing;
pub mod store;
pub mod tokens;

use std::io::Read;

use anyhow::Context;
use mailroom::{App, Config};

/// The limits on an imported CSV file, the same for the web (`serve`) and
/// `mailroom import`.
#[derive(clap::Args, Debug, Clone)]
pub struct ImportLimitArgs {
    /// Most rows a CSV file to import may have
    #[arg(long, env = "MAILROOM_IMPORT_MAX_ROWS", default_value_t = 100_000)]
    pub import_max_rows: usize,
    /// Largest CSV file to import, in bytes
    #[arg(long, env = "MAILROOM_IMPORT_MAX_BYTES", default_value_t = 20 * 1024 * 1024)]
    pub import_max_bytes: usize,
}

impl ImportLimitArgs {
    pub fn apply(&self, config: &mut Config) {
        config.imports = mailroom::app::ImportLimits {
            max_bytes: self.import_max_bytes,
            max_rows: self.import_max_rows,
        };
    }
}

/// What mail programs are told to connect to (and what the DNS records
/// should name), the same for `serve` and `dns check`.
#[derive(clap::Args, Debug, Clone)]
pub struct MailClientArgs {
    /// Mail server host name shown to mail programs; {domain} is the service's domain
    #[arg(long, env = "MAILROOM_MAIL_HOST", default_value = "mail.{domain}")]
    pub mail_host: String,
    /// IMAP port (TLS) shown to mail programs
    #[arg(long, env = "MAILROOM_IMAP_PORT", default_value_t = 993)]
    pub imap_port: u16,
    /// SMTP submission port (TLS) shown to mail programs
    #[arg(long, env = "MAILROOM_SUBMISSION_PORT", default_value_t = 465)]
    pub submission_port: u16,
    /// Webmail address offered after an address is created
    #[arg(long, env = "MAILROOM_WEBMAIL_URL")]
    pub webmail_url: Option<String>,
}

impl MailClientArgs {
    pub fn settings(&self) -> mailroom::config::MailClientSettings {
        mailroom::config::MailClientSettings {
            host: self.mail_host.clone(),
            imap_port: self.imap_port,
            submission_port: self.submission_port,
            webmail_url: self
                .webmail_url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        }
    }
}

pub fn open(config: &Config) -> anyhow::Result<App> {
    Ok(App::open_at(&config.store_at(), config.app_settings())?)
}

pub fn read_stdin_password() -> anyhow::Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("reading the password from standard input")?;
    Ok(input.trim_end_matches(['\r', '\n']).to_owned())
}

/// Commands act as the owner of the organisation the domain belongs to.
pub fn owner_of(
    app: &App,
    domain: &mailroom::model::Domain,
) -> anyhow::Result<mailroom::app::Actor> {
    match app.organisations().owner_of_domain(domain) {
        Err(mailroom::app::AppError::NotFound) => {
            anyhow::bail!(mailroom::t!("cli-no-service", domain = domain))
        }
        other => Ok(other?),
    }
}

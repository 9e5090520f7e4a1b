//! Settings shared by the server and the commands. Flags win over
//! `MAILROOM_*` environment variables, which win over the defaults (clap
//! reads both in `main.rs`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::app::AppSettings;
pub use crate::model::MailClientSettings;

pub const DATABASE_FILE: &str = "mailroom.redb";

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// Mark cookies `Secure`: set when a TLS proxy stands in front.
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub session_max: Duration,
    pub deleted_retention: Duration,
    pub mail_client: MailClientSettings,
    pub mail_server: MailServerSettings,
    /// Where outgoing mail goes; `None` keeps it in the outbox.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// How people reach this Mailroom, for links in messages; by default
    /// the listen address.
    pub public_url: Option<String>,
    pub jobs: crate::jobs::JobSettings,
    /// Reverse proxies whose X-Forwarded-For / Forwarded name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The header they name it in.
    pub client_ip_header: axum::http::HeaderName,
    pub imports: crate::app::ImportLimits,
    /// How much of the database file to keep in memory.
    pub cache: crate::app::CacheSize,
    /// The server's own backups, when asked for.
    pub backups: Option<crate::app::BackupSchedule>,
    pub api_rate: crate::app::ApiRate,
    /// The DNS server checks ask; `None`: the system's resolver.
    pub dns_resolver: Option<SocketAddr>,
    /// How often the server checks every domain's DNS; `None`: never.
    pub dns_check_every: Option<Duration>,
    /// Where the records are; `None`: the redb file in the data folder.
    pub store: Option<crate::app::StoreAt>,
}

/// How the mail server reaches Mailroom.
#[derive(Debug, Clone)]
pub struct MailServerSettings {
    /// Postfix's socketmap listener; `None` turns it off.
    pub socketmap_listen: Option<crate::mailserver::socketmap::Listen>,
    /// The loopback HTTP listener for Dovecot's Lua lookups; `None` turns it off.
    pub internal_listen: Option<SocketAddr>,
    /// The secret Dovecot sends; read from the data folder when not given.
    pub dovecot_secret: Option<String>,
    /// The bearer secret a metrics scraper sends; read from the data
    /// folder when not given.
    pub metrics_secret: Option<String>,
    /// The operator knows the internal listener is on a non-loopback
    /// address (behind a firewall or a TLS tunnel).
    pub internal_listen_public: bool,
    /// A passwd-file kept current after every change, for Dovecot without Lua.
    pub dovecot_passwd_file: Option<PathBuf>,
    /// Where OpenDKIM's tables and the signing keys are kept current.
    pub dkim_dir: Option<PathBuf>,
    /// Dovecot's doveadm HTTP API (ends sessions, empties removed mailboxes).
    pub doveadm: Option<crate::doveadm::DoveadmSettings>,
    pub socketmap_limits: crate::mailserver::socketmap::Limits,
}

impl Default for MailServerSettings {
    fn default() -> Self {
        Self {
            socketmap_listen: Some(crate::mailserver::socketmap::Listen::Tcp(SocketAddr::from(
                ([127, 0, 0, 1], 10026),
            ))),
            internal_listen: Some(SocketAddr::from(([127, 0, 0, 1], 10027))),
            dovecot_secret: None,
            metrics_secret: None,
            internal_listen_public: false,
            dovecot_passwd_file: None,
            dkim_dir: None,
            doveadm: None,
            socketmap_limits: Default::default(),
        }
    }
}

pub const DOVECOT_SECRET_FILE: &str = "dovecot.secret";

/// The internal listener's credentials: one each, so that what the mail
/// server holds (the Dovecot script's secret, readable by Dovecot) cannot
/// fetch a backup of the whole database or read the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternalSecret {
    /// Dovecot's password checks and mailbox lookups.
    Dovecot,
    /// `GET /internal/backup`, for `mailroom backup` on the same machine.
    Backup,
    /// `GET /metrics`, for a Prometheus scraper (a bearer token).
    Metrics,
}

impl InternalSecret {
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Dovecot => DOVECOT_SECRET_FILE,
            Self::Backup => "backup.secret",
            Self::Metrics => "metrics.secret",
        }
    }
}

impl Config {
    /// The Dovecot secret: the configured one, else the one kept in the data
    /// folder (made on first use, readable by its owner only).
    pub fn dovecot_secret(&self) -> std::io::Result<String> {
        self.internal_secret(InternalSecret::Dovecot)
    }

    /// The secret given on the command line or in the environment, if any.
    pub fn configured_secret(&self, kind: InternalSecret) -> Option<String> {
        let configured = match kind {
            InternalSecret::Dovecot => &self.mail_server.dovecot_secret,
            InternalSecret::Metrics => &self.mail_server.metrics_secret,
            InternalSecret::Backup => &None,
        };
        configured.clone().filter(|s| !s.is_empty())
    }

    /// One of the internal listener's secrets: the configured one, else
    /// the one kept in the data folder (made on first use, 0600).
    pub fn internal_secret(&self, kind: InternalSecret) -> std::io::Result<String> {
        if let Some(secret) = self.configured_secret(kind) {
            return Ok(secret);
        }
        let path = self.data_dir.join(kind.file_name());
        match std::fs::read_to_string(&path) {
            Ok(secret) if !secret.trim().is_empty() => return Ok(secret.trim().to_owned()),
            // Empty (a write cut short): made again below.
            Ok(_) => std::fs::remove_file(&path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        crate::app::create_private_dir(&self.data_dir)?;
        let secret = crate::app::random_token();
        // Made once, exclusively, never through a symlink, owner-only.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        std::io::Write::write_all(&mut options.open(&path)?, secret.as_bytes())?;
        Ok(secret)
    }
}

impl Config {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir,
            secure_cookies: false,
            session_idle: AppSettings::default().session_idle,
            session_max: AppSettings::default().session_max,
            deleted_retention: AppSettings::default().deleted_retention,
            mail_client: MailClientSettings::default(),
            mail_server: MailServerSettings::default(),
            smtp_url: None,
            mail_from: "Mailroom <mailroom@localhost>".into(),
            public_url: None,
            jobs: crate::jobs::JobSettings::default(),
            trusted_proxies: Vec::new(),
            client_ip_header: axum::http::HeaderName::from_static("x-forwarded-for"),
            imports: crate::app::ImportLimits::default(),
            cache: crate::app::CacheSize::Auto,
            backups: None,
            api_rate: crate::app::ApiRate::default(),
            dns_resolver: None,
            dns_check_every: Some(Duration::from_secs(6 * 60 * 60)),
            store: None,
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    /// Where the records are: `--store`, else the file in the data folder.
    pub fn store_at(&self) -> crate::app::StoreAt {
        self.store
            .clone()
            .unwrap_or_else(|| crate::app::StoreAt::File(self.database_path()))
    }

    pub fn app_settings(&self) -> AppSettings {
        AppSettings {
            session_idle: self.session_idle,
            session_max: self.session_max,
            deleted_retention: self.deleted_retention,
            jobs: self.jobs.clone(),
            imports: self.imports.clone(),
            doveadm: self.mail_server.doveadm.clone(),
            cache: self.cache,
            api_rate: self.api_rate,
            mail_client: self.mail_client.clone(),
            dns_resolver: self.dns_resolver,
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.listen))
                .trim_end_matches('/')
                .to_owned(),
        }
    }
}

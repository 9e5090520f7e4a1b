//! `mailroom serve` (the default): its flags and starting the server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser};
use mailroom::Config;

#[derive(Args)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "MAILROOM_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Mark cookies Secure (set this behind a TLS proxy)
    #[arg(long, env = "MAILROOM_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Reverse proxies (addresses or CIDR networks, comma-separated) whose --client-ip-header
    /// names the client; from anyone else it is ignored
    #[arg(long, env = "MAILROOM_TRUSTED_PROXIES", value_delimiter = ',',
          value_parser = mailroom::http::client_ip::parse_trusted)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// The one header the trusted proxies name the client in (X-Forwarded-For, Forwarded,
    /// X-Real-IP…); its right-most hop no trusted proxy stands for is the client
    #[arg(long, env = "MAILROOM_CLIENT_IP_HEADER", default_value = "X-Forwarded-For",
          value_parser = mailroom::http::client_ip::parse_header)]
    client_ip_header: axum::http::HeaderName,
    /// How long deleted addresses stay restorable (and their names reserved), e.g. 7d, 36h
    #[arg(long, env = "MAILROOM_DELETED_RETENTION", default_value = "7d", value_parser = humantime::parse_duration)]
    deleted_retention: Duration,
    /// Log out sessions this many days after they were opened, however much they are used
    #[arg(long, env = "MAILROOM_SESSION_MAX_DAYS", default_value_t = 30)]
    session_max_days: u64,
    #[command(flatten)]
    import_limits: super::ImportLimitArgs,
    /// Megabytes of the database to keep in memory; by default the file's size when the server
    /// starts and a quarter more, between 32 and 512
    #[arg(long, env = "MAILROOM_CACHE_MB")]
    cache_mb: Option<usize>,
    /// Requests per second each API token may make (more are answered 429)
    #[arg(long, env = "MAILROOM_API_RATE", default_value_t = 50)]
    api_rate: u32,
    /// Requests an API token may make at once before --api-rate applies
    #[arg(long, env = "MAILROOM_API_BURST", default_value_t = 100)]
    api_burst: u32,
    /// Folder for the server's own backups (none without it)
    #[arg(long, env = "MAILROOM_BACKUP_DIR")]
    backup_dir: Option<std::path::PathBuf>,
    /// How often the server backs itself up into --backup-dir, e.g. 24h, 6h
    #[arg(long, env = "MAILROOM_BACKUP_EVERY", default_value = "24h", value_parser = humantime::parse_duration)]
    backup_every: Duration,
    /// How many of its backups the server keeps (the newest)
    #[arg(long, env = "MAILROOM_BACKUP_KEEP", default_value_t = 7)]
    backup_keep: usize,
    /// Log out sessions idle for this many minutes
    #[arg(long, env = "MAILROOM_SESSION_IDLE_MINUTES", default_value_t = 12 * 60)]
    session_idle_minutes: u64,
    #[command(flatten)]
    mail_client: super::MailClientArgs,
    /// The DNS server the DNS tab and the periodic check ask (IP:PORT); the system's by default
    #[arg(long, env = "MAILROOM_DNS_RESOLVER")]
    dns_resolver: Option<std::net::SocketAddr>,
    /// How long a job may run before it is taken back and run again (by this node or another
    /// sharing the store): a node that dies hands its jobs over after this
    #[arg(long, env = "MAILROOM_JOB_LEASE", default_value = "2m", value_parser = humantime::parse_duration)]
    job_lease: Duration,
    /// How often every domain's DNS records are checked, e.g. 6h; 0 turns it off
    #[arg(long, env = "MAILROOM_DNS_CHECK_EVERY", default_value = "6h", value_parser = humantime::parse_duration)]
    dns_check_every: Duration,
    #[command(flatten)]
    mail_server: MailServerArgs,
    /// SMTP server for outgoing mail, e.g. smtp://user:pass@host:587?tls=required, smtps://…,
    /// or smtp://127.0.0.1:2525; without it, messages stay in the outbox shown to admins
    #[arg(long, env = "MAILROOM_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of outgoing mail
    #[arg(
        long,
        env = "MAILROOM_MAIL_FROM",
        default_value = "Mailroom <mailroom@localhost>"
    )]
    mail_from: String,
    /// How people reach this Mailroom (for links in messages), e.g. https://mail.example.org
    #[arg(long, env = "MAILROOM_PUBLIC_URL")]
    public_url: Option<String>,
    /// Keep a Dovecot passwd-file current after every change (for Dovecot without Lua)
    #[arg(long, env = "MAILROOM_DOVECOT_PASSWD_FILE")]
    dovecot_passwd_file: Option<PathBuf>,
}

/// How Postfix and Dovecot reach Mailroom (shared by serve and mailserver-config).
#[derive(Args, Clone)]
pub struct MailServerArgs {
    /// Socketmap listener for Postfix (HOST:PORT or a unix socket path; "off" to disable)
    #[arg(
        long,
        env = "MAILROOM_SOCKETMAP_LISTEN",
        default_value = "127.0.0.1:10026"
    )]
    socketmap_listen: String,
    /// Loopback HTTP listener for Dovecot's lookups ("off" to disable)
    #[arg(
        long,
        env = "MAILROOM_INTERNAL_LISTEN",
        default_value = "127.0.0.1:10027"
    )]
    internal_listen: String,
    /// Secret Dovecot sends with each lookup (default: one kept in the data folder)
    #[arg(long, env = "MAILROOM_DOVECOT_SECRET", hide_env_values = true)]
    dovecot_secret: Option<String>,
    /// Bearer secret a metrics scraper sends for /metrics (default: one kept in the data
    /// folder, metrics.secret)
    #[arg(long, env = "MAILROOM_METRICS_SECRET", hide_env_values = true)]
    metrics_secret: Option<String>,
    /// Allow --internal-listen on an address that is not loopback (it has no TLS: only behind a
    /// firewall or a tunnel that guards it)
    #[arg(long, env = "MAILROOM_INTERNAL_LISTEN_PUBLIC")]
    internal_listen_public: bool,
    #[command(flatten)]
    pub doveadm: DoveadmArgs,
    /// Folder where OpenDKIM's key and signing tables and the signing keys (0600) are kept
    /// current; the OpenDKIMs run as Mailroom's user and are told to reload (none without it)
    #[arg(long, env = "MAILROOM_DKIM_DIR")]
    pub dkim_dir: Option<std::path::PathBuf>,
}

impl MailServerArgs {
    pub fn apply(&self, config: &mut Config) -> anyhow::Result<()> {
        config.mail_server.socketmap_listen = match self.socketmap_listen.as_str() {
            "off" => None,
            value => Some(
                value
                    .parse()
                    .map_err(|e: String| anyhow::anyhow!("--socketmap-listen: {e}"))?,
            ),
        };
        config.mail_server.internal_listen = match self.internal_listen.as_str() {
            "off" => None,
            value => Some(value.parse().context("--internal-listen")?),
        };
        config.mail_server.dovecot_secret = self.dovecot_secret.clone();
        config.mail_server.metrics_secret = self.metrics_secret.clone();
        config.mail_server.internal_listen_public = self.internal_listen_public;
        config.mail_server.dkim_dir = self.dkim_dir.clone();
        config.mail_server.doveadm = self.doveadm.settings()?;
        Ok(())
    }
}

/// Where Mailroom reaches Dovecot's doveadm API: the server's, and the
/// commands' that queue work for it (an out-of-office reply).
#[derive(Args, Debug, Clone, Default)]
pub struct DoveadmArgs {
    /// Dovecot's doveadm HTTP API, e.g. http://127.0.0.1:8081: open mail sessions end the moment
    /// access ends, removed mailboxes are emptied, out-of-office replies are installed (without
    /// it, sessions end when they close)
    #[arg(long, env = "MAILROOM_DOVEADM_URL", requires = "doveadm_key")]
    pub doveadm_url: Option<String>,
    /// The doveadm_api_key Dovecot is configured with
    #[arg(long, env = "MAILROOM_DOVEADM_KEY", hide_env_values = true)]
    pub doveadm_key: Option<String>,
}

impl DoveadmArgs {
    pub fn settings(&self) -> anyhow::Result<Option<mailroom::doveadm::DoveadmSettings>> {
        match (&self.doveadm_url, &self.doveadm_key) {
            (Some(url), Some(key)) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    anyhow::bail!(
                        "--doveadm-url: give an http:// address, e.g. http://127.0.0.1:8081"
                    );
                }
                Ok(Some(mailroom::doveadm::DoveadmSettings {
                    url: url.clone(),
                    key: key.clone(),
                }))
            }
            _ => Ok(None),
        }
    }
}

impl ServeArgs {
    pub fn parse_defaults() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            args: ServeArgs,
        }
        Only::parse_from(["mailroom"]).args
    }
}

pub fn run(mut config: Config, args: ServeArgs) -> anyhow::Result<()> {
    config.listen = args.listen;
    config.secure_cookies = args.secure_cookies;
    config.trusted_proxies = args.trusted_proxies;
    config.client_ip_header = args.client_ip_header;
    config.session_idle = Duration::from_secs(args.session_idle_minutes.max(1) * 60);
    config.session_max = Duration::from_secs(args.session_max_days.max(1) * 24 * 60 * 60);
    config.deleted_retention = args.deleted_retention;
    args.import_limits.apply(&mut config);
    config.backups = args.backup_dir.map(|dir| mailroom::app::BackupSchedule {
        dir,
        every: args.backup_every.max(Duration::from_secs(1)),
        keep: args.backup_keep.max(1),
    });
    config.api_rate = mailroom::app::ApiRate {
        per_second: args.api_rate.max(1),
        burst: args.api_burst.max(1),
    };
    if let Some(mb) = args.cache_mb {
        config.cache = mailroom::app::CacheSize::Bytes(mb.max(1).saturating_mul(1024 * 1024));
    }
    args.mail_server.apply(&mut config)?;
    config.mail_server.dovecot_passwd_file = args.dovecot_passwd_file;
    config.smtp_url = args.smtp_url;
    config.mail_from = args.mail_from;
    config.public_url = args.public_url;
    config.mail_client = args.mail_client.settings();
    config.dns_resolver = args.dns_resolver;
    config.dns_check_every = (!args.dns_check_every.is_zero()).then_some(args.dns_check_every);
    if args.job_lease < Duration::from_secs(1) {
        anyhow::bail!(
            "--job-lease must be at least 1s: a shorter lease takes jobs back while they run"
        );
    }
    config.jobs.lease = args.job_lease;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(mailroom::server::run(config))
}

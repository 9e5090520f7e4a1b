//! Use cases: the only writer. A use case takes the actor and references to
//! what it acts on (a domain, an address's name, ids); inside one write
//! transaction it resolves them, checks the actor's rights as they are in
//! that transaction (`access.rs`), validates, and commits its change with
//! its audit event and any job it enqueues. Read use cases return page
//! models; write use cases return ids and plain results.
//!
//! One file per capability. Every function here blocks (redb, argon2):
//! async callers use `spawn_blocking`.

mod accept;
mod access;
mod accounts;
mod address_settings;
mod address_users;
mod addresses;
mod audit;
mod auto_reply;
mod capabilities;
mod dashboard;
mod deletion;
mod devices;
mod dns;
mod dns_check;
mod error;
mod error_text;
mod for_whom;
mod idempotency;
mod import_batch;
mod import_check;
mod imports;
mod invitations;
mod key_file;
mod language;
mod limits;
mod links;
mod maintenance;
mod members;
mod operator_tokens;
mod operators;
mod org_deletion;
mod org_settings;
mod organisation_list;
mod outbox;
mod owner_invitation;
mod quota;
mod reset;
mod services;
mod sessions;
mod shared_throttle;
mod sign_up;
mod store_copy;
#[cfg(test)]
mod tests;
mod token_revocation;
mod tokens;
mod two_factor;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How much of the database to keep in memory (a setting of the store).
pub use crate::store::{CacheSize, StoreAt};
pub use accept::{Accepted, Offer, SignUp, Token};
pub use access::{AddressRef, AddressView, ServiceView, Who};
pub use accounts::{NewSession, SessionInfo, random_token};
pub use address_users::{ShareMode, ShareWith, Shared};
pub use addresses::NewAddress;
pub use audit::{HistoryEntry, HistoryPage};
pub use auto_reply::{AutoReplyChange, AutoReplyView, MAILROOM_SIEVE, idle_sieve_script};
pub use capabilities::{
    Accounts, Addresses, Devices, Imports, Operations, Operators, Organisations, Services, Sharing,
    Tokens,
};
pub use dashboard::Dashboard;
pub use devices::{DeviceRow, NewDevicePassword};
pub use dns::{DKIM_GRACE, DnsView};
pub use dns_check::live_dns_check;
pub use error::{AppError, Conflict, LinkProblem, Rejection};
pub use for_whom::{ForWhom, PermissionChoice};
pub use idempotency::{Claim, fingerprint};
pub use imports::{ImportLimits, PREVIEW_PAGE, Preview, Totals};
pub use invitations::INVITATION_DAYS;
pub use links::LINK_DAYS;
pub use maintenance::{
    BackupHeader, BackupSchedule, CheckReport, OperationalFigures, backup_database, check_database,
    create_private_dir, create_private_file, restore_database, verify_backup,
};
pub use operators::OperatorActor;
pub use organisation_list::{
    ORGANISATION_PAGE, ORGANISATIONS_MOST, OrganisationPage, OrganisationSummary,
};
pub use owner_invitation::{FirstOwner, OwnerAccepted, OwnerOffer};
pub use services::OrganisationServices;
pub use sessions::SessionRow;
pub use store_copy::{check_store, copy_store};
pub use tokens::{Authenticated, NewToken, TokenCaller};
pub use two_factor::Enrolment;

use crate::doveadm::DoveadmSettings;
use crate::mailserver::Directory;
use crate::mailserver::mail_login::DeviceUses;
use crate::model::{CredentialKey, UserId};
use crate::store::Store;
use crate::store::{JobSettings, Queue};
use crate::throttle::{LoginThrottle, Refused};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Who is acting, and from where; recorded with every change.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserId,
    /// The API token the person acts through, if any: rights are the
    /// person's narrowed to its scope, and changes are recorded as its.
    pub token: Option<crate::model::TokenId>,
    pub ip: Option<String>,
}

/// Settings the use cases need.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// A session unused for this long is over.
    pub session_idle: Duration,
    /// A session this old is over, however much it is used.
    pub session_max: Duration,
    /// A deleted address stays restorable, and its names reserved, this long.
    pub deleted_retention: Duration,
    pub jobs: JobSettings,
    /// The address people reach Mailroom at, for links in messages.
    pub public_url: String,
    pub imports: ImportLimits,
    /// Dovecot's doveadm HTTP API: open sessions end when access ends, and
    /// removed mailboxes are emptied. Without it, sessions end when they close.
    pub doveadm: Option<DoveadmSettings>,
    /// How much of the database file to keep in memory.
    pub cache: crate::store::CacheSize,
    /// Requests per second each API token may make, and how many at once.
    pub api_rate: ApiRate,
    /// Where mail programs connect: shown on address pages, and the records
    /// a domain's DNS must hold.
    pub mail_client: crate::model::MailClientSettings,
    /// The DNS server the live checks ask; `None`: the system's resolver.
    pub dns_resolver: Option<std::net::SocketAddr>,
}

#[derive(Debug, Clone, Copy)]
pub struct ApiRate {
    pub per_second: u32,
    pub burst: u32,
}

impl Default for ApiRate {
    fn default() -> Self {
        Self {
            per_second: 50,
            burst: 100,
        }
    }
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            session_idle: Duration::from_secs(12 * 60 * 60),
            session_max: Duration::from_secs(30 * 24 * 60 * 60),
            deleted_retention: Duration::from_secs(7 * 24 * 60 * 60),
            jobs: JobSettings::default(),
            public_url: "http://127.0.0.1:8080".into(),
            imports: ImportLimits::default(),
            doveadm: None,
            cache: crate::store::CacheSize::Auto,
            api_rate: ApiRate::default(),
            mail_client: crate::model::MailClientSettings::default(),
            dns_resolver: None,
        }
    }
}

pub struct App {
    store: Arc<Store>,
    settings: AppSettings,
    /// Keys device-password hashes; kept in a file beside the database.
    key: CredentialKey,
    /// Device-password uses reported by the mail server, written in batches.
    uses: Arc<DeviceUses>,
    /// The mail server's logins: throttled apart from the web's, and their
    /// failures written to the addresses' histories in batches.
    mail_throttle: Arc<LoginThrottle>,
    mail_failures: Arc<crate::mailserver::FailedLogins>,
    throttle: LoginThrottle,
    /// Forgotten-password requests, per account and client: apart from the
    /// login's, so that asking for resets cannot lock anyone out.
    reset_throttle: LoginThrottle,
    /// Each API token's requests (`settings.api_rate`).
    token_rate: tokens::TokenRate,
    /// Mailbox sizes read from the mail server, kept a minute.
    usage: quota::UsageCache,
}

impl App {
    /// Opens the redb file at `database` (made when missing), with the
    /// key of device passwords in a file beside it.
    pub fn open(database: &Path, settings: AppSettings) -> Result<Self> {
        let store = Store::open_with(database, settings.cache)?;
        let key = key_file::load_or_create(&key_file::beside(database))?;
        Self::with_store(store, key, settings)
    }

    /// Opens the store wherever it is: the redb file, or PostgreSQL, where
    /// the key of device passwords is kept in the database so that every
    /// node checks passwords and tokens alike.
    pub fn open_at(at: &StoreAt, settings: AppSettings) -> Result<Self> {
        match at {
            StoreAt::File(path) => Self::open(path, settings),
            StoreAt::Postgres(url) => {
                let store = Store::connect(url)?;
                let key = CredentialKey::new(store.secret(store_copy::CREDENTIAL_KEY, || {
                    *CredentialKey::generate().bytes()
                })?);
                Self::with_store(store, key, settings)
            }
        }
    }

    fn with_store(store: Store, key: CredentialKey, settings: AppSettings) -> Result<Self> {
        let store = Arc::new(store);
        let counters = store.shared_counters();
        let throttle =
            |name, first_delay| shared_throttle::throttle(counters.as_ref(), name, first_delay);
        let app = Self {
            key,
            uses: Arc::default(),
            mail_throttle: Arc::new(throttle("mail", crate::mailserver::FIRST_DELAY)),
            mail_failures: Arc::default(),
            throttle: throttle("web", Duration::from_secs(1)),
            reset_throttle: throttle("reset", Duration::from_secs(1)),
            store,
            token_rate: tokens::TokenRate::new(settings.api_rate, counters.clone()),
            usage: quota::UsageCache::default(),
            settings,
        };
        app.operations().ensure_an_operator()?;
        app.operations().purge_expired_sessions()?;
        app.operations().purge_idempotent_answers()?;
        let purged = app.operations().purge_expired_addresses()?;
        let gone = app.operations().purge_expired_organisations()?;
        if gone > 0 {
            tracing::info!(gone, "deleted organisations past their retention purged");
        }
        if purged > 0 {
            tracing::info!(purged, "deleted addresses past their retention removed");
        }
        Ok(app)
    }

    pub fn settings(&self) -> &AppSettings {
        &self.settings
    }

    /// The read handle the mail server's lookups answer from.
    pub fn directory(&self) -> Directory {
        Directory::new(
            Arc::clone(&self.store),
            self.key.clone(),
            Arc::clone(&self.uses),
            (
                Arc::clone(&self.mail_throttle),
                Arc::clone(&self.mail_failures),
            ),
        )
    }

    /// The job queue's bookkeeping, for the worker.
    pub fn queue(&self) -> Queue {
        Queue::new(Arc::clone(&self.store), self.settings.jobs.clone())
    }

    /// The database, for tests and benchmarks that check what was stored
    /// or fill it fast. Nothing in `src/` outside `app` uses it (the
    /// architecture test checks).
    #[doc(hidden)]
    pub fn store_for_tests(&self) -> &Store {
        &self.store
    }
}

/// A throttle's refusal, answered as the use cases answer: `Throttled`
/// with the seconds to wait.
trait Admit {
    fn admit(&self, account: &str, client: Option<&str>) -> Result<()>;
    fn admit_keys(&self, keys: &[String]) -> Result<()>;
}

impl Admit for LoginThrottle {
    fn admit(&self, account: &str, client: Option<&str>) -> Result<()> {
        self.admit_keys(&LoginThrottle::keys(account, client))
    }

    fn admit_keys(&self, keys: &[String]) -> Result<()> {
        self.attempt_keys(keys).map_err(|refused| match refused {
            Refused::Wait(wait) => AppError::Throttled {
                retry_after: wait.as_secs().max(1),
            },
            // Nothing is checked that cannot be counted; the person is
            // told to try again, the operator why.
            Refused::Unavailable(error) => {
                tracing::error!(%error, "a login was refused unchecked");
                AppError::Busy
            }
        })
    }
}

pub use crate::model::now;

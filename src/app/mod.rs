//! Use cases: the only writer. Each checks who may act, validates, and
//! commits its change together with its audit event in one write transaction.
//! Every function here blocks (redb, argon2): async callers use
//! `spawn_blocking`.

mod accounts;
mod address_settings;
mod address_users;
mod addresses;
mod audit;
mod bulk;
mod deletion;
mod error;
mod jobs;
mod members;
mod services;
mod sharing;
mod throttle;

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use accounts::{NewSession, SessionInfo, random_token};
pub use address_users::{INVITATION_DAYS, ShareMode, ShareWith, Shared};
pub use addresses::{AddressView, NewAddress, ServiceView};
pub use audit::HistoryEntry;
pub use bulk::{ImportLimits, Preview};
pub use error::AppError;
pub use jobs::{JobSettings, now_ms};
pub use services::OrganisationServices;
pub use sharing::{LINK_DAYS, LinkProblem, Offer, SignUp, Token};

use crate::store::{AddressId, AuditEvent, OrgId, Store, UserId, Writer};
use throttle::LoginThrottle;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Who is acting, and from where; recorded with every change.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserId,
    pub ip: Option<String>,
}

/// Settings the use cases need.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// A session unused for this long is over.
    pub session_idle: Duration,
    /// A deleted address stays restorable, and its names reserved, this long.
    pub deleted_retention: Duration,
    pub jobs: JobSettings,
    /// The address people reach Mailroom at, for links in messages.
    pub public_url: String,
    pub imports: ImportLimits,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            session_idle: Duration::from_secs(12 * 60 * 60),
            deleted_retention: Duration::from_secs(7 * 24 * 60 * 60),
            jobs: JobSettings::default(),
            public_url: "http://127.0.0.1:8080".into(),
            imports: ImportLimits::default(),
        }
    }
}

pub struct App {
    store: Store,
    settings: AppSettings,
    throttle: LoginThrottle,
    parsed_imports:
        std::sync::Mutex<std::collections::HashMap<u64, std::sync::Arc<crate::bulk::ParsedFile>>>,
}

impl App {
    pub fn open(database: &Path, settings: AppSettings) -> Result<Self> {
        let store = Store::open(database)?;
        let app = Self {
            store,
            settings,
            throttle: LoginThrottle::default(),
            parsed_imports: std::sync::Mutex::default(),
        };
        app.purge_expired_sessions()?;
        let purged = app.purge_expired_addresses()?;
        if purged > 0 {
            tracing::info!(purged, "deleted addresses past their retention removed");
        }
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn settings(&self) -> &AppSettings {
        &self.settings
    }
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn audit(
    tx: &mut Writer,
    actor: Option<&Actor>,
    org: Option<OrgId>,
    action: &str,
    object: impl Into<String>,
) -> Result<()> {
    record(tx, actor, org, None, action, object.into())
}

/// An event that belongs to one address's history.
fn audit_address(
    tx: &mut Writer,
    actor: &Actor,
    org: OrgId,
    address: AddressId,
    action: &str,
    object: impl Into<String>,
) -> Result<()> {
    record(
        tx,
        Some(actor),
        Some(org),
        Some(address),
        action,
        object.into(),
    )
}

fn record(
    tx: &mut Writer,
    actor: Option<&Actor>,
    org: Option<OrgId>,
    address: Option<AddressId>,
    action: &str,
    object: String,
) -> Result<()> {
    tx.append_audit(&AuditEvent {
        at: now(),
        actor: actor.map(|a| a.user),
        ip: actor.and_then(|a| a.ip.clone()),
        org,
        action: action.to_owned(),
        object,
        address,
    })?;
    Ok(())
}

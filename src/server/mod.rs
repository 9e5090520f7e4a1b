//! `mailroom serve`: the web interface, Postfix's socketmap, Dovecot's
//! lookup endpoint and the passwd-file writer, over one store, until SIGINT
//! or SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::http::AppState;
use crate::jobs;
use crate::mail::Mailer;
use crate::mailserver::{Directory, dovecot, dovecot_http, socketmap};
use crate::{App, Config};
pub use public::public_router;

mod public;
mod schedules;
use schedules::{scheduled_backups, scheduled_dns_checks};

/// How long running jobs may take to finish at shutdown.
const JOBS_GRACE: Duration = Duration::from_secs(20);

pub async fn run(config: Config) -> anyhow::Result<()> {
    // Before anything records a figure.
    crate::metrics::install();
    let at = config.store_at();
    let settings = config.app_settings();
    let app = tokio::task::spawn_blocking(move || App::open_at(&at, settings))
        .await
        .context("opening the database")??;
    serve(Arc::new(app), config, shutdown_signal()).await
}

/// Serves an open store until `shutdown` completes. Tests call this with an
/// `App` they also drive directly.
pub async fn serve(
    app: Arc<App>,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let mut background = tokio::task::JoinSet::new();
    let mut _socketmap_runtime = None;
    if let Some(listen) = config.mail_server.socketmap_listen.clone() {
        let directory = app.directory();
        let limits = config.mail_server.socketmap_limits.clone();
        // Bind before serving so a busy port fails the start, not later.
        let described = listen.to_string();
        let (ready, started) = tokio::sync::oneshot::channel();
        // Postfix's lookups get a runtime of their own: they read the store
        // inline (microseconds on a warm cache; a handoff per lookup to the
        // blocking pool halved the throughput), and whatever a read costs
        // is never taken from the web's or the jobs' executor. A read that
        // waits on the network (PostgreSQL) holds its thread for a round
        // trip: there, a thread per connection the store may lend.
        let workers = if directory.reads_wait_on_network() {
            SOCKETMAP_THREADS_ON_A_NETWORK_STORE
        } else {
            cores()
        };
        let runtime = OwnRuntime::new("socketmap", workers)?;
        runtime.spawn(async move {
            let result = socketmap::serve(listen, directory, limits, ready).await;
            if let Err(error) = &result {
                tracing::error!(%error, "the socketmap listener stopped");
            }
        });
        _socketmap_runtime = Some(runtime);
        started
            .await
            .context("the socketmap listener did not start")?
            .with_context(|| format!("listening for Postfix on {described}"))?;
    }
    if let Some(address) = config.mail_server.internal_listen {
        use crate::config::InternalSecret;
        // It answers password checks and streams backups: an address others
        // can reach needs the operator's word that something else guards it.
        if !address.ip().is_loopback() && !config.mail_server.internal_listen_public {
            anyhow::bail!(
                "--internal-listen {address} is not a loopback address: the internal listener has no \
                 TLS; put it on loopback, or add --internal-listen-public if a firewall or a TLS \
                 tunnel guards it"
            );
        }
        let secret = |kind: InternalSecret| internal_secret(&config, &app, kind);
        let (dovecot, backup, metrics) = (
            secret(InternalSecret::Dovecot)?,
            secret(InternalSecret::Backup)?,
            secret(InternalSecret::Metrics)?,
        );
        let internal = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("listening for Dovecot on {address}"))?;
        tracing::info!(
            "Dovecot lookups on http://{}/internal/dovecot",
            internal.local_addr()?
        );
        let routes = dovecot_http::router(app.directory(), &dovecot, &backup)
            .merge(crate::metrics::router(Arc::clone(&app), &metrics));
        background.spawn(async move {
            if let Err(error) = axum::serve(internal, routes).await {
                tracing::error!(%error, "the Dovecot listener stopped");
            }
        });
    }
    if let Some(dir) = config.mail_server.dkim_dir.clone() {
        background.spawn(keep_dkim_tables(app.directory(), dir));
    }
    if let Some(path) = config.mail_server.dovecot_passwd_file.clone() {
        background.spawn(keep_passwd_file(app.directory(), path));
    }
    background.spawn(purge_deleted_addresses(Arc::clone(&app)));
    background.spawn(write_device_uses(Arc::clone(&app)));
    background.spawn(purge_sessions(Arc::clone(&app)));
    if let Some(schedule) = config.backups.clone() {
        crate::app::create_private_dir(&schedule.dir)
            .with_context(|| format!("creating the backup folder {}", schedule.dir.display()))?;
        tracing::info!(
            "backing up into {} every {}, keeping {}",
            schedule.dir.display(),
            humantime::format_duration(schedule.every),
            schedule.keep
        );
        background.spawn(scheduled_backups(Arc::clone(&app), schedule));
    }

    let mailer =
        Mailer::new(config.smtp_url.as_deref(), &config.mail_from).context("outgoing mail")?;
    if !mailer.has_smtp() {
        tracing::info!("no --smtp-url: outgoing messages stay in the outbox (Outbox page)");
    }
    let (stop_jobs, jobs_stopped) = tokio::sync::oneshot::channel::<()>();
    let jobs = tokio::spawn(jobs::run(
        Arc::clone(&app),
        Arc::new(mailer),
        app.settings().jobs.clone(),
        async move {
            let _ = jobs_stopped.await;
        },
    ));

    if let Some(every) = config.dns_check_every {
        background.spawn(scheduled_dns_checks(Arc::clone(&app), every));
    }
    let state = AppState::new(Arc::clone(&app), config.secure_cookies)
        .with_trusted_proxies(config.trusted_proxies.clone())
        .with_client_ip_header(config.client_ip_header.clone());
    tracing::info!(
        "Mailroom is listening on http://{} (data in {})",
        listener.local_addr()?,
        config.data_dir.display()
    );
    if app.accounts().needs_setup()? {
        tracing::info!(
            "No organisation yet: open {}/setup to create it and its owner (or run `mailroom setup`)",
            app.settings().public_url
        );
    }
    axum::serve(
        listener,
        public_router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    // Stop taking jobs; running ones finish, within a bound.
    let _ = stop_jobs.send(());
    match tokio::time::timeout(JOBS_GRACE, jobs).await {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(error))) => tracing::warn!(%error, "the job worker stopped with an error"),
        Ok(Err(error)) => tracing::warn!(%error, "the job worker failed"),
        Err(_) => tracing::warn!(
            "jobs still running after {JOBS_GRACE:?}: they will run again at the next start"
        ),
    }
    background.abort_all();
    tracing::info!("stopped");
    Ok(())
}

/// One of the internal listener's secrets: the configured one, else the
/// one every node sharing the store holds (kept in it), else the one in
/// the data folder. `mailroom mailserver-config` prints the same.
pub fn internal_secret(
    config: &Config,
    app: &App,
    kind: crate::config::InternalSecret,
) -> anyhow::Result<String> {
    if let Some(secret) = config.configured_secret(kind) {
        return Ok(secret);
    }
    if let Some(secret) = app
        .operations()
        .shared_secret(kind.file_name())
        .with_context(|| format!("reading the shared {}", kind.file_name()))?
    {
        return Ok(secret);
    }
    config
        .internal_secret(kind)
        .with_context(|| format!("reading {}", kind.file_name()))
}

/// A runtime beside the main one, stopped (without waiting) when dropped,
/// which is allowed from async code, unlike dropping the runtime itself.
struct OwnRuntime(Option<tokio::runtime::Runtime>);

/// Lookups waiting on PostgreSQL at once, per node (`pg::POOL_SIZE` is
/// what the store lends to all of a node's work).
const SOCKETMAP_THREADS_ON_A_NETWORK_STORE: usize = 16;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

impl OwnRuntime {
    fn new(name: &str, workers: usize) -> anyhow::Result<Self> {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name(name)
            .enable_all()
            .build()
            .map(|runtime| Self(Some(runtime)))
            .with_context(|| format!("starting the {name} runtime"))
    }

    fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        if let Some(runtime) = &self.0 {
            runtime.spawn(task);
        }
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

/// Rewrites the passwd-file after every committed change (at most once a
/// second: Dovecot sees changes by the second anyway).
async fn keep_passwd_file(directory: Directory, path: std::path::PathBuf) {
    let mut changes = directory.subscribe();
    loop {
        let reading = directory.clone();
        let target = path.clone();
        let written = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            let content = reading.passwd_file()?;
            dovecot::write_passwd_file(&target, &content)?;
            Ok(())
        })
        .await;
        match written {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "could not write {}", path.display()),
            Err(error) => tracing::error!(%error, "the passwd-file task failed"),
        }
        if changes.changed().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        changes.mark_unchanged();
    }
}

/// Rewrites OpenDKIM's tables and keys after every committed change that
/// alters them, and tells the signers to reload.
async fn keep_dkim_tables(directory: Directory, dir: std::path::PathBuf) {
    let mut changes = directory.subscribe();
    loop {
        let (reading, target) = (directory.clone(), dir.clone());
        let written = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            if crate::mailserver::opendkim::write(&target, &reading.signing_keys()?)? {
                crate::mailserver::opendkim::reload(&target);
            }
            Ok(())
        })
        .await;
        match written {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::error!(%error, "could not write the DKIM tables in {}", dir.display())
            }
            Err(error) => tracing::error!(%error, "the DKIM tables task failed"),
        }
        if changes.changed().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        changes.mark_unchanged();
    }
}

/// Device-password uses and failed mail logins reach the database in
/// batches, every 2 seconds: a mail login never waits for a durable commit.
async fn write_device_uses(app: Arc<App>) {
    let mut every = tokio::time::interval(Duration::from_secs(2));
    loop {
        every.tick().await;
        let app = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || {
            app.devices().record_failed_mail_logins()?;
            app.devices().record_device_uses()
        })
        .await
        {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::warn!(%error, "could not record device-password uses"),
            Err(error) => tracing::warn!(%error, "the device-use task failed"),
        }
    }
}

const HOUR: Duration = Duration::from_secs(60 * 60);

/// Sessions past their idle time or lifetime are removed hourly, by one
/// of the nodes sharing a store.
async fn purge_sessions(app: Arc<App>) {
    let mut every_hour = tokio::time::interval(HOUR);
    every_hour.tick().await;
    loop {
        every_hour.tick().await;
        let app = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || {
            if !app
                .operations()
                .claim_scheduled_run("purge_sessions", HOUR)?
            {
                return Ok(());
            }
            app.operations().purge_expired_sessions()?;
            app.operations().purge_idempotent_answers().map(|_| ())
        })
        .await
        {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "could not remove expired sessions"),
            Err(error) => tracing::warn!(%error, "the session sweep failed"),
        }
    }
}

/// Deleted addresses past their retention are removed hourly by one of
/// the nodes sharing a store (and at start, and whenever their name is
/// asked for again).
async fn purge_deleted_addresses(app: Arc<App>) {
    let mut every_hour = tokio::time::interval(HOUR);
    every_hour.tick().await;
    loop {
        every_hour.tick().await;
        let app = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || {
            if !app
                .operations()
                .claim_scheduled_run("purge_deleted_addresses", HOUR)?
            {
                return Ok(0);
            }
            let organisations = app.operations().purge_expired_organisations()?;
            Ok::<_, crate::app::AppError>(
                organisations + app.operations().purge_expired_addresses()?,
            )
        })
        .await
        {
            Ok(Ok(0)) => {}
            Ok(Ok(purged)) => {
                tracing::info!(
                    purged,
                    "deleted addresses and organisations past their retention removed"
                )
            }
            Ok(Err(error)) => tracing::warn!(%error, "could not remove expired addresses"),
            Err(error) => tracing::warn!(%error, "the removal task failed"),
        }
    }
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = interrupt => {}
                _ = terminate.recv() => {}
            }
        }
        Err(_) => {
            let _ = interrupt.await;
        }
    }
}

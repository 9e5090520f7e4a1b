//! HTTP: turns requests into `app` calls and results into HTML pages, or
//! htmx fragments when the request carries `HX-Request`. Holds no rules.

mod assets;
mod error;
mod forms;
mod layout;
mod pages;
mod router;
mod session;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;

pub use router::router;
pub use state::AppState;

use crate::{App, Config};

/// Opens the store, listens, and serves until SIGINT or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let path = config.database_path();
    let settings = config.app_settings();
    let app = tokio::task::spawn_blocking(move || App::open(&path, settings))
        .await
        .context("opening the database")??;
    let app = Arc::new(app);
    tokio::spawn(purge_deleted_addresses(Arc::clone(&app)));
    let state =
        AppState::new(app, config.secure_cookies).with_mail_client(config.mail_client.clone());
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    tracing::info!(
        "Mailroom is listening on http://{} (data in {})",
        listener.local_addr()?,
        config.data_dir.display()
    );
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
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
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// Deleted addresses past their retention are removed hourly (and at start,
/// and whenever their name is asked for again).
async fn purge_deleted_addresses(app: Arc<App>) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
    every_hour.tick().await;
    loop {
        every_hour.tick().await;
        let app = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || app.purge_expired_addresses()).await {
            Ok(Ok(0)) => {}
            Ok(Ok(purged)) => {
                tracing::info!(purged, "deleted addresses past their retention removed")
            }
            Ok(Err(error)) => tracing::warn!(%error, "could not remove expired addresses"),
            Err(error) => tracing::warn!(%error, "the removal task failed"),
        }
    }
}

//! What the server does on a schedule of its own: backups, and a check of
//! every domain's DNS. Work that nodes sharing a store would otherwise
//! each do is claimed first (`claim_scheduled_run`): one node runs it.

use std::sync::Arc;
use std::time::Duration;

use crate::App;

/// The server's own backups, one per interval, the oldest removed.
pub(super) async fn scheduled_backups(app: Arc<App>, schedule: crate::app::BackupSchedule) {
    let mut every = tokio::time::interval(schedule.every);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    every.tick().await;
    loop {
        every.tick().await;
        let (app, dir) = (Arc::clone(&app), schedule.dir.clone());
        let keep = schedule.keep;
        match tokio::task::spawn_blocking(move || app.operations().backup_into(&dir, keep)).await {
            Ok(Ok(file)) => tracing::info!("backed up into {}", file.display()),
            Ok(Err(error)) => tracing::error!(%error, "the scheduled backup failed"),
            Err(error) => tracing::error!(%error, "the scheduled backup failed"),
        }
    }
}

/// Every domain's DNS, checked a minute after the start and then every
/// `every`; what is found is kept (and moves DKIM keys on).
pub(super) async fn scheduled_dns_checks(app: Arc<App>, every: Duration) {
    tokio::time::sleep(Duration::from_secs(60).min(every)).await;
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let checker = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || {
            if !checker
                .operations()
                .claim_scheduled_run("dns_checks", every)
                .map_err(|e| e.to_string())?
            {
                return Ok(());
            }
            checker.services().check_every_domain().map(|_| ())
        })
        .await
        {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "no DNS check this round"),
            Err(error) => tracing::warn!(%error, "the scheduled DNS checks failed"),
        }
    }
}

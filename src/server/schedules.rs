//! What the server does on a schedule of its own: backups, and a check of
//! every domain's DNS.

use std::sync::Arc;
use std::time::Duration;

use crate::{App, Config};

/// The server's own backups, one per interval, the oldest removed.
pub(super) async fn scheduled_backups(app: Arc<App>, schedule: crate::app::BackupSchedule) {
    let mut every = tokio::time::interval(schedule.every);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    every.tick().await;
    loop {
        every.tick().await;
        let (app, dir) = (Arc::clone(&app), schedule.dir.clone());
        let keep = schedule.keep;
        match tokio::task::spawn_blocking(move || app.backup_into(&dir, keep)).await {
            Ok(Ok(file)) => tracing::info!("backed up into {}", file.display()),
            Ok(Err(error)) => tracing::error!(%error, "the scheduled backup failed"),
            Err(error) => tracing::error!(%error, "the scheduled backup failed"),
        }
    }
}

/// Every domain's DNS, checked a minute after the start and then every
/// `every`; what is found is kept (and moves DKIM keys on).
pub(super) async fn scheduled_dns_checks(app: Arc<App>, config: Config, every: Duration) {
    tokio::time::sleep(Duration::from_secs(60).min(every)).await;
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let dns = match crate::dns::Dns::new(config.dns_resolver) {
            Ok(dns) => dns,
            Err(error) => {
                tracing::warn!(%error, "no DNS check: the resolver could not be set up");
                continue;
            }
        };
        let all = Arc::clone(&app);
        let services = match tokio::task::spawn_blocking(move || all.all_services()).await {
            Ok(Ok(services)) => services,
            _ => continue,
        };
        for service in services {
            let (reader, domain) = (Arc::clone(&app), service.domain.clone());
            let keys = tokio::task::spawn_blocking(move || reader.dkim_keys_of(&domain))
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default();
            let want = crate::dns::Expectations::for_domain(
                &service.domain,
                &config.mail_client,
                &app.settings().public_url,
                &keys,
            )
            .with_service(&service);
            let report = crate::dns::check(&dns, &want, crate::app::now()).await;
            let (writer, domain) = (Arc::clone(&app), service.domain.clone());
            let kept = tokio::task::spawn_blocking(move || {
                writer.record_scheduled_dns_check(&domain, report)
            })
            .await;
            if !matches!(kept, Ok(Ok(()))) {
                tracing::warn!(domain = %service.domain, "the DNS check could not be kept");
            }
        }
    }
}

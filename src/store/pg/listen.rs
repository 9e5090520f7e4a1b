//! Other nodes' commits: every write's transaction sends `NOTIFY` on
//! [`CHANNEL`] as it commits (PostgreSQL delivers it only if the commit
//! happens), and each node listens on a connection of its own, outside the
//! pool, so that what it keeps in memory follows the others within
//! milliseconds.

use std::time::Duration;

use tokio_postgres::AsyncMessage;

/// The channel every commit is told on.
pub const CHANNEL: &str = "mailroom_changes";

/// How a write commits: told on [`CHANNEL`] if, and only if, it holds.
pub const NOTIFY_AND_COMMIT: &str = "NOTIFY mailroom_changes; COMMIT";

/// What a node does when another node (or itself) committed.
pub type OnChange = Box<dyn Fn() + Send + Sync>;

/// Listens for ever, connecting again (to whichever host the URL's
/// `target_session_attrs` picks, after a failover) when the connection
/// drops. Each (re)connection counts as a change: notifications sent
/// while nobody listened are lost, so whatever was kept is read again.
pub async fn listen(config: tokio_postgres::Config, on_change: OnChange) {
    let mut failures = 0u32;
    loop {
        match config.connect(tokio_postgres::NoTls).await {
            Ok((client, mut connection)) => {
                let (heard, mut hear) = tokio::sync::mpsc::unbounded_channel::<()>();
                let driver = tokio::spawn(async move {
                    while let Some(message) =
                        std::future::poll_fn(|cx| connection.poll_message(cx)).await
                    {
                        match message {
                            Ok(AsyncMessage::Notification(_)) => {
                                if heard.send(()).is_err() {
                                    return;
                                }
                            }
                            Ok(_) => {}
                            Err(error) => {
                                tracing::warn!(%error, "the connection listening for other nodes' changes failed");
                                return;
                            }
                        }
                    }
                });
                match client.batch_execute(&format!("LISTEN {CHANNEL}")).await {
                    Ok(()) => {
                        failures = 0;
                        on_change();
                        while hear.recv().await.is_some() {
                            // A burst of commits is read once.
                            while hear.try_recv().is_ok() {}
                            on_change();
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "could not listen for other nodes' changes");
                    }
                }
                driver.abort();
            }
            Err(error) => {
                if failures == 0 {
                    tracing::warn!(%error, "could not connect to listen for other nodes' changes");
                }
            }
        }
        failures = failures.saturating_add(1);
        // Quickly at first (a failover takes seconds), then every 5 s.
        let wait = Duration::from_millis(200 * u64::from(failures.min(25)));
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn commits_are_told_on_the_channel_listened_to() {
        assert_eq!(
            super::NOTIFY_AND_COMMIT,
            format!("NOTIFY {}; COMMIT", super::CHANNEL)
        );
    }
}

//! Durable background jobs: apalis workers whose queue lives in the
//! application's redb file (`queue.rs` on the store's `Queue`), and the
//! handlers they run, one file per job kind.

mod backend;
mod deliver_mail;
mod end_sessions;
mod import_batch;
mod install_sieve;
mod purge_mailbox;
mod queue;

use std::sync::Arc;

use apalis_core::task::data::Data;
use apalis_core::worker::builder::WorkerBuilder;

pub use crate::model::now_ms;
pub use crate::store::{JobSettings, Queue};
pub use backend::RedbBackend;
pub use queue::QueueError;

use crate::App;
use crate::doveadm::Doveadm;
use crate::mail::Mailer;
use crate::model::Job;

/// What handlers need.
#[derive(Clone)]
pub struct JobContext {
    pub app: Arc<App>,
    pub queue: Queue,
    pub mailer: Arc<Mailer>,
    /// Dovecot's doveadm API, when configured.
    pub doveadm: Option<Arc<Doveadm>>,
}

/// A failed attempt, with the reason kept on the job.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct JobFailed(pub String);

async fn handle(job: Job, context: Data<JobContext>) -> Result<String, JobFailed> {
    match job {
        Job::DeliverMail { message } => deliver_mail::run(&context.0, message).await,
        Job::ImportBatch { import } => import_batch::run(&context.0, import).await,
        Job::EndSessions { logins } => end_sessions::run(&context.0, &logins).await,
        Job::InstallSieve { address } => install_sieve::run(&context.0, address).await,
        Job::PurgeMailbox { user, address, org } => {
            purge_mailbox::run(&context.0, &user, address, org).await
        }
    }
}

/// Runs the worker until `shutdown` completes, then lets running jobs
/// finish (apalis' graceful stop) before returning.
pub async fn run(
    app: Arc<App>,
    mailer: Arc<Mailer>,
    settings: JobSettings,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let backend = RedbBackend::new(app.queue(), settings);
    let worker = WorkerBuilder::new("mailroom-jobs")
        .backend(backend)
        .data(JobContext {
            queue: app.queue(),
            doveadm: app
                .settings()
                .doveadm
                .clone()
                .map(|s| Arc::new(Doveadm::new(s))),
            app,
            mailer,
        })
        .build(handle);
    worker
        .run_until(async move {
            shutdown.await;
            Ok::<(), apalis_core::error::WorkerError>(())
        })
        .await?;
    Ok(())
}

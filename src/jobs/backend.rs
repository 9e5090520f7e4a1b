//! The apalis `Backend` over `RedbQueue`: `Persisted` polls, heartbeats and
//! buffers; this adds waking on every store commit, so a job enqueued by a
//! use case starts at once instead of at the next heartbeat.

use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use apalis_core::backend::codec::Codec;
use apalis_core::backend::finalize::Ephemeral;
use apalis_core::backend::persistence::{Persisted, TaskPersistLayer};
use apalis_core::backend::{Backend, BackendConfig};
use apalis_core::task::Task;
use apalis_core::worker::context::WorkerContext;

use super::JobSettings;
use super::queue::{BATCH, QueueError, RedbQueue};
use crate::model::Job;
use crate::store::Queue;

/// Handler results are kept as the text they already are.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextCodec;

impl Codec<String> for TextCodec {
    type Error = std::convert::Infallible;
    type Compact = String;

    fn encode(&self, value: &String) -> Result<String, Self::Error> {
        Ok(value.clone())
    }

    fn decode(&self, value: &String) -> Result<String, Self::Error> {
        Ok(value.clone())
    }
}

pub struct RedbBackend {
    persisted: Persisted<RedbQueue>,
    waker: Arc<Mutex<Option<Waker>>>,
    poll_interval: Duration,
    _watcher: tokio::task::JoinHandle<()>,
}

impl RedbBackend {
    pub fn new(queue: Queue, settings: JobSettings) -> Self {
        let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
        let mut commits = queue.subscribe();
        let wake = Arc::clone(&waker);
        let watcher = tokio::spawn(async move {
            while commits.changed().await.is_ok() {
                if let Some(waker) = wake.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    waker.wake();
                }
            }
        });
        Self {
            persisted: Persisted::new(RedbQueue::new(queue)),
            waker,
            poll_interval: settings.poll_interval,
            _watcher: watcher,
        }
    }
}

impl Drop for RedbBackend {
    fn drop(&mut self) {
        self._watcher.abort();
    }
}

impl Backend for RedbBackend {
    type Task = Task<Job>;
    type Error = QueueError;

    fn poll_ready(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Result<(), Self::Error>> {
        self.persisted.poll_ready(cx, worker, self.poll_interval)
    }

    fn poll_next(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Option<Result<Self::Task, Self::Error>>> {
        *self.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
        self.persisted.poll_next(cx, worker)
    }

    fn poll_close(
        &mut self,
        cx: &mut Context<'_>,
        worker: &WorkerContext,
    ) -> Poll<Result<(), Self::Error>> {
        self.persisted.poll_close(cx, worker)
    }
}

impl BackendConfig for RedbBackend {
    type Args = Job;
    type Id = u64;
    // "Ephemeral" only means apalis adds no codec wrapper of its own: the
    // queue itself is the durable redb storage above.
    type Kind = Ephemeral;
    type Config = ();
    type Layer = TaskPersistLayer<TextCodec, String>;

    fn config(&self) -> &Self::Config {
        &()
    }

    fn middleware(&mut self, _: &mut WorkerContext) -> Self::Layer {
        self.persisted
            .layer(TextCodec, BATCH)
            .persist_results(true)
            .lock_tasks(true)
    }
}

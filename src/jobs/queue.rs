//! apalis' `Persistence` on the application's store: registering takes
//! back every lease on the redb file (only one process can open it) and
//! the expired ones on PostgreSQL (other nodes hold theirs), heartbeats
//! renew the leases of the jobs this worker runs and take back expired
//! ones, fetching leases due jobs, events settle them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use apalis_core::backend::TaskResult;
use apalis_core::backend::persistence::{Persistence, TaskEvent};
use apalis_core::task::Task;
use apalis_core::task::builder::TaskBuilder;
use apalis_core::task::task_id::TaskId;
use apalis_core::worker::context::WorkerContext;

use crate::model::{Job, JobId};
use crate::store::Queue;
use crate::store::StoreError;

/// Jobs taken per fetch.
pub const BATCH: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("jobs are enqueued by the use cases, in their own transaction")]
    NoSink,
    #[error("a queue task failed: {0}")]
    Join(String),
    #[error("a task without a numeric id: {0:?}")]
    Id(TaskId),
}

#[derive(Clone)]
pub struct RedbQueue {
    queue: Arc<Queue>,
    /// The jobs this worker leased and has not settled (id, attempt): their
    /// leases are renewed at each heartbeat while they run.
    held: Arc<Mutex<HashMap<JobId, u32>>>,
}

impl RedbQueue {
    pub fn new(queue: Queue) -> Self {
        Self {
            queue: Arc::new(queue),
            held: Arc::default(),
        }
    }

    fn hold(&self, id: JobId, attempts: u32) {
        self.held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, attempts);
    }

    fn let_go(&self, id: JobId) {
        self.held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }

    fn held(&self) -> Vec<(JobId, u32)> {
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.iter().map(|(id, attempts)| (*id, *attempts)).collect()
    }

    /// Store work blocks: it runs off the async executor.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Queue) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, QueueError> {
        let queue = Arc::clone(&self.queue);
        tokio::task::spawn_blocking(move || f(&queue))
            .await
            .map_err(|e| QueueError::Join(e.to_string()))?
            .map_err(QueueError::from)
    }
}

fn id_of(task_id: &TaskId) -> Result<JobId, QueueError> {
    task_id
        .as_int()
        .map(JobId)
        .ok_or_else(|| QueueError::Id(task_id.clone()))
}

impl Persistence for RedbQueue {
    type Compact = Job;
    type Response = String;
    type Error = QueueError;

    async fn register(&mut self, worker: &WorkerContext) -> Result<(), Self::Error> {
        let taken = self.blocking(|q| q.reclaim_at_start()).await?;
        if taken > 0 {
            tracing::info!(taken, worker = %worker.name(), "jobs whose worker stopped are queued again");
        }
        Ok(())
    }

    async fn heartbeat(&mut self, _: &WorkerContext) -> Result<(), Self::Error> {
        let held = self.held();
        self.blocking(move |q| q.renew(&held)).await?;
        let taken = self.blocking(|q| q.reclaim_expired()).await?;
        if taken > 0 {
            tracing::warn!(taken, "jobs whose lease ran out are queued again");
        }
        Ok(())
    }

    async fn fetch_next(&mut self, _: &WorkerContext) -> Result<Vec<Task<Job>>, Self::Error> {
        let leased = self.blocking(|q| q.lease(BATCH)).await?;
        for record in &leased {
            self.hold(record.id, record.attempts);
        }
        Ok(leased
            .into_iter()
            .map(|record| {
                TaskBuilder::new(record.job)
                    .task_id(TaskId::from_int(record.id.0))
                    .attempt(usize::try_from(record.attempts).unwrap_or(usize::MAX))
                    .max_attempts(usize::try_from(record.max_attempts).unwrap_or(usize::MAX))
                    .build()
            })
            .collect())
    }

    async fn reenqueue_abandoned(
        &mut self,
        tasks: Vec<Task<Job>>,
        _: &WorkerContext,
    ) -> Result<u64, Self::Error> {
        let ids = tasks
            .iter()
            .filter_map(|t| t.ctx().task_id().and_then(TaskId::as_int).map(JobId))
            .collect::<Vec<_>>();
        let count = ids.len() as u64;
        for id in &ids {
            self.let_go(*id);
        }
        self.blocking(move |q| ids.into_iter().try_for_each(|id| q.release(id)))
            .await?;
        Ok(count)
    }

    async fn handle_events(
        &mut self,
        events: Vec<TaskEvent<String>>,
        _: &WorkerContext,
    ) -> Result<(), Self::Error> {
        let mut settled = Vec::new();
        for event in events {
            match event {
                // Fetching already leased the job.
                TaskEvent::Lock { .. } => {}
                TaskEvent::Complete(TaskResult {
                    task_id, result, ..
                }) => {
                    settled.push((id_of(&task_id)?, result.map(|_| ())));
                }
                TaskEvent::Release { task_id } => {
                    let id = id_of(&task_id)?;
                    self.let_go(id);
                    self.blocking(move |q| q.release(id)).await?;
                }
                TaskEvent::Cancel { task_id } => {
                    settled.push((id_of(&task_id)?, Err("cancelled".to_owned())));
                }
                _ => {}
            }
        }
        for (id, _) in &settled {
            self.let_go(*id);
        }
        self.blocking(move |q| {
            settled
                .into_iter()
                .try_for_each(|(id, result)| q.finish(id, result))
        })
        .await
    }

    async fn push_tasks(&mut self, _: Vec<Task<Job>>) -> Result<(), Self::Error> {
        // Jobs are enqueued inside the use case's own write transaction
        // (`Writer::enqueue_job`), never pushed through a sink.
        Err(QueueError::NoSink)
    }
}

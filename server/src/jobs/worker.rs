//! Job workers: claim, run the handler for the job's kind, record the outcome.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::clock::SharedClock;
use crate::db::Db;
use crate::jobs::queue::{self, Claimed};

/// Why a handler did not finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobError {
    /// Try again later (with backoff), if attempts remain.
    Retry(String),
    /// Do not try again.
    Fatal(String),
}

/// Runs one kind of job. Handlers must be idempotent: a job may run more than once.
#[async_trait]
pub trait Handler: Send + Sync {
    /// Does the work.
    async fn run(&self, job: &Claimed) -> Result<(), JobError>;
}

/// The registered handlers and the settings workers share.
#[derive(Clone)]
pub struct Workers {
    db: Db,
    clock: SharedClock,
    handlers: Arc<HashMap<&'static str, Arc<dyn Handler>>>,
    wake: Arc<Notify>,
    lease_ms: i64,
    poll: Duration,
}

impl Workers {
    /// Sets up workers; `wake` is notified whenever a job is enqueued in this process.
    pub fn new(
        db: Db,
        clock: SharedClock,
        handlers: HashMap<&'static str, Arc<dyn Handler>>,
        wake: Arc<Notify>,
        lease_secs: u64,
        poll_ms: u64,
    ) -> Self {
        Self {
            db,
            clock,
            handlers: Arc::new(handlers),
            wake,
            lease_ms: i64::try_from(lease_secs).unwrap_or(30).saturating_mul(1000),
            poll: Duration::from_millis(poll_ms.max(10)),
        }
    }

    /// Starts `n` workers that stop when `shutdown` turns true.
    pub fn spawn(&self, n: usize, shutdown: watch::Receiver<bool>) -> Vec<JoinHandle<()>> {
        let instance = crate::error::reference();
        (0..n)
            .map(|i| {
                let me = self.clone();
                let name = format!("{instance}-{i}");
                let shutdown = shutdown.clone();
                tokio::spawn(async move { me.run(name, shutdown).await })
            })
            .collect()
    }

    async fn run(self, name: String, mut shutdown: watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            match queue::claim(&self.db, &name, self.clock.now_ms(), self.lease_ms).await {
                Ok(Some(job)) => {
                    self.execute(&name, job).await;
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "claiming a job failed"),
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.poll) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    async fn execute(&self, worker: &str, job: Claimed) {
        let now = self.clock.now_ms();
        if job.attempt > job.max_attempts {
            let _ = queue::fail(
                &self.db,
                &job,
                now,
                "gave up: lease expired on the last attempt",
                false,
            )
            .await;
            return;
        }
        let Some(handler) = self.handlers.get(job.kind.as_str()).cloned() else {
            tracing::error!(kind = %job.kind, "no handler for job kind");
            let _ = queue::fail(&self.db, &job, now, "no handler for this kind", false).await;
            return;
        };
        // Keep the lease alive while the handler runs.
        let beat = {
            let db = self.db.clone();
            let clock = self.clock.clone();
            let id = job.id;
            let worker = worker.to_owned();
            let lease = self.lease_ms;
            tokio::spawn(async move {
                let every =
                    Duration::from_millis(u64::try_from(lease / 3).unwrap_or(1000).max(100));
                loop {
                    tokio::time::sleep(every).await;
                    if let Err(e) = queue::heartbeat(&db, id, &worker, clock.now_ms() + lease).await
                    {
                        tracing::warn!(error = %e, "job heartbeat failed");
                    }
                }
            })
        };
        let started = std::time::Instant::now();
        let outcome = handler.run(&job).await;
        beat.abort();
        let now = self.clock.now_ms();
        let recorded = match &outcome {
            Ok(()) => queue::complete(&self.db, job.id, now).await,
            Err(JobError::Retry(msg)) => queue::fail(&self.db, &job, now, msg, true).await,
            Err(JobError::Fatal(msg)) => queue::fail(&self.db, &job, now, msg, false).await,
        };
        match (&outcome, recorded) {
            (_, Err(e)) => {
                tracing::error!(job = %job.id, error = %e, "recording job outcome failed")
            }
            (Ok(()), Ok(())) => {
                tracing::info!(job = %job.id, kind = %job.kind, ms = started.elapsed().as_millis() as u64, "job done")
            }
            (Err(e), Ok(())) => {
                tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempt, error = ?e, "job attempt failed")
            }
        }
    }
}

//! The runtime port: where deployments run. The built-in local runtime starts
//! supervised processes on this machine; Kubernetes, Docker and cloud providers
//! implement the same trait.

pub mod local;

use async_trait::async_trait;
use uuid::Uuid;

use crate::catalog::manifest::{Manifest, Vars};

/// Everything needed to start one deployment.
#[derive(Debug, Clone)]
pub struct LaunchSpec {
    /// The deployment.
    pub deployment_id: Uuid,
    /// What to run.
    pub manifest: Manifest,
    /// Placeholder values known before start (tenant, app, deployment); the runtime
    /// adds `port` and `data_dir`.
    pub vars: Vars,
}

/// A running deployment as the runtime sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// Loopback port it listens on.
    pub port: u16,
    /// Process id, where the runtime has one.
    pub pid: Option<u32>,
    /// Where it answers.
    pub url: String,
}

/// A runtime failure, with whether trying again may help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RuntimeError {
    /// What went wrong, for the tenant.
    pub message: String,
    /// Whether a later attempt may succeed.
    pub retryable: bool,
}

impl RuntimeError {
    /// A failure worth retrying (the app crashed on start, a port was taken).
    pub fn retry(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: true,
        }
    }

    /// A failure that will not go away by itself (command not allowed, bad manifest).
    pub fn fatal(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: false,
        }
    }
}

/// What a runtime tells the platform about deployments it supervises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeEvent {
    /// The process exited unexpectedly and was started again.
    Restarted {
        /// The deployment.
        deployment_id: Uuid,
        /// Restarts so far.
        restarts: u32,
        /// Why it stopped.
        reason: String,
        /// The new process.
        instance: Instance,
    },
    /// The process kept crashing; the runtime stopped trying.
    GaveUp {
        /// The deployment.
        deployment_id: Uuid,
        /// Restarts attempted.
        restarts: u32,
        /// The last failure.
        reason: String,
    },
}

/// A place deployments run.
#[async_trait]
pub trait Runtime: Send + Sync {
    /// Short name shown to tenants ("local").
    fn name(&self) -> &'static str;

    /// Makes sure the deployment runs and is healthy; with `restart`, replaces a running
    /// process. Idempotent: calling it for a healthy deployment returns the instance.
    async fn ensure_running(
        &self,
        spec: LaunchSpec,
        restart: bool,
    ) -> Result<Instance, RuntimeError>;

    /// Stops the deployment, keeping its data. Idempotent.
    async fn stop(&self, deployment_id: Uuid) -> Result<(), RuntimeError>;

    /// Stops the deployment and removes its data. Idempotent.
    async fn remove(&self, deployment_id: Uuid) -> Result<(), RuntimeError>;

    /// The running instance, if the runtime is supervising one.
    async fn instance(&self, deployment_id: Uuid) -> Option<Instance>;

    /// The last `lines` lines the deployment wrote.
    async fn log_tail(&self, deployment_id: Uuid, lines: usize) -> Vec<String>;

    /// Stops everything (server shutdown).
    async fn shutdown(&self);
}

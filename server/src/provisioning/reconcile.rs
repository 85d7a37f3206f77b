//! The reconcile job: makes a deployment's actual state match its desired state.
//! Idempotent — running it twice, or after a crash half-way, ends in the same place.

use std::sync::Arc;

use app::provisioning::types::{DeploymentStatus, DesiredState};
use async_trait::async_trait;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::Deserialize;
use uuid::Uuid;

use crate::catalog::manifest::{self, Vars};
use crate::clock::SharedClock;
use crate::db::Db;
use crate::db::entities::{app_versions, apps, deployments, tenants};
use crate::jobs::queue::Claimed;
use crate::jobs::worker::{Handler, JobError};
use crate::provisioning::repo;
use crate::provisioning::runtime::{LaunchSpec, Runtime};

#[derive(Debug, Deserialize)]
struct Payload {
    deployment_id: Uuid,
    #[serde(default)]
    restart: bool,
}

/// The `deployment.reconcile` handler.
pub struct Reconciler {
    db: Db,
    clock: SharedClock,
    runtime: Arc<dyn Runtime>,
}

impl Reconciler {
    /// Builds the handler.
    pub fn new(db: Db, clock: SharedClock, runtime: Arc<dyn Runtime>) -> Arc<Self> {
        Arc::new(Self { db, clock, runtime })
    }

    async fn status(
        &self,
        id: Uuid,
        status: DeploymentStatus,
        reason: Option<String>,
    ) -> Result<(), JobError> {
        repo::set_status(&self.db, id, status, reason, self.clock.now_ms())
            .await
            .map_err(|e| JobError::Retry(format!("database: {e}")))
    }

    async fn launch_spec(&self, d: &deployments::Model) -> Result<LaunchSpec, JobError> {
        let db_err = |e: sea_orm::DbErr| JobError::Retry(format!("database: {e}"));
        let version = app_versions::Entity::find_by_id(d.version_id)
            .one(&self.db)
            .await
            .map_err(db_err)?
            .ok_or_else(|| JobError::Fatal("the deployed version no longer exists".into()))?;
        let app = apps::Entity::find_by_id(d.app_id)
            .one(&self.db)
            .await
            .map_err(db_err)?
            .ok_or_else(|| JobError::Fatal("the app no longer exists".into()))?;
        let tenant = tenants::Entity::find_by_id(d.tenant_id)
            .one(&self.db)
            .await
            .map_err(db_err)?
            .ok_or_else(|| JobError::Fatal("the organisation no longer exists".into()))?;
        let manifest = manifest::parse(&version.manifest).map_err(JobError::Fatal)?;
        let mut vars = Vars::new();
        vars.insert("tenant.id", tenant.id.to_string());
        vars.insert("tenant.slug", tenant.slug);
        vars.insert("tenant.name", tenant.name);
        vars.insert("deployment.id", d.id.to_string());
        vars.insert("app.slug", app.slug);
        vars.insert("app.version", version.version);
        Ok(LaunchSpec {
            deployment_id: d.id,
            manifest,
            vars,
        })
    }

    async fn run_desired(
        &self,
        job: &Claimed,
        d: deployments::Model,
        restart: bool,
    ) -> Result<(), JobError> {
        let id = d.id;
        match DesiredState::parse(&d.desired_state) {
            Some(DesiredState::Running) => {
                let current = DeploymentStatus::parse(&d.status);
                if !restart
                    && current == Some(DeploymentStatus::Running)
                    && let Some(instance) = self.runtime.instance(id).await
                {
                    let url_matches = d.url.as_deref() == Some(instance.url.as_str());
                    if url_matches {
                        return Ok(());
                    }
                }
                self.status(
                    id,
                    DeploymentStatus::Provisioning,
                    Some(if job.attempt > 1 {
                        format!(
                            "Starting (attempt {} of {})…",
                            job.attempt, job.max_attempts
                        )
                    } else {
                        "Starting…".into()
                    }),
                )
                .await?;
                let spec = self.launch_spec(&d).await?;
                match self.runtime.ensure_running(spec, restart).await {
                    Ok(instance) => {
                        // The tenant may have asked for something else meanwhile; a job
                        // queued for that request will act on it.
                        deployments::ActiveModel {
                            id: Set(id),
                            status: Set(DeploymentStatus::Running.as_str().into()),
                            status_reason: Set(None),
                            port: Set(Some(i32::from(instance.port))),
                            url: Set(Some(instance.url)),
                            pid: Set(instance.pid.and_then(|p| i32::try_from(p).ok())),
                            updated_at: Set(self.clock.now_ms()),
                            ..Default::default()
                        }
                        .update(&self.db)
                        .await
                        .map_err(|e| JobError::Retry(format!("database: {e}")))?;
                        Ok(())
                    }
                    Err(e) if e.retryable && job.attempt < job.max_attempts => {
                        self.status(
                            id,
                            DeploymentStatus::Provisioning,
                            Some(format!(
                                "Attempt {} failed, retrying: {}",
                                job.attempt, e.message
                            )),
                        )
                        .await?;
                        Err(JobError::Retry(e.message))
                    }
                    Err(e) => {
                        self.status(id, DeploymentStatus::Failed, Some(e.message.clone()))
                            .await?;
                        Ok(())
                    }
                }
            }
            Some(DesiredState::Stopped) => {
                self.runtime
                    .stop(id)
                    .await
                    .map_err(|e| JobError::Retry(e.message))?;
                deployments::ActiveModel {
                    id: Set(id),
                    status: Set(DeploymentStatus::Stopped.as_str().into()),
                    status_reason: Set(None),
                    pid: Set(None),
                    updated_at: Set(self.clock.now_ms()),
                    ..Default::default()
                }
                .update(&self.db)
                .await
                .map_err(|e| JobError::Retry(format!("database: {e}")))?;
                Ok(())
            }
            Some(DesiredState::Deleted) => {
                self.runtime
                    .remove(id)
                    .await
                    .map_err(|e| JobError::Retry(e.message))?;
                let now = self.clock.now_ms();
                deployments::ActiveModel {
                    id: Set(id),
                    status: Set(DeploymentStatus::Deleted.as_str().into()),
                    status_reason: Set(None),
                    pid: Set(None),
                    port: Set(None),
                    url: Set(None),
                    deleted_at: Set(Some(now)),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .update(&self.db)
                .await
                .map_err(|e| JobError::Retry(format!("database: {e}")))?;
                Ok(())
            }
            None => Err(JobError::Fatal(format!(
                "unknown desired state {}",
                d.desired_state
            ))),
        }
    }
}

#[async_trait]
impl Handler for Reconciler {
    async fn run(&self, job: &Claimed) -> Result<(), JobError> {
        let payload: Payload = serde_json::from_value(job.payload.clone())
            .map_err(|e| JobError::Fatal(format!("bad payload: {e}")))?;
        let Some(d) = repo::find_system(&self.db, payload.deployment_id)
            .await
            .map_err(|e| JobError::Retry(format!("database: {e}")))?
        else {
            return Ok(());
        };
        if DeploymentStatus::parse(&d.status) == Some(DeploymentStatus::Deleted) {
            return Ok(());
        }
        self.run_desired(job, d, payload.restart).await
    }
}

//! The provisioning service: the tenant's dashboard and the actions on deployments.

use std::sync::Arc;

use app::auth::TenantScope;
use app::error::AppError;
use app::ports::ProvisioningService;
use app::provisioning::types::{
    Dashboard, DeploymentAction, DeploymentRow, DeploymentStatus, DesiredState,
};
use async_trait::async_trait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::audit;
use crate::clock::{SharedClock, format_ms};
use crate::db::Db;
use crate::db::entities::{app_versions, apps, deployments};
use crate::error::OrInternal;
use crate::provisioning::runtime::Runtime;
use crate::provisioning::{lifecycle, repo};
use crate::tenancy::repo as tenancy_repo;

/// Log lines shown per deployment on the dashboard.
const TAIL_LINES: usize = 12;

/// Implements [`ProvisioningService`].
pub struct Provisioning {
    db: Db,
    clock: SharedClock,
    runtime: Arc<dyn Runtime>,
    wake: Arc<Notify>,
}

impl Provisioning {
    /// Builds the service; `wake` nudges the job workers after an enqueue.
    pub fn new(
        db: Db,
        clock: SharedClock,
        runtime: Arc<dyn Runtime>,
        wake: Arc<Notify>,
    ) -> Arc<Self> {
        Arc::new(Self {
            db,
            clock,
            runtime,
            wake,
        })
    }

    /// Rows for the UI; the actions offered are none unless the viewer may operate.
    async fn rows(
        &self,
        list: Vec<deployments::Model>,
        can_operate: bool,
    ) -> Result<Vec<DeploymentRow>, AppError> {
        let app_ids: Vec<Uuid> = list.iter().map(|d| d.app_id).collect();
        let version_ids: Vec<Uuid> = list.iter().map(|d| d.version_id).collect();
        let app_rows = apps::Entity::find()
            .filter(apps::Column::Id.is_in(app_ids))
            .all(&self.db)
            .await
            .or_internal("load apps")?;
        let versions = app_versions::Entity::find()
            .filter(app_versions::Column::Id.is_in(version_ids))
            .all(&self.db)
            .await
            .or_internal("load versions")?;
        let mut out = Vec::with_capacity(list.len());
        for d in list {
            let app = app_rows.iter().find(|a| a.id == d.app_id);
            let status = DeploymentStatus::parse(&d.status).unwrap_or(DeploymentStatus::Pending);
            let desired = DesiredState::parse(&d.desired_state).unwrap_or(DesiredState::Running);
            out.push(DeploymentRow {
                id: d.id,
                app_name: app.map(|a| a.name.clone()).unwrap_or_default(),
                app_slug: app.map(|a| a.slug.clone()).unwrap_or_default(),
                version: versions
                    .iter()
                    .find(|v| v.id == d.version_id)
                    .map(|v| v.version.clone())
                    .unwrap_or_default(),
                status,
                status_reason: d.status_reason,
                url: d.url,
                runtime: d.runtime,
                actions: if can_operate {
                    lifecycle::allowed_actions(status, desired)
                } else {
                    Vec::new()
                },
                log_tail: self.runtime.log_tail(d.id, TAIL_LINES).await,
                created: format_ms(d.created_at),
            });
        }
        Ok(out)
    }
}

#[async_trait]
impl ProvisioningService for Provisioning {
    async fn dashboard(
        &self,
        scope: &TenantScope,
        can_operate: bool,
    ) -> Result<Dashboard, AppError> {
        let tenant = tenancy_repo::tenant(&self.db, scope.tenant_id)
            .await
            .or_internal("load tenant")?
            .ok_or_else(|| AppError::not_found("Organisation"))?;
        let list = repo::list(&self.db, scope.tenant_id)
            .await
            .or_internal("list deployments")?;
        Ok(Dashboard {
            tenant_name: tenant.name,
            deployments: self.rows(list, can_operate).await?,
            can_operate,
        })
    }

    async fn deployment(
        &self,
        scope: &TenantScope,
        id: Uuid,
        can_operate: bool,
    ) -> Result<DeploymentRow, AppError> {
        let d = repo::find(&self.db, scope.tenant_id, id)
            .await
            .or_internal("load deployment")?
            .ok_or_else(|| AppError::not_found("Deployment"))?;
        self.rows(vec![d], can_operate)
            .await?
            .pop()
            .ok_or_else(|| AppError::not_found("Deployment"))
    }

    async fn act(
        &self,
        scope: &TenantScope,
        id: Uuid,
        action: DeploymentAction,
    ) -> Result<(), AppError> {
        let d = repo::find(&self.db, scope.tenant_id, id)
            .await
            .or_internal("load deployment")?
            .ok_or_else(|| AppError::not_found("Deployment"))?;
        let status = DeploymentStatus::parse(&d.status).unwrap_or(DeploymentStatus::Pending);
        let desired = DesiredState::parse(&d.desired_state).unwrap_or(DesiredState::Running);
        let request = lifecycle::apply(action, status, desired)?;
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin action")?;
        repo::request(&txn, d, request.desired, request.restart, now)
            .await
            .or_internal("request action")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: match action {
                    DeploymentAction::Start => "deployment.start",
                    DeploymentAction::Stop => "deployment.stop",
                    DeploymentAction::Restart => "deployment.restart",
                    DeploymentAction::Delete => "deployment.delete",
                },
                target: format!("deployment:{id}"),
                detail: serde_json::json!({}),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit action")?;
        self.wake.notify_one();
        Ok(())
    }
}

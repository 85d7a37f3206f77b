//! Deployment queries. Tenant reads take a [`TenantId`]; the `_system` functions are for
//! the reconcile job and the runtime, which act for the platform, not for a tenant.

use app::auth::TenantId;
use app::provisioning::types::{DeploymentStatus, DesiredState};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::clock::Millis;
use crate::db::entities::deployments;
use crate::jobs::queue::{self, JobSpec};

/// The reconcile job's kind.
pub const RECONCILE: &str = "deployment.reconcile";

/// The reconcile job for a deployment (deduplicated while queued).
pub fn reconcile_job(deployment_id: Uuid, restart: bool) -> JobSpec {
    JobSpec {
        kind: RECONCILE,
        payload: serde_json::json!({ "deployment_id": deployment_id, "restart": restart }),
        dedupe_key: Some(format!(
            "deployment:{deployment_id}:{}",
            if restart { "restart" } else { "sync" }
        )),
        max_attempts: 5,
    }
}

/// Creates a deployment for a newly active subscription and enqueues its provisioning,
/// inside the caller's transaction.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    subscription_id: Uuid,
    app_id: Uuid,
    version_id: Uuid,
    now: Millis,
) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    deployments::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.0),
        subscription_id: Set(subscription_id),
        app_id: Set(app_id),
        version_id: Set(version_id),
        runtime: Set("local".into()),
        desired_state: Set(DesiredState::Running.as_str().into()),
        status: Set(DeploymentStatus::Pending.as_str().into()),
        status_reason: Set(Some("Waiting for a worker…".into())),
        port: Set(None),
        url: Set(None),
        pid: Set(None),
        restart_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
    }
    .insert(db)
    .await?;
    queue::enqueue(db, now, reconcile_job(id, false)).await?;
    Ok(id)
}

/// One deployment of a tenant (deleted ones count as not found).
pub async fn find(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: Uuid,
) -> Result<Option<deployments::Model>, DbErr> {
    deployments::Entity::find_by_id(id)
        .filter(deployments::Column::TenantId.eq(tenant.0))
        .filter(deployments::Column::Status.ne(DeploymentStatus::Deleted.as_str()))
        .one(db)
        .await
}

/// A tenant's deployments, newest first, without deleted ones.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<deployments::Model>, DbErr> {
    deployments::Entity::find()
        .filter(deployments::Column::TenantId.eq(tenant.0))
        .filter(deployments::Column::Status.ne(DeploymentStatus::Deleted.as_str()))
        .order_by_desc(deployments::Column::CreatedAt)
        .all(db)
        .await
}

/// The deployment of a subscription, if any (any tenant; for billing's own transaction).
pub async fn by_subscription_system(
    db: &impl ConnectionTrait,
    subscription_id: Uuid,
) -> Result<Option<deployments::Model>, DbErr> {
    deployments::Entity::find()
        .filter(deployments::Column::SubscriptionId.eq(subscription_id))
        .one(db)
        .await
}

/// Loads a deployment by id alone (reconcile job, runtime events).
pub async fn find_system(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<deployments::Model>, DbErr> {
    deployments::Entity::find_by_id(id).one(db).await
}

/// Deployments the reconciler should look at after a restart.
pub async fn unsettled_system(db: &impl ConnectionTrait) -> Result<Vec<deployments::Model>, DbErr> {
    deployments::Entity::find()
        .filter(deployments::Column::Status.ne(DeploymentStatus::Deleted.as_str()))
        .filter(
            deployments::Column::DesiredState
                .eq(DesiredState::Running.as_str())
                .or(deployments::Column::DesiredState.eq(DesiredState::Deleted.as_str())),
        )
        .all(db)
        .await
}

/// Changes the desired state and enqueues reconciliation, inside the caller's transaction.
pub async fn request(
    db: &impl ConnectionTrait,
    d: deployments::Model,
    desired: DesiredState,
    restart: bool,
    now: Millis,
) -> Result<(), DbErr> {
    let id = d.id;
    let mut model: deployments::ActiveModel = d.into();
    model.desired_state = Set(desired.as_str().into());
    if desired == DesiredState::Deleted {
        model.status = Set(DeploymentStatus::Deleting.as_str().into());
        model.status_reason = Set(Some("Stopping and removing…".into()));
    }
    model.updated_at = Set(now);
    model.update(db).await?;
    queue::enqueue(db, now, reconcile_job(id, restart)).await?;
    Ok(())
}

/// Records an observed status.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: Uuid,
    status: DeploymentStatus,
    reason: Option<String>,
    now: Millis,
) -> Result<(), DbErr> {
    deployments::ActiveModel {
        id: Set(id),
        status: Set(status.as_str().into()),
        status_reason: Set(reason),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

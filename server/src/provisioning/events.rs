//! Applies what the runtime reports (restarts, giving up) to the deployment rows.

use app::provisioning::types::DeploymentStatus;
use sea_orm::{ActiveModelTrait, Set};
use tokio::sync::mpsc;

use crate::clock::SharedClock;
use crate::db::Db;
use crate::db::entities::deployments;
use crate::provisioning::runtime::RuntimeEvent;

/// Consumes runtime events until the channel closes.
pub async fn apply_events(
    db: Db,
    clock: SharedClock,
    mut rx: mpsc::UnboundedReceiver<RuntimeEvent>,
) {
    while let Some(event) = rx.recv().await {
        let now = clock.now_ms();
        let model = match &event {
            RuntimeEvent::Restarted {
                deployment_id,
                restarts,
                reason,
                instance,
            } => deployments::ActiveModel {
                id: Set(*deployment_id),
                status: Set(DeploymentStatus::Running.as_str().into()),
                status_reason: Set(Some(format!(
                    "Restarted automatically ({restarts}×). Last exit: {reason}"
                ))),
                restart_count: Set(i32::try_from(*restarts).unwrap_or(i32::MAX)),
                pid: Set(instance.pid.and_then(|p| i32::try_from(p).ok())),
                updated_at: Set(now),
                ..Default::default()
            },
            RuntimeEvent::GaveUp {
                deployment_id,
                restarts,
                reason,
            } => deployments::ActiveModel {
                id: Set(*deployment_id),
                status: Set(DeploymentStatus::Failed.as_str().into()),
                status_reason: Set(Some(format!(
                    "Crashed {restarts} times in a row; stopped restarting. {reason}"
                ))),
                pid: Set(None),
                updated_at: Set(now),
                ..Default::default()
            },
        };
        if let Err(e) = model.update(&db).await {
            tracing::error!(error = %e, ?event, "could not record runtime event");
        }
    }
}

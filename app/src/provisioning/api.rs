//! Provisioning server functions: the dashboard and deployment actions.
// The #[server] macro turns each function's parameters into the fields of a generated
// argument struct; the parameters are described on the functions themselves.
#![allow(missing_docs)]

use leptos::prelude::*;
use uuid::Uuid;

use crate::error::AppError;
use crate::provisioning::types::{Dashboard, DeploymentRow};

/// Deployments of the active organisation with status, URL and log tail.
#[server(endpoint = "provisioning/dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::auth::{Permission, server::require_principal};
    let principal = require_principal()?;
    let scope = principal.scope(Permission::ViewDeployments)?;
    let can_operate = principal.scope(Permission::OperateDeployments).is_ok();
    crate::ports::services()?
        .provisioning
        .dashboard(&scope, can_operate)
        .await
}

/// One deployment.
#[server(endpoint = "provisioning/deployment")]
pub async fn load_deployment(id: Uuid) -> Result<DeploymentRow, AppError> {
    use crate::auth::{Permission, server::require_principal};
    let principal = require_principal()?;
    let scope = principal.scope(Permission::ViewDeployments)?;
    let can_operate = principal.scope(Permission::OperateDeployments).is_ok();
    crate::ports::services()?
        .provisioning
        .deployment(&scope, id, can_operate)
        .await
}

/// Start, stop, restart or delete a deployment.
#[server(endpoint = "provisioning/act")]
pub async fn act_on_deployment(id: Uuid, action: String) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::provisioning::types::DeploymentAction;
    let scope = require_principal()?.scope(Permission::OperateDeployments)?;
    let action = DeploymentAction::parse(&action).map_err(|m| AppError::invalid("action", m))?;
    crate::ports::services()?
        .provisioning
        .act(&scope, id, action)
        .await?;
    if action == DeploymentAction::Delete {
        // It is asked from the deployment's own page, which is about to be gone.
        crate::http_glue::redirect("/dashboard");
    }
    Ok(())
}

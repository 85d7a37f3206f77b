//! Operator server functions: review queue and app moderation.
// The #[server] macro turns each function's parameters into the fields of a generated
// argument struct; the parameters are described on the functions themselves.
#![allow(missing_docs)]

use leptos::prelude::*;
use uuid::Uuid;

use crate::catalog::types::{AdminAppRow, ReviewItem};
use crate::error::AppError;

/// Versions waiting for review.
#[server(endpoint = "admin/review_queue")]
pub async fn review_queue() -> Result<Vec<ReviewItem>, AppError> {
    use crate::auth::server::require_principal;
    let op = require_principal()?.operator()?;
    crate::ports::services()?.admin.review_queue(&op).await
}

/// Approves a version: it becomes visible in the store.
#[server(endpoint = "admin/approve_version")]
pub async fn approve_version(version_id: Uuid) -> Result<(), AppError> {
    use crate::auth::server::require_principal;
    let op = require_principal()?.operator()?;
    crate::ports::services()?
        .admin
        .approve_version(&op, version_id)
        .await
}

/// Rejects a version with a reason the vendor will read.
#[server(endpoint = "admin/reject_version")]
pub async fn reject_version(version_id: Uuid, reason: String) -> Result<(), AppError> {
    use crate::auth::server::require_principal;
    let op = require_principal()?.operator()?;
    crate::ports::services()?
        .admin
        .reject_version(&op, version_id, &reason)
        .await
}

/// Every app on the platform.
#[server(endpoint = "admin/apps")]
pub async fn admin_apps() -> Result<Vec<AdminAppRow>, AppError> {
    use crate::auth::server::require_principal;
    let op = require_principal()?.operator()?;
    crate::ports::services()?.admin.apps(&op).await
}

/// Hides an app from the store.
#[server(endpoint = "admin/suspend_app")]
pub async fn suspend_app(app_id: Uuid, reason: String) -> Result<(), AppError> {
    use crate::auth::server::require_principal;
    let op = require_principal()?.operator()?;
    crate::ports::services()?
        .admin
        .suspend_app(&op, app_id, &reason)
        .await
}

/// Shows a suspended app again.
#[server(endpoint = "admin/restore_app")]
pub async fn restore_app(app_id: Uuid) -> Result<(), AppError> {
    use crate::auth::server::require_principal;
    let op = require_principal()?.operator()?;
    crate::ports::services()?
        .admin
        .restore_app(&op, app_id)
        .await
}

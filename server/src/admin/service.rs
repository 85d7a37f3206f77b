//! The operator service: approve or reject versions, suspend or restore apps.

use std::sync::Arc;

use app::auth::OperatorScope;
use app::catalog::types::{AdminAppRow, AppStatus, ReviewItem, VersionStatus};
use app::error::AppError;
use app::ports::AdminService;
use async_trait::async_trait;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::audit;
use crate::catalog::{repo, review};
use crate::clock::{SharedClock, format_ms};
use crate::db::Db;
use crate::db::entities::{app_versions, apps, tenants};
use crate::error::OrInternal;

/// Implements [`AdminService`] on the database. Operator-scoped: queries here may span tenants.
pub struct Admin {
    db: Db,
    clock: SharedClock,
}

impl Admin {
    /// Builds the service.
    pub fn new(db: Db, clock: SharedClock) -> Arc<Self> {
        Arc::new(Self { db, clock })
    }

    async fn review(
        &self,
        op: &OperatorScope,
        version_id: Uuid,
        decide: impl FnOnce(VersionStatus) -> Result<(VersionStatus, Option<String>), AppError>,
    ) -> Result<(), AppError> {
        let version = app_versions::Entity::find_by_id(version_id)
            .one(&self.db)
            .await
            .or_internal("load version")?
            .ok_or_else(|| AppError::not_found("Version"))?;
        let status = VersionStatus::parse(&version.status).unwrap_or(VersionStatus::Draft);
        let (next, reason) = decide(status)?;
        let now = self.clock.now_ms();
        let app_id = version.app_id;
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin review")?;
        let mut model: app_versions::ActiveModel = version.into();
        model.status = Set(next.as_str().to_owned());
        model.review_reason = Set(reason.clone());
        model.reviewed_at = Set(Some(now));
        model.reviewed_by = Set(Some(op.user_id.0));
        model.update(&txn).await.or_internal("update version")?;
        repo::refresh_listing(&txn, app_id, now)
            .await
            .or_internal("refresh listing")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: None,
                actor: Some(op.user_id.0),
                action: if next == VersionStatus::Approved {
                    "version.approve"
                } else {
                    "version.reject"
                },
                target: format!("version:{version_id}"),
                detail: serde_json::json!({ "reason": reason }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit review")?;
        Ok(())
    }

    async fn set_status(
        &self,
        op: &OperatorScope,
        app_id: Uuid,
        status: AppStatus,
        reason: Option<String>,
    ) -> Result<(), AppError> {
        let app = apps::Entity::find_by_id(app_id)
            .one(&self.db)
            .await
            .or_internal("load app")?
            .ok_or_else(|| AppError::not_found("App"))?;
        let current = AppStatus::parse(&app.status).unwrap_or(AppStatus::Active);
        if current == status {
            return Err(AppError::conflict(match status {
                AppStatus::Suspended => "This app is already suspended.",
                AppStatus::Active => "This app is not suspended.",
            }));
        }
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin moderation")?;
        let mut model: apps::ActiveModel = app.into();
        model.status = Set(status.as_str().to_owned());
        model.suspended_reason = Set(reason.clone());
        model.update(&txn).await.or_internal("update app")?;
        repo::refresh_listing(&txn, app_id, now)
            .await
            .or_internal("refresh listing")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: None,
                actor: Some(op.user_id.0),
                action: if status == AppStatus::Suspended {
                    "app.suspend"
                } else {
                    "app.restore"
                },
                target: format!("app:{app_id}"),
                detail: serde_json::json!({ "reason": reason }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit moderation")?;
        Ok(())
    }
}

#[async_trait]
impl AdminService for Admin {
    async fn review_queue(&self, _op: &OperatorScope) -> Result<Vec<ReviewItem>, AppError> {
        let versions = app_versions::Entity::find()
            .filter(app_versions::Column::Status.eq(VersionStatus::InReview.as_str()))
            .order_by_asc(app_versions::Column::SubmittedAt)
            .all(&self.db)
            .await
            .or_internal("review queue")?;
        let app_ids: Vec<Uuid> = versions.iter().map(|v| v.app_id).collect();
        let app_rows = apps::Entity::find()
            .filter(apps::Column::Id.is_in(app_ids))
            .all(&self.db)
            .await
            .or_internal("load apps")?;
        let vendor_ids: Vec<Uuid> = app_rows.iter().map(|a| a.vendor_tenant_id).collect();
        let vendors = tenants::Entity::find()
            .filter(tenants::Column::Id.is_in(vendor_ids))
            .all(&self.db)
            .await
            .or_internal("load vendors")?;
        Ok(versions
            .into_iter()
            .filter_map(|v| {
                let a = app_rows.iter().find(|a| a.id == v.app_id)?;
                let vendor = vendors.iter().find(|t| t.id == a.vendor_tenant_id);
                Some(ReviewItem {
                    version_id: v.id,
                    app_name: a.name.clone(),
                    app_slug: a.slug.clone(),
                    vendor_name: vendor.map(repo::vendor_display_name).unwrap_or_default(),
                    version: v.version,
                    manifest: v.manifest,
                    release_notes: v.release_notes,
                    submitted: v.submitted_at.map(format_ms).unwrap_or_default(),
                })
            })
            .collect())
    }

    async fn approve_version(&self, op: &OperatorScope, version_id: Uuid) -> Result<(), AppError> {
        self.review(op, version_id, |s| review::approve(s).map(|n| (n, None)))
            .await
    }

    async fn reject_version(
        &self,
        op: &OperatorScope,
        version_id: Uuid,
        reason: &str,
    ) -> Result<(), AppError> {
        let reason = reason.to_owned();
        self.review(op, version_id, move |s| {
            review::reject(s, &reason).map(|(n, r)| (n, Some(r)))
        })
        .await
    }

    async fn apps(&self, _op: &OperatorScope) -> Result<Vec<AdminAppRow>, AppError> {
        let rows = apps::Entity::find()
            .order_by_asc(apps::Column::Name)
            .all(&self.db)
            .await
            .or_internal("all apps")?;
        let vendor_ids: Vec<Uuid> = rows.iter().map(|a| a.vendor_tenant_id).collect();
        let vendors = tenants::Entity::find()
            .filter(tenants::Column::Id.is_in(vendor_ids))
            .all(&self.db)
            .await
            .or_internal("load vendors")?;
        Ok(rows
            .into_iter()
            .map(|a| AdminAppRow {
                vendor_name: vendors
                    .iter()
                    .find(|t| t.id == a.vendor_tenant_id)
                    .map(repo::vendor_display_name)
                    .unwrap_or_default(),
                id: a.id,
                slug: a.slug,
                name: a.name,
                status: AppStatus::parse(&a.status).unwrap_or(AppStatus::Active),
                published: a.published,
                suspended_reason: a.suspended_reason,
            })
            .collect())
    }

    async fn suspend_app(
        &self,
        op: &OperatorScope,
        app_id: Uuid,
        reason: &str,
    ) -> Result<(), AppError> {
        let reason = review::suspension_reason(reason)?;
        self.set_status(op, app_id, AppStatus::Suspended, Some(reason))
            .await
    }

    async fn restore_app(&self, op: &OperatorScope, app_id: Uuid) -> Result<(), AppError> {
        self.set_status(op, app_id, AppStatus::Active, None).await
    }
}

//! Entity `app_versions`: A version of an app with its deployment manifest and review state.

use sea_orm::entity::prelude::*;

/// A version of an app with its deployment manifest and review state.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub app_id: Uuid,
    pub version: String,
    #[sea_orm(column_type = "Text")]
    pub manifest: String,
    #[sea_orm(column_type = "Text")]
    pub release_notes: String,
    pub status: String,
    pub review_reason: Option<String>,
    pub submitted_at: Option<i64>,
    pub reviewed_at: Option<i64>,
    pub reviewed_by: Option<Uuid>,
    pub created_at: i64,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

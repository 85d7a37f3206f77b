//! Entity `deployments`: A running (or stopped) instance of an app for a subscription.

use sea_orm::entity::prelude::*;

/// A running (or stopped) instance of an app for a subscription.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deployments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub subscription_id: Uuid,
    pub app_id: Uuid,
    pub version_id: Uuid,
    pub runtime: String,
    pub desired_state: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub status_reason: Option<String>,
    pub port: Option<i32>,
    pub url: Option<String>,
    pub pid: Option<i32>,
    pub restart_count: i32,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity `subscriptions`: An organisation's subscription to a plan.

use sea_orm::entity::prelude::*;

/// An organisation's subscription to a plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub app_id: Uuid,
    pub plan_id: Uuid,
    pub status: String,
    pub created_at: i64,
    pub activated_at: Option<i64>,
    pub canceled_at: Option<i64>,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

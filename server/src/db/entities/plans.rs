//! Entity `plans`: A way to buy an app: free or a monthly price.

use sea_orm::entity::prelude::*;

/// A way to buy an app: free or a monthly price.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub app_id: Uuid,
    pub name: String,
    pub price_minor: i64,
    pub currency: String,
    pub active: bool,
    pub position: i32,
    pub created_at: i64,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

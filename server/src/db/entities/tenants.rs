//! Entity `tenants`: An organisation (customer and, optionally, vendor).

use sea_orm::entity::prelude::*;

/// An organisation (customer and, optionally, vendor).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub is_vendor: bool,
    pub vendor_name: Option<String>,
    pub created_at: i64,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

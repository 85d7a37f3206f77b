//! Entity `invoices`: An invoice for a subscription.

use sea_orm::entity::prelude::*;

/// An invoice for a subscription.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub subscription_id: Uuid,
    pub number: String,
    pub description: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub issued_at: i64,
    pub paid_at: Option<i64>,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity `apps`: An app in the catalog.

use sea_orm::entity::prelude::*;

/// An app in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "apps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub vendor_tenant_id: Uuid,
    pub slug: String,
    pub name: String,
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub description_md: String,
    #[sea_orm(column_type = "Text")]
    pub description_html: String,
    pub category_id: Uuid,
    pub icon_url: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub screenshots: String,
    pub status: String,
    pub suspended_reason: Option<String>,
    pub featured: bool,
    pub published: bool,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub latest_version: Option<String>,
    pub price_from_minor: Option<i64>,
    pub price_from_currency: Option<String>,
    pub published_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// No declared relations: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

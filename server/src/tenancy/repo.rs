//! Tenancy queries. Everything that reads one organisation's data takes its [`TenantId`].

use app::auth::TenantId;
use app::validate::slugify;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use crate::db::entities::tenants;

/// A free slug for a new organisation, derived from its name ("Acme" → "acme", "acme-2", …).
pub async fn unique_tenant_slug(db: &impl ConnectionTrait, name: &str) -> Result<String, DbErr> {
    let mut base = slugify(name);
    if app::tenancy::types::TenantSlug::parse(&base).is_err() {
        base = format!("org-{base}");
        base = slugify(&base);
        if base.len() < 3 {
            base = "org".into();
        }
    }
    base.truncate(34);
    let base = base.trim_end_matches('-').to_owned();
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if app::tenancy::types::TenantSlug::parse(&candidate).is_err() {
            continue;
        }
        let taken = tenants::Entity::find()
            .filter(tenants::Column::Slug.eq(&candidate))
            .count(db)
            .await?;
        if taken == 0 {
            return Ok(candidate);
        }
    }
    Err(DbErr::Custom("no free organisation slug".into()))
}

/// Loads one organisation.
pub async fn tenant(
    db: &impl ConnectionTrait,
    id: TenantId,
) -> Result<Option<tenants::Model>, DbErr> {
    tenants::Entity::find_by_id(id.0).one(db).await
}

//! Catalog queries. Listings load a page of apps plus their vendors and categories in
//! batch (three queries whatever the page size), and the store's derived facts
//! (published, latest version, cheapest plan, search text) are kept on the app row.

use app::billing::types::Money;
use app::catalog::types::{AppCard, AppStatus, VersionStatus};
use sea_orm::sea_query::LikeExpr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::clock::Millis;
use crate::db::entities::{app_versions, apps, categories, plans, tenants};

/// Store listings show this many apps per page.
pub const PAGE_SIZE: u64 = 24;

/// Turns app rows into tiles, loading vendors and categories in two batch queries.
pub async fn cards(
    db: &impl ConnectionTrait,
    rows: Vec<apps::Model>,
) -> Result<Vec<AppCard>, DbErr> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let vendor_ids: Vec<Uuid> = rows.iter().map(|a| a.vendor_tenant_id).collect();
    let category_ids: Vec<Uuid> = rows.iter().map(|a| a.category_id).collect();
    let vendors = tenants::Entity::find()
        .filter(tenants::Column::Id.is_in(vendor_ids))
        .all(db)
        .await?;
    let cats = categories::Entity::find()
        .filter(categories::Column::Id.is_in(category_ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let vendor_name = vendors
                .iter()
                .find(|t| t.id == a.vendor_tenant_id)
                .map(vendor_display_name)
                .unwrap_or_default();
            let category_name = cats
                .iter()
                .find(|c| c.id == a.category_id)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            AppCard {
                price_from: price_from(&a),
                slug: a.slug,
                name: a.name,
                summary: a.summary,
                icon_url: a.icon_url,
                category_name,
                vendor_name,
            }
        })
        .collect())
}

/// The name a vendor publishes under.
pub fn vendor_display_name(t: &tenants::Model) -> String {
    t.vendor_name.clone().unwrap_or_else(|| t.name.clone())
}

/// "Free", "from 9.00 EUR", or "—" for an app without plans.
pub fn price_from(a: &apps::Model) -> String {
    match (a.price_from_minor, a.price_from_currency.as_deref()) {
        (Some(0), _) => "Free".into(),
        (Some(minor), Some(cur)) => Money::from_minor(minor, cur)
            .map(|m| format!("from {}", m.display()))
            .unwrap_or_else(|_| "—".into()),
        _ => "—".into(),
    }
}

/// The condition "visible in the store".
pub fn published() -> Condition {
    Condition::all().add(apps::Column::Published.eq(true))
}

/// The condition "matches every word of the query" over the search text.
pub fn matches(query: &str) -> Condition {
    let mut cond = Condition::all();
    for word in query.split_whitespace().take(8) {
        let escaped = word
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        cond = cond
            .add(apps::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')));
    }
    cond
}

/// Recomputes an app's store facts from its versions and plans.
pub async fn refresh_listing(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    now: Millis,
) -> Result<(), DbErr> {
    let Some(app) = apps::Entity::find_by_id(app_id).one(db).await? else {
        return Ok(());
    };
    let approved = app_versions::Entity::find()
        .filter(app_versions::Column::AppId.eq(app_id))
        .filter(app_versions::Column::Status.eq(VersionStatus::Approved.as_str()))
        .all(db)
        .await?;
    let latest = approved
        .iter()
        .filter_map(|v| semver::Version::parse(&v.version).ok())
        .max();
    let app_plans = plans::Entity::find()
        .filter(plans::Column::AppId.eq(app_id))
        .filter(plans::Column::Active.eq(true))
        .all(db)
        .await?;
    let cheapest = app_plans.iter().min_by_key(|p| p.price_minor);
    let vendor = tenants::Entity::find_by_id(app.vendor_tenant_id)
        .one(db)
        .await?;
    let category = categories::Entity::find_by_id(app.category_id)
        .one(db)
        .await?;
    let active = AppStatus::parse(&app.status) == Some(AppStatus::Active);
    let is_published = active && latest.is_some() && cheapest.is_some();
    let search_text = [
        app.name.as_str(),
        app.summary.as_str(),
        app.slug.as_str(),
        &vendor.as_ref().map(vendor_display_name).unwrap_or_default(),
        category.as_ref().map(|c| c.name.as_str()).unwrap_or(""),
    ]
    .join(" ")
    .to_lowercase();

    let published_at = match (is_published, app.published_at) {
        (true, None) => Some(now),
        (_, existing) => existing,
    };
    let mut model: apps::ActiveModel = app.into();
    model.published = Set(is_published);
    model.latest_version = Set(latest.map(|v| v.to_string()));
    model.price_from_minor = Set(cheapest.map(|p| p.price_minor));
    model.price_from_currency = Set(cheapest.map(|p| p.currency.clone()));
    model.search_text = Set(search_text);
    model.published_at = Set(published_at);
    model.updated_at = Set(now);
    model.update(db).await?;
    Ok(())
}

/// Number of pages for a total.
pub fn pages(total: u64) -> u64 {
    total.div_ceil(PAGE_SIZE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(24), 1);
        assert_eq!(pages(25), 2);
    }
}

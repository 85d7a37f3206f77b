//! The catalog service: public store listings, and the vendor's apps, versions and plans.

use std::sync::Arc;

use app::auth::TenantScope;
use app::billing::types::Money;
use app::catalog::types::{
    AppDetail, AppForm, AppListing, AppStatus, CategoryView, PlanForm, PlanView, PublicVersion,
    StoreHome, VendorAppDetail, VendorAppRow, VendorVersionRow, VersionForm, VersionStatus,
    parse_version,
};
use app::error::AppError;
use app::ports::CatalogService;
use app::validate::{Checker, bounded_text};
use async_trait::async_trait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::audit;
use crate::catalog::{manifest, markdown, repo, review};
use crate::clock::{SharedClock, format_date};
use crate::db::Db;
use crate::db::entities::{app_versions, apps, categories, plans, tenants};
use crate::error::{OrInternal, is_unique_violation};

/// Implements [`CatalogService`] on the database.
pub struct Catalog {
    db: Db,
    clock: SharedClock,
}

impl Catalog {
    /// Builds the service.
    pub fn new(db: Db, clock: SharedClock) -> Arc<Self> {
        Arc::new(Self { db, clock })
    }

    async fn category_counts(&self) -> Result<Vec<CategoryView>, AppError> {
        let cats = categories::Entity::find()
            .order_by_asc(categories::Column::Position)
            .all(&self.db)
            .await
            .or_internal("load categories")?;
        let counts: Vec<(Uuid, i64)> = apps::Entity::find()
            .select_only()
            .column(apps::Column::CategoryId)
            .column_as(apps::Column::Id.count(), "n")
            .filter(repo::published())
            .group_by(apps::Column::CategoryId)
            .into_tuple()
            .all(&self.db)
            .await
            .or_internal("count apps")?;
        Ok(cats
            .into_iter()
            .map(|c| CategoryView {
                app_count: counts
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, n)| u64::try_from(*n).unwrap_or(0))
                    .unwrap_or(0),
                slug: c.slug,
                name: c.name,
                description: c.description,
            })
            .collect())
    }

    /// One of the vendor's own apps, or not found (also for other vendors' apps).
    async fn own_app(&self, scope: &TenantScope, app_id: Uuid) -> Result<apps::Model, AppError> {
        apps::Entity::find_by_id(app_id)
            .filter(apps::Column::VendorTenantId.eq(scope.tenant_id.0))
            .one(&self.db)
            .await
            .or_internal("load app")?
            .ok_or_else(|| AppError::not_found("App"))
    }

    async fn check_app_form(
        &self,
        form: &AppForm,
        except: Option<Uuid>,
    ) -> Result<(app::catalog::types::ValidApp, categories::Model), AppError> {
        let valid = form.validate()?;
        let category = categories::Entity::find()
            .filter(categories::Column::Slug.eq(&valid.category))
            .one(&self.db)
            .await
            .or_internal("find category")?
            .ok_or_else(|| AppError::invalid("category", "Choose one of the listed categories."))?;
        let mut taken = apps::Entity::find().filter(apps::Column::Slug.eq(&valid.slug));
        if let Some(id) = except {
            taken = taken.filter(apps::Column::Id.ne(id));
        }
        if taken.count(&self.db).await.or_internal("check slug")? > 0 {
            return Err(AppError::invalid(
                "slug",
                "This URL name is taken by another app; choose another.",
            ));
        }
        Ok((valid, category))
    }

    async fn listing(
        &self,
        title: String,
        description: String,
        filter: sea_orm::Condition,
        page: u64,
    ) -> Result<AppListing, AppError> {
        let page = page.clamp(1, 10_000);
        let query = apps::Entity::find().filter(filter);
        let total = query
            .clone()
            .count(&self.db)
            .await
            .or_internal("count apps")?;
        let rows = query
            .order_by_desc(apps::Column::PublishedAt)
            .order_by_asc(apps::Column::Name)
            .offset((page - 1) * repo::PAGE_SIZE)
            .limit(repo::PAGE_SIZE)
            .all(&self.db)
            .await
            .or_internal("list apps")?;
        Ok(AppListing {
            title,
            description,
            apps: repo::cards(&self.db, rows)
                .await
                .or_internal("load cards")?,
            total,
            page,
            pages: repo::pages(total),
        })
    }
}

#[async_trait]
impl CatalogService for Catalog {
    async fn store_home(&self) -> Result<StoreHome, AppError> {
        let featured = apps::Entity::find()
            .filter(repo::published())
            .filter(apps::Column::Featured.eq(true))
            .order_by_desc(apps::Column::PublishedAt)
            .limit(8)
            .all(&self.db)
            .await
            .or_internal("featured apps")?;
        let newest = apps::Entity::find()
            .filter(repo::published())
            .order_by_desc(apps::Column::PublishedAt)
            .order_by_asc(apps::Column::Name)
            .limit(8)
            .all(&self.db)
            .await
            .or_internal("newest apps")?;
        let mut all = featured.clone();
        all.extend(newest.iter().cloned());
        let mut cards = repo::cards(&self.db, all).await.or_internal("load cards")?;
        let newest_cards = cards.split_off(featured.len());
        Ok(StoreHome {
            featured: cards,
            newest: newest_cards,
            categories: self.category_counts().await?,
        })
    }

    async fn categories(&self) -> Result<Vec<CategoryView>, AppError> {
        self.category_counts().await
    }

    async fn category(&self, slug: &str, page: u64) -> Result<AppListing, AppError> {
        let cat = categories::Entity::find()
            .filter(categories::Column::Slug.eq(slug.trim()))
            .one(&self.db)
            .await
            .or_internal("find category")?
            .ok_or_else(|| AppError::not_found("Category"))?;
        self.listing(
            cat.name.clone(),
            cat.description.clone(),
            repo::published().add(apps::Column::CategoryId.eq(cat.id)),
            page,
        )
        .await
    }

    async fn search(&self, query: &str, page: u64) -> Result<AppListing, AppError> {
        let q: String = query.trim().chars().take(100).collect();
        if q.is_empty() {
            return self
                .listing(
                    "All apps".into(),
                    "Every app in the store.".into(),
                    repo::published(),
                    page,
                )
                .await;
        }
        self.listing(
            format!("Results for “{q}”"),
            "Apps whose name, summary, vendor or category match every word.".into(),
            repo::published().add(repo::matches(&q)),
            page,
        )
        .await
    }

    async fn app_detail(&self, slug: &str) -> Result<AppDetail, AppError> {
        let app = apps::Entity::find()
            .filter(apps::Column::Slug.eq(slug.trim()))
            .filter(repo::published())
            .one(&self.db)
            .await
            .or_internal("load app")?
            .ok_or_else(|| AppError::not_found("App"))?;
        let vendor = tenants::Entity::find_by_id(app.vendor_tenant_id)
            .one(&self.db)
            .await
            .or_internal("load vendor")?;
        let category = categories::Entity::find_by_id(app.category_id)
            .one(&self.db)
            .await
            .or_internal("load category")?;
        let mut versions = app_versions::Entity::find()
            .filter(app_versions::Column::AppId.eq(app.id))
            .filter(app_versions::Column::Status.eq(VersionStatus::Approved.as_str()))
            .all(&self.db)
            .await
            .or_internal("load versions")?;
        versions.sort_by(|a, b| {
            let va = semver::Version::parse(&a.version).ok();
            let vb = semver::Version::parse(&b.version).ok();
            vb.cmp(&va)
        });
        let plan_rows = plans::Entity::find()
            .filter(plans::Column::AppId.eq(app.id))
            .filter(plans::Column::Active.eq(true))
            .order_by_asc(plans::Column::PriceMinor)
            .order_by_asc(plans::Column::Position)
            .all(&self.db)
            .await
            .or_internal("load plans")?;
        Ok(AppDetail {
            id: app.id,
            slug: app.slug,
            name: app.name,
            summary: app.summary,
            description_html: app.description_html,
            icon_url: app.icon_url,
            screenshots: serde_json::from_str(&app.screenshots).unwrap_or_default(),
            category_slug: category
                .as_ref()
                .map(|c| c.slug.clone())
                .unwrap_or_default(),
            category_name: category.map(|c| c.name).unwrap_or_default(),
            vendor_name: vendor
                .as_ref()
                .map(repo::vendor_display_name)
                .unwrap_or_default(),
            versions: versions
                .into_iter()
                .map(|v| PublicVersion {
                    version: v.version,
                    release_notes: v.release_notes,
                    published: v.reviewed_at.map(format_date).unwrap_or_default(),
                })
                .collect(),
            plans: plan_rows.iter().map(plan_view).collect(),
        })
    }

    async fn vendor_apps(&self, scope: &TenantScope) -> Result<Vec<VendorAppRow>, AppError> {
        let rows = apps::Entity::find()
            .filter(apps::Column::VendorTenantId.eq(scope.tenant_id.0))
            .order_by_asc(apps::Column::Name)
            .all(&self.db)
            .await
            .or_internal("vendor apps")?;
        let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
        let in_review = app_versions::Entity::find()
            .filter(app_versions::Column::AppId.is_in(ids))
            .filter(app_versions::Column::Status.eq(VersionStatus::InReview.as_str()))
            .all(&self.db)
            .await
            .or_internal("versions in review")?;
        Ok(rows
            .into_iter()
            .map(|a| VendorAppRow {
                in_review: in_review.iter().filter(|v| v.app_id == a.id).count() as u64,
                id: a.id,
                slug: a.slug,
                name: a.name,
                status: AppStatus::parse(&a.status).unwrap_or(AppStatus::Active),
                published: a.published,
                latest_version: a.latest_version,
            })
            .collect())
    }

    async fn vendor_app(
        &self,
        scope: &TenantScope,
        slug: &str,
    ) -> Result<VendorAppDetail, AppError> {
        let app = apps::Entity::find()
            .filter(apps::Column::VendorTenantId.eq(scope.tenant_id.0))
            .filter(apps::Column::Slug.eq(slug.trim()))
            .one(&self.db)
            .await
            .or_internal("load app")?
            .ok_or_else(|| AppError::not_found("App"))?;
        let category = categories::Entity::find_by_id(app.category_id)
            .one(&self.db)
            .await
            .or_internal("load category")?;
        let versions = app_versions::Entity::find()
            .filter(app_versions::Column::AppId.eq(app.id))
            .order_by_desc(app_versions::Column::CreatedAt)
            .all(&self.db)
            .await
            .or_internal("load versions")?;
        let plan_rows = plans::Entity::find()
            .filter(plans::Column::AppId.eq(app.id))
            .order_by_asc(plans::Column::Position)
            .all(&self.db)
            .await
            .or_internal("load plans")?;
        let screenshots: Vec<String> = serde_json::from_str(&app.screenshots).unwrap_or_default();
        Ok(VendorAppDetail {
            id: app.id,
            form: AppForm {
                name: app.name,
                slug: app.slug,
                summary: app.summary,
                description: app.description_md,
                category: category.map(|c| c.slug).unwrap_or_default(),
                icon_url: app.icon_url.unwrap_or_default(),
                screenshots: screenshots.join("\n"),
            },
            status: AppStatus::parse(&app.status).unwrap_or(AppStatus::Active),
            suspended_reason: app.suspended_reason,
            published: app.published,
            versions: versions
                .into_iter()
                .map(|v| VendorVersionRow {
                    id: v.id,
                    version: v.version,
                    status: VersionStatus::parse(&v.status).unwrap_or(VersionStatus::Draft),
                    review_reason: v.review_reason,
                    created: format_date(v.created_at),
                })
                .collect(),
            plans: plan_rows.iter().map(plan_view).collect(),
        })
    }

    async fn create_app(&self, scope: &TenantScope, form: AppForm) -> Result<String, AppError> {
        let (valid, category) = self.check_app_form(&form, None).await?;
        let now = self.clock.now_ms();
        let id = Uuid::now_v7();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin create app")?;
        let inserted = apps::ActiveModel {
            id: Set(id),
            vendor_tenant_id: Set(scope.tenant_id.0),
            slug: Set(valid.slug.clone()),
            name: Set(valid.name.clone()),
            summary: Set(valid.summary),
            description_html: Set(markdown::render(&valid.description)),
            description_md: Set(valid.description),
            category_id: Set(category.id),
            icon_url: Set(valid.icon_url),
            screenshots: Set(
                serde_json::to_string(&valid.screenshots).unwrap_or_else(|_| "[]".into())
            ),
            status: Set(AppStatus::Active.as_str().to_owned()),
            suspended_reason: Set(None),
            featured: Set(false),
            published: Set(false),
            search_text: Set(String::new()),
            latest_version: Set(None),
            price_from_minor: Set(None),
            price_from_currency: Set(None),
            published_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await;
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                return Err(AppError::invalid(
                    "slug",
                    "This URL name is taken by another app; choose another.",
                ));
            }
            Err(e) => return Err(crate::error::internal("insert app", e)),
        }
        repo::refresh_listing(&txn, id, now)
            .await
            .or_internal("refresh listing")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "app.create",
                target: format!("app:{id}"),
                detail: serde_json::json!({ "slug": valid.slug, "name": valid.name }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit create app")?;
        Ok(valid.slug)
    }

    async fn update_app(
        &self,
        scope: &TenantScope,
        app_id: Uuid,
        form: AppForm,
    ) -> Result<String, AppError> {
        let app = self.own_app(scope, app_id).await?;
        let (valid, category) = self.check_app_form(&form, Some(app.id)).await?;
        let now = self.clock.now_ms();
        let mut model: apps::ActiveModel = app.into();
        model.slug = Set(valid.slug.clone());
        model.name = Set(valid.name);
        model.summary = Set(valid.summary);
        model.description_html = Set(markdown::render(&valid.description));
        model.description_md = Set(valid.description);
        model.category_id = Set(category.id);
        model.icon_url = Set(valid.icon_url);
        model.screenshots =
            Set(serde_json::to_string(&valid.screenshots).unwrap_or_else(|_| "[]".into()));
        model.updated_at = Set(now);
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin update app")?;
        match model.update(&txn).await {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                return Err(AppError::invalid(
                    "slug",
                    "This URL name is taken by another app; choose another.",
                ));
            }
            Err(e) => return Err(crate::error::internal("update app", e)),
        }
        repo::refresh_listing(&txn, app_id, now)
            .await
            .or_internal("refresh listing")?;
        txn.commit().await.or_internal("commit update app")?;
        Ok(valid.slug)
    }

    async fn add_version(
        &self,
        scope: &TenantScope,
        app_id: Uuid,
        form: VersionForm,
    ) -> Result<Uuid, AppError> {
        let app = self.own_app(scope, app_id).await?;
        let mut c = Checker::default();
        let version = c.maybe("version", parse_version(&form.version));
        c.field("manifest", manifest::parse(&form.manifest).map(|_| ()));
        let notes = c.field(
            "release_notes",
            bounded_text(&form.release_notes, "Release notes", 0, 2000),
        );
        c.finish()?;
        let version =
            version.ok_or_else(|| AppError::invalid("version", "Version is required."))?;
        let existing: Vec<semver::Version> = app_versions::Entity::find()
            .filter(app_versions::Column::AppId.eq(app.id))
            .all(&self.db)
            .await
            .or_internal("load versions")?
            .iter()
            .filter_map(|v| semver::Version::parse(&v.version).ok())
            .collect();
        review::check_new_version(&existing, &version)
            .map_err(|m| AppError::invalid("version", m))?;
        let now = self.clock.now_ms();
        let id = Uuid::now_v7();
        let result = app_versions::ActiveModel {
            id: Set(id),
            app_id: Set(app.id),
            version: Set(version.to_string()),
            manifest: Set(form.manifest.trim().to_owned()),
            release_notes: Set(notes),
            status: Set(VersionStatus::Draft.as_str().to_owned()),
            review_reason: Set(None),
            submitted_at: Set(None),
            reviewed_at: Set(None),
            reviewed_by: Set(None),
            created_at: Set(now),
        }
        .insert(&self.db)
        .await;
        match result {
            Ok(_) => Ok(id),
            Err(e) if is_unique_violation(&e) => {
                Err(AppError::invalid("version", "This version already exists."))
            }
            Err(e) => Err(crate::error::internal("insert version", e)),
        }
    }

    async fn submit_version(&self, scope: &TenantScope, version_id: Uuid) -> Result<(), AppError> {
        let version = app_versions::Entity::find_by_id(version_id)
            .one(&self.db)
            .await
            .or_internal("load version")?
            .ok_or_else(|| AppError::not_found("Version"))?;
        let app = self
            .own_app(scope, version.app_id)
            .await
            .map_err(|_| AppError::not_found("Version"))?;
        let has_plan = plans::Entity::find()
            .filter(plans::Column::AppId.eq(app.id))
            .filter(plans::Column::Active.eq(true))
            .count(&self.db)
            .await
            .or_internal("count plans")?
            > 0;
        if !has_plan {
            return Err(AppError::conflict(
                "Add at least one plan before submitting a version for review.",
            ));
        }
        let status = VersionStatus::parse(&version.status).unwrap_or(VersionStatus::Draft);
        let next = review::submit(status)?;
        let now = self.clock.now_ms();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin submit")?;
        let mut model: app_versions::ActiveModel = version.into();
        model.status = Set(next.as_str().to_owned());
        model.submitted_at = Set(Some(now));
        model.review_reason = Set(None);
        model.update(&txn).await.or_internal("submit version")?;
        audit::record(
            &txn,
            now,
            audit::Event {
                tenant_id: Some(scope.tenant_id.0),
                actor: Some(scope.user_id.0),
                action: "version.submit",
                target: format!("version:{version_id}"),
                detail: serde_json::json!({ "app": app.slug }),
            },
        )
        .await
        .or_internal("audit")?;
        txn.commit().await.or_internal("commit submit")?;
        Ok(())
    }

    async fn add_plan(
        &self,
        scope: &TenantScope,
        app_id: Uuid,
        form: PlanForm,
    ) -> Result<Uuid, AppError> {
        let app = self.own_app(scope, app_id).await?;
        let valid = form.validate()?;
        let count = plans::Entity::find()
            .filter(plans::Column::AppId.eq(app.id))
            .count(&self.db)
            .await
            .or_internal("count plans")?;
        if count >= 10 {
            return Err(AppError::conflict("An app can have at most 10 plans."));
        }
        let now = self.clock.now_ms();
        let id = Uuid::now_v7();
        let txn = crate::db::write_txn(&self.db)
            .await
            .or_internal("begin add plan")?;
        plans::ActiveModel {
            id: Set(id),
            app_id: Set(app.id),
            name: Set(valid.name),
            price_minor: Set(valid.price.minor),
            currency: Set(valid.price.currency.code().to_owned()),
            active: Set(true),
            position: Set(i32::try_from(count).unwrap_or(0)),
            created_at: Set(now),
        }
        .insert(&txn)
        .await
        .or_internal("insert plan")?;
        repo::refresh_listing(&txn, app.id, now)
            .await
            .or_internal("refresh listing")?;
        txn.commit().await.or_internal("commit add plan")?;
        Ok(id)
    }
}

/// A plan as buyers see it.
pub fn plan_view(p: &plans::Model) -> PlanView {
    let price = Money::from_minor(p.price_minor, &p.currency);
    PlanView {
        id: p.id,
        name: p.name.clone(),
        price: price.map(|m| m.display()).unwrap_or_else(|_| "—".into()),
        is_free: p.price_minor == 0,
    }
}

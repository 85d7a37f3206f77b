//! Catalog server functions: the public store and the vendor's apps.
// The #[server] macro turns each function's parameters into the fields of a generated
// argument struct; the parameters are described on the functions themselves.
#![allow(missing_docs)]

use leptos::prelude::*;
use uuid::Uuid;

use crate::catalog::types::{
    AppDetail, AppListing, CategoryView, StoreHome, VendorAppDetail, VendorAppRow,
};
use crate::error::AppError;

/// The store's front page (public).
#[server(endpoint = "catalog/store_home")]
pub async fn load_store_home() -> Result<StoreHome, AppError> {
    crate::ports::services()?.catalog.store_home().await
}

/// Every category (public).
#[server(endpoint = "catalog/categories")]
pub async fn categories() -> Result<Vec<CategoryView>, AppError> {
    crate::ports::services()?.catalog.categories().await
}

/// One category's published apps (public).
#[server(endpoint = "catalog/category")]
pub async fn category(slug: String, page: u64) -> Result<AppListing, AppError> {
    crate::ports::services()?
        .catalog
        .category(&slug, page)
        .await
}

/// Searches published apps by name, summary, vendor and category (public).
#[server(endpoint = "catalog/search")]
pub async fn search_apps(q: String, page: u64) -> Result<AppListing, AppError> {
    crate::ports::services()?.catalog.search(&q, page).await
}

/// One published app (public).
#[server(endpoint = "catalog/app")]
pub async fn load_app(slug: String) -> Result<AppDetail, AppError> {
    crate::ports::services()?.catalog.app_detail(&slug).await
}

/// The vendor's apps.
#[server(endpoint = "vendor/apps")]
pub async fn vendor_apps() -> Result<Vec<VendorAppRow>, AppError> {
    use crate::auth::{Permission, server::require_principal};
    let scope = require_principal()?.scope(Permission::ViewVendorApps)?;
    crate::ports::services()?.catalog.vendor_apps(&scope).await
}

/// One of the vendor's apps.
#[server(endpoint = "vendor/app")]
pub async fn vendor_app(slug: String) -> Result<VendorAppDetail, AppError> {
    use crate::auth::{Permission, server::require_principal};
    let scope = require_principal()?.scope(Permission::ViewVendorApps)?;
    crate::ports::services()?
        .catalog
        .vendor_app(&scope, &slug)
        .await
}

/// Creates an app and opens its page.
#[server(endpoint = "vendor/create_app")]
pub async fn create_app(
    name: String,
    slug: String,
    summary: String,
    description: String,
    category: String,
    icon_url: String,
    screenshots: String,
) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::catalog::types::AppForm;
    let scope = require_principal()?.scope(Permission::ManageVendorApps)?;
    let form = AppForm {
        name,
        slug,
        summary,
        description,
        category,
        icon_url,
        screenshots,
    };
    let slug = crate::ports::services()?
        .catalog
        .create_app(&scope, form)
        .await?;
    crate::http_glue::redirect(&format!("/vendor/apps/{slug}"));
    Ok(())
}

/// Saves changes to an app.
#[server(endpoint = "vendor/update_app")]
pub async fn update_app(
    app_id: Uuid,
    name: String,
    slug: String,
    summary: String,
    description: String,
    category: String,
    icon_url: String,
    screenshots: String,
) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::catalog::types::AppForm;
    let scope = require_principal()?.scope(Permission::ManageVendorApps)?;
    let form = AppForm {
        name,
        slug,
        summary,
        description,
        category,
        icon_url,
        screenshots,
    };
    let slug = crate::ports::services()?
        .catalog
        .update_app(&scope, app_id, form)
        .await?;
    crate::http_glue::redirect(&format!("/vendor/apps/{slug}"));
    Ok(())
}

/// Adds a draft version with its deployment manifest.
#[server(endpoint = "vendor/add_version")]
pub async fn add_version(
    app_id: Uuid,
    version: String,
    manifest: String,
    release_notes: String,
) -> Result<Uuid, AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::catalog::types::VersionForm;
    let scope = require_principal()?.scope(Permission::ManageVendorApps)?;
    crate::ports::services()?
        .catalog
        .add_version(
            &scope,
            app_id,
            VersionForm {
                version,
                manifest,
                release_notes,
            },
        )
        .await
}

/// Sends a version to the operator for review.
#[server(endpoint = "vendor/submit_version")]
pub async fn submit_version(version_id: Uuid) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    let scope = require_principal()?.scope(Permission::ManageVendorApps)?;
    crate::ports::services()?
        .catalog
        .submit_version(&scope, version_id)
        .await
}

/// Adds a plan (free or monthly price).
#[server(endpoint = "vendor/add_plan")]
pub async fn add_plan(
    app_id: Uuid,
    name: String,
    price: String,
    currency: String,
) -> Result<Uuid, AppError> {
    use crate::auth::{Permission, server::require_principal};
    use crate::catalog::types::PlanForm;
    let scope = require_principal()?.scope(Permission::ManageVendorApps)?;
    crate::ports::services()?
        .catalog
        .add_plan(
            &scope,
            app_id,
            PlanForm {
                name,
                price,
                currency,
            },
        )
        .await
}

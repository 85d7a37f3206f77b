//! Reference data (store categories) and the demo data behind the Quick start.

pub mod apps;

use std::sync::Arc;

use app::auth::{ActiveMembership, Permission, Principal, Role, TenantId, UserId};
use app::catalog::types::{AppForm, PlanForm, VersionForm};
use app::identity::types::Email;
use app::ports::{AdminService, CatalogService, TenancyService};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use uuid::Uuid;

use crate::clock::{Millis, SharedClock};
use crate::db::Db;
use crate::db::entities::{apps as app_rows, categories, users};
use crate::identity::service::Identity;

/// The store's categories: slug, name, description.
pub const CATEGORIES: &[(&str, &str, &str)] = &[
    (
        "productivity",
        "Productivity",
        "Wikis, forms and tools that help teams get work done.",
    ),
    (
        "developer-tools",
        "Developer tools",
        "Code, builds and snippets.",
    ),
    (
        "operations",
        "Operations",
        "Monitoring, status pages and incident response.",
    ),
    ("analytics", "Analytics", "Measure what matters."),
    ("communication", "Communication", "Chat, mail and meetings."),
    ("security", "Security", "Secrets, access and compliance."),
    (
        "content",
        "Content",
        "Websites, documentation and publishing.",
    ),
];

/// Creates the store categories when the table is empty (every installation needs them).
pub async fn ensure_categories(db: &impl ConnectionTrait, _now: Millis) -> Result<(), DbErr> {
    if categories::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    for (i, (slug, name, description)) in CATEGORIES.iter().enumerate() {
        categories::ActiveModel {
            id: Set(Uuid::now_v7()),
            slug: Set((*slug).to_owned()),
            name: Set((*name).to_owned()),
            description: Set((*description).to_owned()),
            position: Set(i32::try_from(i).unwrap_or(0)),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The demo accounts: role, e-mail, password, organisation.
pub const ACCOUNTS: &[(&str, &str, &str, &str)] = &[
    (
        "operator",
        "operator@agora.test",
        "operator-demo-pass",
        "Agora Operations",
    ),
    (
        "vendor",
        "vendor@agora.test",
        "vendor-demo-pass",
        "Acme Software",
    ),
    (
        "tenant",
        "tenant@agora.test",
        "tenant-demo-pass",
        "Globex Corporation",
    ),
];

/// What seeding did.
#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    /// Demo data was created.
    Created {
        /// Apps published.
        apps: usize,
    },
    /// It was there already; nothing changed.
    AlreadyThere,
}

/// Fails seeding with a message.
#[derive(Debug, thiserror::Error)]
#[error("seeding demo data failed: {0}")]
pub struct SeedError(String);

fn fail(e: impl std::fmt::Display) -> SeedError {
    SeedError(e.to_string())
}

/// Creates the demo accounts and a published catalog (idempotent).
pub async fn seed(
    db: &Db,
    clock: SharedClock,
    identity: &Arc<Identity>,
    catalog: &dyn CatalogService,
    tenancy: &dyn TenancyService,
    admin: &dyn AdminService,
) -> Result<Seeded, SeedError> {
    let (_, operator_email, _, _) = ACCOUNTS[0];
    let exists = users::Entity::find()
        .filter(users::Column::Email.eq(operator_email))
        .one(db)
        .await
        .map_err(fail)?;
    if exists.is_some() {
        return Ok(Seeded::AlreadyThere);
    }
    let mut ids = Vec::new();
    for (role, email, password, org) in ACCOUNTS {
        let email = Email::parse(email).map_err(fail)?;
        let name = format!("Demo {role}");
        let (user, tenant) = identity
            .create_account(&name, &email, password, org, *role == "operator")
            .await
            .map_err(fail)?;
        ids.push((user, tenant));
    }
    let (operator_user, operator_tenant) = ids[0];
    let (vendor_user, vendor_tenant) = ids[1];
    let owner = |user: Uuid, tenant: Uuid, vendor: bool, operator: bool| Principal {
        session_id: Uuid::nil(),
        user_id: UserId(user),
        is_operator: operator,
        active: Some(ActiveMembership {
            tenant_id: TenantId(tenant),
            role: Role::Owner,
            is_vendor: vendor,
        }),
    };
    let vendor_scope = owner(vendor_user, vendor_tenant, false, false)
        .scope(Permission::ManageVendorProfile)
        .map_err(fail)?;
    tenancy
        .become_vendor(&vendor_scope, "Acme Software")
        .await
        .map_err(fail)?;
    let vendor = owner(vendor_user, vendor_tenant, true, false)
        .scope(Permission::ManageVendorApps)
        .map_err(fail)?;
    let op = owner(operator_user, operator_tenant, false, true)
        .operator()
        .map_err(fail)?;

    for demo in apps::CATALOG {
        let slug = catalog
            .create_app(
                &vendor,
                AppForm {
                    name: demo.name.into(),
                    slug: demo.slug.into(),
                    summary: demo.summary.into(),
                    description: demo.description.into(),
                    category: demo.category.into(),
                    icon_url: format!("/icons/{}.svg", demo.slug),
                    screenshots: String::new(),
                },
            )
            .await
            .map_err(fail)?;
        let app = app_rows::Entity::find()
            .filter(app_rows::Column::Slug.eq(&slug))
            .one(db)
            .await
            .map_err(fail)?
            .ok_or_else(|| SeedError(format!("app {slug} vanished")))?;
        for (name, price, currency) in demo.plans {
            catalog
                .add_plan(
                    &vendor,
                    app.id,
                    PlanForm {
                        name: (*name).into(),
                        price: (*price).into(),
                        currency: (*currency).into(),
                    },
                )
                .await
                .map_err(fail)?;
        }
        let manifest = if demo.static_site {
            apps::static_site_manifest(demo.name)
        } else {
            apps::web_app_manifest(demo.name)
        };
        let version = catalog
            .add_version(
                &vendor,
                app.id,
                VersionForm {
                    version: "1.0.0".into(),
                    manifest,
                    release_notes: "First release.".into(),
                },
            )
            .await
            .map_err(fail)?;
        catalog
            .submit_version(&vendor, version)
            .await
            .map_err(fail)?;
        admin.approve_version(&op, version).await.map_err(fail)?;
        if demo.featured {
            let mut model: app_rows::ActiveModel = app.into();
            model.featured = Set(true);
            model.updated_at = Set(clock.now_ms());
            model.update(db).await.map_err(fail)?;
        }
    }
    Ok(Seeded::Created {
        apps: apps::CATALOG.len(),
    })
}

/// Publishes `count` generated apps from the demo vendor (load tests need a big catalog).
pub async fn seed_generated(
    db: &Db,
    catalog: &dyn CatalogService,
    admin: &dyn AdminService,
    count: usize,
) -> Result<Seeded, SeedError> {
    let vendor_user = users::Entity::find()
        .filter(users::Column::Email.eq(ACCOUNTS[1].1))
        .one(db)
        .await
        .map_err(fail)?
        .ok_or_else(|| SeedError("run seed-demo first".into()))?;
    let operator = users::Entity::find()
        .filter(users::Column::Email.eq(ACCOUNTS[0].1))
        .one(db)
        .await
        .map_err(fail)?
        .ok_or_else(|| SeedError("run seed-demo first".into()))?;
    let vendor_tenant = crate::db::entities::memberships::Entity::find()
        .filter(crate::db::entities::memberships::Column::UserId.eq(vendor_user.id))
        .one(db)
        .await
        .map_err(fail)?
        .ok_or_else(|| SeedError("demo vendor has no organisation".into()))?
        .tenant_id;
    let vendor = Principal {
        session_id: Uuid::nil(),
        user_id: UserId(vendor_user.id),
        is_operator: false,
        active: Some(ActiveMembership {
            tenant_id: TenantId(vendor_tenant),
            role: Role::Owner,
            is_vendor: true,
        }),
    }
    .scope(Permission::ManageVendorApps)
    .map_err(fail)?;
    let op = app::auth::OperatorScope {
        user_id: UserId(operator.id),
    };
    let words = [
        "Cloud", "Team", "Smart", "Open", "Rapid", "Secure", "Data", "Pixel", "Flow", "Nimbus",
    ];
    let kinds = [
        "Notes", "Board", "Tracker", "Hub", "Desk", "Sync", "Vault", "Forms", "Metrics", "Chat",
    ];
    let existing = app_rows::Entity::find().count(db).await.map_err(fail)?;
    for i in 0..count {
        let n = existing as usize + i;
        let name = format!(
            "{} {} {n}",
            words[n % words.len()],
            kinds[(n / words.len()) % kinds.len()]
        );
        let (category, _, _) = CATEGORIES[n % CATEGORIES.len()];
        let slug = catalog
            .create_app(
                &vendor,
                AppForm {
                    name: name.clone(),
                    slug: format!("generated-app-{n}"),
                    summary: format!("{name} keeps your team's work in one place."),
                    description: format!(
                        "## {name}\n\nA generated app used to measure the store under load."
                    ),
                    category: category.into(),
                    icon_url: String::new(),
                    screenshots: String::new(),
                },
            )
            .await
            .map_err(fail)?;
        let app = app_rows::Entity::find()
            .filter(app_rows::Column::Slug.eq(&slug))
            .one(db)
            .await
            .map_err(fail)?
            .ok_or_else(|| SeedError(format!("app {slug} vanished")))?;
        let price = if n.is_multiple_of(3) { "0" } else { "9.50" };
        catalog
            .add_plan(
                &vendor,
                app.id,
                PlanForm {
                    name: "Standard".into(),
                    price: price.into(),
                    currency: "EUR".into(),
                },
            )
            .await
            .map_err(fail)?;
        let version = catalog
            .add_version(
                &vendor,
                app.id,
                VersionForm {
                    version: "1.0.0".into(),
                    manifest: apps::web_app_manifest(&name),
                    release_notes: String::new(),
                },
            )
            .await
            .map_err(fail)?;
        catalog
            .submit_version(&vendor, version)
            .await
            .map_err(fail)?;
        admin.approve_version(&op, version).await.map_err(fail)?;
    }
    Ok(Seeded::Created { apps: count })
}

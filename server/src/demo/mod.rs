//! Reference data (store categories) and the demo data behind the Quick start.

pub mod apps;

use std::sync::Arc;

use app::auth::{
    ActiveMembership, OperatorScope, Permission, Principal, Role, TenantId, TenantScope, UserId,
};
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
use crate::db::entities::{apps as app_rows, categories, memberships, users};
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

/// Publishes apps as the demo vendor, through the same review flow as everyone else.
struct Publisher<'a> {
    db: &'a Db,
    catalog: &'a dyn CatalogService,
    admin: &'a dyn AdminService,
    vendor: TenantScope,
    operator: OperatorScope,
}

/// An owner's principal in one organisation (the seed acts as these people).
fn owner(user: Uuid, tenant: Uuid, is_vendor: bool) -> Principal {
    Principal {
        session_id: Uuid::nil(),
        user_id: UserId(user),
        is_operator: false,
        active: Some(ActiveMembership {
            tenant_id: TenantId(tenant),
            role: Role::Owner,
            is_vendor,
        }),
    }
}

impl<'a> Publisher<'a> {
    /// Acts as the demo vendor and the demo operator (they must exist).
    async fn for_demo_accounts(
        db: &'a Db,
        catalog: &'a dyn CatalogService,
        admin: &'a dyn AdminService,
    ) -> Result<Self, SeedError> {
        let find = |email: &'static str| async move {
            users::Entity::find()
                .filter(users::Column::Email.eq(email))
                .one(db)
                .await
                .map_err(fail)?
                .ok_or_else(|| SeedError(format!("{email} is missing: run seed-demo first")))
        };
        let vendor_user = find(ACCOUNTS[1].1).await?;
        let operator_user = find(ACCOUNTS[0].1).await?;
        let vendor_tenant = memberships::Entity::find()
            .filter(memberships::Column::UserId.eq(vendor_user.id))
            .one(db)
            .await
            .map_err(fail)?
            .ok_or_else(|| SeedError("the demo vendor has no organisation".into()))?
            .tenant_id;
        Ok(Self {
            db,
            catalog,
            admin,
            vendor: owner(vendor_user.id, vendor_tenant, true)
                .scope(Permission::ManageVendorApps)
                .map_err(fail)?,
            operator: OperatorScope {
                user_id: UserId(operator_user.id),
            },
        })
    }

    /// Creates an app with its plans and version 1.0.0, submits it and approves it.
    async fn publish(
        &self,
        form: AppForm,
        plans: &[(&str, &str, &str)],
        manifest: String,
    ) -> Result<app_rows::Model, SeedError> {
        let slug = self
            .catalog
            .create_app(&self.vendor, form)
            .await
            .map_err(fail)?;
        let app = app_rows::Entity::find()
            .filter(app_rows::Column::Slug.eq(&slug))
            .one(self.db)
            .await
            .map_err(fail)?
            .ok_or_else(|| SeedError(format!("app {slug} vanished")))?;
        for (name, price, currency) in plans {
            let plan = PlanForm {
                name: (*name).into(),
                price: (*price).into(),
                currency: (*currency).into(),
            };
            self.catalog
                .add_plan(&self.vendor, app.id, plan)
                .await
                .map_err(fail)?;
        }
        let version = VersionForm {
            version: "1.0.0".into(),
            manifest,
            release_notes: "First release.".into(),
        };
        let version = self
            .catalog
            .add_version(&self.vendor, app.id, version)
            .await
            .map_err(fail)?;
        self.catalog
            .submit_version(&self.vendor, version)
            .await
            .map_err(fail)?;
        self.admin
            .approve_version(&self.operator, version)
            .await
            .map_err(fail)?;
        Ok(app)
    }
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
    let exists = users::Entity::find()
        .filter(users::Column::Email.eq(ACCOUNTS[0].1))
        .one(db)
        .await
        .map_err(fail)?;
    if exists.is_some() {
        return Ok(Seeded::AlreadyThere);
    }
    let mut vendor = None;
    for (role, email, password, org) in ACCOUNTS {
        let email = Email::parse(email).map_err(fail)?;
        let (user, tenant) = identity
            .create_account(
                &format!("Demo {role}"),
                &email,
                password,
                org,
                *role == "operator",
            )
            .await
            .map_err(fail)?;
        if *role == "vendor" {
            vendor = Some((user, tenant));
        }
    }
    let (vendor_user, vendor_tenant) =
        vendor.ok_or_else(|| SeedError("no demo vendor account".into()))?;
    let profile = owner(vendor_user, vendor_tenant, false)
        .scope(Permission::ManageVendorProfile)
        .map_err(fail)?;
    tenancy
        .become_vendor(&profile, "Acme Software")
        .await
        .map_err(fail)?;

    let publisher = Publisher::for_demo_accounts(db, catalog, admin).await?;
    for demo in apps::CATALOG {
        let form = AppForm {
            name: demo.name.into(),
            slug: demo.slug.into(),
            summary: demo.summary.into(),
            description: demo.description.into(),
            category: demo.category.into(),
            icon_url: format!("/icons/{}.svg", demo.slug),
            screenshots: String::new(),
        };
        let manifest = if demo.static_site {
            apps::static_site_manifest(demo.name)
        } else {
            apps::web_app_manifest(demo.name)
        };
        let app = publisher.publish(form, demo.plans, manifest).await?;
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
    let publisher = Publisher::for_demo_accounts(db, catalog, admin).await?;
    let words = [
        "Cloud", "Team", "Smart", "Open", "Rapid", "Secure", "Data", "Pixel", "Flow", "Nimbus",
    ];
    let kinds = [
        "Notes", "Board", "Tracker", "Hub", "Desk", "Sync", "Vault", "Forms", "Metrics", "Chat",
    ];
    let existing =
        usize::try_from(app_rows::Entity::find().count(db).await.map_err(fail)?).unwrap_or(0);
    for n in existing..existing + count {
        let name = format!(
            "{} {} {n}",
            words[n % words.len()],
            kinds[(n / words.len()) % kinds.len()]
        );
        let (category, _, _) = CATEGORIES[n % CATEGORIES.len()];
        let form = AppForm {
            name: name.clone(),
            slug: format!("generated-app-{n}"),
            summary: format!("{name} keeps your team's work in one place."),
            description: format!(
                "## {name}\n\nA generated app used to measure the store under load."
            ),
            category: category.into(),
            icon_url: String::new(),
            screenshots: String::new(),
        };
        let price = if n.is_multiple_of(3) { "0" } else { "9.50" };
        publisher
            .publish(
                form,
                &[("Standard", price, "EUR")],
                apps::web_app_manifest(&name),
            )
            .await?;
    }
    Ok(Seeded::Created { apps: count })
}

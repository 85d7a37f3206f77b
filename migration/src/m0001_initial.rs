//! The first schema: identity, tenancy, catalog, billing, provisioning, jobs and audit.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates every table of the foundation.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    IsOperator,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
    Slug,
    Name,
    IsVendor,
    VendorName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    TenantId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    ActiveTenantId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum Invites {
    Table,
    Id,
    TenantId,
    Email,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuthThrottle {
    Table,
    Key,
    Failures,
    WindowStartedAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Position,
}

#[derive(DeriveIden)]
enum Apps {
    Table,
    Id,
    VendorTenantId,
    Slug,
    Name,
    Summary,
    DescriptionMd,
    DescriptionHtml,
    CategoryId,
    IconUrl,
    Screenshots,
    Status,
    SuspendedReason,
    Featured,
    Published,
    SearchText,
    LatestVersion,
    PriceFromMinor,
    PriceFromCurrency,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AppVersions {
    Table,
    Id,
    AppId,
    Version,
    Manifest,
    ReleaseNotes,
    Status,
    ReviewReason,
    SubmittedAt,
    ReviewedAt,
    ReviewedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Plans {
    Table,
    Id,
    AppId,
    Name,
    PriceMinor,
    Currency,
    Active,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    Id,
    TenantId,
    AppId,
    PlanId,
    Status,
    CreatedAt,
    ActivatedAt,
    CanceledAt,
}

#[derive(DeriveIden)]
enum Invoices {
    Table,
    Id,
    TenantId,
    SubscriptionId,
    Number,
    Description,
    AmountMinor,
    Currency,
    Status,
    IssuedAt,
    PaidAt,
}

#[derive(DeriveIden)]
enum Deployments {
    Table,
    Id,
    TenantId,
    SubscriptionId,
    AppId,
    VersionId,
    Runtime,
    DesiredState,
    Status,
    StatusReason,
    Port,
    Url,
    Pid,
    RestartCount,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    Payload,
    DedupeKey,
    Status,
    Attempts,
    MaxAttempts,
    RunAt,
    LockedBy,
    LockedUntil,
    LastError,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    TenantId,
    ActorUserId,
    Action,
    Target,
    Detail,
    CreatedAt,
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(on_delete)
        .take()
}

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in cols {
        stmt.col(Alias::new(*c));
    }
    stmt.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_uuid(Users::Id))
                .col(string_uniq(Users::Email))
                .col(string(Users::DisplayName))
                .col(string(Users::PasswordHash))
                .col(boolean(Users::IsOperator).default(false))
                .col(big_integer(Users::CreatedAt))
                .col(big_integer(Users::UpdatedAt))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Tenants::Table)
                .col(pk_uuid(Tenants::Id))
                .col(string_uniq(Tenants::Slug))
                .col(string(Tenants::Name))
                .col(boolean(Tenants::IsVendor).default(false))
                .col(string_null(Tenants::VendorName))
                .col(big_integer(Tenants::CreatedAt))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Memberships::Table)
                .col(pk_uuid(Memberships::Id))
                .col(uuid(Memberships::TenantId))
                .col(uuid(Memberships::UserId))
                .col(string(Memberships::Role))
                .col(big_integer(Memberships::CreatedAt))
                .foreign_key(&mut fk(
                    Memberships::Table,
                    Memberships::TenantId,
                    Tenants::Table,
                    Tenants::Id,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    Memberships::Table,
                    Memberships::UserId,
                    Users::Table,
                    Users::Id,
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "ux_memberships_tenant_user",
                Memberships::Table,
                &["tenant_id", "user_id"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_index(index(
            "ix_memberships_user",
            Memberships::Table,
            &["user_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(pk_uuid(Sessions::Id))
                .col(string_uniq(Sessions::TokenHash))
                .col(uuid(Sessions::UserId))
                .col(uuid_null(Sessions::ActiveTenantId))
                .col(big_integer(Sessions::CreatedAt))
                .col(big_integer(Sessions::ExpiresAt))
                .col(big_integer(Sessions::LastSeenAt))
                .col(string_null(Sessions::Ip))
                .col(string_null(Sessions::UserAgent))
                .foreign_key(&mut fk(
                    Sessions::Table,
                    Sessions::UserId,
                    Users::Table,
                    Users::Id,
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("ix_sessions_user", Sessions::Table, &["user_id"]))
            .await?;
        m.create_index(index(
            "ix_sessions_expires",
            Sessions::Table,
            &["expires_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Invites::Table)
                .col(pk_uuid(Invites::Id))
                .col(uuid(Invites::TenantId))
                .col(string(Invites::Email))
                .col(string(Invites::Role))
                .col(string_uniq(Invites::TokenHash))
                .col(uuid(Invites::InvitedBy))
                .col(big_integer(Invites::CreatedAt))
                .col(big_integer(Invites::ExpiresAt))
                .col(big_integer_null(Invites::AcceptedAt))
                .col(big_integer_null(Invites::RevokedAt))
                .foreign_key(&mut fk(
                    Invites::Table,
                    Invites::TenantId,
                    Tenants::Table,
                    Tenants::Id,
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("ix_invites_tenant", Invites::Table, &["tenant_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(AuthThrottle::Table)
                .col(string(AuthThrottle::Key).primary_key())
                .col(integer(AuthThrottle::Failures))
                .col(big_integer(AuthThrottle::WindowStartedAt))
                .col(big_integer_null(AuthThrottle::LockedUntil))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Categories::Table)
                .col(pk_uuid(Categories::Id))
                .col(string_uniq(Categories::Slug))
                .col(string(Categories::Name))
                .col(string(Categories::Description))
                .col(integer(Categories::Position))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Apps::Table)
                .col(pk_uuid(Apps::Id))
                .col(uuid(Apps::VendorTenantId))
                .col(string_uniq(Apps::Slug))
                .col(string(Apps::Name))
                .col(string(Apps::Summary))
                .col(text(Apps::DescriptionMd))
                .col(text(Apps::DescriptionHtml))
                .col(uuid(Apps::CategoryId))
                .col(string_null(Apps::IconUrl))
                .col(text(Apps::Screenshots))
                .col(string(Apps::Status))
                .col(string_null(Apps::SuspendedReason))
                .col(boolean(Apps::Featured).default(false))
                .col(boolean(Apps::Published).default(false))
                .col(text(Apps::SearchText))
                .col(string_null(Apps::LatestVersion))
                .col(big_integer_null(Apps::PriceFromMinor))
                .col(string_null(Apps::PriceFromCurrency))
                .col(big_integer_null(Apps::PublishedAt))
                .col(big_integer(Apps::CreatedAt))
                .col(big_integer(Apps::UpdatedAt))
                .foreign_key(&mut fk(
                    Apps::Table,
                    Apps::VendorTenantId,
                    Tenants::Table,
                    Tenants::Id,
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    Apps::Table,
                    Apps::CategoryId,
                    Categories::Table,
                    Categories::Id,
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
        // The store's listing queries: published apps by category / featured, newest first.
        m.create_index(index(
            "ix_apps_published_category",
            Apps::Table,
            &["published", "category_id", "published_at"],
        ))
        .await?;
        m.create_index(index(
            "ix_apps_published_featured",
            Apps::Table,
            &["published", "featured", "published_at"],
        ))
        .await?;
        m.create_index(index("ix_apps_vendor", Apps::Table, &["vendor_tenant_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(AppVersions::Table)
                .col(pk_uuid(AppVersions::Id))
                .col(uuid(AppVersions::AppId))
                .col(string(AppVersions::Version))
                .col(text(AppVersions::Manifest))
                .col(text(AppVersions::ReleaseNotes))
                .col(string(AppVersions::Status))
                .col(string_null(AppVersions::ReviewReason))
                .col(big_integer_null(AppVersions::SubmittedAt))
                .col(big_integer_null(AppVersions::ReviewedAt))
                .col(uuid_null(AppVersions::ReviewedBy))
                .col(big_integer(AppVersions::CreatedAt))
                .foreign_key(&mut fk(
                    AppVersions::Table,
                    AppVersions::AppId,
                    Apps::Table,
                    Apps::Id,
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "ux_app_versions_app_version",
                AppVersions::Table,
                &["app_id", "version"],
            )
            .unique()
            .take(),
        )
        .await?;
        m.create_index(index(
            "ix_app_versions_status",
            AppVersions::Table,
            &["status", "submitted_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Plans::Table)
                .col(pk_uuid(Plans::Id))
                .col(uuid(Plans::AppId))
                .col(string(Plans::Name))
                .col(big_integer(Plans::PriceMinor))
                .col(string(Plans::Currency))
                .col(boolean(Plans::Active).default(true))
                .col(integer(Plans::Position))
                .col(big_integer(Plans::CreatedAt))
                .foreign_key(&mut fk(
                    Plans::Table,
                    Plans::AppId,
                    Apps::Table,
                    Apps::Id,
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("ix_plans_app", Plans::Table, &["app_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Subscriptions::Table)
                .col(pk_uuid(Subscriptions::Id))
                .col(uuid(Subscriptions::TenantId))
                .col(uuid(Subscriptions::AppId))
                .col(uuid(Subscriptions::PlanId))
                .col(string(Subscriptions::Status))
                .col(big_integer(Subscriptions::CreatedAt))
                .col(big_integer_null(Subscriptions::ActivatedAt))
                .col(big_integer_null(Subscriptions::CanceledAt))
                .foreign_key(&mut fk(
                    Subscriptions::Table,
                    Subscriptions::TenantId,
                    Tenants::Table,
                    Tenants::Id,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    Subscriptions::Table,
                    Subscriptions::PlanId,
                    Plans::Table,
                    Plans::Id,
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_subscriptions_tenant",
            Subscriptions::Table,
            &["tenant_id", "created_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Invoices::Table)
                .col(pk_uuid(Invoices::Id))
                .col(uuid(Invoices::TenantId))
                .col(uuid(Invoices::SubscriptionId))
                .col(string_uniq(Invoices::Number))
                .col(string(Invoices::Description))
                .col(big_integer(Invoices::AmountMinor))
                .col(string(Invoices::Currency))
                .col(string(Invoices::Status))
                .col(big_integer(Invoices::IssuedAt))
                .col(big_integer_null(Invoices::PaidAt))
                .foreign_key(&mut fk(
                    Invoices::Table,
                    Invoices::SubscriptionId,
                    Subscriptions::Table,
                    Subscriptions::Id,
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_invoices_tenant",
            Invoices::Table,
            &["tenant_id", "issued_at"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Deployments::Table)
                .col(pk_uuid(Deployments::Id))
                .col(uuid(Deployments::TenantId))
                .col(uuid_uniq(Deployments::SubscriptionId))
                .col(uuid(Deployments::AppId))
                .col(uuid(Deployments::VersionId))
                .col(string(Deployments::Runtime))
                .col(string(Deployments::DesiredState))
                .col(string(Deployments::Status))
                .col(text_null(Deployments::StatusReason))
                .col(integer_null(Deployments::Port))
                .col(string_null(Deployments::Url))
                .col(integer_null(Deployments::Pid))
                .col(integer(Deployments::RestartCount).default(0))
                .col(big_integer(Deployments::CreatedAt))
                .col(big_integer(Deployments::UpdatedAt))
                .col(big_integer_null(Deployments::DeletedAt))
                .foreign_key(&mut fk(
                    Deployments::Table,
                    Deployments::SubscriptionId,
                    Subscriptions::Table,
                    Subscriptions::Id,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    Deployments::Table,
                    Deployments::VersionId,
                    AppVersions::Table,
                    AppVersions::Id,
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_deployments_tenant",
            Deployments::Table,
            &["tenant_id", "created_at"],
        ))
        .await?;
        m.create_index(index(
            "ix_deployments_desired",
            Deployments::Table,
            &["desired_state"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Jobs::Table)
                .col(pk_uuid(Jobs::Id))
                .col(string(Jobs::Kind))
                .col(text(Jobs::Payload))
                .col(string_null(Jobs::DedupeKey))
                .col(string(Jobs::Status))
                .col(integer(Jobs::Attempts).default(0))
                .col(integer(Jobs::MaxAttempts))
                .col(big_integer(Jobs::RunAt))
                .col(string_null(Jobs::LockedBy))
                .col(big_integer_null(Jobs::LockedUntil))
                .col(text_null(Jobs::LastError))
                .col(big_integer(Jobs::CreatedAt))
                .col(big_integer(Jobs::UpdatedAt))
                .take(),
        )
        .await?;
        m.create_index(index("ix_jobs_claim", Jobs::Table, &["status", "run_at"]))
            .await?;
        m.create_index(index(
            "ix_jobs_dedupe",
            Jobs::Table,
            &["dedupe_key", "status"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(pk_uuid(AuditEvents::Id))
                .col(uuid_null(AuditEvents::TenantId))
                .col(uuid_null(AuditEvents::ActorUserId))
                .col(string(AuditEvents::Action))
                .col(string(AuditEvents::Target))
                .col(text(AuditEvents::Detail))
                .col(big_integer(AuditEvents::CreatedAt))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_audit_tenant",
            AuditEvents::Table,
            &["tenant_id", "created_at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvents::Table.into_iden(),
            Jobs::Table.into_iden(),
            Deployments::Table.into_iden(),
            Invoices::Table.into_iden(),
            Subscriptions::Table.into_iden(),
            Plans::Table.into_iden(),
            AppVersions::Table.into_iden(),
            Apps::Table.into_iden(),
            Categories::Table.into_iden(),
            AuthThrottle::Table.into_iden(),
            Invites::Table.into_iden(),
            Sessions::Table.into_iden(),
            Memberships::Table.into_iden(),
            Tenants::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}

//! The services the server crate implements, handed to server functions through context.
//!
//! Server functions stay thin: principal → permission → one call here → result.
//! Only compiled with `ssr`; the browser build never sees these traits.

use std::sync::Arc;

use async_trait::async_trait;
use uuid::Uuid;

use crate::auth::{OperatorScope, Principal, TenantScope};
use crate::billing::types::{BillingOverview, CheckoutResult};
use crate::catalog::types::{
    AdminAppRow, AppDetail, AppForm, AppListing, CategoryView, PlanForm, ReviewItem, StoreHome,
    VendorAppDetail, VendorAppRow, VersionForm,
};
use crate::error::AppError;
use crate::identity::types::{LogInForm, SignUpForm, Viewer};
use crate::provisioning::types::{Dashboard, DeploymentAction, DeploymentRow};
use crate::tenancy::types::{InviteCreated, InvitePreview, TeamPage};

/// Where a request came from, for throttling and the session list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientInfo {
    /// Peer address (or the trusted proxy's forwarded address).
    pub ip: Option<String>,
    /// Browser identification.
    pub user_agent: Option<String>,
}

/// A session just created; the server function turns it into a cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The full `Set-Cookie` header value.
    pub set_cookie: String,
}

/// Accounts, sessions and switching organisations.
#[async_trait]
pub trait IdentityService: Send + Sync {
    /// Creates a user and their organisation, and logs them in.
    async fn sign_up(&self, form: SignUpForm, client: ClientInfo) -> Result<NewSession, AppError>;
    /// Checks a password (throttled) and opens a session.
    async fn log_in(&self, form: LogInForm, client: ClientInfo) -> Result<NewSession, AppError>;
    /// Ends a session; answers the `Set-Cookie` value that clears the cookie.
    async fn log_out(&self, principal: &Principal) -> Result<String, AppError>;
    /// The viewer for the header and menus.
    async fn viewer(&self, principal: &Principal) -> Result<Viewer, AppError>;
    /// Makes another of the person's organisations the active one.
    async fn switch_tenant(&self, principal: &Principal, tenant_id: Uuid) -> Result<(), AppError>;
}

/// Organisations, members and invitations.
#[async_trait]
pub trait TenancyService: Send + Sync {
    /// Members and pending invitations of the active organisation.
    async fn team(&self, scope: &TenantScope, can_manage: bool) -> Result<TeamPage, AppError>;
    /// Invites someone by link.
    async fn create_invite(
        &self,
        scope: &TenantScope,
        email: &str,
        role: &str,
    ) -> Result<InviteCreated, AppError>;
    /// Withdraws an invitation.
    async fn revoke_invite(&self, scope: &TenantScope, invite_id: Uuid) -> Result<(), AppError>;
    /// What an invitation link offers.
    async fn invite_preview(&self, token: &str) -> Result<InvitePreview, AppError>;
    /// Joins the inviting organisation and makes it active.
    async fn accept_invite(&self, principal: &Principal, token: &str) -> Result<(), AppError>;
    /// Turns the active organisation into a vendor.
    async fn become_vendor(&self, scope: &TenantScope, vendor_name: &str) -> Result<(), AppError>;
}

/// The public store and the vendor's side of it.
#[async_trait]
pub trait CatalogService: Send + Sync {
    /// Front page.
    async fn store_home(&self) -> Result<StoreHome, AppError>;
    /// Every category with counts.
    async fn categories(&self) -> Result<Vec<CategoryView>, AppError>;
    /// One category's apps.
    async fn category(&self, slug: &str, page: u64) -> Result<AppListing, AppError>;
    /// Full-text-ish search over published apps.
    async fn search(&self, query: &str, page: u64) -> Result<AppListing, AppError>;
    /// One published app.
    async fn app_detail(&self, slug: &str) -> Result<AppDetail, AppError>;
    /// The vendor's apps.
    async fn vendor_apps(&self, scope: &TenantScope) -> Result<Vec<VendorAppRow>, AppError>;
    /// One of the vendor's apps with versions and plans.
    async fn vendor_app(
        &self,
        scope: &TenantScope,
        slug: &str,
    ) -> Result<VendorAppDetail, AppError>;
    /// Creates an app; answers its slug.
    async fn create_app(&self, scope: &TenantScope, form: AppForm) -> Result<String, AppError>;
    /// Edits an app; answers its (possibly new) slug.
    async fn update_app(
        &self,
        scope: &TenantScope,
        app_id: Uuid,
        form: AppForm,
    ) -> Result<String, AppError>;
    /// Adds a draft version.
    async fn add_version(
        &self,
        scope: &TenantScope,
        app_id: Uuid,
        form: VersionForm,
    ) -> Result<Uuid, AppError>;
    /// Sends a draft or rejected version to review.
    async fn submit_version(&self, scope: &TenantScope, version_id: Uuid) -> Result<(), AppError>;
    /// Adds a plan.
    async fn add_plan(
        &self,
        scope: &TenantScope,
        app_id: Uuid,
        form: PlanForm,
    ) -> Result<Uuid, AppError>;
}

/// The operator's console.
#[async_trait]
pub trait AdminService: Send + Sync {
    /// Versions waiting for review, oldest first.
    async fn review_queue(&self, op: &OperatorScope) -> Result<Vec<ReviewItem>, AppError>;
    /// Publishes a version.
    async fn approve_version(&self, op: &OperatorScope, version_id: Uuid) -> Result<(), AppError>;
    /// Sends a version back with a reason.
    async fn reject_version(
        &self,
        op: &OperatorScope,
        version_id: Uuid,
        reason: &str,
    ) -> Result<(), AppError>;
    /// Every app on the platform.
    async fn apps(&self, op: &OperatorScope) -> Result<Vec<AdminAppRow>, AppError>;
    /// Hides an app from the store.
    async fn suspend_app(
        &self,
        op: &OperatorScope,
        app_id: Uuid,
        reason: &str,
    ) -> Result<(), AppError>;
    /// Shows a suspended app again.
    async fn restore_app(&self, op: &OperatorScope, app_id: Uuid) -> Result<(), AppError>;
}

/// Checkout, subscriptions and invoices.
#[async_trait]
pub trait BillingService: Send + Sync {
    /// Checks out a plan for the active organisation.
    async fn subscribe(
        &self,
        scope: &TenantScope,
        plan_id: Uuid,
    ) -> Result<CheckoutResult, AppError>;
    /// Subscriptions and invoices.
    async fn overview(
        &self,
        scope: &TenantScope,
        can_manage: bool,
    ) -> Result<BillingOverview, AppError>;
    /// Records an offline payment of an invoice.
    async fn mark_invoice_paid(
        &self,
        scope: &TenantScope,
        invoice_id: Uuid,
    ) -> Result<(), AppError>;
    /// Ends a subscription and removes its deployment.
    async fn cancel_subscription(
        &self,
        scope: &TenantScope,
        subscription_id: Uuid,
    ) -> Result<(), AppError>;
}

/// Deployments of subscribed apps.
#[async_trait]
pub trait ProvisioningService: Send + Sync {
    /// The dashboard.
    async fn dashboard(
        &self,
        scope: &TenantScope,
        can_operate: bool,
    ) -> Result<Dashboard, AppError>;
    /// One deployment with its log tail; no actions are offered unless `can_operate`.
    async fn deployment(
        &self,
        scope: &TenantScope,
        id: Uuid,
        can_operate: bool,
    ) -> Result<DeploymentRow, AppError>;
    /// Start, stop, restart or delete.
    async fn act(
        &self,
        scope: &TenantScope,
        id: Uuid,
        action: DeploymentAction,
    ) -> Result<(), AppError>;
}

/// Every service, as one value in context.
#[derive(Clone)]
pub struct Services {
    /// Accounts and sessions.
    pub identity: Arc<dyn IdentityService>,
    /// Organisations and members.
    pub tenancy: Arc<dyn TenancyService>,
    /// Store and vendor apps.
    pub catalog: Arc<dyn CatalogService>,
    /// Operator console.
    pub admin: Arc<dyn AdminService>,
    /// Checkout and invoices.
    pub billing: Arc<dyn BillingService>,
    /// Deployments.
    pub provisioning: Arc<dyn ProvisioningService>,
}

/// The services from context; an internal error if the server forgot to provide them.
pub fn services() -> Result<Services, AppError> {
    leptos::prelude::use_context::<Services>().ok_or_else(|| AppError::Internal {
        reference: "no-services".into(),
    })
}

/// The client information the server attached to the request.
pub fn client_info() -> ClientInfo {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<ClientInfo>().cloned())
        .unwrap_or_default()
}

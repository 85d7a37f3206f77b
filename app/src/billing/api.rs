//! Billing server functions: checkout, invoices, cancellation.
// The #[server] macro turns each function's parameters into the fields of a generated
// argument struct; the parameters are described on the functions themselves.
#![allow(missing_docs)]

use leptos::prelude::*;
use uuid::Uuid;

use crate::billing::types::BillingOverview;
use crate::error::AppError;

/// Checks out a plan; goes to the dashboard (free) or to billing (invoice to pay).
#[server(endpoint = "billing/subscribe")]
pub async fn subscribe(plan_id: Uuid) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    let scope = require_principal()?.scope(Permission::Subscribe)?;
    let result = crate::ports::services()?
        .billing
        .subscribe(&scope, plan_id)
        .await?;
    match result.deployment_id {
        Some(_) => crate::http_glue::redirect("/dashboard"),
        None => crate::http_glue::redirect("/billing"),
    }
    Ok(())
}

/// Subscriptions and invoices of the active organisation.
#[server(endpoint = "billing/overview")]
pub async fn load_billing() -> Result<BillingOverview, AppError> {
    use crate::auth::{Permission, server::require_principal};
    let principal = require_principal()?;
    let scope = principal.scope(Permission::ViewTenant)?;
    let can_manage = principal.scope(Permission::ManageBilling).is_ok();
    crate::ports::services()?
        .billing
        .overview(&scope, can_manage)
        .await
}

/// Records that an invoice was paid by bank transfer; activates its subscription.
#[server(endpoint = "billing/mark_paid")]
pub async fn mark_invoice_paid(invoice_id: Uuid) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    let scope = require_principal()?.scope(Permission::ManageBilling)?;
    crate::ports::services()?
        .billing
        .mark_invoice_paid(&scope, invoice_id)
        .await
}

/// Ends a subscription; its deployment is removed.
#[server(endpoint = "billing/cancel")]
pub async fn cancel_subscription(subscription_id: Uuid) -> Result<(), AppError> {
    use crate::auth::{Permission, server::require_principal};
    let scope = require_principal()?.scope(Permission::ManageBilling)?;
    crate::ports::services()?
        .billing
        .cancel_subscription(&scope, subscription_id)
        .await
}

//! The payment-provider port: how a checkout becomes money. The built-in provider
//! (invoices paid by bank transfer) is the embedded default; Stripe implements the
//! same trait.

use async_trait::async_trait;
use sea_orm::DatabaseTransaction;
use uuid::Uuid;

use app::billing::types::Money;
use app::error::AppError;

use crate::clock::Millis;

/// What is being bought.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    /// The buying organisation.
    pub tenant_id: Uuid,
    /// The subscription being created.
    pub subscription_id: Uuid,
    /// Monthly price.
    pub price: Money,
    /// Invoice line ("Pastebin — Team plan, first month").
    pub description: String,
    /// Now.
    pub now: Millis,
}

/// What checkout decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutOutcome {
    /// Nothing to pay (free plan): the subscription is active at once.
    Active,
    /// An invoice was issued; the subscription activates when it is paid.
    Invoice {
        /// The invoice.
        invoice_id: Uuid,
    },
}

/// A way of taking payment.
#[async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Short name for logs and the invoice ("builtin", "stripe").
    fn name(&self) -> &'static str;

    /// Starts payment for a new subscription, inside the checkout transaction.
    async fn checkout(
        &self,
        txn: &DatabaseTransaction,
        request: CheckoutRequest,
    ) -> Result<CheckoutOutcome, AppError>;

    /// Whether a tenant may record an offline payment by hand (bank transfer).
    fn accepts_manual_payment(&self) -> bool;
}

//! The built-in payment provider: free plans activate at once; paid plans get an
//! invoice that the tenant pays by bank transfer and then marks as paid.

use async_trait::async_trait;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, Set};
use uuid::Uuid;

use app::billing::types::InvoiceStatus;
use app::error::AppError;

use crate::billing::provider::{CheckoutOutcome, CheckoutRequest, PaymentProvider};
use crate::billing::rules::invoice_number;
use crate::clock::format_date;
use crate::db::entities::invoices;
use crate::error::OrInternal;

/// Invoices settled offline.
#[derive(Debug, Default)]
pub struct BuiltinProvider;

#[async_trait]
impl PaymentProvider for BuiltinProvider {
    fn name(&self) -> &'static str {
        "builtin"
    }

    async fn checkout(
        &self,
        txn: &DatabaseTransaction,
        r: CheckoutRequest,
    ) -> Result<CheckoutOutcome, AppError> {
        if r.price.is_zero() {
            return Ok(CheckoutOutcome::Active);
        }
        let id = Uuid::now_v7();
        invoices::ActiveModel {
            id: Set(id),
            tenant_id: Set(r.tenant_id),
            subscription_id: Set(r.subscription_id),
            number: Set(invoice_number(&format_date(r.now), id)),
            description: Set(r.description),
            amount_minor: Set(r.price.minor),
            currency: Set(r.price.currency.code().to_owned()),
            status: Set(InvoiceStatus::Open.as_str().to_owned()),
            issued_at: Set(r.now),
            paid_at: Set(None),
        }
        .insert(txn)
        .await
        .or_internal("insert invoice")?;
        Ok(CheckoutOutcome::Invoice { invoice_id: id })
    }

    fn accepts_manual_payment(&self) -> bool {
        true
    }
}

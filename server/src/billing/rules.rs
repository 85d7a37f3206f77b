//! Subscription and invoice transitions.

use app::billing::types::{InvoiceStatus, SubscriptionStatus};
use app::error::AppError;

/// A paid first invoice activates a subscription waiting for payment.
pub fn activate(from: SubscriptionStatus) -> Result<SubscriptionStatus, AppError> {
    match from {
        SubscriptionStatus::PendingPayment => Ok(SubscriptionStatus::Active),
        SubscriptionStatus::Active => {
            Err(AppError::conflict("This subscription is already active."))
        }
        SubscriptionStatus::Canceled => Err(AppError::conflict("This subscription was canceled.")),
    }
}

/// A tenant cancels a subscription that is active or still waiting for payment.
pub fn cancel(from: SubscriptionStatus) -> Result<SubscriptionStatus, AppError> {
    match from {
        SubscriptionStatus::PendingPayment | SubscriptionStatus::Active => {
            Ok(SubscriptionStatus::Canceled)
        }
        SubscriptionStatus::Canceled => {
            Err(AppError::conflict("This subscription is already canceled."))
        }
    }
}

/// Only open invoices can be paid.
pub fn pay(from: InvoiceStatus) -> Result<InvoiceStatus, AppError> {
    match from {
        InvoiceStatus::Open => Ok(InvoiceStatus::Paid),
        InvoiceStatus::Paid => Err(AppError::conflict("This invoice is already paid.")),
        InvoiceStatus::Void => Err(AppError::conflict(
            "This invoice was voided and cannot be paid.",
        )),
    }
}

/// An invoice number that people can read out on a bank transfer.
pub fn invoice_number(date: &str, id: uuid::Uuid) -> String {
    let tail = id.simple().to_string();
    let tail = &tail[tail.len().saturating_sub(8)..];
    format!(
        "INV-{}-{}",
        date.replace('-', ""),
        tail.to_ascii_uppercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use SubscriptionStatus::*;

    #[test]
    fn subscription_transitions() {
        assert_eq!(activate(PendingPayment).ok(), Some(Active));
        assert!(activate(Active).is_err());
        assert!(activate(Canceled).is_err());
        assert_eq!(cancel(Active).ok(), Some(Canceled));
        assert_eq!(cancel(PendingPayment).ok(), Some(Canceled));
        assert!(cancel(Canceled).is_err());
    }

    #[test]
    fn only_open_invoices_are_paid() {
        assert_eq!(pay(InvoiceStatus::Open).ok(), Some(InvoiceStatus::Paid));
        assert!(pay(InvoiceStatus::Paid).is_err());
        assert!(pay(InvoiceStatus::Void).is_err());
    }

    #[test]
    fn invoice_numbers_are_readable() {
        let n = invoice_number("2026-11-23", uuid::Uuid::from_u128(0xabcdef12));
        assert_eq!(n, "INV-20261123-ABCDEF12");
    }
}

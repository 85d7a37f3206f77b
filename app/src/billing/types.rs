//! Billing value types: money, subscriptions and invoices.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A currency Agora can price in, with its number of minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// ISO 4217 codes accepted for plan prices, with their minor-unit exponents.
const CURRENCIES: &[(&str, u8)] = &[
    ("AUD", 2),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("INR", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("NOK", 2),
    ("NZD", 2),
    ("PLN", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("USD", 2),
];

impl Currency {
    /// Parses a three-letter code, case-insensitively.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let upper = raw.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(code, _)| *code == upper)
            .map(|(code, exponent)| {
                let b = code.as_bytes();
                Self {
                    code: [b[0], b[1], b[2]],
                    exponent: *exponent,
                }
            })
            .ok_or_else(|| {
                format!(
                    "Currency must be one of: {}.",
                    CURRENCIES
                        .iter()
                        .map(|(c, _)| *c)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Number of decimal places in the minor unit (2 for EUR, 0 for JPY).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

/// An amount in a currency's minor units (cents), never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units.
    pub minor: i64,
    /// Currency.
    pub currency: Currency,
}

impl Money {
    /// The highest monthly price a plan may have, in major units.
    pub const MAX_MAJOR: i64 = 1_000_000;

    /// Parses a price typed by a person ("12", "12.5", "12.50") in the given currency.
    pub fn parse(amount: &str, currency: &str) -> Result<Self, String> {
        let currency = Currency::parse(currency)?;
        let a = amount.trim();
        if a.is_empty() {
            return Err("Price is required (0 for a free plan).".into());
        }
        let (whole, frac) = match a.split_once('.') {
            Some((w, f)) => (w, f),
            None => (a, ""),
        };
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(frac) {
            return Err("Price must be a number like 12 or 12.50, without a currency sign.".into());
        }
        let exp = usize::from(currency.exponent);
        if frac.len() > exp {
            return Err(if exp == 0 {
                format!("{} has no decimal places.", currency.code())
            } else {
                format!(
                    "{} prices have at most {exp} decimal places.",
                    currency.code()
                )
            });
        }
        let whole: i64 = whole
            .parse()
            .map_err(|_| "Price is too large.".to_owned())?;
        if whole > Self::MAX_MAJOR {
            return Err(format!(
                "Price must be at most {} {}.",
                Self::MAX_MAJOR,
                currency.code()
            ));
        }
        let scale = 10_i64.pow(u32::from(currency.exponent));
        let mut frac_padded = frac.to_owned();
        while frac_padded.len() < exp {
            frac_padded.push('0');
        }
        let frac_value: i64 = if frac_padded.is_empty() {
            0
        } else {
            frac_padded
                .parse()
                .map_err(|_| "Price is not a number.".to_owned())?
        };
        Ok(Self {
            minor: whole * scale + frac_value,
            currency,
        })
    }

    /// Rebuilds a stored amount.
    pub fn from_minor(minor: i64, currency: &str) -> Result<Self, String> {
        Ok(Self {
            minor,
            currency: Currency::parse(currency)?,
        })
    }

    /// Whether the amount is zero (a free plan).
    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// "12.50 EUR"; "Free" for zero.
    pub fn display(&self) -> String {
        if self.is_zero() {
            return "Free".into();
        }
        format!("{} {}", self.amount_text(), self.currency.code())
    }

    /// The amount without the currency ("12.50").
    pub fn amount_text(&self) -> String {
        let exp = u32::from(self.currency.exponent);
        if exp == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(exp);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.abs();
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = exp as usize
        )
    }
}

/// Where a subscription is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Checked out; waiting for the first invoice to be paid.
    PendingPayment,
    /// Paid (or free) and in force: its deployment exists.
    Active,
    /// Ended by the tenant.
    Canceled,
}

impl SubscriptionStatus {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingPayment => "pending_payment",
            Self::Active => "active",
            Self::Canceled => "canceled",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "pending_payment" => Some(Self::PendingPayment),
            "active" => Some(Self::Active),
            "canceled" => Some(Self::Canceled),
            _ => None,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::PendingPayment => "Awaiting payment",
            Self::Active => "Active",
            Self::Canceled => "Canceled",
        }
    }
}

/// Where an invoice is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Issued, not paid.
    Open,
    /// Paid.
    Paid,
    /// Cancelled before payment.
    Void,
}

impl InvoiceStatus {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Paid => "paid",
            Self::Void => "void",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "open" => Some(Self::Open),
            "paid" => Some(Self::Paid),
            "void" => Some(Self::Void),
            _ => None,
        }
    }
}

/// What checking out produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutResult {
    /// The new subscription.
    pub subscription_id: Uuid,
    /// The invoice to pay, for paid plans.
    pub invoice_id: Option<Uuid>,
    /// The deployment created, for plans active at once.
    pub deployment_id: Option<Uuid>,
}

/// A subscription row on the billing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRow {
    /// Id.
    pub id: Uuid,
    /// App name.
    pub app_name: String,
    /// App slug, for links.
    pub app_slug: String,
    /// Plan name.
    pub plan_name: String,
    /// Price per month.
    pub price: String,
    /// Status.
    pub status: SubscriptionStatus,
    /// Start, formatted.
    pub created: String,
}

/// An invoice row on the billing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    /// Id.
    pub id: Uuid,
    /// Human invoice number.
    pub number: String,
    /// What it is for.
    pub description: String,
    /// Amount.
    pub amount: String,
    /// Status.
    pub status: InvoiceStatus,
    /// Issue date, formatted.
    pub issued: String,
    /// Payment reference to put on the bank transfer.
    pub payment_reference: String,
}

/// The billing page in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingOverview {
    /// Subscriptions, newest first.
    pub subscriptions: Vec<SubscriptionRow>,
    /// Invoices, newest first.
    pub invoices: Vec<InvoiceRow>,
    /// Whether the viewer may pay and cancel.
    pub can_manage: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_parse_into_minor_units() {
        let m = |a: &str, c: &str| Money::parse(a, c).map(|m| m.minor);
        assert_eq!(m("12", "EUR"), Ok(1200));
        assert_eq!(m("12.5", "eur"), Ok(1250));
        assert_eq!(m("12.05", "USD"), Ok(1205));
        assert_eq!(m("0", "USD"), Ok(0));
        assert_eq!(m("1500", "JPY"), Ok(1500));
    }

    #[test]
    fn bad_prices_are_refused_with_reasons() {
        assert!(Money::parse("12.505", "EUR").is_err());
        assert!(Money::parse("12.5", "JPY").is_err());
        assert!(Money::parse("-3", "EUR").is_err());
        assert!(Money::parse("€12", "EUR").is_err());
        assert!(Money::parse("1e3", "EUR").is_err());
        assert!(Money::parse("", "EUR").is_err());
        assert!(Money::parse(".5", "EUR").is_err());
        assert!(Money::parse("12", "ZZZ").is_err());
        assert!(Money::parse("1000001", "EUR").is_err());
        assert!(Money::parse("99999999999999999999999", "EUR").is_err());
    }

    #[test]
    fn money_displays_with_its_exponent() {
        let show = |a: &str, c: &str| Money::parse(a, c).map(|m| m.display());
        assert_eq!(show("12.5", "EUR").as_deref(), Ok("12.50 EUR"));
        assert_eq!(show("0.05", "USD").as_deref(), Ok("0.05 USD"));
        assert_eq!(show("1500", "JPY").as_deref(), Ok("1500 JPY"));
        assert_eq!(show("0", "EUR").as_deref(), Ok("Free"));
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            SubscriptionStatus::PendingPayment,
            SubscriptionStatus::Active,
            SubscriptionStatus::Canceled,
        ] {
            assert_eq!(SubscriptionStatus::parse(s.as_str()), Some(s));
        }
        for s in [
            InvoiceStatus::Open,
            InvoiceStatus::Paid,
            InvoiceStatus::Void,
        ] {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(s));
        }
    }
}

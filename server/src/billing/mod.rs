//! Billing: checkout through a payment provider, subscriptions and invoices.

pub mod builtin;
pub mod provider;
pub mod rules;
pub mod service;
